package action

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/tools"
)

const awsHelper = "!aws codecommit credential-helper $@"

func machine(t *testing.T, goos string, extraEnv ...string) *sys.Machine {
	t.Helper()
	env := append(os.Environ(), "HOME="+t.TempDir(), "GIT_CONFIG_NOSYSTEM=1")
	return sys.New(append(env, extraEnv...), goos)
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCommandsQuoteForEachShell(t *testing.T) {
	key := "credential.https://git-codecommit.*.amazonaws.com.helper"
	a := Action{Kind: GitResetList, Scope: ScopeGlobal, File: "/home/u/.gitconfig", Key: key, Values: []string{"", awsHelper}}
	posix := a.Commands("linux", "/home/u")
	want := []string{
		`git config --global --replace-all 'credential.https://git-codecommit.*.amazonaws.com.helper' ''`,
		`git config --global --add 'credential.https://git-codecommit.*.amazonaws.com.helper' '!aws codecommit credential-helper $@'`,
	}
	if !slices.Equal(posix, want) {
		t.Errorf("POSIX:\n%q\nwant\n%q", posix, want)
	}
	win := a.Commands("windows", `C:\Users\u`)
	if win[1] != `git config --global --add "credential.https://git-codecommit.*.amazonaws.com.helper" "!aws codecommit credential-helper $@"` {
		t.Errorf("Windows: %q", win)
	}
	inc := Action{Kind: GitSet, Scope: ScopeInclude, File: "/home/u/my conf/git.inc", Key: "credential.UseHttpPath", Value: "true"}
	if got := inc.Commands("linux", "/home/u")[0]; got != `git config --file "$HOME/"'my conf/git.inc' credential.UseHttpPath true` {
		t.Errorf("include file: %s", got)
	}
	sysA := Action{Kind: GitUnset, Scope: ScopeSystem, Sudo: true, File: "/etc/gitconfig", Key: "credential.helper", Value: "osxkeychain"}
	if got := sysA.Commands("darwin", "/Users/u")[0]; got != "sudo git config --system --fixed-value --unset-all credential.helper osxkeychain" {
		t.Errorf("system: %s", got)
	}
	erase := Action{Kind: StoreErase, File: "/home/u/.git-credentials", Protocol: "https", Host: "git-codecommit.us-east-1.amazonaws.com"}
	if got := erase.Commands("linux", "/home/u")[0]; got != `printf 'protocol=https\nhost=git-codecommit.us-east-1.amazonaws.com\n\n' | git credential-store --file ~/.git-credentials erase` {
		t.Errorf("erase: %s", got)
	}
	prof := Action{Kind: AWSConfigSet, Profile: "my profile", Key: "cli_auto_prompt", Value: "off"}
	if got := prof.Commands("windows", ""); got[0] != `aws configure set cli_auto_prompt off --profile "my profile" --no-cli-auto-prompt` {
		t.Errorf("aws config on Windows: %s", got)
	}
	if got := prof.Commands("linux", ""); got[0] != `aws configure set cli_auto_prompt off --profile 'my profile' --no-cli-auto-prompt` {
		t.Errorf("aws config on Linux: %s", got)
	}
	region := Action{Kind: AWSConfigSet, Profile: "dev", Key: "region", Value: "eu-west-1"}
	if got := region.Commands("linux", ""); got[0] != `aws configure set region eu-west-1 --profile dev` {
		t.Errorf("a key AWS CLI v1 also reads gets no v2-only option: %s", got)
	}
	m := Action{Kind: Manual, Text: "An administrator attaches this policy:", Admin: []string{"aws iam put-user-policy --user-name paul"}}
	if got := m.Commands("linux", ""); len(got) != 2 || got[0] != m.Text {
		t.Errorf("manual: %q", got)
	}
}

func TestResetListIsIdempotentAndDetectsAChangedFile(t *testing.T) {
	tools.RequireTool(t, "git")
	ctx := context.Background()
	ap := Applier{Run: machine(t, "linux"), GOOS: "linux"}
	file := filepath.Join(t.TempDir(), "gitconfig")
	key := "credential.https://git-codecommit.*.amazonaws.com.helper"
	write(t, file, "[credential \"https://git-codecommit.*.amazonaws.com\"]\n\thelper = store\n[user]\n\tname = U\n")
	a := Action{Kind: GitResetList, Scope: ScopeGlobal, File: file, Key: key, Values: []string{"", awsHelper}, Expect: []string{"store"}}
	if err := ap.Apply(ctx, a, file); err != nil {
		t.Fatal(err)
	}
	got, err := ap.Values(ctx, file, key)
	if err != nil || !slices.Equal(got, []string{"", awsHelper}) {
		t.Fatalf("after: %q %v", got, err)
	}
	once := read(t, file)
	if err := ap.Apply(ctx, a, file); err != nil {
		t.Fatalf("second apply: %v", err)
	}
	if read(t, file) != once {
		t.Errorf("a second apply changed the file:\n%s", read(t, file))
	}
	if !strings.Contains(once, "name = U") {
		t.Errorf("the rest of the file was lost:\n%s", once)
	}
	// Someone else changed the key: the action refuses and leaves the file.
	write(t, file, "[credential \"https://git-codecommit.*.amazonaws.com\"]\n\thelper = cache\n")
	err = ap.Apply(ctx, a, file)
	var ce *ChangedError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), `the plan expected exactly ["store"]`) {
		t.Fatalf("changed file: %v", err)
	}
	if read(t, file) != "[credential \"https://git-codecommit.*.amazonaws.com\"]\n\thelper = cache\n" {
		t.Errorf("a changed file was touched")
	}
}

