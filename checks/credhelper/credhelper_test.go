package credhelper

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/chain"
	"github.com/codecommit-doctor/codecommit-doctor/checks/checkstest"
	"github.com/codecommit-doctor/codecommit-doctor/internal/gitcred"
)

const credTestURL = "https://git-codecommit.us-east-2.amazonaws.com/v1/repos/MyDemoRepo"

func TestCredentialHelperFindings(t *testing.T) {
	const aws = "!aws codecommit credential-helper $@"
	tests := []struct {
		name, system, global, git string
		goos                      string
		awsConfig                 string
		want                      map[string]checks.Status
		status                    checks.Status
	}{
		{name: "healthy", global: "[credential \"https://git-codecommit.*.amazonaws.com\"]\n\thelper =\n\thelper = " + aws + "\n\tUseHttpPath = true\n",
			want: map[string]checks.Status{}, status: checks.Pass},
		{name: "nothing", want: map[string]checks.Status{"no-aws-helper": checks.Fail, "use-http-path-missing": checks.Fail}, status: checks.Fail},
		{name: "osxkeychain first", system: "[credential]\n\thelper = osxkeychain\n", global: "[credential]\n\thelper = " + aws + "\n\tUseHttpPath = true\n",
			want: map[string]checks.Status{"helper-before-aws": checks.Fail}, status: checks.Fail},
		{name: "cache after", global: "[credential]\n\thelper = " + aws + "\n\thelper = cache\n\tUseHttpPath = true\n",
			want: map[string]checks.Status{"caching-helper-after-aws": checks.Warn}, status: checks.Warn},
		{name: "missing bang", global: "[credential]\n\thelper = aws codecommit credential-helper $@\n\tUseHttpPath = true\n",
			want: map[string]checks.Status{"helper-malformed": checks.Fail}, status: checks.Fail},
		{name: "broken then working", global: "[credential]\n\thelper = aws codecommit credential-helper $@\n\thelper = " + aws + "\n\tUseHttpPath = true\n",
			want: map[string]checks.Status{"helper-malformed": checks.Warn}, status: checks.Warn},
		{name: "unquoted profile", global: "[credential]\n\thelper = !aws --profile my profile codecommit credential-helper $@\n\tUseHttpPath = true\n",
			awsConfig: "[profile my profile]\n", want: map[string]checks.Status{"helper-profile-unquoted": checks.Fail}, status: checks.Fail},
		{name: "missing profile", global: "[credential]\n\thelper = !aws --profile nope codecommit credential-helper $@\n\tUseHttpPath = true\n",
			awsConfig: "[profile other]\n", want: map[string]checks.Status{"helper-profile-not-found": checks.Fail}, status: checks.Fail},
		{name: "aws path missing", global: "[credential]\n\thelper = !/nowhere/aws codecommit credential-helper $@\n\tUseHttpPath = true\n",
			want: map[string]checks.Status{"aws-not-on-path": checks.Fail}, status: checks.Fail},
		{name: "wildcard with git 2.25", git: "2.25.1",
			global: "[credential \"https://git-codecommit.*.amazonaws.com\"]\n\thelper = " + aws + "\n\tUseHttpPath = true\n",
			want:   map[string]checks.Status{"git-too-old-for-config": checks.Fail, "no-aws-helper": checks.Fail, "use-http-path-missing": checks.Fail}, status: checks.Fail},
		{name: "exact host with git 2.25 is fine", git: "2.25.1",
			global: "[credential \"https://git-codecommit.us-east-2.amazonaws.com\"]\n\thelper = " + aws + "\n\tUseHttpPath = true\n",
			want:   map[string]checks.Status{}, status: checks.Pass},
		{name: "reset with git 2.8", git: "2.8.6", system: "[credential]\n\thelper = store\n",
			global: "[credential \"https://git-codecommit.us-east-2.amazonaws.com\"]\n\thelper =\n\thelper = " + aws + "\n\tUseHttpPath = true\n",
			want:   map[string]checks.Status{"git-too-old-for-config": checks.Fail, "helper-before-aws": checks.Fail}, status: checks.Fail},
		{name: "bare helper", global: "[credential]\n\thelper\n", want: map[string]checks.Status{"credential-config-invalid": checks.Fail}, status: checks.Fail},
		{name: "windows aws.cmd", goos: "windows", global: "[credential]\n\thelper = " + aws + "\n\tUseHttpPath = true\n",
			want: map[string]checks.Status{"aws-cmd-not-runnable": checks.Fail}, status: checks.Fail},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			goos := tc.goos
			if goos == "" {
				goos = "linux"
			}
			w := checkstest.NewGitWorld(t, goos)
			w.Write("sysconfig", tc.system)
			w.Write("home/.gitconfig", tc.global)
			if tc.awsConfig != "" {
				w.Write("home/.aws/config", tc.awsConfig)
			}
			var extra []string
			if goos == "windows" {
				if err := os.Rename(filepath.Join(w.Dir, "bin", "aws"), filepath.Join(w.Dir, "bin", "aws.cmd")); err != nil {
					t.Fatal(err)
				}
				extra = append(extra, "PATHEXT=.COM;.EXE;.BAT;.CMD")
			}
			git := tc.git
			if git == "" {
				git = "2.39.5"
			}
			env := w.EnvFor(credTestURL, git, extra...)
			res, err := checkstest.Run(t, New(), env)
			if err != nil {
				t.Fatal(err)
			}
			got := checkstest.CodeMap(res)
			if len(got) != len(tc.want) {
				t.Errorf("findings %v, want %v", got, tc.want)
			}
			for code, sev := range tc.want {
				if got[code] != sev {
					t.Errorf("finding %s = %v, want %v (all: %v)", code, got[code], sev, got)
				}
			}
			if res.Status != tc.status {
				t.Errorf("status %v, want %v; summary %q", res.Status, tc.status, res.Summary)
			}
			if res.Summary == "" {
				t.Error("no summary")
			}
			facts, ok := chain.Key.Get(env)
			if !ok || facts.URL != credTestURL {
				t.Errorf("facts = %#v", facts)
			}
			if _, ok := Key.In(res); !ok {
				t.Error("the check published no facts")
			}
			for _, f := range res.Findings {
				if f.Severity >= checks.Warn && len(f.Remediation) == 0 {
					t.Errorf("finding %s has no remediation", f.Code)
				}
			}
		})
	}
}

