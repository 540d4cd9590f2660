package reproduce

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/checks"

	"github.com/codecommit-doctor/codecommit-doctor/internal/gittrace"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// reproGitMargin is kept from the check's budget to judge the result when
// git itself has to be stopped.
const reproGitMargin = 1500 * time.Millisecond

// reproGitMaxTime bounds git when the check's context has no deadline.
const reproGitMaxTime = time.Minute

// reproGitTraceEnv turns git's trace on (to stderr, Authorization headers
// redacted) and every other trace off, so that stderr can be read.
func reproGitTraceEnv() []string {
	return []string{
		"GIT_TRACE=1", "GIT_TRACE_CURL=1", "GIT_TRACE_CURL_NO_DATA=1", "GIT_TRACE_REDACT=1",
		"GIT_TERMINAL_PROMPT=0", "GIT_CURL_VERBOSE=", "GIT_TRACE_PACKET=", "GIT_TRACE_PACK_ACCESS=",
		"GIT_TRACE_PERFORMANCE=", "GIT_TRACE_SETUP=", "GIT_TRACE_SHALLOW=", "GIT_TRACE2=", "GIT_TRACE2_EVENT=", "GIT_TRACE2_PERF=",
	}
}

// reproGit is what the real `git ls-remote` did.
type reproGit struct {
	Command string // as shown to people (no secret)
	Dir     string
	Ran     bool
	Exit    int
	// TimedOut is true when git was stopped at the check's own deadline.
	TimedOut time.Duration
	RunErr   error // git could not be started
	Trace    *gittrace.Trace
	Failure  gittrace.Failure
	Refs     int
}

// ok reports whether ls-remote succeeded.
func (g reproGit) ok() bool { return g.Ran && g.Exit == 0 && g.TimedOut == 0 }

// runReproGit runs `git ls-remote` as the user would, traced. The error is
// only for the check's own context ending.
func runReproGit(ctx context.Context, env *checks.Env, t *checks.Target) (reproGit, error) {
	target, shown := t.URL.Raw, t.URL.Display
	if t.RemoteName != "" && t.Dir != "" {
		target, shown = t.RemoteName, t.RemoteName
	}
	g := reproGit{Command: "git ls-remote " + shown + " HEAD", Dir: t.Dir}
	budget := reproGitMaxTime
	if dl, ok := ctx.Deadline(); ok {
		budget = min(budget, max(time.Until(dl)-reproGitMargin, time.Second))
	}
	gctx, cancel := context.WithTimeout(ctx, budget)
	defer cancel()
	readOnly, err := readOnlyHelperConfig(gctx, env)
	if err != nil {
		if ctx.Err() != nil {
			return g, fmt.Errorf("running `%s`: %w", g.Command, ctx.Err())
		}
		g.RunErr = err
		return g, nil
	}
	args := append(readOnly, "ls-remote", target, "HEAD")
	out, err := env.Sys.Run(gctx, sys.Command{Name: "git", Args: args, Env: reproGitTraceEnv(), Dir: t.Dir})
	switch {
	case err != nil && ctx.Err() != nil:
		return g, fmt.Errorf("running `%s`: %w", g.Command, ctx.Err())
	case err != nil && gctx.Err() != nil:
		g.TimedOut = budget // what git printed so far is still read
	case err != nil && (sys.IsNotFound(err) || sys.IsNotExecutable(err)):
		g.RunErr = err
		return g, nil
	case err != nil:
		g.RunErr = errors.New(strings.ReplaceAll(err.Error(), t.URL.Raw, t.URL.Display))
		return g, nil
	}
	g.Ran = true
	g.Exit = out.ExitCode
	g.Trace = gittrace.Parse(env.Redact(out.Stderr))
	g.Failure = g.Trace.Failure()
	for line := range strings.SplitSeq(out.Stdout, "\n") {
		if strings.TrimSpace(line) != "" {
			g.Refs++
		}
	}
	return g, nil
}
