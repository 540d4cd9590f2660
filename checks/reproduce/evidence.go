package reproduce

import (
	"fmt"
	"strings"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/checks"

	"github.com/codecommit-doctor/codecommit-doctor/internal/gittrace"
)

// reproGitEvidence is what the traced ls-remote showed.
type reproGitEvidence struct {
	Command      string   `json:"command"`
	Dir          string   `json:"dir,omitempty"`
	ExitCode     *int     `json:"exit_code,omitempty"`
	TimedOut     string   `json:"timed_out_after,omitempty"`
	Error        string   `json:"error,omitempty"`
	HelpersRun   []string `json:"helpers_run,omitempty"`
	AnsweredBy   string   `json:"answered_by,omitempty"`
	HTTP         []string `json:"http,omitempty"`
	HelperOutput []string `json:"helper_output,omitempty"`
	Curl         []string `json:"curl_errors,omitempty"`
	Fatal        string   `json:"fatal,omitempty"`
	Refs         int      `json:"refs,omitempty"`
}

// reproNativeEvidence is what the doctor's own request showed.
type reproNativeEvidence struct {
	URL           string   `json:"url"`
	Proxy         string   `json:"proxy,omitempty"`
	NoProxy       string   `json:"no_proxy,omitempty"`
	CABundle      string   `json:"ca_bundle,omitempty"`
	SSLVerify     string   `json:"ssl_verify,omitempty"`
	Resolve       []string `json:"curlopt_resolve,omitempty"`
	ConnectedTo   string   `json:"connected_to,omitempty"`
	Profile       string   `json:"profile,omitempty"`
	ProfileSource string   `json:"profile_source,omitempty"`
	SigningRegion string   `json:"signing_region,omitempty"`
	RegionSource  string   `json:"signing_region_source,omitempty"`
	AccessKeyID   string   `json:"access_key_id,omitempty"`
	Credentials   string   `json:"credentials_error,omitempty"`
	Status        int      `json:"status,omitempty"`
	ServerSays    string   `json:"server_says,omitempty"`
	ServerDate    string   `json:"server_date,omitempty"`
	Error         string   `json:"error,omitempty"`
	RetryRegion   string   `json:"retry_region,omitempty"`
	RetryStatus   int      `json:"retry_status,omitempty"`
	PushURL       string   `json:"push_url,omitempty"`
	PushStatus    int      `json:"push_status,omitempty"`
	PushSays      string   `json:"push_server_says,omitempty"`
	PushError     string   `json:"push_error,omitempty"`
}

// maxTraceEvidence bounds the lists quoted from the trace.
const maxTraceEvidence = 12

func (c reproCase) addEvidence(res *checks.Result) {
	res.AddEvidence("git_ls_remote", c.gitEvidence())
	res.AddEvidence("native_request", c.nativeEvidence())
	if c.g.Failure.Kind == gittrace.KindTLS || c.n.transport() != nil && c.n.transport().Kind == "tls" {
		res.AddEvidence("ca_environment", c.caEnvironment())
	}
}

