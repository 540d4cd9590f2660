package fix

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestScratchStandsInForTheChangedFilesOnly(t *testing.T) {
	home := t.TempDir()
	for name, content := range map[string]string{".gitconfig": "[user]\n", ".config/git/config": "[core]\n", ".config/other/x": "x", ".aws/credentials": "[default]\n"} {
		p := filepath.Join(home, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	awsConfig := filepath.Join(t.TempDir(), "aws-config")
	env := map[string]string{"AWS_CONFIG_FILE": awsConfig}
	dir := t.TempDir()
	sc := NewScratch(dir, home, func(k string) string { return env[k] }, "linux")
	if ok, why := sc.Provable("/etc/elsewhere"); ok || !strings.Contains(why, "outside the home directory") {
		t.Errorf("a file outside home: %v %s", ok, why)
	}
	if err := sc.ensureRoots(); err != nil {
		t.Fatal(err)
	}
	cfgCopy, err := sc.Place(awsConfig, []byte("[default]\n"))
	if err != nil {
		t.Fatal(err)
	}
	gitCopy, err := sc.Place(filepath.Join(home, ".config", "git", "config"), []byte("[core]\n"))
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{}
	for _, kv := range sc.Environ([]string{"HOME=" + home, "PATH=/bin", "AWS_CONFIG_FILE=" + awsConfig}) {
		k, v, _ := strings.Cut(kv, "=")
		vars[k] = v
	}
	if vars["AWS_CONFIG_FILE"] != cfgCopy || vars["PATH"] != "/bin" || vars["AWS_SHARED_CREDENTIALS_FILE"] != filepath.Join(home, ".aws", "credentials") {
		t.Errorf("environment %v", vars)
	}
	sh := vars["HOME"]
	if sh == home || !strings.HasPrefix(gitCopy, sh) {
		t.Fatalf("scratch home %s, copy %s", sh, gitCopy)
	}
	// Unchanged entries are links to the real ones; changed files are copies.
	for _, name := range []string{".gitconfig", ".config/other", ".aws"} {
		if fi, err := os.Lstat(filepath.Join(sh, name)); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("%s is not a link to the real one (%v)", name, err)
		}
	}
	for _, name := range []string{".config", ".config/git", ".config/git/config"} {
		if fi, err := os.Lstat(filepath.Join(sh, name)); err != nil || fi.Mode()&os.ModeSymlink != 0 {
			t.Errorf("%s should be the scratch's own (%v)", name, err)
		}
	}
	if err := os.WriteFile(gitCopy, []byte("changed"), 0o600); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(home, ".config", "git", "config")); string(b) != "[core]\n" {
		t.Errorf("writing the copy changed the real file")
	}
}

func TestScratchCopiesWhenLinksAreRefusedOnWindows(t *testing.T) {
	home := t.TempDir()
	for name, content := range map[string]string{".gitconfig": "[user]\n", ".aws/config": "[default]\n", "z/big/deep": "x"} {
		p := filepath.Join(home, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	refuse := func(string, string) error { return errors.New("A required privilege is not held by the client.") }
	for _, goos := range []string{"windows", "linux"} {
		sc := NewScratch(t.TempDir(), home, func(string) string { return "" }, goos)
		sc.symlink = refuse
		sc.budget = 4 // .aws, .aws/config, .gitconfig, z: z's contents are left out
		err := sc.ensureRoots()
		if goos == "linux" {
			if err == nil {
				t.Errorf("linux: a refused link is not an error")
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		sh := sc.env["HOME"]
		for _, name := range []string{".gitconfig", ".aws/config"} {
			fi, err := os.Lstat(filepath.Join(sh, name))
			if err != nil || !fi.Mode().IsRegular() {
				t.Errorf("%s not copied: %v", name, err)
			}
		}
		if _, err := os.Stat(filepath.Join(sh, "z", "big")); err == nil {
			t.Errorf("entries beyond the budget were copied")
		}
	}
}
