package checkstest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/chain"
	"github.com/codecommit-doctor/codecommit-doctor/checks/git"
	"github.com/codecommit-doctor/codecommit-doctor/checks/signing"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/tools"
	"github.com/codecommit-doctor/codecommit-doctor/internal/version"
)

// GitWorld is a machine with the real git, a fake aws, a HOME and a system
// config of the test's choosing.
type GitWorld struct {
	T    *testing.T
	Dir  string
	Home string
	Env  []string
	GOOS string
}

// NewGitWorld makes the world in a temporary directory.
func NewGitWorld(t *testing.T, goos string) *GitWorld {
	t.Helper()
	gitPath := tools.RequireTool(t, "git")
	dir := t.TempDir()
	w := &GitWorld{T: t, Dir: dir, Home: filepath.Join(dir, "home"), GOOS: goos}
	bin := filepath.Join(dir, "bin")
	w.Write("bin/aws", "#!/bin/sh\nexit 0\n")
	if err := os.Chmod(filepath.Join(bin, "aws"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(gitPath, filepath.Join(bin, "git")); err != nil {
		t.Fatal(err)
	}
	w.Write("sysconfig", "")
	w.Write("home/.keep", "")
	w.Env = []string{"HOME=" + w.Home, "PATH=" + bin, "GIT_CONFIG_SYSTEM=" + filepath.Join(dir, "sysconfig")}
	return w
}

// Write writes a file under the world's directory.
func (w *GitWorld) Write(name, content string) {
	w.T.Helper()
	p := filepath.Join(w.Dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		w.T.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		w.T.Fatal(err)
	}
}

// EnvFor is an Env that sees the git check's facts as if git reported
// gitVersion, the target url ("" for none), and the chain and signing
// providers' facts computed on this machine.
func (w *GitWorld) EnvFor(url, gitVersion string, extra ...string) *checks.Env {
	w.T.Helper()
	m := sys.New(append(append([]string{}, w.Env...), extra...), w.GOOS)
	v, err := version.ParseGit("git version " + gitVersion)
	if err != nil {
		w.T.Fatal(err)
	}
	facts := []checks.Fact{git.Key.Fact(&git.Facts{Path: "git", Version: v.Version, Features: version.GitFeatures(v.Version)})}
	if url != "" {
		facts = append(facts, Target(url))
	}
	env := (&checks.Env{Sys: m}).WithFacts(facts...)
	return Provide(w.T, env, chain.New(), signing.New())
}

// Provide runs fact providers in order and returns env with their results.
func Provide(t testing.TB, env *checks.Env, providers ...checks.Check) *checks.Env {
	t.Helper()
	for _, p := range providers {
		res, err := p.Run(context.Background(), env)
		if err != nil {
			t.Fatalf("provider %s: %v", p.Info().ID, err)
		}
		env = env.WithResult(p.Info().ID, res)
	}
	return env
}
