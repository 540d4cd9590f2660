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
	"github.com/codecommit-doctor/codecommit-doctor/internal/progress"
	"github.com/codecommit-doctor/codecommit-doctor/internal/redact"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
	"github.com/codecommit-doctor/codecommit-doctor/report"
)

// doctor runs the selected checks over the URL arguments (none: the clone
// in the current directory) and prints the report. Several URLs, or a clone
// with several CodeCommit remotes or CodeCommit submodules, make a run over
// several targets; one target gives the report it always gave.
func (a *App) doctor(ctx context.Context, o *doctorOptions, repoURLs []string) error {
	repoURL := ""
	if len(repoURLs) == 1 {
		repoURL = repoURLs[0]
	}
	s, err := a.start(ctx, o, repoURL)
	if err != nil {
		return err
	}
	if err := checkRemoteFlag(ctx, s.machine, o.remote, strings.Join(repoURLs, " ")); err != nil {
		return err
	}
	if err := s.writeHeader(); err != nil {
		return err
	}
	targets, note, err := doctorTargets(ctx, s, repoURLs)
	if err != nil {
		return err
	}
	if err := a.notes(s, note); err != nil {
		return err
	}
	return a.finish(ctx, s, targets, nil)
}

// session is one run being prepared: the validated options, the machine,
// the redaction, the terminal and the report's facts.
type session struct {
	o        *doctorOptions
	render   report.Renderer
	selected []checks.Check
	machine  *sys.Machine
	redactor *redact.Redactor
	env      *checks.Env
	term     terminal
	meta     report.Meta
	ropts    report.Options
	out      io.Writer
	width    int
}

// start validates the options and prepares the run.
func (a *App) start(ctx context.Context, o *doctorOptions, repoURL string) (*session, error) {
	o.output = normalizeFormat(o.output)
	render, err := report.Lookup(o.output)
	if err != nil {
		return nil, usageError("%v", err)
	}
	if err := o.validate(); err != nil {
		return nil, err
	}
	selected, err := o.selection()
	if err != nil {
		return nil, err
	}
	machine := sys.New(a.Environ, a.GOOS)
	redactor := newRedactor(machine)
	env := &checks.Env{Sys: machine, Redactor: redactor, Options: o.checkOptions(repoURL, o.verbose)}
	term := decideTerminal(machine, o.output, a.StdoutTTY, a.Width, o.noColor)
	meta := a.reportMeta(ctx, machine, time.Now())
	meta.Strict = o.strict
	return &session{o: o, render: render, selected: selected, machine: machine, redactor: redactor, env: env,
		term: term, meta: meta, ropts: report.Options{Color: term.color, Verbose: o.verbose, Width: term.width},
		out: a.Stdout, width: a.Width}, nil
}

// reportMeta is what every report says of the doctor and this machine.
func (a *App) reportMeta(ctx context.Context, machine *sys.Machine, started time.Time) report.Meta {
	return report.Meta{
		Version:   a.Build.String(),
		Commit:    a.Build.Commit,
		BuildDate: a.Build.Date,
		StartedAt: started,
		OS:        machine.GOOS(),
		Arch:      runtime.GOARCH,
		Distro:    distribution(ctx, machine, a.OSRelease),
		Shell:     shellName(machine, machine.GOOS()),
		Env:       headerEnvironment(machine),
	}
}

// write prints text with the home directory shortened and secrets redacted.
func (s *session) write(text string) error {
	text = s.redactor.String(shortenHome(text, s.machine.HomeDir()))
	if _, err := io.WriteString(s.out, text); err != nil {
		return &exitError{code: report.ExitUsage, err: fmt.Errorf("writing the report: %w", err)}
	}
	return nil
}

// writeHeader prints the header before the checks run: a run that hangs
// or is interrupted still shows what a support ticket needs.
func (s *session) writeHeader() error {
	header, ok := report.Header(s.o.output)
	if !ok {
		return nil
	}
	var buf bytes.Buffer
	if err := header(&buf, report.Build(s.meta, nil), s.ropts); err != nil {
		return &exitError{code: report.ExitUsage, err: err}
	}
	if err := s.write(buf.String()); err != nil {
		return err
	}
	s.ropts.SkipHeader = true
	return nil
}

