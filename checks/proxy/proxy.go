// Package proxy is a hidden fact provider: the proxy AWS API calls go
// through (as the AWS SDK for Go and the doctor choose it from
// HTTPS_PROXY, NO_PROXY and friends) and the one git uses for the target
// (http.proxy, HTTPS_PROXY, ALL_PROXY, NO_PROXY, as read by githttp), each
// probed once with a CONNECT when a check first asks. A proxy that refuses, never answers, wants
// credentials or refuses the tunnel is then named by every check that
// would go through it, at once, instead of each waiting out its timeout.
package proxy

import (
	"context"
	"net"
	"net/url"
	"strings"
	"sync"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/githttp"

	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
	"github.com/codecommit-doctor/codecommit-doctor/internal/probe"
	"github.com/codecommit-doctor/codecommit-doctor/internal/proxyprobe"
)

// ID is the provider's id.
const ID = "proxy"

// Key is what the provider found.
var Key = checks.NewKey[*Facts](ID)

// Facts are the proxies AWS calls and git would go through. Each proxy is
// probed for a target the first time a check asks (and once only), within
// that check's context: a run whose checks never go through a proxy never
// touches it. A proxy found down (refused, silent, unreachable) is not
// asked again for another target.
type Facts struct {
	// AWSURL is the STS endpoint the AWS proxy is probed for.
	AWSURL string
	lookup proxyprobe.Lookup
	git    *route

	mu     sync.Mutex
	routes map[string]*route              // AWS routes by CONNECT target
	down   map[string]*proxyprobe.Verdict // proxies found down, by URL
}

// AWS is what the proxy AWS API calls to STS go through did (nil: direct).
func (f *Facts) AWS(ctx context.Context) *proxyprobe.Verdict {
	if f == nil {
		return nil
	}
	return f.AWSFor(ctx, f.AWSURL)
}

// AWSFor is what the proxy an AWS API call to rawURL goes through did
// (nil: direct).
func (f *Facts) AWSFor(ctx context.Context, rawURL string) *proxyprobe.Verdict {
	if f == nil {
		return nil
	}
	s, ok := proxyprobe.ForAWS(f.lookup, rawURL)
	if !ok {
		return nil
	}
	target := connectTarget(rawURL)
	f.mu.Lock()
	r := f.routes[target]
	if r == nil {
		r = &route{set: s, target: target}
		f.routes[target] = r
	}
	f.mu.Unlock()
	return f.verdict(ctx, r)
}

// Git is what the proxy git uses for the target did (nil: direct, or no
// HTTPS target).
func (f *Facts) Git(ctx context.Context) *proxyprobe.Verdict {
	if f == nil || f.git == nil {
		return nil
	}
	return f.verdict(ctx, f.git)
}

// route is one proxy for one target, probed once.
type route struct {
	set    proxyprobe.Setting
	target string
	once   sync.Once
	v      *proxyprobe.Verdict
}

func (f *Facts) verdict(ctx context.Context, r *route) *proxyprobe.Verdict {
	r.once.Do(func() {
		if r.set.Malformed != nil {
			r.v = r.set.Malformed
			return
		}
		key := r.set.URL.String()
		f.mu.Lock()
		d := f.down[key]
		f.mu.Unlock()
		if d != nil {
			v := *d
			v.Source, v.Target = r.set.Source, r.target
			r.v = &v
			return
		}
		r.v = proxyprobe.Probe(ctx, r.set.URL, r.set.Source, r.target)
		if proxyLevel(r.v) {
			f.mu.Lock()
			f.down[key] = r.v
			f.mu.Unlock()
		}
	})
	return r.v
}

// proxyLevel reports a failure of the proxy itself, whatever the target.
func proxyLevel(v *proxyprobe.Verdict) bool {
	switch v.Kind {
	case proxyprobe.Refused, proxyprobe.Silent, proxyprobe.Unreached:
		return true
	}
	return false
}

type provider struct{}

// New returns the provider.
func New() checks.Check { return provider{} }

