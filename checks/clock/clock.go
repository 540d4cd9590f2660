package clock

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/credentials"
	"github.com/codecommit-doctor/codecommit-doctor/checks/githttp"
	"github.com/codecommit-doctor/codecommit-doctor/checks/proxy"

	"github.com/codecommit-doctor/codecommit-doctor/internal/neterr"
	"github.com/codecommit-doctor/codecommit-doctor/internal/phrase"
	"github.com/codecommit-doctor/codecommit-doctor/internal/probe"
	"github.com/codecommit-doctor/codecommit-doctor/internal/proxyprobe"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
)

// Clock thresholds. The helper's password carries the local time and the
// git endpoint accepts it within about 15 minutes of its own clock; AWS
// APIs signed by the SDK and the CLI (STS, SSO, IAM) accept only 5 minutes.
const (
	clockWarnAfter = time.Minute
	clockFailAfter = 5 * time.Minute
	// clockRequestTimeout bounds each time source.
	clockRequestTimeout = 5 * time.Second
)

// ID is the check's id.
const ID = "clock"

// Key is what the clock check tells later checks (reproduce).
var Key = checks.NewKey[*Facts](ID)

// NoNetworkKey is published when the clock said in full that the machine
// has no network (the credentials check had not).
var NoNetworkKey = checks.NewKey[*neterr.Seen](ID)

// Facts are the local clock's offset from AWS time.
type Facts struct {
	// Offset is local time minus AWS time (positive: the local clock is
	// ahead).
	Offset time.Duration
	// Uncertainty bounds the error of Offset (half the round trip plus the
	// Date header's one-second resolution).
	Uncertainty time.Duration
	// Source is the URL whose Date header was used.
	Source string
}

type clockCheck struct{}

// New returns the `clock` check, which compares the local clock with
// the Date header of an AWS response.
func New() checks.Check { return clockCheck{} }

func (clockCheck) Info() checks.Info {
	return checks.Info{
		ID:    ID,
		Title: "The local clock agrees with AWS",
		Description: "Sends one unauthenticated request to the STS endpoint (AWS_ENDPOINT_URL_STS, else AWS_ENDPOINT_URL, else " +
			"https://sts.REGION.amazonaws.com for the repository's region) through the proxy and CA bundle the AWS CLI would use, " +
			"and, at the same time, to the repository's git endpoint through git's own HTTP settings; compares the local time at " +
			"the middle of the round trip with the response's Date header (STS preferred). Warns beyond 1 minute (a password " +
			"signed now is already that old to the service) and fails beyond 5 minutes (AWS API calls signed by the CLI and SDKs " +
			"are refused beyond 5 minutes; the git endpoint refuses helper passwords beyond about 15).",
		// After credentials: when it found no network, it said so in
		// full, and the clock says it short.
		After: []checks.KeyRef{checks.TargetKey, githttp.Key, credentials.NoNetworkKey, proxy.Key},
		Gives: []checks.KeyRef{Key, NoNetworkKey},
		Needs: checks.Needs{Network: true},
		Findings: []checks.FindingDoc{
			{Code: "clock-ok", Severity: checks.Pass, Meaning: "The local clock is within a minute of AWS time."},
			{Code: "clock-skew-warning", Severity: checks.Warn, Meaning: "The local clock is between 1 and 5 minutes off AWS time: it still works, but every helper password starts out that old.", Remediation: remedy.ClockFix("linux")},
			{Code: "clock-skew", Severity: checks.Fail, Meaning: "The local clock is more than 5 minutes off AWS time: AWS API calls fail with RequestExpired or Signature expired, and beyond about 15 minutes every helper password is refused with 403.", Remediation: remedy.ClockFix("linux")},
			{Code: "clock-unknown", Severity: checks.Error, Meaning: "No AWS endpoint answered with a Date header, so the clock could not be compared.", Remediation: []string{"Check HTTPS_PROXY / NO_PROXY and AWS_ENDPOINT_URL_STS, then run the check again."}},
		},
	}
}

// clockSample is one Date header read.
type clockSample struct {
	URL     string
	Offset  time.Duration
	RTT     time.Duration
	Date    time.Time
	Local   time.Time
	Proxy   string
	Err     error
	NoDate  bool
	Status  int
	Skipped string
	// Blocked is the proxy that stops requests to URL: no request was sent.
	Blocked *proxyprobe.Verdict
}

