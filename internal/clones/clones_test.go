package clones

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func mkdirs(t *testing.T, root string, dirs ...string) {
	t.Helper()
	for _, d := range dirs {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
}

func rel(t *testing.T, root string, paths []string) string {
	var out []string
	for _, p := range paths {
		r, err := filepath.Rel(root, p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, filepath.ToSlash(r))
	}
	return strings.Join(out, " ")
}

func TestFindSkipsVendorFoldersLoopsAndTheInsideOfClones(t *testing.T) {
	root := t.TempDir()
	mkdirs(t, root, "a/.git", "b/sub/.git", "a/nested/.git", "node_modules/dep/.git", "x/.terraform/modules/m/.git",
		"x/vendor/v/.git", "bare.git/objects", "bare.git/refs", "deep/1/2/3/4/5/.git")
	if err := os.WriteFile(filepath.Join(root, "bare.git", "HEAD"), []byte("ref: refs/heads/main\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(root, filepath.Join(root, "b", "loop")); err != nil {
		if runtime.GOOS == "windows" {
			t.Skipf("no symbolic links here: %v", err)
		}
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "a"), filepath.Join(root, "alias")); err != nil {
		t.Fatal(err)
	}
	var calls int
	res, err := Find(context.Background(), []string{root}, Options{Progress: func(string, int, int) { calls++ }})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rel(t, root, res.Clones), "a b/sub bare.git"; got != want {
		t.Errorf("clones %q, want %q", got, want)
	}
	if calls != res.Dirs || calls == 0 {
		t.Errorf("progress called %d times for %d directories", calls, res.Dirs)
	}
	res, err = Find(context.Background(), []string{root}, Options{Depth: 6})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(rel(t, root, res.Clones), "deep/1/2/3/4/5") {
		t.Errorf("--depth 6 must reach deep/1/2/3/4/5: %q", rel(t, root, res.Clones))
	}
}

func TestFindStopsAtMaxAndReportsUnreadableDirectories(t *testing.T) {
	root := t.TempDir()
	mkdirs(t, root, "a/.git", "b/.git", "c/.git", "locked/d/.git")
	res, err := Find(context.Background(), []string{root}, Options{Max: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Clones) != 2 || !res.Truncated {
		t.Errorf("max 2: %d clones, truncated %v", len(res.Clones), res.Truncated)
	}
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("root reads every directory")
	}
	if err := os.Chmod(filepath.Join(root, "locked"), 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(filepath.Join(root, "locked"), 0o755) })
	res, err = Find(context.Background(), []string{root}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 || !strings.Contains(res.Problems[0], "permission denied") {
		t.Errorf("problems %q, want locked: permission denied", res.Problems)
	}
}

func TestFindRejectsAMissingRoot(t *testing.T) {
	_, err := Find(context.Background(), []string{filepath.Join(t.TempDir(), "nope")}, Options{})
	if err == nil || !strings.Contains(err.Error(), "looking for clones under") {
		t.Fatalf("err = %v", err)
	}
}
