package reproduce

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/chain"
	"github.com/codecommit-doctor/codecommit-doctor/checks/githttp"
	"github.com/codecommit-doctor/codecommit-doctor/checks/signing"

	"github.com/codecommit-doctor/codecommit-doctor/internal/probe"
	"github.com/codecommit-doctor/codecommit-doctor/internal/redact"
	"github.com/codecommit-doctor/codecommit-doctor/internal/signer"
)

// reproNativeTimeout bounds the native probe (settings, credentials and at
// most two requests).
const reproNativeTimeout = 20 * time.Second

// reproNative is what the doctor's own signed request found.
type reproNative struct {
	URL      string
	Settings probe.Settings
	// Profile and Region are what the request was signed for, as the
	// helper would; the sources say who chose them.
	Profile, ProfileSource string
	Region, RegionSource   string
	KeyID                  string // masked
	// CredErr says why no credentials could be loaded (then the request
	// went without them, to see whether the endpoint answers at all).
	CredErr error
	Signed  bool
	Resp    *probe.Response
	Err     error // a *probe.Error, or reading git's settings failed
	// Retry is the same request signed for the repository's region, made
	// when the first was refused and the regions differ.
	Retry *reproRetry
	// Push is the first request of every git push, GET
	// info/refs?service=git-receive-pack, signed with the same password and
	// sent alongside the pull request. CodeCommit authorizes it as
	// codecommit:GitPush; it only reads the ref advertisement and changes
	// nothing. Nil when no signed request was made.
	Push *reproPush
}

// reproPush is what the push advertisement request got.
type reproPush struct {
	URL  string
	Resp *probe.Response
	Err  error
}

// status is the push request's HTTP status (0 without an answer).
func (p *reproPush) status() int {
	if p == nil || p.Resp == nil {
		return 0
	}
	return p.Resp.Status
}

// pushInfoRefs is the URL of the first request of every push.
func pushInfoRefs(t *checks.Target) string {
	return t.HTTPSURL() + "/info/refs?service=git-receive-pack"
}

// reproRetry is the request signed for another region.
type reproRetry struct {
	Region string
	Resp   *probe.Response
	Err    error
}

func (n reproNative) status() int {
	if n.Resp == nil {
		return 0
	}
	return n.Resp.Status
}

// accepted reports whether the signed request was let in.
func (n reproNative) accepted() bool { return n.Signed && n.Resp != nil && n.Resp.Status/100 == 2 }

// refused reports whether the signed request was refused (401 or 403).
func (n reproNative) refused() bool {
	return n.Signed && n.Resp != nil && (n.Resp.Status == 401 || n.Resp.Status == 403)
}

// transport returns the probe's transport failure, if that is what
// happened.
func (n reproNative) transport() *probe.Error {
	var pe *probe.Error
	if errors.As(n.Err, &pe) {
		return pe
	}
	return nil
}

// runReproNative signs and sends the request as the helper and git would.
func runReproNative(ctx context.Context, env *checks.Env, t *checks.Target) reproNative {
	ctx, cancel := context.WithTimeout(ctx, reproNativeTimeout)
	defer cancel()
	n := reproNative{URL: t.InfoRefs()}
	sign, ok := signing.Key.Get(env)
	if !ok {
		n.Err = fmt.Errorf("the signing profile and region were not worked out")
		return n
	}
	hs, ok := githttp.Key.Get(env)
	if !ok {
		n.Err = fmt.Errorf("git's HTTP settings for %s were not read", t.URL.Display)
		return n
	}
	var creds signer.Credentials
	creds, n.CredErr = reproCredentials(ctx, env, sign)
	n.Settings = hs.Settings
	n.Profile, n.ProfileSource = sign.Profile, sign.ProfileSource
	if hs.Err != nil {
		n.Err = hs.Err
		return n
	}
	client, err := probe.New(env.Sys, hs.Settings)
	if err != nil {
		n.Err = err
		return n
	}
	req, err := chain.RequestFor(t)
	if err != nil {
		n.Err = err
		return n
	}
	n.Region, n.RegionSource = sign.Region, sign.RegionSource
	if n.CredErr == nil && n.Region == "" {
		n.CredErr = fmt.Errorf("no region to sign for: the host names none, and neither the helper's --region nor the profile sets one")
	}
	if n.CredErr != nil {
		resp, err := client.Do(ctx, probe.Request{URL: n.URL}, env.Sys.Now)
		n.Resp, n.Err = respPtr(resp, err), err
		return n
	}
	n.KeyID = redact.MaskAccessKeyID(creds.AccessKeyID)
	n.Signed = true
	// The push advertisement goes out at the same time as the pull
	// request: one more round trip, not a longer check.
	push := &reproPush{URL: pushInfoRefs(t)}
	pushed := make(chan struct{})
	go func() {
		defer close(pushed)
		resp, err := reproSend(ctx, env, client, push.URL, creds, req.Host, req.Path, n.Region)
		push.Resp, push.Err = respPtr(resp, err), err
	}()
	resp, err := reproSend(ctx, env, client, n.URL, creds, req.Host, req.Path, n.Region)
	n.Resp, n.Err = respPtr(resp, err), err
	<-pushed
	n.Push = push
	if other := reproRepositoryRegion(env, t); n.refused() && other != "" && other != n.Region {
		resp, err := reproSend(ctx, env, client, n.URL, creds, req.Host, req.Path, other)
		n.Retry = &reproRetry{Region: other, Resp: respPtr(resp, err), Err: err}
	}
	return n
}

// reproSend signs like the AWS CLI helper (host as git sends it, the path
// the helper signs) and sends the request.
func reproSend(ctx context.Context, env *checks.Env, c *probe.Client, url string, creds signer.Credentials, host, gitPath, region string) (probe.Response, error) {
	user, pass := signer.Sign(creds, host, signer.HelperPath(gitPath), region, env.Sys.Now())
	return c.Do(ctx, probe.Request{URL: url, Username: user, Password: pass}, env.Sys.Now)
}

func respPtr(r probe.Response, err error) *probe.Response {
	if err != nil && r.Status == 0 {
		return nil
	}
	return &r
}

// reproRepositoryRegion is the region the repository lives in, as far as
// the URL or --region says ("" when neither does).
func reproRepositoryRegion(env *checks.Env, t *checks.Target) string {
	if t.URL.Region != "" {
		return strings.ToLower(t.URL.Region)
	}
	return env.Options.Region
}
