package gitcred

import (
	"context"
	"strings"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

func entriesOf(kv ...string) []Entry {
	var out []Entry
	for i := 0; i+1 < len(kv); i += 2 {
		e := Entry{Index: len(out), Scope: ScopeGlobal, Origin: "file:/home/me/.gitconfig", Key: kv[i], Value: kv[i+1]}
		if kv[i+1] == "<none>" {
			e.Value, e.NoValue = "", true
		}
		out = append(out, e)
	}
	return out
}

func values(c Chain) []string {
	var out []string
	for _, h := range c.Helpers {
		out = append(out, h.Value.Raw)
	}
	return out
}

func TestComputeWithOldGit(t *testing.T) {
	req := Request{Protocol: "https", Host: "git-codecommit.us-east-1.amazonaws.com", Path: "v1/repos/r"}
	entries := entriesOf(
		"credential.helper", "osxkeychain",
		"credential.https://git-codecommit.*.amazonaws.com.helper", "",
		"credential.https://git-codecommit.*.amazonaws.com.helper", DefaultAWSHelper,
		"credential.https://git-codecommit.*.amazonaws.com.usehttppath", "true",
	)
	now := Compute(entries, req, AllFeatures(), "darwin")
	if strings.Join(values(now), "|") != DefaultAWSHelper || !now.UseHTTPPath || len(now.Resets) != 1 || len(now.Resets[0].Cleared) != 1 {
		t.Fatalf("current git: helpers %q, useHttpPath %v, resets %+v", values(now), now.UseHTTPPath, now.Resets)
	}
	if now.FirstAWS() != 0 {
		t.Errorf("FirstAWS = %d", now.FirstAWS())
	}
	// Git 2.9 to 2.25: the wildcard section is ignored.
	mid := Compute(entries, req, Features{HelperReset: true}, "darwin")
	if strings.Join(values(mid), "|") != "osxkeychain" || mid.UseHTTPPath || mid.FirstAWS() != -1 {
		t.Errorf("git 2.25: helpers %q, useHttpPath %v", values(mid), mid.UseHTTPPath)
	}
	if len(mid.Ignored) != 3 || mid.Ignored[0].NeedsFeature != "urlmatch" || !strings.Contains(mid.Ignored[0].Reason, "2.26") {
		t.Errorf("git 2.25: ignored %+v", mid.Ignored)
	}
	// Git before 2.9 with an exact-host section: the reset is a helper
	// named "" that fails.
	exact := entriesOf(
		"credential.helper", "store",
		"credential.https://git-codecommit.us-east-1.amazonaws.com.helper", "",
		"credential.https://git-codecommit.us-east-1.amazonaws.com.helper", DefaultAWSHelper,
	)
	old := Compute(exact, req, Features{}, "linux")
	if got := values(old); len(got) != 3 || got[0] != "store" || got[1] != "" || old.FirstAWS() != 2 {
		t.Errorf("git 2.8: helpers %q, FirstAWS %d", got, old.FirstAWS())
	}
	if len(old.Ignored) != 1 || old.Ignored[0].NeedsFeature != "reset" || len(old.Resets) != 0 {
		t.Errorf("git 2.8: ignored %+v, resets %+v", old.Ignored, old.Resets)
	}
}

func TestComputeFatal(t *testing.T) {
	req := Request{Protocol: "https", Host: "h", Path: "p"}
	c := Compute(entriesOf("credential.helper", "store", "credential.helper", "<none>"), req, AllFeatures(), "linux")
	if c.Fatal == nil || !strings.Contains(c.Fatal.Reason, "missing value") {
		t.Errorf("a helper with no value: Fatal = %+v", c.Fatal)
	}
	c = Compute(entriesOf("credential.usehttppath", "maybe"), req, AllFeatures(), "linux")
	if c.Fatal == nil || !strings.Contains(c.Fatal.Reason, "boolean") {
		t.Errorf("a bad boolean: Fatal = %+v", c.Fatal)
	}
	c = Compute(entriesOf("credential.https://other.example.com.helper", "<none>"), req, AllFeatures(), "linux")
	if c.Fatal != nil {
		t.Errorf("a section for another host broke the chain: %+v", c.Fatal)
	}
}

// TestFatalMatchesRealGit checks that what Compute calls fatal is what
// stops the real git.
func TestFatalMatchesRealGit(t *testing.T) {
	for _, tc := range []struct{ name, global string }{
		{"no value", "[credential]\n\thelper\n"},
		{"bad boolean", "[credential]\n\tuseHttpPath = maybe\n"},
		{"no value in a matching section", "[credential \"https://git-codecommit.*.amazonaws.com\"]\n\tUseHttpPath\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newGitWorld(t)
			w.write("home/.gitconfig", tc.global)
			req := Request{Protocol: "https", Host: "git-codecommit.us-east-1.amazonaws.com", Path: "v1/repos/r"}
			out, err := w.machine().Run(context.Background(), sys.Command{Name: "git", Args: []string{"credential", "fill"},
				Stdin: "protocol=https\nhost=" + req.Host + "\npath=v1/repos/r\n\n"})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out.Stderr, "fatal: bad config") && !strings.Contains(out.Stderr, "bad boolean") {
				t.Fatalf("real git did not stop on the config: %s", out.Stderr)
			}
			if c := w.computed(req, nil); c.Fatal == nil {
				t.Errorf("Compute does not see what stops git")
			}
		})
	}
}

