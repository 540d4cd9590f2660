package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
	"github.com/codecommit-doctor/codecommit-doctor/internal/progress"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
	"github.com/codecommit-doctor/codecommit-doctor/report"
)

// doctor runs the selected checks and prints the report.
func (a *App) doctor(ctx context.Context, o *doctorOptions, repoURL string) error {
	o.output = normalizeFormat(o.output)
	render, err := report.Lookup(o.output)
	if err != nil {
		return usageError("%v", err)
	}
	if o.timeout <= 0 {
		return usageError("--timeout must be positive, got %s", o.timeout)
	}
	selected, err := selectChecks(o.only, o.skip)
	if err != nil {
		return usageError("%v", err)
	}
	if len(selected) == 0 {
		return usageError("--only %s --skip %s leaves no check to run", listFlag(o.only), listFlag(o.skip))
	}
	if o.principal != "" {
		p, err := awsclient.ParsePrincipalARN(o.principal)
		if err != nil {
			return usageError("--principal: %v", err)
		}
		o.principal = p.ARN
	}
	machine := sys.New(a.Environ, a.GOOS)
	if err := checkRemoteFlag(ctx, machine, o.remote, repoURL); err != nil {
		return err
	}
	redactor := newRedactor(machine)
	env := &checks.Env{Sys: machine, Redactor: redactor, Options: checks.Options{
		RepoURL: repoURL, Profile: o.profile, Region: o.region, Remote: o.remote,
		Principal: o.principal, Offline: o.offline, Verbose: o.verbose,
	}}
	term := decideTerminal(machine, o.output, a.StdoutTTY, a.Width, o.noColor)
	color := term.color
	runner := checks.Runner{Timeout: o.timeout}
	meta := report.Meta{
		Version:   a.Build.String(),
		Commit:    a.Build.Commit,
		BuildDate: a.Build.Date,
		StartedAt: time.Now(),
		OS:        machine.GOOS(),
		Arch:      runtime.GOARCH,
		Distro:    distribution(ctx, machine, a.OSRelease),
		Shell:     shellName(machine, machine.GOOS()),
		Env:       headerEnvironment(machine),
		Strict:    o.strict,
	}
	home := machine.HomeDir()
	write := func(text string) error {
		text = redactor.String(shortenHome(text, home))
		if _, err := io.WriteString(a.Stdout, text); err != nil {
			return &exitError{code: report.ExitUsage, err: fmt.Errorf("writing the report: %w", err)}
		}
		return nil
	}
	ropts := report.Options{Color: color, Verbose: o.verbose, Width: term.width}
	// The header goes out before the checks run: a run that hangs or is
	// interrupted still shows what a support ticket needs.
	if header, ok := report.Header(o.output); ok {
		var buf bytes.Buffer
		if err := header(&buf, report.Build(meta, nil), ropts); err != nil {
			return &exitError{code: report.ExitUsage, err: err}
		}
		if err := write(buf.String()); err != nil {
			return err
		}
		ropts.SkipHeader = true
	}
	var display *progress.Display
	if term.live {
		display = progress.Start(a.Stdout, a.Width)
		width := len("credential-helper")
		runner.OnStart = func(i checks.Info) { display.Started(i.ID) }
		runner.OnDone = func(out checks.Outcome) {
			line := report.CheckLine(report.Build(report.Meta{}, []checks.Outcome{out}).Checks[0], width, color)
			display.Finished(out.Info.ID, redactor.String(shortenHome(line, home)))
		}
	}
	outcomes, interrupted, err := runUntilInterrupted(ctx, runner, selected, env)
	if display != nil {
		display.Stop() // erase the progress: the ordered report replaces it
	}
	if interrupted {
		// The checks were cancelled half-way: their "context canceled"
		// results say nothing about the machine, so no report.
		return &exitError{code: report.ExitInterrupted, err: errors.New("interrupted")}
	}
	if err != nil {
		return &exitError{code: report.ExitCheckError, err: err}
	}
	meta.Duration = time.Since(meta.StartedAt)
	meta.Target = reportTarget(outcomes)
	redactor = redactor.Keeping(publicNames(outcomes)...)
	rep := report.Build(meta, outcomes)
	var buf bytes.Buffer
	if err := render(&buf, rep, ropts); err != nil {
		return &exitError{code: report.ExitUsage, err: err}
	}
	if err := write(buf.String()); err != nil {
		return err
	}
	if o.output == "github" {
		if err := a.stepSummary(machine, rep, home, redactor); err != nil {
			return err
		}
	}
	if rep.Summary.ExitCode != report.ExitOK {
		return &exitError{code: rep.Summary.ExitCode}
	}
	return nil
}

