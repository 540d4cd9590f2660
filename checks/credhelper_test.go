package checks

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
	"github.com/codecommit-doctor/codecommit-doctor/internal/gitcred"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
	"github.com/codecommit-doctor/codecommit-doctor/internal/version"
)

// credWorld is a machine with the real git, a fake aws, a HOME and a
// system config of the test's choosing.
type credWorld struct {
	t    *testing.T
	dir  string
	home string
	env  []string
	goos string
}

func newCredWorld(t *testing.T, goos string) *credWorld {
	t.Helper()
	gitPath, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	w := &credWorld{t: t, dir: dir, home: filepath.Join(dir, "home"), goos: goos}
	bin := filepath.Join(dir, "bin")
	w.write("bin/aws", "#!/bin/sh\nexit 0\n")
	if err := os.Chmod(filepath.Join(bin, "aws"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(gitPath, filepath.Join(bin, "git")); err != nil {
		t.Fatal(err)
	}
	w.write("sysconfig", "")
	w.write("home/.keep", "")
	w.env = []string{"HOME=" + w.home, "PATH=" + bin, "GIT_CONFIG_SYSTEM=" + filepath.Join(dir, "sysconfig")}
	return w
}

func (w *credWorld) write(name, content string) {
	w.t.Helper()
	p := filepath.Join(w.dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		w.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		w.t.Fatal(err)
	}
}

// envFor is an Env with the git and remote checks' results for url, as
// if git reported gitVersion.
func (w *credWorld) envFor(url, gitVersion string, extra ...string) *Env {
	w.t.Helper()
	m := sys.New(append(append([]string{}, w.env...), extra...), w.goos)
	v, err := version.ParseGit("git version " + gitVersion)
	if err != nil {
		w.t.Fatal(err)
	}
	deps := map[string]Result{
		"git": {Status: Pass, Facts: GitFacts{Path: "git", Version: v.Version, Features: version.GitFeatures(v.Version)}},
	}
	if url != "" {
		deps["remote"] = Result{Status: Pass, Facts: &Target{URL: ccurl.Parse(url), Source: "argument"}}
	}
	return (&Env{Sys: m}).withDeps(deps)
}

func codesOf(r Result) map[string]Status {
	out := map[string]Status{}
	for _, f := range r.Findings {
		out[f.Code] = f.Severity
	}
	return out
}

const credTestURL = "https://git-codecommit.us-east-2.amazonaws.com/v1/repos/MyDemoRepo"

func TestCredentialHelperFindings(t *testing.T) {
	const aws = "!aws codecommit credential-helper $@"
	tests := []struct {
		name, system, global, git string
		goos                      string
		awsConfig                 string
		want                      map[string]Status
		status                    Status
	}{
		{name: "healthy", global: "[credential \"https://git-codecommit.*.amazonaws.com\"]\n\thelper =\n\thelper = " + aws + "\n\tUseHttpPath = true\n",
			want: map[string]Status{}, status: Pass},
		{name: "nothing", want: map[string]Status{"no-aws-helper": Fail, "use-http-path-missing": Fail}, status: Fail},
		{name: "osxkeychain first", system: "[credential]\n\thelper = osxkeychain\n", global: "[credential]\n\thelper = " + aws + "\n\tUseHttpPath = true\n",
			want: map[string]Status{"helper-before-aws": Fail}, status: Fail},
		{name: "cache after", global: "[credential]\n\thelper = " + aws + "\n\thelper = cache\n\tUseHttpPath = true\n",
			want: map[string]Status{"caching-helper-after-aws": Warn}, status: Warn},
		{name: "missing bang", global: "[credential]\n\thelper = aws codecommit credential-helper $@\n\tUseHttpPath = true\n",
			want: map[string]Status{"helper-malformed": Fail}, status: Fail},
		{name: "broken then working", global: "[credential]\n\thelper = aws codecommit credential-helper $@\n\thelper = " + aws + "\n\tUseHttpPath = true\n",
			want: map[string]Status{"helper-malformed": Warn}, status: Warn},
		{name: "unquoted profile", global: "[credential]\n\thelper = !aws --profile my profile codecommit credential-helper $@\n\tUseHttpPath = true\n",
			awsConfig: "[profile my profile]\n", want: map[string]Status{"helper-profile-unquoted": Fail}, status: Fail},
		{name: "missing profile", global: "[credential]\n\thelper = !aws --profile nope codecommit credential-helper $@\n\tUseHttpPath = true\n",
			awsConfig: "[profile other]\n", want: map[string]Status{"helper-profile-not-found": Fail}, status: Fail},
		{name: "aws path missing", global: "[credential]\n\thelper = !/nowhere/aws codecommit credential-helper $@\n\tUseHttpPath = true\n",
			want: map[string]Status{"aws-not-on-path": Fail}, status: Fail},
		{name: "wildcard with git 2.25", git: "2.25.1",
			global: "[credential \"https://git-codecommit.*.amazonaws.com\"]\n\thelper = " + aws + "\n\tUseHttpPath = true\n",
			want:   map[string]Status{"git-too-old-for-config": Fail, "no-aws-helper": Fail, "use-http-path-missing": Fail}, status: Fail},
		{name: "exact host with git 2.25 is fine", git: "2.25.1",
			global: "[credential \"https://git-codecommit.us-east-2.amazonaws.com\"]\n\thelper = " + aws + "\n\tUseHttpPath = true\n",
			want:   map[string]Status{}, status: Pass},
		{name: "reset with git 2.8", git: "2.8.6", system: "[credential]\n\thelper = store\n",
			global: "[credential \"https://git-codecommit.us-east-2.amazonaws.com\"]\n\thelper =\n\thelper = " + aws + "\n\tUseHttpPath = true\n",
			want:   map[string]Status{"git-too-old-for-config": Fail, "helper-before-aws": Fail}, status: Fail},
		{name: "bare helper", global: "[credential]\n\thelper\n", want: map[string]Status{"credential-config-invalid": Fail}, status: Fail},
		{name: "windows aws.cmd", goos: "windows", global: "[credential]\n\thelper = " + aws + "\n\tUseHttpPath = true\n",
			want: map[string]Status{"aws-cmd-not-runnable": Fail}, status: Fail},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			goos := tc.goos
			if goos == "" {
				goos = "linux"
			}
			w := newCredWorld(t, goos)
			w.write("sysconfig", tc.system)
			w.write("home/.gitconfig", tc.global)
			if tc.awsConfig != "" {
				w.write("home/.aws/config", tc.awsConfig)
			}
			var extra []string
			if goos == "windows" {
				if err := os.Rename(filepath.Join(w.dir, "bin", "aws"), filepath.Join(w.dir, "bin", "aws.cmd")); err != nil {
					t.Fatal(err)
				}
				extra = append(extra, "PATHEXT=.COM;.EXE;.BAT;.CMD")
			}
			git := tc.git
			if git == "" {
				git = "2.39.5"
			}
			env := w.envFor(credTestURL, git, extra...)
			res, err := NewCredentialHelper().Run(context.Background(), env)
			if err != nil {
				t.Fatal(err)
			}
			got := codesOf(res)
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
			facts, ok := res.Facts.(*CredentialHelperFacts)
			if !ok || facts.URL != credTestURL {
				t.Errorf("facts = %#v", res.Facts)
			}
			documented := map[string]bool{}
			for _, d := range NewCredentialHelper().Info().Findings {
				documented[d.Code] = true
			}
			for _, f := range res.Findings {
				if !documented[f.Code] {
					t.Errorf("finding %s is not documented for explain", f.Code)
				}
				if f.Severity >= Warn && len(f.Remediation) == 0 {
					t.Errorf("finding %s has no remediation", f.Code)
				}
			}
		})
	}
}