// finish runs the checks, over the targets when there are any (nil: the
// one target the remote check finds), and prints the report; text, when
// set, renders the text format instead of the full report (scan's table).
func (a *App) finish(ctx context.Context, s *session, targets []checks.TargetSpec, text report.Renderer) error {
	runner := checks.Runner{Timeout: s.o.timeout}
	var display *progress.Display
	if s.term.live {
		display = progress.Start(s.out, s.width)
		if targets == nil {
			width := len("credential-helper")
			runner.OnStart = func(i checks.Info) { display.Started(i.ID) }
			runner.OnDone = func(out checks.Outcome) {
				line := report.CheckLine(report.Build(report.Meta{}, []checks.Outcome{out}).Checks[0], width, s.term.color)
				display.Finished(out.Info.ID, s.redactor.String(shortenHome(line, s.machine.HomeDir())))
			}
		} else {
			// Every target's lines would scroll past; the spinner says
			// what runs, the report follows.
			display.Started(fmt.Sprintf("the checks of %d targets", len(targets)))
		}
	}
	var res runResult
	interrupted, err := untilInterrupted(ctx, func(ctx context.Context) error {
		if targets == nil {
			o, err := runner.Run(ctx, s.selected, s.env)
			res.outcomes = o
			return err
		}
		shared, runs, err := runner.RunTargets(ctx, s.selected, s.env, targets, checks.DefaultTargetParallel)
		res.shared, res.runs = shared, runs
		return err
	})
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
	meta := s.meta
	meta.Duration = time.Since(meta.StartedAt)
	var rep report.Report
	if targets == nil {
		meta.Target = reportTarget(res.outcomes)
		s.redactor = s.redactor.Keeping(publicNames(res.outcomes)...)
		rep = report.Build(meta, res.outcomes)
	} else {
		inputs, names := targetInputs(res.runs, s.machine.HomeDir())
		s.redactor = s.redactor.Keeping(names...)
		rep = report.BuildTargets(meta, res.shared, inputs)
	}
	render := s.render
	if text != nil && s.o.output == "text" && !s.o.verbose {
		render = text
	}
	var buf bytes.Buffer
	if err := render(&buf, rep, s.ropts); err != nil {
		return &exitError{code: report.ExitUsage, err: err}
	}
	if err := s.write(buf.String()); err != nil {
		return err
	}
	if s.o.output == "github" {
		if err := a.stepSummary(s.machine, rep, s.machine.HomeDir(), s.redactor); err != nil {
			return err
		}
	}
	if rep.Summary.ExitCode != report.ExitOK {
		return &exitError{code: rep.Summary.ExitCode}
	}
	return nil
}

// runResult is what a run gave: the outcomes of a run over one target, or
// the shared outcomes and each target's of a run over several.
type runResult struct {
	outcomes []checks.Outcome
	shared   []checks.Outcome
	runs     []checks.TargetRun
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

// runUntilInterrupted runs the checks over one target (see untilInterrupted).
func runUntilInterrupted(ctx context.Context, runner checks.Runner, selected []checks.Check, env *checks.Env) ([]checks.Outcome, bool, error) {
	var outcomes []checks.Outcome
	interrupted, err := untilInterrupted(ctx, func(ctx context.Context) error {
		o, err := runner.Run(ctx, selected, env)
		outcomes = o
		return err
	})
	if interrupted {
		return nil, true, nil
	}
	return outcomes, false, err
}

// untilInterrupted runs the checks; when ctx is cancelled (Ctrl-C,
// SIGTERM) the programs they run die with it, and the run ends at once
// after a short grace even if a check is slow to notice.
func untilInterrupted(ctx context.Context, run func(context.Context) error) (bool, error) {
	done := make(chan error, 1)
	go func() { done <- run(ctx) }()
	select {
	case err := <-done:
		return ctx.Err() != nil, err
	case <-ctx.Done():
	}
	select {
	case <-done:
	case <-time.After(interruptGrace):
	}
	return true, nil
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
