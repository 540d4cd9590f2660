package fix

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/all"
	"github.com/codecommit-doctor/codecommit-doctor/checks/checkstest"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

const testURL = "https://git-codecommit.us-east-2.amazonaws.com/v1/repos/MyDemoRepo"

// storeFirst has `store` answer before the AWS helper, UseHttpPath off.
const storeFirst = "[user]\n\tname = U\n[credential]\n\thelper = store\n\thelper = !aws codecommit credential-helper $@\n"

// world is a machine with the real git and a fake aws, and a fix run on
// it that runs the real credential-helper and keychain checks.
type world struct {
	*checkstest.GitWorld
	out bytes.Buffer
}

func newWorld(t *testing.T, goos string) *world {
	return &world{GitWorld: checkstest.NewGitWorld(t, goos)}
}

func (w *world) diagnose(ctx context.Context, environ []string) ([]checks.Outcome, error) {
	sel, err := checks.Select(all.Checks(), []string{"credential-helper", "keychain"}, nil)
	if err != nil {
		return nil, err
	}
	env := &checks.Env{Sys: sys.New(environ, w.GOOS), Options: checks.Options{RepoURL: testURL, Offline: true}}
	return checks.Runner{Timeout: 30 * time.Second}.Run(ctx, sel, env)
}

func (w *world) fixer(o Options) *Fixer {
	o.Environ, o.GOOS, o.Home = w.Env, w.GOOS, w.Home
	o.StateDir = filepath.Join(w.Home, ".local", "state", "codecommit-doctor")
	o.Out, o.Diagnose, o.Run = &w.out, w.diagnose, sys.New(w.Env, w.GOOS)
	o.ScratchDir = w.T.TempDir()
	return New(o)
}

func (w *world) read(name string) string {
	w.T.Helper()
	b, err := os.ReadFile(filepath.Join(w.Dir, name))
	if err != nil {
		w.T.Fatal(err)
	}
	return string(b)
}

func run(t *testing.T, f *Fixer) int {
	t.Helper()
	code, err := f.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return code
}

func TestFixProvesAppliesAndUndoes(t *testing.T) {
	w := newWorld(t, "linux")
	w.Write("home/.gitconfig", storeFirst)
	code := run(t, w.fixer(Options{Yes: true}))
	out := w.out.String()
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, out)
	}
	for _, want := range []string{
		"+[credential \"https://git-codecommit.*.amazonaws.com\"]", "+\thelper = !aws codecommit credential-helper $@", "+\tUseHttpPath = true",
		"gone: credential-helper/helper-before-aws, credential-helper/use-http-path-missing",
		"changed (backup: ", "UseHttpPath on", "(was fail)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Dry run") {
		t.Errorf("--yes ran dry:\n%s", out)
	}
	// A second run has nothing to do.
	w.out.Reset()
	if code := run(t, w.fixer(Options{Yes: true})); code != 0 || !strings.Contains(w.out.String(), "Nothing to fix.") {
		t.Errorf("second run: exit %d\n%s", code, w.out.String())
	}
	w.out.Reset()
	if code, err := w.fixer(Options{}).Undo(); err != nil || code != 0 {
		t.Fatalf("undo: %d %v\n%s", code, err, w.out.String())
	}
	if got := w.read("home/.gitconfig"); got != storeFirst {
		t.Errorf("undo did not restore the file byte for byte:\n%q", got)
	}
	w.out.Reset()
	if code, _ := w.fixer(Options{}).Undo(); code != 3 || !strings.Contains(w.out.String(), "Nothing to undo") {
		t.Errorf("a second undo: exit %d\n%s", code, w.out.String())
	}
}

