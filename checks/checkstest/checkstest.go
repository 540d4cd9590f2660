// Package checkstest is what the checks' unit tests share: a fake machine,
// environments built from typed facts, and Run, which runs a check the way
// the runner does and fails the test when the check emits a finding code
// its Info does not document (so `explain` can never be incomplete).
package checkstest

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// Sys is a machine with an environment, files and a clock, and no programs.
type Sys struct {
	Env   map[string]string
	Files map[string]string
	Clock time.Time // zero: 2026-11-26 08:00 UTC
	OS    string    // "" is linux
}

// Run refuses: there are no programs on this machine.
func (s Sys) Run(context.Context, sys.Command) (sys.Output, error) {
	return sys.Output{}, errors.New("no programs in this test")
}

// LookPath finds nothing.
func (s Sys) LookPath(string) (string, error) { return "", os.ErrNotExist }

// Getenv reads the environment.
func (s Sys) Getenv(k string) string { return s.Env[k] }

// LookupEnv reads the environment.
func (s Sys) LookupEnv(k string) (string, bool) { v, ok := s.Env[k]; return v, ok }

// HomeDir is /home/u.
func (s Sys) HomeDir() string { return "/home/u" }

// ReadFile reads the files.
func (s Sys) ReadFile(p string, _ int64) ([]byte, error) {
	if v, ok := s.Files[p]; ok {
		return []byte(v), nil
	}
	return nil, os.ErrNotExist
}

// FileExists reports whether the file is there.
func (s Sys) FileExists(p string) bool { _, ok := s.Files[p]; return ok }

// GOOS is the OS value.
func (s Sys) GOOS() string {
	if s.OS == "" {
		return "linux"
	}
	return s.OS
}

// Now is the clock.
func (s Sys) Now() time.Time {
	if s.Clock.IsZero() {
		return time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)
	}
	return s.Clock
}

// Target is the fact of the remote check for url, from an argument.
func Target(url string) checks.Fact {
	return checks.TargetKey.Fact(&checks.Target{URL: ccurl.Parse(url), Source: "argument"})
}

// Run runs the check as the runner would (findings sorted, status raised
// to the worst finding) and fails the test for an undocumented code.
func Run(t testing.TB, c checks.Check, env *checks.Env) (checks.Result, error) {
	t.Helper()
	res, err := c.Run(context.Background(), env)
	if err != nil {
		return res, err
	}
	res = checks.Normalize(res)
	info := c.Info()
	for _, f := range res.Findings {
		if !info.Documents(f.Code) {
			t.Errorf("check %q emitted the finding %q, which its Info does not document", info.ID, f.Code)
		}
	}
	return res, nil
}

// Codes lists the codes of a result's findings, comma-separated.
func Codes(r checks.Result) string {
	var cs []string
	for _, f := range r.Findings {
		cs = append(cs, f.Code)
	}
	return strings.Join(cs, ",")
}

// CodeMap maps each finding code to its severity.
func CodeMap(r checks.Result) map[string]checks.Status {
	out := map[string]checks.Status{}
	for _, f := range r.Findings {
		out[f.Code] = f.Severity
	}
	return out
}

// Text is everything a result would print, for substring checks.
func Text(r checks.Result) string {
	var b strings.Builder
	b.WriteString(r.Summary + "\n")
	for _, f := range r.Findings {
		b.WriteString(f.Code + ": " + f.Message + "\n" + strings.Join(f.Remediation, "\n") + "\n")
	}
	for k, v := range r.Evidence {
		b.WriteString(k + "=")
		switch v := v.(type) {
		case string:
			b.WriteString(v)
		case []string:
			b.WriteString(strings.Join(v, "; "))
		}
		b.WriteString("\n")
	}
	return b.String()
}
