package reproduce

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/checkstest"
	"github.com/codecommit-doctor/codecommit-doctor/internal/probe"
)

func TestReproduceVerdicts(t *testing.T) {
	target := reproTarget(reproURL)
	denied := map[string]checks.Result{
		"permissions": {Status: checks.Fail, Findings: []checks.Finding{{Code: "gitpull-denied", Severity: checks.Fail, Message: "alice may not GitPull MyDemoRepo.",
			Remediation: []string{"aws iam attach-user-policy --user-name alice --policy-arn arn:aws:iam::aws:policy/AWSCodeCommitPowerUser"}}}},
		"kms": {Status: checks.Pass}, "region": {Status: checks.Pass}, "credentials": {Status: checks.Pass}, "clock": {Status: checks.Pass},
	}
	allPass := map[string]checks.Result{"permissions": {Status: checks.Pass}, "kms": {Status: checks.Pass}, "region": {Status: checks.Pass}, "credentials": {Status: checks.Pass}, "clock": {Status: checks.Pass}}
	skewed := signedAnswer(403, "Forbidden")
	skewed.Resp.Date = time.Now().Add(-20 * time.Minute)
	retried := signedAnswer(403, "The request signature we calculated does not match the signature you provided.")
	retried.Retry = &reproRetry{Region: "eu-west-1", Resp: &probe.Response{Status: 200}}
	pushRefused := signedAnswer(200, "")
	pushRefused.Push = &reproPush{URL: reproURL + "/info/refs?service=git-receive-pack",
		Resp: &probe.Response{Status: 403, Body: "User: arn:aws:iam::111122223333:user/alice is not authorized to perform: codecommit:GitPush\n"}}
	pushOK := signedAnswer(200, "")
	pushOK.Push = &reproPush{URL: reproURL + "/info/refs?service=git-receive-pack", Resp: &probe.Response{Status: 200}}
	pushDenied := map[string]checks.Result{
		"permissions": {Status: checks.Warn, Findings: []checks.Finding{{Code: "gitpush-denied", Severity: checks.Warn, Message: "alice may not push to the repository.",
			Remediation: []string{"aws iam put-user-policy --user-name alice --policy-name codecommit-push-MyDemoRepo --policy-document '{}'"}}}},
	}
	noCreds := reproNative{URL: reproURL, CredErr: errors.New("no credentials for profile \"default\""), Resp: &probe.Response{Status: 401}}
	tests := []struct {
		name     string
		git      string // fixture
		gitEdit  func(*reproGit)
		native   reproNative
		deps     map[string]checks.Result
		code     string
		severity checks.Status
		mentions []string
		fixHas   string
	}{
		{name: "healthy", git: "healthy", native: signedAnswer(200, ""), code: reproOK, severity: checks.Pass,
			mentions: []string{"the AWS CLI helper answered", "401 → 200 → 200", "got 200 OK"}},
		{name: "healthy, push allowed too", git: "healthy", native: pushOK, code: reproOK, severity: checks.Pass},
		{name: "pull works, push denied", git: "healthy", native: pushRefused, code: reproPushDenied, severity: checks.Warn,
			mentions: []string{"info/refs?service=git-receive-pack", "codecommit:GitPush", "got 403, saying: User: arn:aws:iam::111122223333:user/alice is not authorized to perform: codecommit:GitPush",
				"git push fails"}, fixHas: "grants codecommit:GitPush"},
		{name: "pull works, push denied, named by the permissions check", git: "healthy", native: pushRefused, deps: pushDenied, code: reproPushDenied, severity: checks.Warn,
			mentions: []string{"The permissions check found gitpush-denied"}, fixHas: "aws iam put-user-policy --user-name alice --policy-name codecommit-push-MyDemoRepo"},
		{name: "works from a password store had", git: "healthy", native: signedAnswer(200, ""), code: reproWorksFromCache, severity: checks.Warn,
			gitEdit: func(g *reproGit) {
				g.Trace.Helpers[0].Name, g.Trace.Helpers[0].Command = "store", "git credential-store"
			}, mentions: []string{"store helper", "15 minutes"}, fixHas: "git credential reject"},
		{name: "git works, the doctor's signature is refused", git: "healthy", native: signedAnswer(403, ""), code: reproNativeDisagrees, severity: checks.Warn},
		{name: "stale password from store", git: "store-stale", native: signedAnswer(200, ""), code: reproCredentialChain, severity: checks.Fail,
			mentions: []string{"refused with 403", "store helper (git credential-store)", "got 200 OK", "`store` answered before"},
			fixHas:   "printf 'url=" + reproURL + "\\n\\n' | git credential reject"},
		{name: "the AWS helper itself refused while the doctor's works", git: "wrongsecret", native: signedAnswer(200, ""), code: reproCredentialChain, severity: checks.Fail,
			mentions: []string{"signs with other credentials or for another region"}, fixHas: "aws codecommit credential-helper get"},
		{name: "password in the URL", git: "store-stale", native: signedAnswer(200, ""), code: reproPasswordInURL, severity: checks.Fail,
			gitEdit: func(g *reproGit) {
				g.Trace.Helpers = nil
				for i := range g.Trace.Exchanges {
					g.Trace.Exchanges[i].Helper = -1
				}
			}, mentions: []string{"written in the remote URL"}},
		{name: "wrong signing region", git: "upper", native: retried, code: reproWrongRegion, severity: checks.Fail,
			mentions: []string{"signed for eu-west-1 it was accepted"}, fixHas: "aws configure set region eu-west-1"},
		{name: "clock: the service says expired", git: "clock", native: signedAnswer(403, "Signature expired: 20261126T074726Z is now earlier than ..."),
			code: reproClockSkew, severity: checks.Fail, mentions: []string{"Signature expired"}, fixHas: "timedatectl"},
		{name: "clock: the Date header is 20 minutes off", git: "clock", native: skewed, code: reproClockSkew, severity: checks.Fail,
			mentions: []string{"20m0s ahead of the server's Date header"}},
		{name: "credentials rejected", git: "wrongsecret", native: signedAnswer(403, "The security token included in the request is invalid.\n"),
			code: reproCredsRejected, severity: checks.Fail, mentions: []string{"does not accept these credentials", "security token included in the request is invalid"}},
		{name: "server side, named by the permissions check", git: "deny", native: signedAnswer(403, "User: x is not authorized"), deps: denied,
			code: reproServerDenied, severity: checks.Fail, mentions: []string{"The permissions check found gitpull-denied", "not authorized"},
			fixHas: "aws iam attach-user-policy"},
		{name: "server side, nothing found locally", git: "deny", native: signedAnswer(403, ""), deps: allPass,
			code: reproServerDenied, severity: checks.Fail, mentions: []string{"cannot see: service control policies"}},
		{name: "server side, the checks did not run", git: "deny", native: signedAnswer(403, ""),
			code: reproServerDenied, severity: checks.Fail, mentions: []string{"Not checked: permissions (not run); kms (not run)"},
			fixHas: "codecommit-doctor --only permissions,kms,region,credentials,clock"},
		{name: "403 and the doctor has no credentials", git: "deny", native: noCreds, code: reproForbidden, severity: checks.Fail,
			mentions: []string{"could not make its own signed request", "no credentials for profile"}},
		{name: "UseHttpPath missing", git: "nopath", native: signedAnswer(200, ""), code: reproHelperCrashed, severity: checks.Fail,
			mentions: []string{"`'path'`", "UseHttpPath"}, fixHas: "git config --global credential.https://git-codecommit.us-east-1.amazonaws.com.UseHttpPath true"},
		{name: "the helper has no credentials", git: "nocreds", native: noCreds, code: reproHelperCrashed, severity: checks.Fail,
			mentions: []string{"'NoneType' object has no attribute 'secret_key'"}, fixHas: "aws configure --profile"},
		{name: "aws is not on git's PATH", git: "noaws", native: signedAnswer(200, ""), code: reproHelperCrashed, severity: checks.Fail,
			mentions: []string{"aws: not found"}, fixHas: "# AWS CLI v2"},
		{name: "no helper at all", git: "nopath", native: signedAnswer(200, ""), code: reproNoCredentials, severity: checks.Fail,
			gitEdit: func(g *reproGit) { g.Trace.Helpers = nil }, mentions: []string{"No credential helper ran"}},
		{name: "repository not found", git: "notfound", native: signedAnswer(404, "Repository Nope does not exist"), code: reproRepoNotFound, severity: checks.Fail,
			mentions: []string{`repository "MyDemoRepo" was not found in us-east-1`, "404 too"}, fixHas: "aws codecommit list-repositories --region us-east-1"},
		{name: "throttled", git: "throttle", native: signedAnswer(429, "Rate exceeded"), code: reproThrottled, severity: checks.Fail, mentions: []string{"429"}},
		{name: "DNS", git: "dns", native: reproNative{Err: &probe.Error{Kind: probe.KindDNS, Op: "sending GET", Err: errors.New("no such host")}},
			code: reproDNS, severity: checks.Fail, mentions: []string{"Could not resolve host", "no such host"}, fixHas: "nslookup"},
		{name: "TLS shows the CA variables", git: "tls", native: reproNative{Settings: probe.Settings{CAInfo: "/etc/ca.pem", CAInfoSource: "GIT_SSL_CAINFO"},
			Err: &probe.Error{Kind: probe.KindTLS, Op: "sending GET", Err: errors.New("x509: certificate signed by unknown authority")}},
			code: reproTLS, severity: checks.Fail, mentions: []string{"server certificate verification failed", "GIT_SSL_CAINFO=/etc/ca.pem", "unknown authority"},
			fixHas: "unset GIT_SSL_CAINFO"},
		{name: "proxy", git: "proxy", native: reproNative{Settings: probe.Settings{Proxy: "http://127.0.0.1:1", ProxySource: "git config http.proxy"}},
			code: reproProxy, severity: checks.Fail, mentions: []string{"through the proxy git config http.proxy=http://127.0.0.1:1"}, fixHas: "--unset http.proxy"},
		{name: "connection refused", git: "closedport", native: signedAnswer(200, ""), code: reproConnect, severity: checks.Fail, mentions: []string{"Couldn't connect"}},
		{name: "git stopped at the deadline", git: "healthy", native: signedAnswer(200, ""), code: reproTimeout, severity: checks.Fail,
			gitEdit: func(g *reproGit) { g.TimedOut = 28 * time.Second }, mentions: []string{"did not finish within 28s"}},
		{name: "git cannot run", git: "healthy", native: signedAnswer(200, ""), code: reproGitNotRun, severity: checks.Error,
			gitEdit: func(g *reproGit) { g.Ran, g.RunErr = false, errors.New("git: not found on PATH") }},
		{name: "another failure", git: "healthy", native: signedAnswer(200, ""), code: reproGitFailed, severity: checks.Fail,
			gitEdit: func(g *reproGit) {
				g.Exit = 128
				g.Failure.Message = "fatal: protocol error: bad pack header"
			}, mentions: []string{"bad pack header"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := reproGitFixture(t, tt.git)
			if tt.gitEdit != nil {
				tt.gitEdit(&g)
			}
			res := reproResult(reproEnv(target, tt.deps), target, tt.native, g)
			if len(res.Findings) != 1 {
				t.Fatalf("want one verdict, got %+v", res.Findings)
			}
			f := res.Findings[0]
			if f.Code != tt.code || f.Severity != tt.severity || res.Status != tt.severity {
				t.Fatalf("verdict %s/%s (status %s), want %s/%s\n%s", f.Code, f.Severity, res.Status, tt.code, tt.severity, f.Message)
			}
			for _, m := range tt.mentions {
				if !strings.Contains(f.Message, m) {
					t.Errorf("message lacks %q:\n%s", m, f.Message)
				}
			}
			if tt.fixHas != "" && !strings.Contains(strings.Join(f.Remediation, "\n"), tt.fixHas) {
				t.Errorf("remediation lacks %q:\n%s", tt.fixHas, strings.Join(f.Remediation, "\n"))
			}
			if res.Summary == "" || res.Evidence["git_ls_remote"] == nil || res.Evidence["native_request"] == nil {
				t.Errorf("summary %q, evidence %v", res.Summary, res.Evidence)
			}
		})
	}
}

