package checks

import (
	"context"
	"maps"
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
	// Principal is --principal: an IAM role, user or instance profile ARN
	// (validated) whose access the permissions and kms checks decide
	// instead of the caller's.
	Principal string
	Offline   bool // --offline
	Verbose   bool // -v
}

// Redactor removes secrets from text. Output is redacted once more as a
// whole when rendered; checks redact program output before they cut it to an
// excerpt, since a cut secret is no longer recognisable.
type Redactor interface {
	String(s string) string
}

// Env is what a check receives: the machine, the options and the results of
// the checks it declared in Requires and After (read through their keys).
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

// WithFacts returns a copy of e that sees the given facts, as if their
// producers had run and passed (unless a Fact says otherwise). Tests build
// environments with it; the runner uses the same path.
func (e *Env) WithFacts(facts ...Fact) *Env {
	c := *e
	c.deps = make(map[string]Result, len(e.deps)+len(facts))
	maps.Copy(c.deps, e.deps)
	for _, f := range facts {
		r, ok := c.deps[f.key.Producer()]
		if f.res != nil {
			r.Status, r.Summary, r.Findings = f.res.Status, f.res.Summary, f.res.Findings
		} else if !ok {
			r.Status = Pass
		}
		nf := make(map[KeyRef]any, len(r.facts)+1)
		maps.Copy(nf, r.facts)
		nf[f.key] = f.value
		r.facts = nf
		c.deps[f.key.Producer()] = r
	}
	return &c
}

// withDeps returns a copy of e that sees the given results.
func (e *Env) withDeps(deps map[string]Result) *Env {
	c := *e
	c.deps = deps
	return &c
}

// WithResult returns a copy of e that sees a finished check's result (and
// the facts it published), as the runner hands it to the checks after it.
func (e *Env) WithResult(id string, r Result) *Env {
	c := *e
	c.deps = make(map[string]Result, len(e.deps)+1)
	maps.Copy(c.deps, e.deps)
	c.deps[id] = r
	return &c
}