func (clockCheck) Run(ctx context.Context, env *checks.Env) (checks.Result, error) {
	stsURL := clockSTSURL(env)
	var sts, git clockSample
	var wg sync.WaitGroup
	wg.Add(2)
	pf, _ := proxy.Key.Get(env)
	go func() {
		defer wg.Done()
		if v := pf.AWS(ctx); v.Broken() {
			sts = clockSample{URL: stsURL, Proxy: v.Proxy, Blocked: v}
			return
		}
		sts = clockSampleFrom(ctx, env, stsURL, func() (probe.Settings, error) { return probe.AWSSettings(env.Sys, stsURL), nil })
	}()
	go func() {
		defer wg.Done()
		t := env.TargetOf()
		hs, ok := githttp.Key.Get(env)
		if !t.HTTPSReady() || !ok {
			git.Skipped = "no HTTPS repository"
			return
		}
		if v := pf.Git(ctx); v.Broken() {
			git = clockSample{URL: t.InfoRefs(), Proxy: v.Proxy, Blocked: v}
			return
		}
		git = clockSampleFrom(ctx, env, t.InfoRefs(), func() (probe.Settings, error) { return hs.Settings, hs.Err })
	}()
	wg.Wait()
	var res checks.Result
	res.AddEvidence("sts", clockEvidence(env, sts))
	if git.Skipped == "" {
		res.AddEvidence("git_endpoint", clockEvidence(env, git))
	}
	best := sts
	if best.Err != nil || best.NoDate || best.Blocked != nil {
		best = git
	}
	if best.Skipped != "" || best.Err != nil || best.NoDate || best.Blocked != nil {
		if clockNoNetwork(sts, git) {
			return clockNoNetworkResult(env, res, sts), nil
		}
		if v := clockBlocked(sts, git); v != nil {
			return clockProxyResult(env, res, sts, git, v), nil
		}
		why := "STS: " + clockFailure(env, sts)
		if git.Skipped == "" {
			why += "; git endpoint: " + clockFailure(env, git)
		}
		res.Add(checks.Finding{Code: "clock-unknown", Severity: checks.Error,
			Message:     "No AWS endpoint answered with a Date header (" + why + ").",
			Remediation: []string{"Check HTTPS_PROXY / NO_PROXY and AWS_ENDPOINT_URL_STS, then run: codecommit-doctor --only clock"}})
		res.Summary = "could not read AWS time"
		return res, nil
	}
	unc := best.RTT/2 + 500*time.Millisecond
	Key.Set(&res, &Facts{Offset: best.Offset, Uncertainty: unc, Source: best.URL})
	off := phrase.Abs(best.Offset)
	desc := fmt.Sprintf("the local clock is %s %s AWS time (±%s, from the Date header of %s)",
		best.Offset.Round(time.Second).Abs(), phrase.AheadBehind(best.Offset), unc.Round(100*time.Millisecond), best.URL)
	if off < time.Second {
		desc = fmt.Sprintf("the local clock agrees with AWS time (±%s, from the Date header of %s)", unc.Round(100*time.Millisecond), best.URL)
	}
	goos := env.Sys.GOOS()
	switch {
	case off > clockFailAfter:
		res.Add(checks.Finding{Code: "clock-skew", Severity: checks.Fail,
			Message: strings.ToUpper(desc[:1]) + desc[1:] + ". Beyond 5 minutes AWS refuses API requests signed by the CLI and SDKs; " +
				"beyond about 15 minutes the git endpoint refuses every helper password with 403.",
			Remediation: remedy.ClockFix(goos)})
		res.Summary = fmt.Sprintf("clock off by %s", best.Offset.Round(time.Second).Abs())
	case off > clockWarnAfter:
		res.Add(checks.Finding{Code: "clock-skew-warning", Severity: checks.Warn,
			Message:     strings.ToUpper(desc[:1]) + desc[1:] + ": a helper password is already that old when it is made.",
			Remediation: remedy.ClockFix(goos)})
		res.Summary = fmt.Sprintf("clock off by %s", best.Offset.Round(time.Second).Abs())
	default:
		res.Status = checks.Pass
		res.Summary = desc
	}
	return res, nil
}

// clockSTSURL is the STS endpoint the AWS CLI would call.
func clockSTSURL(env *checks.Env) string { return proxy.STSURL(env) }