func TestGitKinds(t *testing.T) {
	tools.RequireTool(t, "git")
	ctx := context.Background()
	ap := Applier{Run: machine(t, "linux"), GOOS: "linux"}
	file := filepath.Join(t.TempDir(), "gitconfig")
	write(t, file, "[credential]\n\thelper = aws codecommit credential-helper $@\n\thelper = cache\n")
	steps := []struct {
		a    Action
		want []string
	}{
		{Action{Kind: GitReplace, Key: "credential.helper", Old: "aws codecommit credential-helper $@", Value: awsHelper,
			Expect: []string{"aws codecommit credential-helper $@", "cache"}}, []string{awsHelper, "cache"}},
		{Action{Kind: GitUnset, Key: "credential.helper", Value: "cache", Expect: []string{awsHelper, "cache"}}, []string{awsHelper}},
		{Action{Kind: GitAdd, Key: "credential.helper", Value: "store", Expect: []string{awsHelper}}, []string{awsHelper, "store"}},
		{Action{Kind: GitSet, Key: "credential.UseHttpPath", Value: "true"}, []string{"true"}},
		{Action{Kind: GitUnset, Key: "credential.helper", Expect: []string{awsHelper, "store"}}, nil},
	}
	for _, s := range steps {
		s.a.File = file
		if err := ap.Apply(ctx, s.a, file); err != nil {
			t.Fatalf("%s: %v", s.a.Kind, err)
		}
		got, err := ap.Values(ctx, file, s.a.Key)
		if err != nil || !slices.Equal(got, s.want) {
			t.Fatalf("%s: %q (%v), want %q", s.a.Kind, got, err, s.want)
		}
		if err := ap.Apply(ctx, s.a, file); err != nil {
			t.Errorf("%s applied twice: %v", s.a.Kind, err)
		}
	}
}

func TestStoreEraseRemovesOnlyThatHost(t *testing.T) {
	tools.RequireTool(t, "git")
	ctx := context.Background()
	ap := Applier{Run: machine(t, "linux"), GOOS: "linux"}
	file := filepath.Join(t.TempDir(), "credentials")
	other := "https://user:pw@github.com\n"
	write(t, file, "https://AKIAEXAMPLE:20260101T000000Zabc@git-codecommit.us-east-1.amazonaws.com/v1/repos/R\n"+other)
	a := Action{Kind: StoreErase, File: file, Protocol: "https", Host: "git-codecommit.us-east-1.amazonaws.com", ExpectLines: 2}
	var ce *ChangedError
	if err := ap.Apply(ctx, a, file); !errors.As(err, &ce) {
		t.Fatalf("a file with another number of lines than planned: %v", err)
	}
	a.ExpectLines = 1
	if err := ap.Apply(ctx, a, file); err != nil {
		t.Fatal(err)
	}
	if got := read(t, file); got != other {
		t.Errorf("after erase: %q", got)
	}
	if err := ap.Apply(ctx, a, file); err != nil {
		t.Errorf("second erase: %v", err)
	}
}

