// Package gitworld is a throw-away git setup for tests: a temporary HOME,
// a system config of the test's own (or none), XDG_CONFIG_HOME inside
// HOME, a bin directory first on PATH that can hold the real git and fake
// programs, and an environment built from scratch so nothing of the
// machine's git configuration leaks in.
//
//	w := gitworld.New(t, gitworld.Options{Git: true})
//	w.SetGlobalConfig("[credential]\n\thelper = store\n")
//	w.Git(w.Home, "config", "--global", "credential.UseHttpPath", "true")
//	m := sys.New(w.Env("GIT_TRACE=1"), "")
//
// Layout, under Dir (a t.TempDir):
//
//	home/            HOME; ~/.gitconfig is home/.gitconfig
//	home/.config/    XDG_CONFIG_HOME
//	sysconfig        GIT_CONFIG_SYSTEM (empty), unless Options.NoSystem
//	bin/             first on PATH; bin/git is the real git with Options.Git
package gitworld

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/tools"
)

// Options choose how much of the machine the world lets in.
type Options struct {
	// Git links the real git (found with tools.RequireTool: the test skips
	// loudly without it, or fails under CI) as bin/git.
	Git bool
	// InheritPATH puts the test process's PATH after bin, for worlds whose
	// fake programs run ordinary commands (cat, echo). Without it PATH is
	// bin followed by Path only.
	InheritPATH bool
	// Path are more directories for PATH, after bin (and before the
	// inherited PATH).
	Path []string
	// NoSystem sets GIT_CONFIG_NOSYSTEM=1 instead of pointing
	// GIT_CONFIG_SYSTEM at the world's own (empty) sysconfig.
	NoSystem bool
}

// World is one test's git machine.
type World struct {
	Dir          string // the world's root, a t.TempDir()
	Home         string // HOME: Dir/home
	ConfigHome   string // XDG_CONFIG_HOME: Home/.config
	SystemConfig string // GIT_CONFIG_SYSTEM: Dir/sysconfig ("" with NoSystem)
	Bin          string // first on PATH: Dir/bin
	GitPath      string // the real git bin/git links to ("" without Options.Git)

	t   testing.TB
	env []string
}

// New creates the world's directories and files. With Options.Git it needs
// git on the test process's PATH.
func New(t testing.TB, opts Options) *World {
	t.Helper()
	dir := t.TempDir()
	w := &World{
		Dir:        dir,
		Home:       filepath.Join(dir, "home"),
		ConfigHome: filepath.Join(dir, "home", ".config"),
		Bin:        filepath.Join(dir, "bin"),
		t:          t,
	}
	for _, d := range []string{w.Home, w.Bin} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if opts.Git {
		w.GitPath = tools.RequireTool(t, "git")
		w.Link("git", w.GitPath)
	}
	path := append([]string{w.Bin}, opts.Path...)
	if opts.InheritPATH {
		path = append(path, os.Getenv("PATH"))
	}
	w.env = []string{
		"HOME=" + w.Home,
		"PATH=" + strings.Join(path, string(os.PathListSeparator)),
		"XDG_CONFIG_HOME=" + w.ConfigHome,
	}
	if opts.NoSystem {
		w.env = append(w.env, "GIT_CONFIG_NOSYSTEM=1")
	} else {
		w.SystemConfig = w.Write("sysconfig", "")
		w.env = append(w.env, "GIT_CONFIG_SYSTEM="+w.SystemConfig)
	}
	return w
}

// Env returns the world's environment followed by extra, in a new slice
// (a later entry for the same variable wins, in exec and in sys.New).
func (w *World) Env(extra ...string) []string {
	return append(append([]string{}, w.env...), extra...)
}

// Setenv adds KEY=VALUE entries to every later Env.
func (w *World) Setenv(kv ...string) { w.env = append(w.env, kv...) }

// Write writes content to name, relative to Dir (directories are created),
// and returns its absolute path.
func (w *World) Write(name, content string) string {
	w.t.Helper()
	return w.write(filepath.Join(w.Dir, name), content, 0o644)
}

// WriteHome writes content to name, relative to HOME, and returns its path.
func (w *World) WriteHome(name, content string) string {
	w.t.Helper()
	return w.write(filepath.Join(w.Home, name), content, 0o644)
}

// SetGlobalConfig replaces ~/.gitconfig.
func (w *World) SetGlobalConfig(content string) {
	w.t.Helper()
	w.WriteHome(".gitconfig", content)
}

// SetSystemConfig replaces the world's system config. It fails the test in
// a world made with NoSystem.
func (w *World) SetSystemConfig(content string) {
	w.t.Helper()
	if w.SystemConfig == "" {
		w.t.Fatal("gitworld: SetSystemConfig in a world without a system config (Options.NoSystem)")
	}
	w.write(w.SystemConfig, content, 0o644)
}

// Program writes an executable script to bin/name and returns its path.
func (w *World) Program(name, script string) string {
	w.t.Helper()
	return w.write(filepath.Join(w.Bin, name), script, 0o755)
}

// Link makes bin/name a symbolic link to target.
func (w *World) Link(name, target string) {
	w.t.Helper()
	if err := os.Symlink(target, filepath.Join(w.Bin, name)); err != nil {
		w.t.Fatal(err)
	}
}

// Git runs git (bin/git when the world has it, else git from the test
// process's PATH) with the world's environment and GIT_TERMINAL_PROMPT=0
// in dir ("" is HOME) and returns its stdout; the test fails when git does.
func (w *World) Git(dir string, args ...string) string {
	w.t.Helper()
	if dir == "" {
		dir = w.Home
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	git := filepath.Join(w.Bin, "git")
	if _, err := os.Stat(git); err != nil {
		git = "git"
	}
	cmd := exec.CommandContext(ctx, git, args...)
	cmd.Env = w.Env("GIT_TERMINAL_PROMPT=0")
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		w.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return stdout.String()
}

// Config runs `git config ARGS...` in HOME, e.g.
// w.Config("--global", "--add", "credential.helper", "store").
func (w *World) Config(args ...string) {
	w.t.Helper()
	w.Git("", append([]string{"config"}, args...)...)
}

func (w *World) write(path, content string, mode os.FileMode) string {
	w.t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		w.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		w.t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil {
		w.t.Fatal(err)
	}
	return path
}