// stepSummary appends the markdown report to $GITHUB_STEP_SUMMARY, the
// job summary of a GitHub Actions step, when it is set.
func (a *App) stepSummary(m *sys.Machine, rep report.Report, home string, redactor interface{ String(string) string }) error {
	path := m.Getenv("GITHUB_STEP_SUMMARY")
	if path == "" {
		return nil
	}
	var buf bytes.Buffer
	if err := report.Markdown(&buf, rep, report.Options{}); err != nil {
		return &exitError{code: report.ExitUsage, err: err}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return &exitError{code: report.ExitUsage, err: fmt.Errorf("writing the job summary to GITHUB_STEP_SUMMARY: %w", err)}
	}
	_, werr := io.WriteString(f, redactor.String(shortenHome(buf.String(), home))+"\n")
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return &exitError{code: report.ExitUsage, err: fmt.Errorf("writing the job summary to GITHUB_STEP_SUMMARY: %w", werr)}
	}
	return nil
}

// shortenHome shows paths under the home directory as ~, in every format:
// also in JSON, where a Windows home's backslashes are escaped.
func shortenHome(s, home string) string {
	home = strings.TrimRight(home, `/\`)
	if len(home) < 2 {
		return s
	}
	s = strings.ReplaceAll(s, home+"/", "~/")
	s = strings.ReplaceAll(s, home+`\`, `~\`)
	if escaped := strings.ReplaceAll(home, `\`, `\\`); escaped != home {
		s = strings.ReplaceAll(s, escaped+`\\`, `~\\`)
	}
	return s
}

// interruptGrace is how long an interrupted run waits for its checks to
// return once their programs were killed.
const interruptGrace = 3 * time.Second

// runUntilInterrupted runs the checks; when ctx is cancelled (Ctrl-C,
// SIGTERM) the programs they run die with it, and the run ends at once
// after a short grace even if a check is slow to notice.
func runUntilInterrupted(ctx context.Context, runner checks.Runner, selected []checks.Check, env *checks.Env) ([]checks.Outcome, bool, error) {
	type result struct {
		outcomes []checks.Outcome
		err      error
	}
	done := make(chan result, 1)
	go func() {
		o, err := runner.Run(ctx, selected, env)
		done <- result{o, err}
	}()
	select {
	case r := <-done:
		return r.outcomes, ctx.Err() != nil, r.err
	case <-ctx.Done():
	}
	select {
	case <-done:
	case <-time.After(interruptGrace):
	}
	return nil, true, nil
}

// checkRemoteFlag makes --remote a usage error outside a clone or when the
// clone has no such remote, listing the remotes it has.
func checkRemoteFlag(ctx context.Context, m *sys.Machine, remote, repoURL string) error {
	if remote == "" {
		return nil
	}
	if repoURL != "" {
		return usageError("--remote %q and the REPO_URL argument both name the repository: give one of them", remote)
	}
	names, err := cloneRemotes(ctx, m)
	var nc *notInCloneError
	switch {
	case errors.As(err, &nc):
		return usageError("--remote %q: %v; run inside the clone, or pass the repository URL instead", remote, nc)
	case err != nil:
		// git itself cannot run: the git check says why.
		return nil
	}
	if slices.Contains(names, remote) {
		return nil
	}
	if len(names) == 0 {
		return usageError("--remote %q: this clone has no remotes (git remote -v lists none)", remote)
	}
	return usageError("--remote %q: this clone has no such remote; its remotes: %s", remote, strings.Join(names, ", "))
}

func listFlag(ids []string) string {
	if len(ids) == 0 {
		return `""`
	}
	return strings.Join(ids, ",")
}