func (provider) Info() checks.Info {
	return checks.Info{
		ID:     ID,
		Title:  "the proxies AWS calls and git go through",
		Hidden: true,
		After:  []checks.KeyRef{checks.TargetKey, githttp.Key},
		Gives:  []checks.KeyRef{Key},
		Needs:  checks.Needs{Network: true},
	}
}

func (provider) Run(_ context.Context, env *checks.Env) (checks.Result, error) {
	res := checks.Result{Status: checks.Pass}
	f := &Facts{AWSURL: STSURL(env), lookup: env.Sys.LookupEnv,
		routes: map[string]*route{}, down: map[string]*proxyprobe.Verdict{}}
	if t := env.TargetOf(); t.HTTPSReady() {
		if hs, ok := githttp.Key.Get(env); ok && hs.Err == nil {
			if s, ok := gitProxy(env, hs.Settings, t.InfoRefs()); ok {
				f.git = &route{set: s, target: connectTarget(t.InfoRefs())}
			}
		}
	}
	Key.Set(&res, f)
	return res, nil
}

// gitProxy is the proxy git uses for rawURL, by git's settings (ok false
// when it goes direct).
func gitProxy(env *checks.Env, s probe.Settings, rawURL string) (proxyprobe.Setting, bool) {
	if s.Proxy == "" {
		return proxyprobe.Setting{}, false
	}
	set := proxyprobe.Parse(s.Proxy, s.ProxySource)
	if set.Malformed != nil {
		return set, true
	}
	c, err := probe.New(env.Sys, s)
	if err != nil {
		// A proxy kind the probe does not speak: leave it to git.
		return proxyprobe.Setting{}, false
	}
	return set, c.ProxyFor(rawURL) != ""
}

// connectTarget is the host:port a CONNECT for rawURL asks for.
func connectTarget(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL
	}
	if u.Port() != "" {
		return u.Host
	}
	port := "443"
	if strings.EqualFold(u.Scheme, "http") {
		port = "80"
	}
	return net.JoinHostPort(u.Hostname(), port)
}

// STSURL is the STS endpoint the AWS CLI would call: AWS_ENDPOINT_URL_STS,
// else AWS_ENDPOINT_URL, else the regional endpoint for the repository's
// region (AWS_REGION, AWS_DEFAULT_REGION, else us-east-1).
func STSURL(env *checks.Env) string {
	for _, k := range []string{"AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL"} {
		if v := strings.TrimSpace(env.Sys.Getenv(k)); v != "" {
			return v
		}
	}
	region := ""
	if t := env.TargetOf(); t != nil && ccurl.RegionSupported(t.URL.Region) {
		region = t.URL.Region
	}
	for _, k := range []string{"AWS_REGION", "AWS_DEFAULT_REGION"} {
		if region == "" {
			region = env.Sys.Getenv(k)
		}
	}
	if region == "" {
		region = "us-east-1"
	}
	if strings.HasPrefix(region, "cn-") {
		return "https://sts." + region + ".amazonaws.com.cn/"
	}
	return "https://sts." + region + ".amazonaws.com/"
}

// EndpointURL is the endpoint the AWS SDK calls for service (its
// AWS_ENDPOINT_URL_ variable, e.g. AWS_ENDPOINT_URL_IAM, else
// AWS_ENDPOINT_URL, else the public endpoint: IAM's is global).
func EndpointURL(env *checks.Env, service, region string) string {
	for _, k := range []string{"AWS_ENDPOINT_URL_" + strings.ToUpper(service), "AWS_ENDPOINT_URL"} {
		if v := strings.TrimSpace(env.Sys.Getenv(k)); v != "" {
			return v
		}
	}
	suffix := ".amazonaws.com/"
	if strings.HasPrefix(region, "cn-") {
		suffix = ".amazonaws.com.cn/"
	}
	if service == "iam" && !strings.HasPrefix(region, "cn-") && !strings.HasPrefix(region, "us-gov-") {
		return "https://iam.amazonaws.com/"
	}
	return "https://" + service + "." + region + suffix
}
