package probe

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// isolatedMachine is a real machine whose git reads only the given global
// config (no system config) and whose environment is exactly env.
func isolatedMachine(t *testing.T, gitconfig string, env ...string) (*sys.Machine, string) {
	t.Helper()
	home := t.TempDir()
	if gitconfig != "" {
		if err := os.WriteFile(filepath.Join(home, ".gitconfig"), []byte(gitconfig), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	base := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, ".config"), "GIT_CONFIG_NOSYSTEM=1"}
	return sys.New(append(base, env...), ""), home
}

func ctx(t *testing.T) context.Context {
	t.Helper()
	c, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return c
}