// fakeProgram writes an executable shell script named name into a new
// directory and returns that directory.
func fakeProgram(t *testing.T, name, script string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"+script), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestKeychainEraseOnMacOSRunsSecurityUntilNothingIsLeft(t *testing.T) {
	// A fake `security` on PATH: never the real Keychain.
	log := filepath.Join(t.TempDir(), "calls")
	count := filepath.Join(t.TempDir(), "count")
	bin := fakeProgram(t, "security", `echo "$@" >> `+log+`
n=$(cat `+count+` 2>/dev/null || echo 0); n=$((n+1)); echo $n > `+count+`
[ $n -le 2 ] && exit 0
echo "security: SecKeychainSearchCopyNext: The specified item could not be found in the keychain." >&2; exit 44
`)
	m := sys.New([]string{"PATH=" + bin + ":/usr/bin:/bin", "HOME=" + t.TempDir()}, "darwin")
	ap := Applier{Run: m, GOOS: "darwin"}
	a := Action{Kind: KeychainErase, Host: "git-codecommit.us-east-1.amazonaws.com"}
	if err := ap.Apply(context.Background(), a, ""); err != nil {
		t.Fatal(err)
	}
	calls := strings.Split(strings.TrimSpace(read(t, log)), "\n")
	if len(calls) != 3 || calls[0] != "delete-internet-password -s git-codecommit.us-east-1.amazonaws.com" {
		t.Errorf("calls: %q", calls)
	}
	if err := (Applier{Run: m, GOOS: "linux"}).Apply(context.Background(), a, ""); err == nil {
		t.Errorf("a Keychain erase ran on Linux")
	}
}

func TestCmdkeyDeleteOnWindows(t *testing.T) {
	log := filepath.Join(t.TempDir(), "calls")
	bin := fakeProgram(t, "cmdkey", `echo "$@" >> `+log+"\necho 'CMDKEY: Credential deleted successfully.'\n")
	m := sys.New([]string{"PATH=" + bin + ":/usr/bin:/bin", "HOME=" + t.TempDir()}, "windows")
	a := Action{Kind: CmdkeyDelete, Host: "git-codecommit.us-east-1.amazonaws.com"}
	if err := (Applier{Run: m, GOOS: "windows"}).Apply(context.Background(), a, ""); err != nil {
		t.Fatal(err)
	}
	if got := strings.TrimSpace(read(t, log)); got != "/delete:git:https://git-codecommit.us-east-1.amazonaws.com" {
		t.Errorf("cmdkey called with %q", got)
	}
}

func TestAWSConfigSetWithTheRealCLI(t *testing.T) {
	tools.RequireTool(t, "aws")
	file := filepath.Join(t.TempDir(), "config")
	write(t, file, "[default]\nregion = us-east-1\n\n[profile dev]\ncli_auto_prompt = on\nregion = eu-west-1\n")
	ap := Applier{Run: machine(t, "linux"), GOOS: "linux"}
	a := Action{Kind: AWSConfigSet, File: file, Profile: "dev", Key: "cli_auto_prompt", Value: "off"}
	if err := ap.Apply(context.Background(), a, file); err != nil {
		t.Fatal(err)
	}
	got := read(t, file)
	if !strings.Contains(got, "[profile dev]\ncli_auto_prompt = off\nregion = eu-west-1") || strings.Contains(got, "= on") || !strings.Contains(got, "[default]\nregion = us-east-1") {
		t.Errorf("after: %s", got)
	}
}

func TestManualIsNeverApplied(t *testing.T) {
	err := Applier{}.Apply(context.Background(), Action{Kind: Manual, Text: "Upgrade Git"}, "")
	if !errors.Is(err, ErrManual) {
		t.Errorf("manual: %v", err)
	}
}

func TestDoneActionsArePending(t *testing.T) {
	reset := Action{Kind: GitResetList, Key: "credential.helper", Values: []string{"", "!aws codecommit credential-helper $@"}}
	set := Action{Kind: GitSet, Key: "credential.UseHttpPath", Value: "true"}
	unset := Action{Kind: GitUnset, Key: "credential.helper", Value: "store"}
	for _, tc := range []struct {
		a      Action
		expect []string
		done   bool
	}{
		{reset, []string{"", "!aws codecommit credential-helper $@"}, true},
		{reset, []string{"store"}, false},
		{reset, nil, false},
		{set, []string{"true"}, true},
		{set, []string{"True"}, false},
		{set, []string{"true", "true"}, false},
		{unset, nil, true},
		{unset, []string{"store"}, false},
		{Action{Kind: GitAdd, Key: "k", Value: "v", Expect: nil}, nil, false},
		{Action{Kind: StoreErase, File: "f", Host: "h"}, nil, false},
	} {
		a := tc.a
		a.Expect = tc.expect
		if a.Done() != tc.done {
			t.Errorf("%s %s expecting %q: done %v, want %v", a.Kind, a.Key, tc.expect, a.Done(), tc.done)
		}
		if got := len(Pending([]Action{a})); got != map[bool]int{true: 0, false: 1}[tc.done] {
			t.Errorf("Pending of %s expecting %q kept %d", a.Kind, tc.expect, got)
		}
	}
}
