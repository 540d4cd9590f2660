//go:build linux

package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestBundleHugeGitconfig: a ~/.gitconfig whose settings git lists in more
// than the bundle's 1 MB bound for git config's output. The bundle is
// written, the manifest marks git-config.txt incomplete instead of saying
// nothing was cut, and no extraHeader value is in any file.
func TestBundleHugeGitconfig(t *testing.T) {
	home, work := t.TempDir(), t.TempDir()
	var cfg strings.Builder
	cfg.WriteString("[credential]\n\thelper = !aws codecommit credential-helper $@\n\tUseHttpPath = true\n")
	for i := range 20000 {
		fmt.Fprintf(&cfg, "[http \"https://host%d.example.com\"]\n\tsslVerify = true\n\textraHeader = Authorization: Bearer CANARYTOKEN%d\n", i, i)
	}
	writeHome(t, home, map[string]string{".gitconfig": cfg.String()})
	r := runBundle(t, bundleOfflineEnv(t, home), work, "--offline", "--only", "git,credential-helper", "-o", "huge.zip", unreadableURL)
	if r.exit != 0 {
		t.Fatalf("exit %d\n%s%s", r.exit, r.stdout, r.stderr)
	}
	names, files := readBundle(t, filepath.Join(work, "huge.zip"))
	manifest := string(files["manifest.txt"])
	if !strings.Contains(manifest, "git-config.txt  INCOMPLETE: git config's output was cut at 1 MB") ||
		!strings.Contains(manifest, "1 file(s) incomplete") || strings.Contains(manifest, "Nothing was truncated") {
		t.Errorf("the manifest does not say git-config.txt is incomplete:\n%s", manifest)
	}
	for _, n := range names {
		if strings.Contains(string(files[n]), "CANARYTOKEN") {
			t.Errorf("%s holds an extraHeader value", n)
		}
	}
	if strings.Contains(r.stdout+r.stderr, "CANARYTOKEN") {
		t.Errorf("the output holds an extraHeader value")
	}
}
