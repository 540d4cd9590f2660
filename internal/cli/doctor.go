package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/all"
	"github.com/codecommit-doctor/codecommit-doctor/internal/progress"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
	"github.com/codecommit-doctor/codecommit-doctor/report"
)

// ExitInterrupted is the exit code of a run stopped by SIGINT or SIGTERM,
// as shells report a program killed by SIGINT (128+2).
const ExitInterrupted = 130

// doctor runs the selected checks and prints the report.
func (a *App) doctor(ctx context.Context, o *doctorOptions, repoURL string) error {
	render, err := report.Lookup(o.output)
	if err != nil {
		return usageError("%v", err)
	}
	if o.timeout <= 0 {
		return usageError("--timeout must be positive, got %s", o.timeout)
	}
	selected, err := checks.Select(all.Checks(), o.only, o.skip)
	if err != nil {
		return usageError("%v", err)
	}
	machine := sys.New(a.Environ, a.GOOS)
	redactor := newRedactor(machine)
	env := &checks.Env{Sys: machine, Redactor: redactor, Options: checks.Options{
		RepoURL: repoURL, Profile: o.profile, Region: o.region, Remote: o.remote,
		Offline: o.offline, Verbose: o.verbose,
	}}
	_, ci := machine.LookupEnv("CI")
	_, noColor := machine.LookupEnv("NO_COLOR")
	human := o.output == "text" && a.StdoutTTY
	color := human && !o.noColor && !noColor
	runner := checks.Runner{Timeout: o.timeout}
	var display *progress.Display
	if human && !ci {
		display = progress.Start(a.Stdout)
		width := len("credential-helper")
		runner.OnStart = func(i checks.Info) { display.Started(i.ID) }
		runner.OnDone = func(out checks.Outcome) {
			display.Finished(out.Info.ID, report.CheckLine(report.Build(report.Meta{}, []checks.Outcome{out}).Checks[0], width, color))
		}
	}
	start := time.Now()
	outcomes, err := runner.Run(ctx, selected, env)
	if display != nil {
		display.Stop() // erase the progress: the ordered report replaces it
	}
	if err != nil {
		return &exitError{code: report.ExitCheckError, err: err}
	}
	if ctx.Err() != nil {
		// Results of an interrupted run are "context canceled", not
		// verdicts: none is printed.
		return &exitError{code: ExitInterrupted, err: errors.New("interrupted: the checks were stopped before they finished; no verdict")}
	}
	rep := report.Build(report.Meta{
		Version:   a.Build.String(),
		StartedAt: start,
		Duration:  time.Since(start),
		OS:        machine.GOOS(),
		Arch:      runtime.GOARCH,
		Target:    reportTarget(outcomes),
		Strict:    o.strict,
	}, outcomes)
	var buf bytes.Buffer
	ropts := report.Options{Color: color, Verbose: o.verbose}
	if err := render(&buf, rep, ropts); err != nil {
		return &exitError{code: report.ExitUsage, err: err}
	}
	text := buf.String()
	if report.Human(o.output) {
		text = shortenHome(text, machine.HomeDir())
	}
	text = redactor.String(text)
	if _, err := fmt.Fprint(a.Stdout, text); err != nil {
		return &exitError{code: report.ExitUsage, err: fmt.Errorf("writing the report: %w", err)}
	}
	if rep.Summary.ExitCode != report.ExitOK {
		return &exitError{code: rep.Summary.ExitCode}
	}
	return nil
}

// shortenHome shows paths under the home directory as ~.
func shortenHome(s, home string) string {
	home = strings.TrimRight(home, `/\`)
	if len(home) < 2 {
		return s
	}
	s = strings.ReplaceAll(s, home+"/", "~/")
	return strings.ReplaceAll(s, home+`\`, `~\`)
}
