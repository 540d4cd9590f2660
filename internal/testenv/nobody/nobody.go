//go:build linux

// Package nobody runs a test as an unprivileged user. The machines run the
// tests as root, who reads every file: a test about a file the doctor may
// not read re-runs itself as nobody (uid/gid 65534), from a copy of the
// test binary in a directory everyone may traverse.
package nobody

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// UID is nobody's user and group id.
const UID = 65534

const marker = "CODECOMMIT_DOCTOR_TEST_AS_NOBODY"

// Run makes the calling test run as a user that is not root. It returns
// true when the caller should go on with the test: it already is not root
// (or is the re-run as nobody). As root it re-runs the test binary for
// this test alone as nobody, fails the test if that run fails or skips,
// and returns false.
func Run(t *testing.T) bool {
	t.Helper()
	if os.Getuid() != 0 {
		return true
	}
	if os.Getenv(marker) != "" {
		t.Fatal("still root after dropping to nobody")
	}
	dir := t.TempDir()
	Traversable(t, dir)
	bin := filepath.Join(dir, filepath.Base(os.Args[0]))
	copyExecutable(t, os.Args[0], bin)
	cmd := exec.Command(bin, "-test.run=^"+t.Name()+"$", "-test.v", "-test.count=1")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), marker+"=1", "HOME="+dir, "TMPDIR=/tmp")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: UID, Gid: UID}}
	out, err := cmd.CombinedOutput()
	text := string(out)
	if err != nil {
		t.Fatalf("%s as nobody failed: %v\n%s", t.Name(), err, text)
	}
	if strings.Contains(text, "--- SKIP") || !strings.Contains(text, "--- PASS: "+t.Name()) {
		t.Fatalf("%s as nobody did not pass:\n%s", t.Name(), text)
	}
	return false
}

// Traversable lets everyone traverse dir and every directory above it
// under the temporary directory (t.TempDir makes them 0700).
func Traversable(t *testing.T, dir string) {
	t.Helper()
	tmp := filepath.Clean(os.TempDir())
	for d := filepath.Clean(dir); strings.HasPrefix(d, tmp+string(filepath.Separator)); d = filepath.Dir(d) {
		st, err := os.Stat(d)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm()&0o011 != 0o011 {
			if err := os.Chmod(d, st.Mode().Perm()|0o011); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func copyExecutable(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}
