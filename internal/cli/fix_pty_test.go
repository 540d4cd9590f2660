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

	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/tools"
)

// fixOnPTY runs `fix` with stdin and stdout on a pseudo-terminal, typing
// answer, and returns what the terminal showed and the exit code.
func fixOnPTY(t *testing.T, home, answer string) (string, int) {
	t.Helper()
	git := tools.RequireTool(t, "git")
	bin := fakeTools(t)
	if err := os.Remove(filepath.Join(bin, "git")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(git, filepath.Join(bin, "git")); err != nil {
		t.Fatal(err)
	}
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("cannot open a pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	var got bytes.Buffer
	var wg sync.WaitGroup
	wg.Go(func() {
		_, err := io.Copy(&got, ptmx)
		var pe *os.PathError
		if err != nil && !errors.As(err, &pe) {
			t.Errorf("reading the pty: %v", err)
		}
	})
	if _, err := io.WriteString(ptmx, answer); err != nil {
		t.Fatal(err)
	}
	a := &App{Stdout: tty, Stderr: io.Discard, StdoutTTY: true, Stdin: tty, StdinTTY: true, Width: 120, GOOS: "linux",
		Environ: []string{"PATH=" + bin, "HOME=" + home, "GIT_CONFIG_NOSYSTEM=1", "AWS_ENDPOINT_URL=http://127.0.0.1:1", "AWS_EC2_METADATA_DISABLED=true", "TERM=dumb"}}
	code := a.Run(context.Background(), []string{"fix", "--offline", "https://git-codecommit.us-east-2.amazonaws.com/v1/repos/MyDemoRepo"})
	tty.Close()
	wg.Wait()
	return got.String(), code
}

func TestFixAsksOnATerminal(t *testing.T) {
	const broken = "[credential]\n\thelper = store\n\thelper = !aws codecommit credential-helper $@\n\tUseHttpPath = true\n"
	for _, tc := range []struct {
		answer  string
		changed bool
	}{{"\n", false}, {"n\n", false}, {"y\n", true}} {
		home := t.TempDir()
		file := filepath.Join(home, ".gitconfig")
		if err := os.WriteFile(file, []byte(broken), 0o644); err != nil {
			t.Fatal(err)
		}
		out, code := fixOnPTY(t, home, tc.answer)
		if !strings.Contains(out, "Change ~/.gitconfig? [y/N]") {
			t.Fatalf("answer %q: no question on the terminal:\n%s", tc.answer, out)
		}
		b, _ := os.ReadFile(file)
		if changed := string(b) != broken; changed != tc.changed {
			t.Errorf("answer %q: changed %v, exit %d\n%s", tc.answer, changed, code, out)
		}
		if !tc.changed && !strings.Contains(out, "~/.gitconfig: left as it is") {
			t.Errorf("answer %q: not said:\n%s", tc.answer, out)
		}
	}
}
