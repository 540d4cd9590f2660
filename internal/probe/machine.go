package probe

import (
	"context"

	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// Machine is what the probe needs from the computer: running git, the
// environment and reading a CA file. *sys.Machine is one.
type Machine interface {
	Run(ctx context.Context, c sys.Command) (sys.Output, error)
	LookupEnv(key string) (string, bool)
	ReadFile(path string, limit int64) ([]byte, error)
}