func TestParseBool(t *testing.T) {
	for in, want := range map[string][2]bool{
		"true": {true, true}, "Yes": {true, true}, "ON": {true, true}, "1": {true, true}, "-1": {true, true},
		"false": {false, true}, "no": {false, true}, "off": {false, true}, "": {false, true}, "0": {false, true},
		"00": {false, true}, "1k": {true, true}, "0m": {false, true},
		"maybe": {false, false}, "1x": {false, false}, "--1": {false, false}, "k": {false, false},
	} {
		v, ok := ParseBool(in)
		if v != want[0] || ok != want[1] {
			t.Errorf("ParseBool(%q) = %v, %v; want %v, %v", in, v, ok, want[0], want[1])
		}
	}
}

func TestParseConfigOutput(t *testing.T) {
	full := "system\x00file:/etc/gitconfig\x00credential.helper\nosxkeychain\x00" +
		"command\x00command line:\x00credential.helper\x00" +
		"global\x00file:/h/.gitconfig\x00credential.https://x.*.com.helper\n\x00"
	es, err := ParseConfigOutput(full, true, true)
	if err != nil || len(es) != 3 {
		t.Fatalf("ParseConfigOutput = %+v, %v", es, err)
	}
	if es[0].Scope != "system" || es[0].File() != "/etc/gitconfig" || es[0].Value != "osxkeychain" || es[0].Name() != "helper" {
		t.Errorf("entry 0 = %+v", es[0])
	}
	if !es[1].NoValue || es[1].Scope != ScopeCommand || es[1].File() != "" || es[1].Where() != "command, command line" {
		t.Errorf("entry 1 = %+v (where %q)", es[1], es[1].Where())
	}
	if u, ok := es[2].URL(); !ok || u != "https://x.*.com" || es[2].Value != "" || es[2].NoValue || es[2].Index != 2 {
		t.Errorf("entry 2 = %+v url %q", es[2], u)
	}
	if _, ok := es[0].URL(); ok {
		t.Error("credential.helper has a URL")
	}
	es, err = ParseConfigOutput("file:/a\x00credential.helper\nstore\x00", false, true)
	if err != nil || len(es) != 1 || es[0].Scope != ScopeUnknown || es[0].File() != "/a" {
		t.Errorf("origin only: %+v, %v", es, err)
	}
	es, err = ParseConfigOutput("credential.helper\nstore\x00credential.usehttppath\ntrue\x00", false, false)
	if err != nil || len(es) != 2 || es[1].Name() != "usehttppath" {
		t.Errorf("plain: %+v, %v", es, err)
	}
	for _, bad := range []string{"credential.helper\nstore", "system\x00credential.helper\x00", "\x00"} {
		if _, err := ParseConfigOutput(bad, true, true); err == nil {
			t.Errorf("ParseConfigOutput(%q) accepted broken output", bad)
		}
	}
	if es, err := ParseConfigOutput("", true, true); err == nil || es != nil {
		// an empty output is not NUL-terminated: Read handles "no settings" by exit status
		t.Logf("empty output: %v, %v", es, err)
	}
}

// scriptedRunner answers git config runs from a table, keyed by whether
// --show-scope and --show-origin were passed.
type scriptedRunner struct {
	answers map[string]sys.Output
	calls   []string
}

func (s *scriptedRunner) Run(_ context.Context, c sys.Command) (sys.Output, error) {
	key := ""
	for _, a := range c.Args {
		if a == "--show-scope" || a == "--show-origin" {
			key += a
		}
	}
	s.calls = append(s.calls, key)
	return s.answers[key], nil
}

func TestReadFallsBackForOldGit(t *testing.T) {
	r := &scriptedRunner{answers: map[string]sys.Output{
		"--show-origin--show-scope": {ExitCode: 129, Stderr: "error: unknown option `show-scope'"},
		"--show-origin": {Stdout: "file:/home/me/.gitconfig\x00credential.helper\nstore\x00" +
			"file:/repo/.git/config\x00credential.helper\ncache\x00" +
			"command line:\x00credential.helper\nx\x00" +
			"file:/etc/gitconfig\x00credential.helper\ny\x00"},
	}}
	es, cmd, err := Read(context.Background(), r, ReadOptions{Dir: "/repo", ShowScope: true, ShowOrigin: true, GlobalFiles: []string{"/home/me/.gitconfig"}})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(r.calls, ",") != "--show-origin--show-scope,--show-origin" || strings.Contains(cmd, "show-scope") {
		t.Errorf("calls %v, command %q", r.calls, cmd)
	}
	want := []string{ScopeGlobal, ScopeLocal, ScopeCommand, ScopeUnknown}
	for i, e := range es {
		if e.Scope != want[i] || !e.ScopeInferred {
			t.Errorf("entry %d scope %q (inferred %v), want %q", i, e.Scope, e.ScopeInferred, want[i])
		}
	}

	none := &scriptedRunner{answers: map[string]sys.Output{"--show-origin--show-scope": {ExitCode: 1}}}
	if es, _, err := Read(context.Background(), none, ReadOptions{ShowScope: true, ShowOrigin: true}); err != nil || len(es) != 0 {
		t.Errorf("no settings: %v, %v", es, err)
	}
	broken := &scriptedRunner{answers: map[string]sys.Output{"": {ExitCode: 128, Stderr: "fatal: bad config line 3 in file /h/.gitconfig\n"}}}
	if _, _, err := Read(context.Background(), broken, ReadOptions{}); err == nil || !strings.Contains(err.Error(), "bad config line 3") {
		t.Errorf("broken config: %v", err)
	}
}

