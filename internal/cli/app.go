// Package cli is the doctor's command line: the root command that runs the
// checks, and the list, explain and version subcommands.
package cli

import (
	"github.com/spf13/cobra"

	"context"
	"errors"
	"fmt"
	"io"

	"github.com/codecommit-doctor/codecommit-doctor/report"
)

// App is one invocation: its streams, environment and build stamp. Nothing
// below main reads the process's globals.
type App struct {
	Stdout, Stderr io.Writer
	Environ        []string
	StdoutTTY      bool
	Width          int    // terminal columns of stdout; 0 when unknown or not a terminal
	GOOS           string // "" = runtime.GOOS; set by tests only
	OSRelease      string // the os-release file naming the Linux distribution; "" = /etc/os-release
	Build          BuildInfo
	// Stdin and StdinTTY are read by `fix` only, to ask before it changes
	// a file (nil, false: it never asks, and changes nothing without --yes).
	Stdin    io.Reader
	StdinTTY bool
}

// exitError carries a chosen exit code out of a command.
type exitError struct {
	code int
	err  error // printed on stderr when non-nil
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageError marks the doctor's own usage or configuration errors (exit 2).
func usageError(format string, args ...any) error {
	return &exitError{code: report.ExitUsage, err: fmt.Errorf(format, args...)}
}

// Run executes the command line and returns the process exit code.
func (a *App) Run(ctx context.Context, args []string) int {
	root := newRootCmd(a)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return report.ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(a.Stderr, "codecommit-doctor: %v\n", ee.err)
		}
		return ee.code
	}
	// Everything else comes from Cobra's own parsing: a usage error.
	fmt.Fprintf(a.Stderr, "codecommit-doctor: %v\nRun 'codecommit-doctor --help' for usage.\n", err)
	return report.ExitUsage
}

// Command returns the root command, e.g. to generate documentation.
func (a *App) Command() *cobra.Command { return newRootCmd(a) }
