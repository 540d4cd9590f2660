package gitworld

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWorldIsolatesGit(t *testing.T) {
	w := New(t, Options{Git: true})
	if fi, err := os.Lstat(filepath.Join(w.Bin, "git")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("bin/git is not a link to the real git: %v", err)
	}
	w.SetSystemConfig("[test]\n\tscope = system\n")
	w.SetGlobalConfig("[test]\n\tscope = global\n")
	w.WriteHome(".config/git/config", "[test]\n\tscope = xdg\n")
	w.Config("--global", "--add", "test.added", "yes")
	out := w.Git("", "config", "--show-scope", "--get-all", "test.scope")
	if want := "system\tsystem\nglobal\txdg\nglobal\tglobal\n"; out != want {
		t.Errorf("git config --show-scope --get-all test.scope:\n%s\nwant:\n%s", out, want)
	}
	if got := w.Git("", "config", "--global", "test.added"); got != "yes\n" {
		t.Errorf("test.added = %q", got)
	}
	env := strings.Join(w.Env("EXTRA=1"), "\n")
	for _, want := range []string{"HOME=" + w.Home, "PATH=" + w.Bin + "\n", "XDG_CONFIG_HOME=" + w.ConfigHome, "GIT_CONFIG_SYSTEM=" + w.SystemConfig, "EXTRA=1"} {
		if !strings.Contains(env+"\n", want) {
			t.Errorf("env lacks %q:\n%s", want, env)
		}
	}
}

func TestWorldWithoutSystemConfig(t *testing.T) {
	w := New(t, Options{NoSystem: true, InheritPATH: true, Path: []string{"/extra"}})
	env := strings.Join(w.Env(), "\n")
	if !strings.Contains(env, "GIT_CONFIG_NOSYSTEM=1") || strings.Contains(env, "GIT_CONFIG_SYSTEM=") || w.SystemConfig != "" {
		t.Errorf("NoSystem: %s", env)
	}
	if !strings.Contains(env, "PATH="+w.Bin+string(os.PathListSeparator)+"/extra"+string(os.PathListSeparator)+os.Getenv("PATH")) {
		t.Errorf("PATH is not bin, Path, then the inherited PATH: %s", env)
	}
	p := w.Program("fake", "#!/bin/sh\necho fake\n")
	if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o755 {
		t.Errorf("Program: %v %v", fi, err)
	}
}
