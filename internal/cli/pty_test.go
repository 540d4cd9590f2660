//go:build !windows

package cli

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/creack/pty"
	"golang.org/x/term"

	"github.com/codecommit-doctor/codecommit-doctor/internal/progress/termtest"
)

// fakeTools writes a git and an aws that answer --version, and returns a
// PATH holding only them.
func fakeTools(t *testing.T) string {
	t.Helper()
	bin := t.TempDir()
	scripts := map[string]string{
		"git": "#!/bin/sh\ncase \"$1\" in\n--version) echo 'git version 2.39.5' ;;\n*) echo 'fatal: not a git repository' >&2; exit 128 ;;\nesac\n",
		"aws": "#!/bin/sh\ncase \"$*\" in\n--version) echo 'aws-cli/1.45.11 Python/3.11.7 Linux/6.18.44 botocore/1.43.11' ;;\n*) exit 0 ;;\nesac\n",
	}
	for name, body := range scripts {
		if err := os.WriteFile(filepath.Join(bin, name), []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return bin
}

// runOnPTY runs the doctor with stdout on a pseudo-terminal of the given
// width and returns everything the terminal received.
func runOnPTY(t *testing.T, width int, env []string, args ...string) []byte {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("cannot open a pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	if err := pty.Setsize(tty, &pty.Winsize{Cols: uint16(width), Rows: 50}); err != nil {
		t.Fatal(err)
	}
	fd := int(tty.Fd())
	cols, _, err := term.GetSize(fd)
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	var wg sync.WaitGroup
	wg.Go(func() {
		_, err := io.Copy(&got, ptmx)
		var pe *os.PathError
		if err != nil && !errors.As(err, &pe) {
			t.Errorf("reading the pty: %v", err)
		}
	})
	home := t.TempDir()
	a := &App{Stdout: tty, Stderr: io.Discard, StdoutTTY: term.IsTerminal(fd), Width: cols, GOOS: "linux",
		Environ: append([]string{"PATH=" + fakeTools(t), "HOME=" + home, "AWS_ENDPOINT_URL=http://127.0.0.1:1",
			"AWS_EC2_METADATA_DISABLED=true"}, env...)}
	a.Run(context.Background(), args)
	tty.Close()
	wg.Wait()
	return got.Bytes()
}

func TestReportReplacesProgressOnAPseudoTerminal(t *testing.T) {
	for _, width := range []int{80, 120} {
		raw := runOnPTY(t, width, []string{"TERM=xterm-256color"}, "--offline", "--only", "git,aws-cli,keychain")
		if !bytes.Contains(raw, []byte("\x1b[")) {
			t.Fatalf("a colour terminal gets colour and cursor movement: %q", raw)
		}
		scr := termtest.New(width, 50)
		scr.Write(raw)
		if len(scr.Unknown) > 0 {
			t.Fatalf("escape sequences the model does not know: %v", scr.Unknown)
		}
		lines := scr.Lines()
		count := func(prefix string) int {
			n := 0
			for _, l := range lines {
				if strings.HasPrefix(l, prefix) {
					n++
				}
			}
			return n
		}
		if n := count("✓ git "); n != 1 {
			t.Fatalf("width %d: the git line must be on screen once (progress erased, report drawn), found %d:\n%s", width, n, scr)
		}
		if n := count("Summary:"); n != 1 {
			t.Fatalf("width %d: one summary line expected, found %d:\n%s", width, n, scr)
		}
		for _, l := range lines {
			if strings.Contains(l, " running ") {
				t.Fatalf("width %d: the spinner line was left on screen:\n%s", width, scr)
			}
		}
	}
}

func TestDumbTerminalGetsNoEscapes(t *testing.T) {
	raw := runOnPTY(t, 80, []string{"TERM=dumb"}, "--offline", "--only", "git,aws-cli")
	if bytes.Contains(raw, []byte("\x1b")) {
		t.Fatalf("TERM=dumb: no colour and no cursor movement, got %q", raw)
	}
	if !bytes.Contains(raw, []byte("✓ git")) {
		t.Fatalf("the report is missing: %q", raw)
	}
	raw = runOnPTY(t, 80, []string{"TERM=xterm-256color", "NO_COLOR=1"}, "--offline", "--only", "git,aws-cli")
	if bytes.Contains(raw, []byte("\x1b[3")) {
		t.Fatalf("NO_COLOR: no colour on a terminal, got %q", raw)
	}
	raw = runOnPTY(t, 80, []string{"TERM=xterm-256color", "CI=true"}, "--offline", "--only", "git,aws-cli")
	if bytes.Contains(raw, []byte("\x1b")) || bytes.ContainsAny(raw, "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏") {
		t.Fatalf("CI: no spinner and no colour on a terminal, got %q", raw)
	}
}