func TestCredentialHelperSkips(t *testing.T) {
	w := checkstest.NewGitWorld(t, "linux")
	for url, want := range map[string]string{
		"codecommit::us-west-2://MyRepo":                                               "git-remote-codecommit",
		"ssh://APKAEIBAERJR2EXAMPLE@git-codecommit.us-east-2.amazonaws.com/v1/repos/R": "SSH remote",
		"http://git-codecommit.us-east-2.amazonaws.com/v1/repos/R":                     "not an HTTPS URL",
	} {
		res, err := checkstest.Run(t, New(), w.EnvFor(url, "2.39.5"))
		if err != nil || res.Status != checks.Skip || !strings.Contains(res.Summary, want) {
			t.Errorf("%q: %v %v %q", url, err, res.Status, res.Summary)
		}
	}
}

// TestSectionFixFollowsGit applies the printed commands with the real git
// and checks that the chain is then right, and that the doctor knows when
// the commands alone are not enough.
func TestSectionFixFollowsGit(t *testing.T) {
	tests := []struct {
		name, global string
		enough       bool
	}{
		{name: "plain", global: "[credential]\n\thelper = osxkeychain\n", enough: true},
		{name: "section exists but comes first", global: "[credential \"https://git-codecommit.*.amazonaws.com\"]\n\tUseHttpPath = true\n[credential]\n\thelper = store\n", enough: false},
		{name: "section exists last", global: "[credential]\n\thelper = store\n[credential \"https://git-codecommit.*.amazonaws.com\"]\n\thelper = !aws codecommit credential-helper $@\n", enough: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := checkstest.NewGitWorld(t, "linux")
			w.Write("home/.gitconfig", tc.global)
			env := w.EnvFor(credTestURL, "2.39.5")
			res, err := checkstest.Run(t, New(), env)
			if err != nil {
				t.Fatal(err)
			}
			facts, _ := chain.Key.Get(env)
			fix := chain.NewFixer(env, facts)
			steps := fix.SectionFix(helperEntries(facts))
			moved := strings.Contains(strings.Join(steps, "\n"), "move the [credential")
			if moved == tc.enough {
				t.Errorf("steps %q: says the section must be moved = %v, want %v", steps, moved, !tc.enough)
			}
			for _, s := range steps {
				if !strings.HasPrefix(s, "git config --global ") {
					continue
				}
				sh(w, s)
			}
			env = w.EnvFor(credTestURL, "2.39.5")
			res, err = checkstest.Run(t, New(), env)
			if err != nil {
				t.Fatal(err)
			}
			ok := res.Status == checks.Pass
			if ok != tc.enough {
				t.Errorf("after the commands: %v %v; enough = %v", res.Status, checkstest.CodeMap(res), tc.enough)
			}
		})
	}
}

func helperEntries(f *chain.Facts) []gitcred.Entry {
	var out []gitcred.Entry
	for _, h := range f.Chain.Helpers {
		out = append(out, h.Entry)
	}
	return out
}

func sh(w *checkstest.GitWorld, cmd string) {
	w.T.Helper()
	c := exec.Command("/bin/sh", "-c", cmd)
	c.Env = append(append([]string{}, w.Env...), "PATH=/usr/bin:/bin")
	if out, err := c.CombinedOutput(); err != nil {
		w.T.Fatalf("%s: %v %s", cmd, err, out)
	}
}

// Without a repository the chain is still judged for CodeCommit hosts in
// general, and the summary says that nothing repository-specific was checked.
func TestCredentialHelperWithoutRepository(t *testing.T) {
	w := checkstest.NewGitWorld(t, "linux")
	res, err := checkstest.Run(t, New(), w.EnvFor("", "2.39.5"))
	if err != nil {
		t.Fatal(err)
	}
	if got := checkstest.CodeMap(res); res.Status != checks.Fail || got["no-aws-helper"] != checks.Fail || got["use-http-path-missing"] != checks.Fail {
		t.Errorf("nothing configured: %v %v", res.Status, got)
	}
	if !strings.HasPrefix(res.Summary, "no repository given, so for CodeCommit hosts in general: ") {
		t.Errorf("summary %q does not say no repository was checked", res.Summary)
	}
	if !strings.Contains(strings.Join(res.Findings[0].Remediation, "\n"), "credential.https://git-codecommit.*.amazonaws.com.helper") {
		t.Errorf("the fix is not the section for every CodeCommit host: %q", res.Findings[0].Remediation)
	}
	w.Write("home/.gitconfig", "[credential \"https://git-codecommit.*.amazonaws.com\"]\n\thelper =\n\thelper = !aws codecommit credential-helper $@\n\tUseHttpPath = true\n")
	res, err = checkstest.Run(t, New(), w.EnvFor("", "2.39.5"))
	if err != nil || res.Status != checks.Pass || !strings.HasPrefix(res.Summary, "no repository given") {
		t.Errorf("configured: %v %v %q", err, res.Status, res.Summary)
	}
}
