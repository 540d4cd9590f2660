package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/internal/awsconfig"
	"github.com/codecommit-doctor/codecommit-doctor/internal/bundle"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
	"github.com/codecommit-doctor/codecommit-doctor/report"
)

// bundle runs the diagnosis and writes the support bundle. The exit code
// says whether the archive was written (0) or not (3); the diagnosis's
// verdict is printed but does not change it.
func (a *App) bundle(ctx context.Context, o *bundleOptions, repoURL string) error {
	if err := o.validate(); err != nil {
		return err
	}
	selected, err := o.selection()
	if err != nil {
		return err
	}
	machine := sys.New(a.Environ, a.GOOS)
	if err := checkRemoteFlag(ctx, machine, o.remote, repoURL); err != nil {
		return err
	}
	started := time.Now()
	dest := o.file
	if dest == "" {
		dest = started.Format("codecommit-doctor-20060102-150405.zip")
	}
	if abs, err := filepath.Abs(dest); err == nil {
		dest = abs
	}
	home := machine.HomeDir()
	// Refused before the diagnosis runs, so that a wrong -o costs nothing.
	if err := bundle.CheckDestination(dest); err != nil {
		return &exitError{code: report.ExitCheckError, err: errors.New(shortenHome(err.Error(), home))}
	}
	paths := awsconfig.DefaultPaths(machine.Getenv, home)
	redactor := newRedactor(machine).With(bundle.KnownSecrets(machine, paths, home, machine.Getenv("XDG_CONFIG_HOME"))...)
	env := &checks.Env{Sys: machine, Redactor: redactor, Options: o.checkOptions(repoURL, true)}
	meta := a.reportMeta(ctx, machine, started)
	outcomes, interrupted, err := runUntilInterrupted(ctx, checks.Runner{Timeout: o.timeout}, selected, env)
	if interrupted {
		return &exitError{code: report.ExitInterrupted, err: errors.New("interrupted: no bundle written")}
	}
	if err != nil {
		return &exitError{code: report.ExitCheckError, err: fmt.Errorf("running the diagnosis: %w", err)}
	}
	meta.Duration = time.Since(started)
	meta.Target = reportTarget(outcomes)
	redactor = redactor.Keeping(publicNames(outcomes)...)
	clean := func(s string) string { return redactor.String(shortenHome(s, home)) }
	rep := report.Build(meta, outcomes)
	js, md, err := bundleReports(rep)
	if err != nil {
		return &exitError{code: report.ExitCheckError, err: err}
	}
	profile, from := bundle.UsedProfile(outcomes, o.profile, machine.Getenv)
	files := bundle.Collect(ctx, machine, bundle.Input{
		ReportJSON: js, ReportMarkdown: md,
		System:  bundle.System{Doctor: a.Build.Long(), OS: machine.GOOS() + "/" + runtime.GOARCH, Distro: meta.Distro, Shell: meta.Shell},
		GitDirs: bundle.TargetDirs(outcomes), AWSPaths: paths, Profile: profile, ProfileFrom: from,
		Reproduce: bundle.ReproduceText(outcomes), Home: home,
	}, clean)
	files = bundle.Assemble(files, bundle.Meta{Created: started, Doctor: a.Build.Long(), Limit: bundle.MaxSize}, clean)
	size, err := bundle.WriteZip(dest, files, started)
	if err != nil {
		return &exitError{code: report.ExitCheckError, err: errors.New(clean(fmt.Sprintf("writing the bundle: %v", err)))}
	}
	return a.bundleWritten(rep, dest, size, len(files), clean)
}

// bundleReports renders the report as JSON and markdown, evidence
// included.
func bundleReports(rep report.Report) (js, md string, err error) {
	var j, m bytes.Buffer
	if err := report.JSON(&j, rep, report.Options{Verbose: true}); err != nil {
		return "", "", fmt.Errorf("rendering the JSON report: %w", err)
	}
	if err := report.Markdown(&m, rep, report.Options{Verbose: true}); err != nil {
		return "", "", fmt.Errorf("rendering the markdown report: %w", err)
	}
	return j.String(), m.String(), nil
}

// bundleWritten says where the archive is and what the diagnosis found.
func (a *App) bundleWritten(rep report.Report, dest string, size int64, n int, clean func(string) string) error {
	verdict := fmt.Sprintf("Diagnosis: %s (the doctor alone would exit %d)", summaryWords(rep.Summary), rep.Summary.ExitCode)
	if t := rep.Target; t != nil {
		// Which repository the bundle is about (a clone may have
		// several CodeCommit remotes).
		target := "Target: " + t.URL
		if t.Source != "" {
			target += " (from " + t.Source + ")"
		}
		verdict = target + "\n" + verdict
	}
	if v := rep.Verdict; v != nil {
		verdict += " — " + v.Cause
	}
	msg := fmt.Sprintf("%s\nWrote %s (%s, %d files). Review it before sharing: README.txt inside says what it holds.\n",
		verdict, dest, bundle.HumanSize(size), n)
	if _, err := io.WriteString(a.Stdout, clean(msg)); err != nil {
		return &exitError{code: report.ExitCheckError, err: fmt.Errorf("writing the message: %w", err)}
	}
	return nil
}

// summaryWords is the run's counts in words: "10 passed, 1 warned".
func summaryWords(s report.Summary) string {
	c := s.Counts
	parts := []string{fmt.Sprintf("%d passed", c.Pass)}
	for _, p := range []struct {
		n    int
		word string
	}{{c.Warn, "warned"}, {c.Fail, "failed"}, {c.Error, "could not finish"}, {c.Skip, "skipped"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.word))
		}
	}
	return strings.Join(parts, ", ")
}
