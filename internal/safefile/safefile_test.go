package safefile

import (
	"errors"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func write(t *testing.T, path string, size int) {
	t.Helper()
	if err := os.WriteFile(path, make([]byte, size), 0o600); err != nil {
		t.Fatal(err)
	}
}

func kindOf(t *testing.T, err error) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v (%T), want a *safefile.Error", err, err)
	}
	return e
}

func TestReadFileRegular(t *testing.T) {
	p := filepath.Join(t.TempDir(), "config")
	if err := os.WriteFile(p, []byte("[default]\nregion = us-east-1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	b, err := ReadConfig(p)
	if err != nil || string(b) != "[default]\nregion = us-east-1\n" {
		t.Fatalf("got %q, %v", b, err)
	}
	info, err := Check(p, 100)
	if err != nil || info.Size != 29 || info.Target != p {
		t.Fatalf("Check = %+v, %v", info, err)
	}
}

func TestMissing(t *testing.T) {
	p := filepath.Join(t.TempDir(), "nope")
	err := CheckConfig(p)
	if !IsMissing(err) || !errors.Is(err, fs.ErrNotExist) || err.Error() != p+" does not exist" {
		t.Fatalf("err = %v", err)
	}
}

func TestTooLarge(t *testing.T) {
	p := filepath.Join(t.TempDir(), "config")
	write(t, p, 20<<20)
	_, err := ReadConfig(p)
	e := kindOf(t, err)
	if e.Kind != TooLarge || e.Limit != ConfigMaxSize {
		t.Fatalf("err = %+v", e)
	}
	if want := p + " is larger than the 4 MiB the doctor reads (20 MiB or more)"; err.Error() != want {
		t.Errorf("message\n got %s\nwant %s", err, want)
	}
}

func TestDeviceIsRefusedWithoutReading(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no /dev/zero")
	}
	dir := t.TempDir()
	link := filepath.Join(dir, "credentials")
	if err := os.Symlink("/dev/zero", link); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/dev/zero", link} {
		_, err := ReadConfig(p)
		e := kindOf(t, err)
		if e.Kind != NotRegular || e.Type != "a character device" {
			t.Fatalf("%s: %+v", p, e)
		}
	}
	_, err := ReadConfig(link)
	if want := link + " (a link to /dev/zero) is a character device, not a regular file"; err.Error() != want {
		t.Errorf("message\n got %s\nwant %s", err, want)
	}
}

func TestDirectoryAndSocket(t *testing.T) {
	dir := t.TempDir()
	_, err := ReadConfig(dir)
	if e := kindOf(t, err); e.Kind != NotRegular || e.Type != "a directory" {
		t.Fatalf("dir: %v", err)
	}
	if runtime.GOOS == "windows" {
		return
	}
	sock := filepath.Join(dir, "s")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Skipf("unix socket: %v", err)
	}
	defer l.Close()
	_, err = ReadConfig(sock)
	if e := kindOf(t, err); e.Kind != NotRegular || e.Type != "a socket" {
		t.Fatalf("socket: %v", err)
	}
}

func TestSymlinkLoop(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if err := os.Symlink(b, a); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink("a", b); err != nil {
		t.Fatal(err)
	}
	_, err := ReadConfig(a)
	if e := kindOf(t, err); e.Kind != SymlinkLoop || err.Error() != a+" is a loop of symbolic links" {
		t.Fatalf("err = %v", err)
	}
	// A loop in a directory component of the path.
	_, err = ReadConfig(filepath.Join(a, "config"))
	if e := kindOf(t, err); e.Kind != SymlinkLoop {
		t.Fatalf("component loop: %v", err)
	}
}

func TestSymlinkChainResolves(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	write(t, real, 10)
	if err := os.Symlink("real", filepath.Join(dir, "l1")); err != nil {
		t.Skip(err)
	}
	if err := os.Symlink(filepath.Join(dir, "l1"), filepath.Join(dir, "l2")); err != nil {
		t.Fatal(err)
	}
	info, err := Check(filepath.Join(dir, "l2"), 100)
	if err != nil || info.Target != real || info.Size != 10 {
		t.Fatalf("Check = %+v, %v", info, err)
	}
	// A dangling link is missing, naming where it led.
	if err := os.Symlink("gone", filepath.Join(dir, "dangling")); err != nil {
		t.Fatal(err)
	}
	err = CheckConfig(filepath.Join(dir, "dangling"))
	if !IsMissing(err) || !strings.Contains(err.Error(), "a link to "+filepath.Join(dir, "gone")) {
		t.Fatalf("dangling: %v", err)
	}
}

func TestUnreadable(t *testing.T) {
	if runtime.GOOS == "windows" || os.Geteuid() == 0 {
		t.Skip("root reads everything")
	}
	p := filepath.Join(t.TempDir(), "config")
	write(t, p, 1)
	if err := os.Chmod(p, 0); err != nil {
		t.Fatal(err)
	}
	err := CheckConfig(p)
	if e := kindOf(t, err); e.Kind != Unreadable || !strings.Contains(err.Error(), "permission denied") {
		t.Fatalf("err = %v", err)
	}
}

func TestGitFilesAndCheckFiles(t *testing.T) {
	home := t.TempDir()
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	files := GitFiles(getenv, home)
	want := []string{
		filepath.Join(home, ".gitconfig"), filepath.Join(home, ".config", "git", "config"), "/etc/gitconfig",
		filepath.Join(home, ".git-credentials"), filepath.Join(home, ".config", "git", "credentials"),
	}
	if strings.Join(files, "\n") != strings.Join(want, "\n") {
		t.Fatalf("GitFiles = %q", files)
	}
	env["GIT_CONFIG_GLOBAL"] = "/g"
	env["GIT_CONFIG_NOSYSTEM"] = "1"
	if files := GitFiles(getenv, home); files[0] != "/g" || len(files) != 3 {
		t.Fatalf("with overrides: %q", files)
	}
	write(t, filepath.Join(home, ".gitconfig"), 10)
	if err := os.Mkdir(filepath.Join(home, ".git-credentials"), 0o700); err != nil {
		t.Fatal(err)
	}
	bad := CheckFiles([]string{filepath.Join(home, ".gitconfig"), filepath.Join(home, ".git-credentials"), filepath.Join(home, "missing")})
	if len(bad) != 1 || bad[0].Path != filepath.Join(home, ".git-credentials") || bad[0].Type != "a directory" {
		t.Fatalf("CheckFiles = %v", bad)
	}
}
