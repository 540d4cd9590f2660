package remote

import (
	"strings"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/checkstest"
	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
)

func run(t *testing.T, opts checks.Options) checks.Result {
	t.Helper()
	env := &checks.Env{Sys: checkstest.Sys{}, Options: opts}
	res, err := checkstest.Run(t, New(), env)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// remediation is every step of every finding.
func remediation(r checks.Result) string {
	var b strings.Builder
	for _, f := range r.Findings {
		for _, step := range f.Remediation {
			b.WriteString(step + "\n")
		}
	}
	return b.String()
}

func TestNotCodeCommitGivesNoTarget(t *testing.T) {
	for _, url := range []string{
		"https://github.com/org/app.git",
		"git@github.com:org/app.git",
		"https://git.example.com/v1/repos/App",
		"https://git-codecommit.us-east-1.amazonaws.com.example.net/v1/repos/App",
		"/srv/git/app.git",
	} {
		res := run(t, checks.Options{RepoURL: url})
		if tg, ok := checks.TargetKey.In(res); ok && tg != nil {
			t.Errorf("%s: a target was given", url)
		}
		n, ok := checks.NoTargetKey.In(res)
		if !ok || n == nil || n.Reason == "" {
			t.Errorf("%s: no reason for the missing target", url)
		}
		if res.Status != checks.Fail {
			t.Errorf("%s: status %s, want fail", url, res.Status)
		}
		if fix := remediation(res); fix != "" {
			t.Errorf("%s: a fix was proposed for a host that is not CodeCommit:\n%s", url, fix)
		}
	}
}

func TestFixesKeepTheRules(t *testing.T) {
	const h = "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/"
	for _, tc := range []struct{ url, code string }{
		{h + "R%C3%A9po-x", "url-invalid-repository-name"},
		{h + "team%2Fapp", "url-invalid-repository-name"},
		{h + "team%2Fapp/", "url-trailing-slash"},
		{h + "My%20Repo.git", "url-git-suffix"},
	} {
		res := run(t, checks.Options{RepoURL: tc.url})
		if !res.Has(tc.code) {
			t.Errorf("%s: codes %s, want %s", tc.url, checkstest.Codes(res), tc.code)
		}
		fix := remediation(res)
		if strings.Contains(fix, "Use the URL") || strings.Contains(fix, "set-url") {
			t.Errorf("%s: a URL was proposed that still breaks the naming rules:\n%s", tc.url, fix)
		}
		if strings.Contains(fix, h+"team") {
			t.Errorf("%s: another repository was proposed:\n%s", tc.url, fix)
		}
		if !strings.Contains(fix, "aws codecommit list-repositories --region us-east-1") {
			t.Errorf("%s: no way to look the name up:\n%s", tc.url, fix)
		}
	}
	// A valid name keeps getting its corrected URL.
	res := run(t, checks.Options{RepoURL: h + "Repo.git"})
	if fix := remediation(res); !strings.Contains(fix, "Use the URL "+h+"Repo\n") {
		t.Errorf("no corrected URL for Repo.git:\n%s", fix)
	}
}

func TestConsoleURL(t *testing.T) {
	const console = "https://us-east-1.console.aws.amazon.com/codesuite/codecommit/repositories/MyDemoRepo/browse?region=us-east-1"
	res := run(t, checks.Options{RepoURL: console})
	tg, ok := checks.TargetKey.In(res)
	if !ok || tg == nil {
		t.Fatalf("no target for a console URL: %s", checkstest.Text(res))
	}
	if got, want := tg.URL.Display, "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/MyDemoRepo"; got != want {
		t.Errorf("target %s, want %s", got, want)
	}
	if tg.Source != "argument (console URL)" {
		t.Errorf("source %q", tg.Source)
	}
	if checkstest.CodeMap(res)["url-console-url"] != checks.Warn {
		t.Errorf("codes %v", checkstest.CodeMap(res))
	}
	// No region anywhere: placeholders, no target; --region completes it.
	const global = "https://console.aws.amazon.com/codesuite/codecommit/repositories/MyDemoRepo/browse"
	res = run(t, checks.Options{RepoURL: global})
	if tg, _ := checks.TargetKey.In(res); tg != nil || res.Status != checks.Fail {
		t.Errorf("console URL without a region: target %v, status %s", tg, res.Status)
	}
	if fix := remediation(res); !strings.Contains(fix, "git-codecommit.REGION.amazonaws.com/v1/repos/MyDemoRepo") {
		t.Errorf("no placeholder URL:\n%s", fix)
	}
	res = run(t, checks.Options{RepoURL: global, Region: "eu-west-1"})
	if tg, _ := checks.TargetKey.In(res); tg == nil || tg.URL.Region != "eu-west-1" {
		t.Errorf("--region does not complete the console URL: %s", checkstest.Text(res))
	}
}

func TestChooseRemote(t *testing.T) {
	rs := func(pairs ...string) []gitRemote {
		var out []gitRemote
		for i := 0; i < len(pairs); i += 2 {
			out = append(out, gitRemote{name: pairs[i], url: ccurl.Parse(pairs[i+1])})
		}
		return out
	}
	const gh, cc1, cc2 = "https://github.com/o/a.git", "https://git-codecommit.us-east-2.amazonaws.com/v1/repos/A", "https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/B"
	env := &checks.Env{Sys: checkstest.Sys{}}
	for _, tc := range []struct {
		name    string
		remotes []gitRemote
		tracked string
		want    string // chosen remote, "" for none
	}{
		{"origin github, cc", rs("origin", gh, "cc", cc1), "", "cc"},
		{"config order", rs("origin", gh, "z", cc2, "a", cc1), "", "z"},
		{"tracked wins", rs("origin", gh, "z", cc2, "a", cc1), "a", "a"},
		{"tracked github passed over", rs("origin", gh, "z", cc2), "origin", "z"},
		{"origin codecommit", rs("up", cc2, "origin", cc1), "", "origin"},
		{"console remote counts", rs("origin", gh, "web", "https://us-east-1.console.aws.amazon.com/codesuite/codecommit/repositories/A/browse?region=us-east-1"), "", "web"},
		{"none", rs("origin", gh, "lab", "git@gitlab.com:o/a.git"), "", ""},
	} {
		f := chooseRemote(env, "/c", "", tc.remotes, tc.tracked)
		got := ""
		if f.target != nil && f.noTarget == "" {
			got = f.target.RemoteName
		}
		if got != tc.want {
			t.Errorf("%s: chose %q, want %q (%+v)", tc.name, got, tc.want, f)
		}
		if tc.want == "" && (len(f.findings) != 1 || f.findings[0].Code != "no-codecommit-remote" ||
			!strings.Contains(f.findings[0].Message, "origin (github.com), lab (gitlab.com)")) {
			t.Errorf("%s: findings %+v", tc.name, f.findings)
		}
	}
}
