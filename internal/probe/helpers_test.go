package probe

import (
	"context"
	"testing"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/gitworld"
)

// isolatedMachine is a real machine whose git reads only the given global
// config (no system config: GIT_CONFIG_NOSYSTEM=1) and whose environment is
// the git world's plus env. It returns the machine and its HOME.
func isolatedMachine(t *testing.T, gitconfig string, env ...string) (*sys.Machine, string) {
	t.Helper()
	w := gitworld.New(t, gitworld.Options{InheritPATH: true, NoSystem: true})
	if gitconfig != "" {
		w.SetGlobalConfig(gitconfig)
	}
	return sys.New(w.Env(env...), ""), w.Home
}

func ctx(t *testing.T) context.Context {
	t.Helper()
	c, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return c
}