func TestStoreFile(t *testing.T) {
	data := "https://AKIAIOSFODNN7EXAMPLE:20240101T120000Z" + strings.Repeat("ab", 32) + "@git-codecommit.us-east-1.amazonaws.com\n" +
		"https://ASIAIOSFODNN7EXAMPLE%25FwoGZXIvYXdzEJr%2F:20240101T120000Z" + strings.Repeat("cd", 32) + "@git-codecommit.us-east-1.amazonaws.com/v1/repos/r\n" +
		"https://me-at-123456789012:StaticGitCredentialPassw0rd%2Bx%3D@git-codecommit.eu-west-1.amazonaws.com\n" +
		"not a url\n\n" +
		"https://github.com\n"
	cs := ParseStoreFile(data)
	if len(cs) != 4 {
		t.Fatalf("%d entries: %+v", len(cs), cs)
	}
	if !cs[0].Signed || cs[0].SignedAt.Format("2006-01-02 15:04") != "2024-01-01 12:00" || cs[0].Line != 1 {
		t.Errorf("entry 0 = %+v", cs[0])
	}
	if got := cs[0].Redacted(); got != "https://AKIA****MPLE:****@git-codecommit.us-east-1.amazonaws.com" {
		t.Errorf("Redacted() = %q", got)
	}
	if got := cs[1].Redacted(); got != "https://ASIA****MPLE%****:****@git-codecommit.us-east-1.amazonaws.com/v1/repos/r" {
		t.Errorf("Redacted() = %q", got)
	}
	if cs[2].Signed || cs[2].Line != 3 {
		t.Errorf("a Git credentials password read as signed: %+v", cs[2])
	}
	for _, c := range cs {
		if strings.Contains(c.Redacted(), "Passw0rd") || strings.Contains(c.Redacted(), "abab") || strings.Contains(c.Redacted(), "FwoG") {
			t.Errorf("Redacted() leaks: %s", c.Redacted())
		}
	}
	req := Request{Protocol: "https", Host: "git-codecommit.us-east-1.amazonaws.com", Path: "v1/repos/r"}
	if !cs[0].Answers(req, false) || cs[0].Answers(req, true) {
		t.Error("a line without a path answers only when git sends no path")
	}
	if !cs[1].Answers(req, true) || !cs[1].Answers(req, false) {
		t.Error("a line with the path answers either way")
	}
	if cs[2].Answers(req, false) || cs[3].Answers(Request{Protocol: "https", Host: "github.com"}, false) {
		t.Error("another host, or a line without a password, answered")
	}
	files := StoreFiles("", "/h", "", "")
	if strings.Join(files, ",") != "/h/.git-credentials,/h/.config/git/credentials" {
		t.Errorf("default files %v", files)
	}
	if f := StoreFiles("", "/h", "/x", ""); f[1] != "/x/git/credentials" {
		t.Errorf("XDG file %v", f)
	}
	if f := StoreFiles("~/.c", "/h", "", "/repo"); f[0] != "/h/.c" || len(f) != 1 {
		t.Errorf("--file ~/.c gives %v", f)
	}
	if f := StoreFiles("rel", "/h", "", "/repo"); f[0] != "/repo/rel" {
		t.Errorf("--file rel gives %v", f)
	}
}

func FuzzStoreRedacted(f *testing.F) {
	f.Add("AKIAIOSFODNN7EXAMPLE", "20251126T072702Z0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "git-codecommit.us-east-1.amazonaws.com", "v1/repos/r")
	f.Add("me-at-1", "p%2Fw", "h", "")
	f.Fuzz(func(t *testing.T, user, pw, host, path string) {
		for _, s := range []string{user, pw, host, path} {
			if strings.ContainsAny(s, "@/:?#\n\r%") || s == "" && s != path {
				return
			}
		}
		if len(pw) < 6 || strings.Contains(user+host+path+"AKIA****", pw) {
			return
		}
		line := "https://" + user + ":" + pw + "@" + host
		if path != "" {
			line += "/" + path
		}
		cs := ParseStoreFile(line + "\n")
		if len(cs) != 1 {
			t.Fatalf("%q parsed as %d lines", line, len(cs))
		}
		if r := cs[0].Redacted(); strings.Contains(r, pw) {
			t.Fatalf("Redacted() = %q shows the password %q", r, pw)
		}
	})
}