func TestCredentialHelperSkips(t *testing.T) {
	w := newCredWorld(t, "linux")
	for url, want := range map[string]string{
		"codecommit::us-west-2://MyRepo":                                               "git-remote-codecommit",
		"ssh://APKAEIBAERJR2EXAMPLE@git-codecommit.us-east-2.amazonaws.com/v1/repos/R": "SSH remote",
		"": NoTargetReason,
		"http://git-codecommit.us-east-2.amazonaws.com/v1/repos/R": "not an HTTPS URL",
	} {
		res, err := NewCredentialHelper().Run(context.Background(), w.envFor(url, "2.39.5"))
		if err != nil || res.Status != Skip || !strings.Contains(res.Summary, want) {
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
			w := newCredWorld(t, "linux")
			w.write("home/.gitconfig", tc.global)
			env := w.envFor(credTestURL, "2.39.5")
			res, err := NewCredentialHelper().Run(context.Background(), env)
			if err != nil {
				t.Fatal(err)
			}
			facts := res.Facts.(*CredentialHelperFacts)
			fix := newCredFix(env, facts)
			steps := fix.sectionFix(w.helperEntries(facts))
			moved := strings.Contains(strings.Join(steps, "\n"), "move the [credential")
			if moved == tc.enough {
				t.Errorf("steps %q: says the section must be moved = %v, want %v", steps, moved, !tc.enough)
			}
			for _, s := range steps {
				if !strings.HasPrefix(s, "git config --global ") {
					continue
				}
				w.sh(s)
			}
			res, err = NewCredentialHelper().Run(context.Background(), env)
			if err != nil {
				t.Fatal(err)
			}
			ok := res.Status == Pass
			if ok != tc.enough {
				t.Errorf("after the commands: %v %v; enough = %v", res.Status, codesOf(res), tc.enough)
			}
		})
	}
}