func (c reproCase) gitEvidence() reproGitEvidence {
	g := c.g
	ev := reproGitEvidence{Command: g.Command, Dir: g.Dir, Refs: g.Refs}
	if g.RunErr != nil {
		ev.Error = c.env.Redact(g.RunErr.Error())
	}
	if g.TimedOut > 0 {
		ev.TimedOut = g.TimedOut.Round(time.Second).String()
	}
	if g.Ran && g.TimedOut == 0 {
		code := g.Exit
		ev.ExitCode = &code
	}
	tr := g.Trace
	if tr == nil {
		return ev
	}
	for _, h := range tr.Helpers {
		if len(ev.HelpersRun) < maxTraceEvidence {
			ev.HelpersRun = append(ev.HelpersRun, h.Command+" "+h.Action)
		}
		for _, line := range h.Output {
			if len(ev.HelperOutput) < maxTraceEvidence {
				ev.HelperOutput = append(ev.HelperOutput, h.Name+": "+checks.Excerpt(line))
			}
		}
	}
	if h, ok := tr.Answered(); ok {
		ev.AnsweredBy = h.Name + " (" + h.Command + ")"
	} else if tr.AuthenticatedWithoutHelper() {
		ev.AnsweredBy = "no helper: credentials from the URL"
	}
	for _, e := range tr.Exchanges {
		if len(ev.HTTP) >= maxTraceEvidence {
			break
		}
		line := e.Method + " " + e.Target
		if e.Authenticated {
			from := "credentials"
			if e.Helper >= 0 && e.Helper < len(tr.Helpers) {
				from = "password from " + tr.Helpers[e.Helper].Name
			}
			line += " [" + from + "]"
		}
		status := "no response"
		if e.Status != 0 {
			status = fmt.Sprintf("%d %s", e.Status, e.Reason)
		}
		ev.HTTP = append(ev.HTTP, line+" → "+strings.TrimSpace(status))
	}
	for _, info := range tr.Info {
		if reproNotableCurl(info) && len(ev.Curl) < maxTraceEvidence {
			ev.Curl = append(ev.Curl, checks.Excerpt(info))
		}
	}
	ev.Fatal = checks.Excerpt(tr.Fatal)
	return ev
}

// reproNotableCurl keeps curl messages that explain a failure.
func reproNotableCurl(info string) bool {
	l := strings.ToLower(info)
	for _, w := range []string{"could not resolve", "failed to connect", "connect to", "refused", "timed out",
		"certificate", "ssl", "tls", "proxy", "407", "unreachable"} {
		if strings.Contains(l, w) && !strings.Contains(l, "verification ok") && !strings.Contains(l, "found ") &&
			!strings.Contains(l, "ssl connection using") && !strings.HasPrefix(l, "certificate ") {
			return true
		}
	}
	return false
}

func (c reproCase) nativeEvidence() reproNativeEvidence {
	n := c.n
	s := n.Settings
	ev := reproNativeEvidence{URL: n.URL, NoProxy: s.NoProxy, Resolve: s.Resolve,
		Profile: n.Profile, ProfileSource: n.ProfileSource, SigningRegion: n.Region, RegionSource: n.RegionSource, AccessKeyID: n.KeyID}
	if p := c.proxyUsed(); p != "" {
		ev.Proxy = p
	}
	if s.CAInfo != "" {
		ev.CABundle = s.CAInfo + " (" + s.CAInfoSource + ")"
	}
	if !s.Verify && s.VerifySource != "" {
		ev.SSLVerify = "off (" + s.VerifySource + ")"
	}
	if n.CredErr != nil {
		ev.Credentials = c.env.Redact(n.CredErr.Error())
	}
	if n.Err != nil {
		ev.Error = c.env.Redact(n.Err.Error())
	}
	if r := n.Resp; r != nil {
		ev.Status, ev.ConnectedTo = r.Status, r.Addr
		if r.Status >= 400 {
			ev.ServerSays = checks.Excerpt(c.env.Redact(checks.FirstLine(r.Body)))
		}
		if !r.Date.IsZero() {
			ev.ServerDate = r.Date.UTC().Format(time.RFC1123)
		}
	}
	if p := n.Push; p != nil {
		ev.PushURL, ev.PushStatus = p.URL, p.status()
		if p.Resp != nil && p.Resp.Status >= 400 {
			ev.PushSays = checks.Excerpt(c.env.Redact(checks.FirstLine(p.Resp.Body)))
		}
		if p.Err != nil {
			ev.PushError = c.env.Redact(p.Err.Error())
		}
	}
	if r := n.Retry; r != nil {
		ev.RetryRegion = r.Region
		if r.Resp != nil {
			ev.RetryStatus = r.Resp.Status
		}
	}
	return ev
}
