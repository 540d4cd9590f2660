package bundle

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/tools"
)

// TestGitSettingsWithRealGit: every scope and include git sees in a clone,
// with origin and scope; secrets in values and URLs are not shown.
func TestGitSettingsWithRealGit(t *testing.T) {
	gitPath := tools.RequireTool(t, "git")
	home, clone := t.TempDir(), t.TempDir()
	write := func(p, s string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(home, ".gitconfig"), "[include]\n\tpath = ~/extra.cfg\n"+
		"[http]\n\textraHeader = Authorization: Basic c2VjcmV0\n\tsslVerify\n"+
		"[url \"https://bob:urlpassword@git-codecommit.us-east-1.amazonaws.com/\"]\n\tinsteadOf = cc://\n"+
		"[user]\n\tname = Not Collected\n")
	write(filepath.Join(home, "extra.cfg"), "[credential]\n\thelper = !aws codecommit credential-helper $@\n\tUseHttpPath = true\n")
	cmd := exec.Command(gitPath, "init", "-q", clone)
	cmd.Env = []string{"HOME=" + home, "GIT_CONFIG_NOSYSTEM=1"}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	write(filepath.Join(clone, ".git", "config"), "[credential \"https://git-codecommit.us-east-1.amazonaws.com\"]\n\thelper = store\n")
	m := sys.New([]string{"HOME=" + home, "GIT_CONFIG_NOSYSTEM=1", "PATH=" + filepath.Dir(gitPath),
		"GIT_CONFIG_COUNT=1", "GIT_CONFIG_KEY_0=http.proxy", "GIT_CONFIG_VALUE_0=http://carol:proxypw@proxy:3128"}, "")

	gs := ReadGitSettings(context.Background(), m, clone)

	if gs.Err != "" {
		t.Fatal(gs.Err)
	}
	got := gs.Text()
	if missing := containsAll(got,
		"global\tfile:"+filepath.Join(home, ".gitconfig")+"\tinclude.path = ~/extra.cfg\n",
		"global\tfile:"+filepath.Join(home, "extra.cfg")+"\tcredential.helper = !aws codecommit credential-helper $@\n",
		"global\tfile:"+filepath.Join(home, "extra.cfg")+"\tcredential.usehttppath = true\n",
		"global\tfile:"+filepath.Join(home, ".gitconfig")+"\thttp.extraheader = (set, value hidden)\n",
		"global\tfile:"+filepath.Join(home, ".gitconfig")+"\thttp.sslverify = (no value: true)\n",
		"\turl.https://****@git-codecommit.us-east-1.amazonaws.com/.insteadof = cc://\n",
		"local\tfile:.git/config\tcredential.https://git-codecommit.us-east-1.amazonaws.com.helper = store\n",
		"command\tcommand line:\thttp.proxy = http://****@proxy:3128\n",
		"# run in: "+clone,
	); len(missing) > 0 {
		t.Errorf("missing %q in:\n%s", missing, got)
	}
	for _, never := range []string{"c2VjcmV0", "urlpassword", "proxypw", "Not Collected"} {
		if strings.Contains(got, never) {
			t.Errorf("%q shown:\n%s", never, got)
		}
	}
}

// fakeRunner answers every program with one output.
type fakeRunner struct {
	out sys.Output
	err error
}

func (f fakeRunner) Run(context.Context, sys.Command) (sys.Output, error) { return f.out, f.err }

func TestGitSettingsWhenGitSaysNothingOrFails(t *testing.T) {
	none := ReadGitSettings(context.Background(), fakeRunner{out: sys.Output{ExitCode: 1}}, "")
	if none.Err != "" || !strings.Contains(none.Text(), "(no credential.*, http.*, url.* or include* setting)") {
		t.Errorf("no match is no error: %+v\n%s", none, none.Text())
	}
	broken := ReadGitSettings(context.Background(), fakeRunner{out: sys.Output{ExitCode: 128, Stderr: "fatal: bad config line 3 in file /home/u/.gitconfig\n"}}, "")
	if !strings.Contains(broken.Text(), "error: git config exited with status 128: fatal: bad config line 3") {
		t.Errorf("a failing git config is named:\n%s", broken.Text())
	}
	missing := ReadGitSettings(context.Background(), fakeRunner{err: &sys.NotFoundError{Name: "git"}}, "")
	if !strings.Contains(missing.Text(), "error: running git config: ") {
		t.Errorf("a missing git is named:\n%s", missing.Text())
	}
}

func TestParseGitSettingsValueWithNewline(t *testing.T) {
	got := parseGitSettings("global\x00file:/h/.gitconfig\x00http.extraheader\nA: b\x00global\x00file:/h/.gitconfig\x00url.x.insteadof\nline1\nline2\x00", true)
	if len(got) != 2 || got[1].Value != "line1\nline2" {
		t.Fatalf("parsed %+v", got)
	}
	if s := got[1].Shown(); s != `line1\nline2` {
		t.Errorf("a value's newline is shown escaped, got %q", s)
	}
}

// oldGit has no --show-scope, like git before 2.26.
type oldGit struct{ calls [][]string }

func (g *oldGit) Run(_ context.Context, c sys.Command) (sys.Output, error) {
	g.calls = append(g.calls, c.Args)
	if slices.Contains(c.Args, "--show-scope") {
		return sys.Output{ExitCode: 129, Stderr: "error: unknown option `show-scope'\nusage: git config [<options>]\n"}, nil
	}
	return sys.Output{Stdout: "file:/h/.gitconfig\x00credential.helper\nstore\x00"}, nil
}

func TestGitSettingsOldGitWithoutShowScope(t *testing.T) {
	g := &oldGit{}
	gs := ReadGitSettings(context.Background(), g, "")
	if len(g.calls) != 2 {
		t.Fatalf("git config ran %d times, want a retry without --show-scope: %q", len(g.calls), g.calls)
	}
	got := gs.Text()
	if missing := containsAll(got, "# git config --show-origin --get-regexp", "note: this git has no --show-scope", "-\tfile:/h/.gitconfig\tcredential.helper = store\n"); len(missing) > 0 {
		t.Errorf("missing %q in:\n%s", missing, got)
	}
}

func TestHelperProfiles(t *testing.T) {
	settings := []GitSettings{{Settings: []Setting{
		{Key: "credential.helper", Value: "store"},
		{Key: "credential.https://git-codecommit.us-east-1.amazonaws.com.helper", Value: "!aws --profile 'team a' codecommit credential-helper $@"},
		{Key: "credential.helper", Value: "!aws codecommit credential-helper --profile=ci $@"},
		{Key: "credential.helper", Value: "!f() { echo --profile nope; }; f"},
		{Key: "credential.usehttppath", Value: "true"},
	}}, {Settings: []Setting{{Key: "credential.helper", Value: "!aws --profile ci codecommit credential-helper $@"}}}}
	got := HelperProfiles(settings)
	if !slices.Equal(got, []string{"team a", "ci"}) {
		t.Errorf("HelperProfiles = %q, want [team a ci]", got)
	}
}
