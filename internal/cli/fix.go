package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/internal/fix"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
	"github.com/codecommit-doctor/codecommit-doctor/report"
)

// fixOptions are the flags of `fix`.
type fixOptions struct {
	doctor diagnosisFlags
	yes    bool
	dryRun bool
	undo   bool
	system bool
}

func newFixCmd(a *App) *cobra.Command {
	o := &fixOptions{}
	cmd := &cobra.Command{
		Use:   "fix [REPO_URL]",
		Short: "Apply the fixes that are files to change, after proving them on copies",
		Long: `fix runs the checks, then shows the plan: for each file, the unified diff of what it
would change, the credential store items it would erase, and the steps it never does itself
(installing software, anything in IAM or KMS). It proves the plan first: the changes are made
on scratch copies and the checks, reproduce included, run again against them; only a plan
that removes the failures it targets without adding any is offered.

On a terminal it asks once per file (default No); --yes applies without asking; --dry-run,
or no terminal without --yes, shows the plan and the proof and changes nothing. Every file
is backed up first (mode kept) under the state directory with a journal; --undo restores the
last run's backups, refusing if a file changed since. System and Git-installation config are
never changed without --system (Apple's and Git for Windows' own files never); nothing is
ever changed in AWS.

Exit codes: 0 fixed (or nothing to fix), 1 something remains broken, 2 usage,
3 could not finish; --dry-run exits as the doctor would.`,
		Args:          cobra.MaximumNArgs(1),
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			repoURL := ""
			if len(args) == 1 {
				if strings.TrimSpace(args[0]) == "" {
					return usageError("the REPO_URL argument is empty (an unset variable such as \"$REPO_URL\"?)")
				}
				repoURL = strings.TrimSpace(args[0])
			}
			if o.undo && (o.yes || o.dryRun || o.system || repoURL != "") {
				return usageError("--undo takes no other flag or argument: it restores the last run's backups")
			}
			if o.yes && o.dryRun {
				return usageError("--yes and --dry-run contradict each other")
			}
			return a.fix(cmd.Context(), o, repoURL)
		},
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	f := cmd.Flags()
	f.BoolVar(&o.yes, "yes", false, "apply the proven plan without asking")
	f.BoolVar(&o.dryRun, "dry-run", false, "show the plan and its proof; change nothing")
	f.BoolVar(&o.undo, "undo", false, "restore the files the last fix run changed")
	f.BoolVar(&o.system, "system", false, "also change the system git config file (never Apple's or Git for Windows' own)")
	o.doctor.register(a, cmd, diagnosisFlagSet{remote: true})
	return cmd
}

// fix is `codecommit-doctor fix`.
func (a *App) fix(ctx context.Context, o *fixOptions, repoURL string) error {
	if err := o.doctor.validate(); err != nil {
		return err
	}
	machine := sys.New(a.Environ, a.GOOS)
	if err := checkRemoteFlag(ctx, machine, o.doctor.remote, repoURL); err != nil {
		return err
	}
	home := machine.HomeDir()
	redactor := newRedactor(machine)
	out := &cleanWriter{w: a.Stdout, clean: func(s string) string { return redactor.String(shortenHome(s, home)) }}
	opts := fix.Options{
		Environ: a.Environ, GOOS: machine.GOOS(), Home: home, StateDir: stateDir(machine),
		System: o.system, Yes: o.yes, DryRun: o.dryRun, Out: out, Run: machine, Now: time.Now,
		Diagnose: func(ctx context.Context, environ []string) ([]checks.Outcome, error) {
			return a.diagnose(ctx, environ, o.doctor, repoURL)
		},
	}
	if a.StdinTTY && a.StdoutTTY && a.Stdin != nil {
		in := bufio.NewReader(a.Stdin)
		opts.Ask = func(q string) (bool, error) {
			fmt.Fprint(out, q)
			line, err := in.ReadString('\n')
			if err != nil && line == "" {
				return false, err
			}
			answer := strings.ToLower(strings.TrimSpace(line))
			return answer == "y" || answer == "yes", nil
		}
	}
	fx := fix.New(opts)
	var code int
	var err error
	if o.undo {
		code, err = fx.Undo()
	} else {
		code, err = fx.Run(ctx)
	}
	if ctx.Err() != nil {
		return &exitError{code: report.ExitInterrupted, err: fmt.Errorf("interrupted")}
	}
	if err != nil {
		// As everything fix prints: redacted, the home directory as ~.
		return &exitError{code: report.ExitCheckError, err: errors.New(out.clean(err.Error()))}
	}
	if code != report.ExitOK {
		return &exitError{code: code}
	}
	return nil
}

// diagnose runs every check with the given environment, as the doctor
// would.
func (a *App) diagnose(ctx context.Context, environ []string, o diagnosisFlags, repoURL string) ([]checks.Outcome, error) {
	selected, err := selectChecks(nil, nil)
	if err != nil {
		return nil, err
	}
	machine := sys.New(environ, a.GOOS)
	env := &checks.Env{Sys: machine, Redactor: newRedactor(machine), Options: o.checkOptions(repoURL, false)}
	return checks.Runner{Timeout: o.timeout}.Run(ctx, selected, env)
}

// stateDir is where fix keeps its backups and journal: the user's state
// directory ($XDG_STATE_HOME, ~/.local/state; on macOS ~/Library/Application
// Support; on Windows %LOCALAPPDATA%).
func stateDir(m *sys.Machine) string {
	home := m.HomeDir()
	switch m.GOOS() {
	case "darwin":
		return filepath.Join(home, "Library", "Application Support", "codecommit-doctor")
	case "windows":
		if d := m.Getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "codecommit-doctor")
		}
		return filepath.Join(home, "AppData", "Local", "codecommit-doctor")
	}
	if d := m.Getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "codecommit-doctor")
	}
	return filepath.Join(home, ".local", "state", "codecommit-doctor")
}

// cleanWriter redacts and shortens the home directory in everything fix
// prints.
type cleanWriter struct {
	w     io.Writer
	clean func(string) string
}

func (c *cleanWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(c.w, c.clean(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}