func (w *credWorld) helperEntries(f *CredentialHelperFacts) []gitcred.Entry {
	var out []gitcred.Entry
	for _, h := range f.Chain.Helpers {
		out = append(out, h.Entry)
	}
	return out
}

func (w *credWorld) sh(cmd string) {
	w.t.Helper()
	c := exec.Command("/bin/sh", "-c", cmd)
	c.Env = append(append([]string{}, w.env...), "PATH=/usr/bin:/bin")
	if out, err := c.CombinedOutput(); err != nil {
		w.t.Fatalf("%s: %v %s", cmd, err, out)
	}
}

func TestSectionURL(t *testing.T) {
	tests := []struct {
		host     string
		urlmatch bool
		want     string
	}{
		{"git-codecommit.us-east-2.amazonaws.com", true, "https://git-codecommit.*.amazonaws.com"},
		{"git-codecommit.us-east-2.amazonaws.com", false, "https://git-codecommit.us-east-2.amazonaws.com"},
		{"git-codecommit-fips.us-gov-west-1.amazonaws.com", true, "https://git-codecommit-fips.*.amazonaws.com"},
		{"vpce-0123-abcd.git-codecommit.eu-west-1.vpce.amazonaws.com", true, "https://vpce-0123-abcd.git-codecommit.*.vpce.amazonaws.com"},
		{"git-codecommit.cn-north-1.amazonaws.com.cn", true, "https://git-codecommit.*.amazonaws.com.cn"},
		{"git-codecommit.us-east-2.amazonaws.com:8443", true, "https://git-codecommit.*.amazonaws.com:8443"},
		{"git.example.com", true, "https://git.example.com"},
	}
	for _, tc := range tests {
		req := gitcred.Request{Protocol: "https", Host: tc.host, Path: "v1/repos/r"}
		f := credFix{facts: &CredentialHelperFacts{Request: req, Features: gitcred.Features{HelperReset: true, URLMatch: tc.urlmatch}}}
		got := f.SectionURL()
		if got != tc.want {
			t.Errorf("SectionURL(%s, %v) = %s, want %s", tc.host, tc.urlmatch, got, tc.want)
		}
		if !gitcred.SectionMatches(got, req, f.facts.Features) {
			t.Errorf("%s does not match %s", got, tc.host)
		}
	}
}

func TestReplaceCommand(t *testing.T) {
	w := newCredWorld(t, "linux")
	env := w.envFor(credTestURL, "2.39.5")
	mk := func(scope, file string) gitcred.Entry {
		return gitcred.Entry{Scope: scope, Origin: "file:" + file, Key: "credential.helper", Value: "aws codecommit credential-helper $@"}
	}
	newV, v229 := "!aws codecommit credential-helper $@", "2.29.0"
	tests := []struct {
		e    gitcred.Entry
		git  string
		want string
		ok   bool
	}{
		{mk(gitcred.ScopeGlobal, w.home+"/.gitconfig"), "2.39.5",
			`git config --global --fixed-value --replace-all credential.helper '!aws codecommit credential-helper $@' 'aws codecommit credential-helper $@'`, true},
		{mk(gitcred.ScopeGlobal, w.home+"/.gitconfig"), v229,
			`git config --global --replace-all credential.helper '!aws codecommit credential-helper $@' '^aws codecommit credential-helper \$@$'`, true},
		{mk(gitcred.ScopeGlobal, w.home+"/.config/git/extra.inc"), "2.39.5",
			`git config --file ~/.config/git/extra.inc --fixed-value --replace-all credential.helper '!aws codecommit credential-helper $@' 'aws codecommit credential-helper $@'`, true},
		{mk(gitcred.ScopeSystem, w.dir+"/sysconfig"), "2.39.5",
			`sudo git config --system --fixed-value --replace-all credential.helper '!aws codecommit credential-helper $@' 'aws codecommit credential-helper $@'`, true},
		{mk(gitcred.ScopeLocal, "/src/app/.git/config"), "2.39.5",
			`git config --local --fixed-value --replace-all credential.helper '!aws codecommit credential-helper $@' 'aws codecommit credential-helper $@'`, true},
		{mk(gitcred.ScopeSystem, "/Library/Developer/CommandLineTools/usr/share/git-core/gitconfig"), "2.39.5", "", false},
		{gitcred.Entry{Scope: gitcred.ScopeCommand, Origin: "command line:", Key: "credential.helper", Value: "x"}, "2.39.5", "", false},
	}
	for _, tc := range tests {
		v, _ := version.ParseGit("git version " + tc.git)
		f := newCredFix(env, &CredentialHelperFacts{GitVersion: v.Version, Features: gitcred.AllFeatures()})
		got, ok := f.replaceCommand(tc.e, newV)
		if got != tc.want || ok != tc.ok {
			t.Errorf("replaceCommand(%+v, git %s) =\n  %s %v\nwant\n  %s %v", tc.e, tc.git, got, ok, tc.want, tc.ok)
		}
	}
}

