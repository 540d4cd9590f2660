//go:build linux

package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// TestBundleSizeBound: content over 5 MB (variables the reports and
// environment.txt all show) is cut to the bound, the small files kept
// whole, and the manifest says which files were cut. The environment is this large only because the
// test raises its stack limit, which bounds what a process may inherit.
func TestBundleSizeBound(t *testing.T) {
	if testing.Short() {
		t.Skip("redacting 5 MB takes several seconds of CPU")
	}
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_STACK, &old); err != nil {
		t.Fatal(err)
	}
	raised := old
	raised.Cur = 256 << 20
	if raised.Max != ^uint64(0) && raised.Max < raised.Cur {
		t.Skipf("the stack limit cannot be raised to 256 MB (hard limit %d)", old.Max)
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_STACK, &raised); err != nil {
		t.Skipf("raising the stack limit: %v", err)
	}
	t.Cleanup(func() { _ = syscall.Setrlimit(syscall.RLIMIT_STACK, &old) })

	home, work := t.TempDir(), t.TempDir()
	env := bundleOfflineEnv(t, home)
	// git ignores GIT_CONFIG_KEY_n without GIT_CONFIG_COUNT; the bundle
	// still lists them, value and all (a git config key is no secret).
	value := strings.Repeat("big value ", 12<<10) // 120 kB, under the kernel's 128 kB per variable
	for i := range 30 {                           // 3.6 MB: the kernel lets a process inherit at most 6 MB
		env = append(env, "GIT_CONFIG_KEY_"+strconv.Itoa(i)+"="+value)
	}
	r := runBundle(t, env, work, "--offline", "--only", "git", "-o", "big.zip")
	if r.exit != 0 {
		t.Fatalf("exit %d\n%s%s", r.exit, r.stdout[:min(len(r.stdout), 2000)], r.stderr[:min(len(r.stderr), 2000)])
	}
	st, err := os.Stat(filepath.Join(work, "big.zip"))
	if err != nil {
		t.Fatal(err)
	}
	names, files := readBundle(t, filepath.Join(work, "big.zip"))
	total := 0
	for _, n := range names {
		total += len(files[n])
	}
	if total > 5<<20 {
		t.Errorf("the archive holds %d bytes uncompressed, over the 5 MB bound", total)
	}
	if total < 5<<20-100<<10 {
		t.Errorf("the archive holds only %d bytes: the bound should have been reached", total)
	}
	manifest := string(files["manifest.txt"])
	for _, want := range []string{"report.json  TRUNCATED: ", "report.md  TRUNCATED: ", "environment.txt  TRUNCATED: ", "3 file(s) truncated by the size bound."} {
		if !strings.Contains(manifest, want) {
			t.Errorf("manifest lacks %q:\n%s", want, manifest)
		}
	}
	// The small files are kept whole; the cut ones say so at their end.
	for _, name := range []string{"system.txt", "git-config.txt", "aws-config.txt", "reproduce-trace.txt"} {
		if strings.Contains(manifest, name+"  TRUNCATED") || len(files[name]) == 0 {
			t.Errorf("%s was cut:\n%s", name, manifest)
		}
	}
	if !strings.HasSuffix(string(files["environment.txt"]), " bytes kept]\n") {
		t.Errorf("environment.txt does not end with the cut note: %q", files["environment.txt"][max(0, len(files["environment.txt"])-200):])
	}
	t.Logf("archive %d bytes on disk, %d uncompressed", st.Size(), total)
}
