// Command codecommit-doctor tells why git over HTTPS to AWS CodeCommit
// fails, and what to do about it.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/mattn/go-isatty"

	"github.com/codecommit-doctor/codecommit-doctor/internal/cli"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// Stamped by the release build with -ldflags "-X main.version=... -X main.commit=... -X main.date=...".
var (
	version = ""
	commit  = ""
	date    = ""
)

// testGOOSVariable lets end-to-end tests run the macOS and Windows code paths
// on any machine. It is not a user-facing option and is not documented as one.
const testGOOSVariable = "CODECOMMIT_DOCTOR_TEST_GOOS"

func main() {
	// Sealed: nothing the doctor starts outlives it (see internal/sys).
	os.Exit(sys.Sealed(mainExit))
}

func mainExit() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	a := &cli.App{
		Stdout:    os.Stdout,
		Stderr:    os.Stderr,
		Environ:   os.Environ(),
		StdoutTTY: isatty.IsTerminal(os.Stdout.Fd()) || isatty.IsCygwinTerminal(os.Stdout.Fd()),
		GOOS:      os.Getenv(testGOOSVariable),
		Build:     cli.BuildInfo{Version: version, Commit: commit, Date: date},
	}
	return a.Run(ctx, os.Args[1:])
}