// clockSampleFrom sends one request and reads the Date header.
func clockSampleFrom(ctx context.Context, env *checks.Env, url string, settings func() (probe.Settings, error)) clockSample {
	ctx, cancel := context.WithTimeout(ctx, clockRequestTimeout)
	defer cancel()
	s := clockSample{URL: url}
	st, err := settings()
	if err != nil {
		s.Err = err
		return s
	}
	c, err := probe.New(env.Sys, st)
	if err != nil {
		s.Err = err
		return s
	}
	s.Proxy = c.ProxyFor(url)
	resp, err := c.Do(ctx, probe.Request{URL: url}, env.Sys.Now)
	if err != nil {
		s.Err = err
		return s
	}
	s.Status = resp.Status
	if resp.Date.IsZero() {
		s.NoDate = true
		return s
	}
	s.RTT = resp.Received.Sub(resp.Sent)
	s.Local = resp.Sent.Add(s.RTT / 2)
	s.Date = resp.Date
	// The header has whole seconds: the server's time was in [Date, Date+1s).
	s.Offset = s.Local.Sub(resp.Date.Add(500 * time.Millisecond))
	return s
}

func clockFailure(env *checks.Env, s clockSample) string {
	switch {
	case s.Skipped != "":
		return s.Skipped
	case s.Blocked != nil:
		return env.Redact(s.Blocked.Words())
	case s.Err != nil:
		// In words: the raw error is the evidence's.
		return env.Redact(neterr.Plain(s.Err))
	case s.NoDate:
		return fmt.Sprintf("%s answered %d without a Date header", s.URL, s.Status)
	}
	return "ok"
}

func clockEvidence(env *checks.Env, s clockSample) map[string]any {
	ev := map[string]any{"url": env.Redact(s.URL)}
	if s.Proxy != "" {
		ev["proxy"] = env.Redact(s.Proxy)
	}
	switch {
	case s.Skipped != "":
		ev["skipped"] = s.Skipped
	case s.Blocked != nil:
		ev["error"] = clockFailure(env, s)
	case s.Err != nil:
		ev["error"] = env.Redact(s.Err.Error())
	case s.NoDate:
		ev["error"] = clockFailure(env, s)
	default:
		ev["status"] = s.Status
		ev["server_date"] = s.Date.UTC().Format(time.RFC1123)
		ev["local_time"] = s.Local.UTC().Format("Mon, 02 Jan 2006 15:04:05.000 MST")
		ev["offset"] = s.Offset.Round(time.Millisecond).String()
		ev["round_trip"] = s.RTT.Round(time.Millisecond).String()
	}
	return ev
}

// clockNoNetwork reports whether every time source failed because the
// machine has no network.
func clockNoNetwork(samples ...clockSample) bool {
	seen := false
	for _, s := range samples {
		if s.Skipped != "" {
			continue
		}
		if s.Blocked != nil {
			return false
		}
		if k, _ := neterr.Describe(s.Err); k != neterr.NoNetwork {
			return false
		}
		seen = true
	}
	return seen
}

// clockNoNetworkResult says there is no network: short when the
// credentials check said it already, else in full (once, here).
func clockNoNetworkResult(env *checks.Env, res checks.Result, sts clockSample) checks.Result {
	if seen, ok := credentials.NoNetworkKey.Get(env); ok {
		res.Add(checks.Finding{Code: "clock-unknown", Severity: checks.Error, Message: "AWS time could not be read: " + seen.Short() + "."})
		res.Summary = "could not read AWS time: " + seen.Short()
		return res
	}
	_, words := neterr.Describe(sts.Err)
	res.Add(checks.Finding{Code: "clock-unknown", Severity: checks.Error, Message: "AWS time could not be read: " + words + ".",
		Remediation: remedy.NoNetwork()})
	res.Summary = "could not read AWS time: no network"
	NoNetworkKey.Set(&res, &neterr.Seen{Check: ID})
	return res
}

// clockBlocked is the proxy that stopped a time source (the first one).
func clockBlocked(samples ...clockSample) *proxyprobe.Verdict {
	for _, s := range samples {
		if s.Blocked != nil {
			return s.Blocked
		}
	}
	return nil
}

// clockProxyResult names the proxy that stopped the requests, with a fix
// for it.
func clockProxyResult(env *checks.Env, res checks.Result, sts, git clockSample, v *proxyprobe.Verdict) checks.Result {
	why := "STS: " + clockFailure(env, sts)
	if git.Skipped == "" {
		why += "; git endpoint: " + clockFailure(env, git)
	}
	res.Add(checks.Finding{Code: "clock-unknown", Severity: checks.Error,
		Message: "No AWS endpoint answered with a Date header (" + why + ").", Remediation: proxy.Fix(v)})
	res.Summary = "could not read AWS time: " + env.Redact(v.Words())
	return res
}