func TestFixWithoutTerminalOrYesChangesNothing(t *testing.T) {
	for _, o := range []Options{{DryRun: true}, {}} {
		w := newWorld(t, "linux")
		w.Write("home/.gitconfig", storeFirst)
		code := run(t, w.fixer(o))
		if code != 1 {
			t.Errorf("exit %d, want the doctor's 1", code)
		}
		if got := w.read("home/.gitconfig"); got != storeFirst {
			t.Errorf("a dry run changed the file:\n%s", got)
		}
		if !strings.Contains(w.out.String(), "nothing was changed") || !strings.Contains(w.out.String(), "+\tUseHttpPath = true") {
			t.Errorf("output:\n%s", w.out.String())
		}
		if _, err := os.Stat(filepath.Join(w.Home, ".local", "state")); err == nil {
			t.Errorf("a dry run wrote backups")
		}
	}
}

func TestFixAsksPerFileDefaultNo(t *testing.T) {
	w := newWorld(t, "linux")
	w.Write("home/.gitconfig", storeFirst)
	var asked []string
	code := run(t, w.fixer(Options{Ask: func(q string) (bool, error) { asked = append(asked, q); return false, nil }}))
	if len(asked) != 1 || !strings.Contains(asked[0], ".gitconfig?") || !strings.HasSuffix(asked[0], "[y/N] ") {
		t.Errorf("asked %q", asked)
	}
	if code != 1 || w.read("home/.gitconfig") != storeFirst || !strings.Contains(w.out.String(), "left as it is") {
		t.Errorf("answered No: exit %d, file changed or not said:\n%s", code, w.out.String())
	}
}

func TestFixDoesNotTouchAFileChangedBetweenPlanAndApply(t *testing.T) {
	w := newWorld(t, "linux")
	w.Write("home/.gitconfig", storeFirst)
	edited := storeFirst + "[core]\n\teditor = vi\n"
	ask := func(string) (bool, error) {
		w.Write("home/.gitconfig", edited) // someone edits it while the question is on screen
		return true, nil
	}
	code := run(t, w.fixer(Options{Ask: ask}))
	if code != 3 {
		t.Errorf("exit %d, want 3", code)
	}
	if got := w.read("home/.gitconfig"); got != edited {
		t.Errorf("the changed file was touched:\n%s", got)
	}
	if !strings.Contains(w.out.String(), "not touched: it changed after the plan was made") {
		t.Errorf("output:\n%s", w.out.String())
	}
}

func TestFixDoesNotWriteAReadOnlyFile(t *testing.T) {
	w := newWorld(t, "linux")
	w.Write("home/.gitconfig", storeFirst)
	if err := os.Chmod(filepath.Join(w.Home, ".gitconfig"), 0o444); err != nil {
		t.Fatal(err)
	}
	code := run(t, w.fixer(Options{Yes: true}))
	if code != 3 || w.read("home/.gitconfig") != storeFirst || !strings.Contains(w.out.String(), "not touched: it is read-only (mode 0444)") {
		t.Errorf("exit %d\n%s", code, w.out.String())
	}
}

func TestFixReportsAPlanThatCannotHelpAndWritesNothing(t *testing.T) {
	// `store` set on the command line (GIT_CONFIG_COUNT) runs after every
	// config file: no file fix can write keeps it out.
	w := newWorld(t, "linux")
	w.Write("home/.gitconfig", "[credential]\n\thelper = !aws codecommit credential-helper $@\n\tUseHttpPath = true\n")
	w.Env = append(w.Env, "GIT_CONFIG_COUNT=1", "GIT_CONFIG_KEY_0=credential.helper", "GIT_CONFIG_VALUE_0=store")
	before := w.read("home/.gitconfig")
	code := run(t, w.fixer(Options{Yes: true}))
	out := w.out.String()
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(out, "it cannot fix credential-helper/caching-helper-after-aws") || !strings.Contains(out, "nothing was changed") {
		t.Errorf("output:\n%s", out)
	}
	if !strings.Contains(out, "Stop passing `credential.helper=store` on the command line") {
		t.Errorf("the manual step is not shown:\n%s", out)
	}
	if w.read("home/.gitconfig") != before {
		t.Errorf("a plan that cannot help wrote the file")
	}
	if _, err := os.Stat(filepath.Join(w.Home, ".local", "state")); err == nil {
		t.Errorf("a plan that cannot help wrote backups")
	}
}

