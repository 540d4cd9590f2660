package grc

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// lsRemoteTimeout bounds the real git ls-remote.
const lsRemoteTimeout = 30 * time.Second

// lsRemote runs `git ls-remote URL HEAD` through the installed
// git-remote-codecommit. credential.helper is reset on git's command line
// (inherited by the `git remote-http` git-remote-codecommit starts), so no
// helper stores the credentials it puts in the URL: the run changes nothing.
func lsRemote(ctx context.Context, env *checks.Env, t *checks.Target) (checks.Finding, checks.ProgramRun, error) {
	ctx, cancel := context.WithTimeout(ctx, lsRemoteTimeout)
	defer cancel()
	display := "git ls-remote " + t.URL.Display + " HEAD"
	c := sys.Command{Name: "git", Args: []string{"-c", "credential.helper=", "ls-remote", t.URL.Raw, "HEAD"},
		Dir: t.Dir, Display: display, MaxOutput: 64 << 10}
	out, ev, missing, err := checks.RunProgram(ctx, env, func(error) checks.Finding { return checks.Finding{} }, c)
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return checks.Finding{Code: codeLsRemoteFailed, Severity: checks.Fail,
				Message: fmt.Sprintf("`%s` did not finish in %s.", display, lsRemoteTimeout)}, ev, nil
		}
		return checks.Finding{}, ev, fmt.Errorf("running %s: %w", display, err)
	}
	if missing != nil {
		return checks.Finding{}, ev, fmt.Errorf("running %s: git is not on PATH", display)
	}
	if out.ExitCode == 0 {
		return checks.Finding{Code: codeLsRemoteOK, Severity: checks.Pass,
			Message: fmt.Sprintf("`%s` works through git-remote-codecommit.", display)}, ev, nil
	}
	why := reason(env.Redact(out.Stderr))
	return checks.Finding{Code: codeLsRemoteFailed, Severity: checks.Fail,
		Message: fmt.Sprintf("`%s` exited with status %d: %s", display, out.ExitCode, why)}, ev, nil
}

// reason picks the line of git's or git-remote-codecommit's stderr that
// says what went wrong, redacted and bounded.
func reason(stderr string) string {
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	for _, l := range lines {
		if strings.Contains(l, "The following") || strings.Contains(l, "Error") || strings.Contains(l, "fatal:") {
			return checks.Excerpt(l)
		}
	}
	if len(lines) > 0 && lines[0] != "" {
		return checks.Excerpt(lines[len(lines)-1])
	}
	return "no message"
}
