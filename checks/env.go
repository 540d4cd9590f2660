package checks

import (
	"context"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// System is the door to the machine that checks use. *sys.Machine is the
// real one; tests may use a fake.
type System interface {
	Run(ctx context.Context, c sys.Command) (sys.Output, error)
	LookPath(name string) (string, error)
	Getenv(key string) string
	LookupEnv(key string) (string, bool)
	HomeDir() string
	ReadFile(path string, limit int64) ([]byte, error)
	FileExists(path string) bool
	GOOS() string
	Now() time.Time
}

// Options are the user's choices that checks read.
type Options struct {
	RepoURL string // REPO_URL argument
	Profile string // --profile
	Region  string // --region
	Remote  string // --remote
	Offline bool   // --offline
	Verbose bool   // -v
}

// Redactor removes secrets from text. Output is redacted once more as a
// whole when rendered; checks redact program output before they cut it to an
// excerpt, since a cut secret is no longer recognisable.
type Redactor interface {
	String(s string) string
}

// Env is what a check receives: the machine, the options and the results of
// its prerequisites.
type Env struct {
	Sys      System
	Options  Options
	Redactor Redactor // nil: text is kept as it is (unit tests)
	deps     map[string]Result
}

// Redact removes secrets from text with the run's redactor.
func (e *Env) Redact(s string) string {
	if e.Redactor == nil {
		return s
	}
	return e.Redactor.String(s)
}

// Dep returns the result of a prerequisite that has finished.
func (e *Env) Dep(id string) (Result, bool) {
	r, ok := e.deps[id]
	return r, ok
}

// withDeps returns a copy of e that sees the given prerequisite results.
func (e *Env) withDeps(deps map[string]Result) *Env {
	c := *e
	c.deps = deps
	return &c
}