func TestFixWritesThroughASymlinkedGitconfig(t *testing.T) {
	w := newWorld(t, "linux")
	w.Write("home/dotfiles/gitconfig", storeFirst)
	link := filepath.Join(w.Home, ".gitconfig")
	if err := os.Symlink("dotfiles/gitconfig", link); err != nil {
		t.Fatal(err)
	}
	if code := run(t, w.fixer(Options{Yes: true})); code != 0 {
		t.Fatalf("exit %d\n%s", code, w.out.String())
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("~/.gitconfig is no longer a link: %v", err)
	}
	if got := w.read("home/dotfiles/gitconfig"); !strings.Contains(got, "UseHttpPath = true") {
		t.Errorf("the link's target was not changed:\n%s", got)
	}
	j, err := readJournal(filepath.Join(w.Home, ".local", "state", "codecommit-doctor"))
	if err != nil || len(j.Files) != 1 || j.Files[0].Path != filepath.Join(w.Home, "dotfiles", "gitconfig") {
		t.Fatalf("journal %+v %v", j, err)
	}
	if b, err := os.ReadFile(j.Files[0].Backup); err != nil || string(b) != storeFirst {
		t.Errorf("the backup is not the target's content: %q %v", b, err)
	}
	if code, err := w.fixer(Options{}).Undo(); err != nil || code != 0 {
		t.Fatalf("undo: %d %v", code, err)
	}
	if got := w.read("home/dotfiles/gitconfig"); got != storeFirst {
		t.Errorf("undo: %q", got)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("undo replaced the link")
	}
}

func TestFixKeepsCRLFOnWindows(t *testing.T) {
	w := newWorld(t, "windows")
	crlf := strings.ReplaceAll(storeFirst, "\n", "\r\n")
	w.Write("home/.gitconfig", crlf)
	if code := run(t, w.fixer(Options{Yes: true})); code != 0 {
		t.Fatalf("exit %d\n%s", code, w.out.String())
	}
	got := w.read("home/.gitconfig")
	if !strings.Contains(got, "UseHttpPath = true\r\n") || strings.Count(got, "\n") != strings.Count(got, "\r\n") {
		t.Errorf("line endings not kept:\n%q", got)
	}
	if code, err := w.fixer(Options{}).Undo(); err != nil || code != 0 || w.read("home/.gitconfig") != crlf {
		t.Errorf("undo: %d %v", code, err)
	}
}

func TestUndoRefusesAFileChangedSince(t *testing.T) {
	w := newWorld(t, "linux")
	w.Write("home/.gitconfig", storeFirst)
	if code := run(t, w.fixer(Options{Yes: true})); code != 0 {
		t.Fatalf("exit %d\n%s", code, w.out.String())
	}
	later := w.read("home/.gitconfig") + "[core]\n\teditor = vi\n"
	w.Write("home/.gitconfig", later)
	w.out.Reset()
	code, err := w.fixer(Options{}).Undo()
	if err != nil || code != 3 || !strings.Contains(w.out.String(), "restoring would lose what changed since it wrote these files; nothing was restored:") ||
		!strings.Contains(w.out.String(), ".gitconfig (what was there before the fix: ") {
		t.Errorf("undo: %d %v\n%s", code, err, w.out.String())
	}
	if w.read("home/.gitconfig") != later {
		t.Errorf("undo touched a file changed since")
	}
}