func TestReproduceInfoDocumentsEveryVerdict(t *testing.T) {
	documented := map[string]bool{}
	for _, d := range New().Info().Findings {
		if documented[d.Code] {
			t.Errorf("%s documented twice", d.Code)
		}
		documented[d.Code] = true
	}
	for _, code := range []string{reproOK, reproPushDenied, reproWorksFromCache, reproNativeDisagrees, reproCredentialChain, reproPasswordInURL,
		reproHelperCrashed, reproNoCredentials, reproWrongRegion, reproClockSkew, reproCredsRejected, reproServerDenied,
		reproForbidden, reproRepoNotFound, reproThrottled, reproDNS, reproConnect, reproTLS, reproProxy, reproTimeout,
		reproGitFailed, reproGitNotRun} {
		if !documented[code] {
			t.Errorf("%s is not documented for explain", code)
		}
	}
}

func TestReproduceEvidenceReadsTheTrace(t *testing.T) {
	target := reproTarget(reproURL)
	c := reproCase{env: reproEnv(target, nil), t: target, n: signedAnswer(200, ""), g: reproGitFixture(t, "store-stale")}
	ev := c.gitEvidence()
	if ev.AnsweredBy != "store (git credential-store)" || len(ev.HelpersRun) != 1 || ev.HelpersRun[0] != "git credential-store get" {
		t.Errorf("helpers: %+v", ev)
	}
	if len(ev.HTTP) != 2 || !strings.HasSuffix(ev.HTTP[0], "→ 401 Unauthorized") ||
		!strings.Contains(ev.HTTP[1], "[password from store] → 403 Forbidden") {
		t.Errorf("http: %q", ev.HTTP)
	}
	if !strings.HasPrefix(ev.Fatal, "fatal: unable to access") || ev.ExitCode == nil || *ev.ExitCode != 128 {
		t.Errorf("fatal %q exit %v", ev.Fatal, ev.ExitCode)
	}
	tls := reproCase{env: reproEnv(target, nil), t: target, g: reproGitFixture(t, "tls")}
	if ev := tls.gitEvidence(); len(ev.Curl) == 0 || !strings.Contains(strings.Join(ev.Curl, "\n"), "verification failed") {
		t.Errorf("curl errors: %q", ev.Curl)
	}
}

func TestReproduceSkips(t *testing.T) {
	for _, url := range []string{"codecommit::us-east-1://MyDemoRepo", "ssh://git-codecommit.us-east-1.amazonaws.com/v1/repos/MyDemoRepo"} {
		target := reproTarget(url)
		res, err := New().Run(t.Context(), reproEnv(target, nil))
		if err != nil || res.Status != checks.Skip {
			t.Errorf("%s: %+v, %v", url, res, err)
		}
	}
	res, err := New().Run(t.Context(), &checks.Env{Sys: checkstest.Sys{}})
	if err != nil || res.Status != checks.Skip || res.Summary != checks.NoTargetReason {
		t.Errorf("no target: %+v, %v", res, err)
	}
}
