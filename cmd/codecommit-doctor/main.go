// Command codecommit-doctor tells why git over HTTPS to AWS CodeCommit
// fails, and what to do about it.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"

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

// testOSReleaseVariable names the os-release file end-to-end tests give
// the doctor instead of /etc/os-release, so the header does not depend on
// the machine. Not a user-facing option either.
const testOSReleaseVariable = "CODECOMMIT_DOCTOR_TEST_OS_RELEASE"

func main() {
	// Sealed: nothing the doctor starts outlives it (see internal/sys).
	os.Exit(sys.Sealed(mainExit))
}

func mainExit() int {
	// Ctrl-C, SIGINT and SIGTERM cancel the context: every program a check
	// runs is killed with it, and the run ends with "interrupted", exit 130.
	// A second signal gets the default behaviour (the process dies at once).
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop()
	}()
	fd := int(os.Stdout.Fd())
	tty := term.IsTerminal(fd)
	width := 0
	if tty {
		if w, _, err := term.GetSize(fd); err == nil {
			width = w
		}
	}
	a := &cli.App{
		Stdout:    os.Stdout,
		Stderr:    os.Stderr,
		Environ:   os.Environ(),
		StdoutTTY: tty,
		Stdin:     os.Stdin,
		StdinTTY:  term.IsTerminal(int(os.Stdin.Fd())),
		Width:     width,
		GOOS:      os.Getenv(testGOOSVariable),
		OSRelease: os.Getenv(testOSReleaseVariable),
		Build:     cli.BuildInfo{Version: version, Commit: commit, Date: date}.Resolve(nil),
	}
	return a.Run(ctx, os.Args[1:])
}