func TestFixErasesAKeychainItemOnMacOSThroughSecurity(t *testing.T) {
	// A fake `security` (never the real Keychain): an item is there
	// until it is deleted.
	w := newWorld(t, "darwin")
	w.Write("home/.gitconfig", "[credential]\n\thelper = !aws codecommit credential-helper $@\n\tUseHttpPath = true\n")
	gone := filepath.Join(w.Dir, "deleted")
	log := filepath.Join(w.Dir, "security.log")
	w.Write("bin/security", `#!/bin/sh
echo "$@" >> `+log+`
case "$1" in
find-internet-password) [ -e `+gone+` ] && exit 44; echo 'keychain: "/Users/u/Library/Keychains/login.keychain-db"'; exit 0;;
delete-internet-password) [ -e `+gone+` ] && exit 44; : > `+gone+`; exit 0;;
esac
exit 1
`)
	if err := os.Chmod(filepath.Join(w.Dir, "bin", "security"), 0o755); err != nil {
		t.Fatal(err)
	}
	code := run(t, w.fixer(Options{Yes: true}))
	out := w.out.String()
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, out)
	}
	if !strings.Contains(out, "security delete-internet-password -s git-codecommit.us-east-2.amazonaws.com: done") ||
		!strings.Contains(out, "not provable on a copy (an OS credential store item): keychain/keychain-stale-password") {
		t.Errorf("output:\n%s", out)
	}
	if !strings.Contains(w.read("security.log"), "delete-internet-password -s git-codecommit.us-east-2.amazonaws.com") {
		t.Errorf("security was not asked to delete")
	}
}

func TestFixChangesTheSystemFileOnlyWithSystem(t *testing.T) {
	// The AWS helper without its `!`, in the system config (named by
	// GIT_CONFIG_SYSTEM, so a copy can stand in for it).
	w := newWorld(t, "linux")
	broken := "[credential]\n\thelper = aws codecommit credential-helper $@\n\tUseHttpPath = true\n"
	w.Write("sysconfig", broken)
	code := run(t, w.fixer(Options{Yes: true}))
	out := w.out.String()
	if code != 1 || w.read("sysconfig") != broken {
		t.Errorf("without --system: exit %d, the system file changed\n%s", code, out)
	}
	if !strings.Contains(out, "a system config file: run `codecommit-doctor fix --system` to change it") {
		t.Errorf("the refusal is not said:\n%s", out)
	}
	w.out.Reset()
	code = run(t, w.fixer(Options{Yes: true, System: true}))
	if code != 0 {
		t.Fatalf("--system: exit %d\n%s", code, w.out.String())
	}
	if got := w.read("sysconfig"); !strings.Contains(got, "helper = !aws codecommit credential-helper $@") {
		t.Errorf("the system file after --system:\n%s", got)
	}
	if code, err := w.fixer(Options{}).Undo(); err != nil || code != 0 || w.read("sysconfig") != broken {
		t.Errorf("undo: %d %v", code, err)
	}
}

func TestUndoWithAMissingBackupRestoresNothing(t *testing.T) {
	w := newWorld(t, "linux")
	w.Write("home/.gitconfig", storeFirst)
	w.Write("home/.git-credentials", "https://alice-at-1:cGFzcw@git-codecommit.us-east-1.amazonaws.com\nhttps://x:tok@github.com\n")
	if code := run(t, w.fixer(Options{Yes: true})); code != 0 {
		t.Fatalf("exit %d\n%s", code, w.out.String())
	}
	j, err := readJournal(filepath.Join(w.Home, ".local", "state", "codecommit-doctor"))
	if err != nil || len(j.Files) != 2 {
		t.Fatalf("journal: %v %+v", err, j)
	}
	fixedConfig, fixedStore := w.read("home/.gitconfig"), w.read("home/.git-credentials")
	if err := os.Remove(j.Files[1].Backup); err != nil {
		t.Fatal(err)
	}
	w.out.Reset()
	code, err := w.fixer(Options{}).Undo()
	if err != nil || code != 3 || !strings.Contains(w.out.String(), "cannot be read") || !strings.Contains(w.out.String(), "nothing was restored") {
		t.Errorf("undo: %d %v\n%s", code, err, w.out.String())
	}
	if w.read("home/.gitconfig") != fixedConfig || w.read("home/.git-credentials") != fixedStore {
		t.Errorf("undo restored some files though a backup was missing")
	}
}