func TestCredQuote(t *testing.T) {
	tests := []struct{ in, goos, want string }{
		{"credential.helper", "linux", "credential.helper"},
		{"", "linux", "''"},
		{"", "windows", `""`},
		{"credential.https://git-codecommit.*.amazonaws.com.helper", "linux", "'credential.https://git-codecommit.*.amazonaws.com.helper'"},
		{"!aws codecommit credential-helper $@", "linux", "'!aws codecommit credential-helper $@'"},
		{"'!aws $@'", "linux", `''\''!aws $@'\'''`},
		{"!aws codecommit credential-helper $@", "windows", `"!aws codecommit credential-helper $@"`},
		{`!aws --profile "my profile" x`, "windows", `"!aws --profile \"my profile\" x"`},
		{`C:\Program Files\x\`, "windows", `"C:\Program Files\x\\"`},
	}
	for _, tc := range tests {
		if got := credQuote(tc.in, tc.goos); got != tc.want {
			t.Errorf("credQuote(%q, %s) = %s, want %s", tc.in, tc.goos, got, tc.want)
		}
	}
	// What sh reads back is the original.
	for _, s := range []string{"'!aws $@'", "a b", "x'y", "", `back\slash`} {
		out, err := exec.Command("/bin/sh", "-c", "printf %s "+credQuote(s, "linux")).Output()
		if err != nil || string(out) != s {
			t.Errorf("sh reads %s as %q (%v), want %q", credQuote(s, "linux"), out, err, s)
		}
	}
	for _, tc := range []struct{ path, want string }{
		{"/home/me/.git-credentials", "~/.git-credentials"},
		{"/home/me/My Files/creds", `"$HOME/"'My Files/creds'`},
		{"/etc/creds", "/etc/creds"},
		{"/tmp/a b", "'/tmp/a b'"},
	} {
		if got := credPath(tc.path, "/home/me", "linux"); got != tc.want {
			t.Errorf("credPath(%s) = %s, want %s", tc.path, got, tc.want)
		}
	}
}

func TestFixScope(t *testing.T) {
	e := func(scope string) gitcred.Entry {
		return gitcred.Entry{Scope: scope, Key: "credential.helper", Value: "x"}
	}
	tests := []struct {
		in      []gitcred.Entry
		want    string
		cmdline int
	}{
		{nil, gitcred.ScopeGlobal, 0},
		{[]gitcred.Entry{e(gitcred.ScopeSystem)}, gitcred.ScopeGlobal, 0},
		{[]gitcred.Entry{e(gitcred.ScopeUnknown), e(gitcred.ScopeGlobal)}, gitcred.ScopeGlobal, 0},
		{[]gitcred.Entry{e(gitcred.ScopeSystem), e(gitcred.ScopeLocal)}, gitcred.ScopeLocal, 0},
		{[]gitcred.Entry{e(gitcred.ScopeWorktree), e(gitcred.ScopeLocal)}, gitcred.ScopeWorktree, 0},
		{[]gitcred.Entry{e(gitcred.ScopeCommand), e(gitcred.ScopeGlobal)}, gitcred.ScopeGlobal, 1},
	}
	for _, tc := range tests {
		got, cmd := fixScope(tc.in)
		if got != tc.want || len(cmd) != tc.cmdline {
			t.Errorf("fixScope(%v) = %s, %d command-line; want %s, %d", tc.in, got, len(cmd), tc.want, tc.cmdline)
		}
	}
}

func TestReadAWSProfiles(t *testing.T) {
	w := newCredWorld(t, "linux")
	w.write("home/.aws/config", "[default]\nregion=x\n[profile dev]\n[ profile  spaced name ]\n[bare]\n[sso-session corp]\n")
	w.write("custom/creds", "[ci]\naws_secret_access_key = s3cret\n")
	env := w.envFor("", "2.39.5", "AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(w.dir, "custom/creds"))
	p := readAWSProfiles(env)
	for name, want := range map[string]bool{"default": true, "dev": true, "spaced name": true, "ci": true, "bare": false, "corp": false, "nope": false} {
		if p.Has(name) != want {
			t.Errorf("Has(%q) = %v", name, p.Has(name))
		}
	}
	if !p.BareOnly("bare") || p.BareOnly("dev") {
		t.Error("BareOnly")
	}
	if p.CredentialsFile != filepath.Join(w.dir, "custom/creds") {
		t.Errorf("credentials file %s", p.CredentialsFile)
	}
}
