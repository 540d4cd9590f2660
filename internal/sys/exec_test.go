package sys

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// script writes an executable shell script into dir and returns dir.
func script(t *testing.T, dir, name, body string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"+body), 0o755); err != nil {
		t.Fatal(err)
	}
}

func machineWith(t *testing.T, extra ...string) (*Machine, string) {
	t.Helper()
	dir := t.TempDir()
	return New(append([]string{"PATH=" + dir + ":/bin:/usr/bin", "HOME=/home/u", "GIT_TERMINAL_PROMPT=1", "AWS_PAGER=less"}, extra...), ""), dir
}

func TestRunForcesNoPromptsAndCLocale(t *testing.T) {
	m, dir := machineWith(t, "LANG=de_DE.UTF-8")
	script(t, dir, "showenv", "env\n")
	out, err := m.Run(context.Background(), Command{Name: "showenv", Env: []string{"EXTRA=1"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"GIT_TERMINAL_PROMPT=0", "GCM_INTERACTIVE=never", "AWS_PAGER=\n", "LC_ALL=C", "LANG=C", "GIT_ASKPASS=\n", "HOME=/home/u", "EXTRA=1"} {
		if !strings.Contains(out.Stdout+"\n", want) {
			t.Errorf("environment lacks %q:\n%s", want, out.Stdout)
		}
	}
}

func TestRunClosesStdin(t *testing.T) {
	m, dir := machineWith(t)
	script(t, dir, "readin", "cat; echo done\n")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	out, err := m.Run(ctx, Command{Name: "readin"})
	if err != nil || strings.TrimSpace(out.Stdout) != "done" {
		t.Fatalf("a program reading stdin must see EOF at once: %q, %v", out.Stdout, err)
	}
	out, err = m.Run(ctx, Command{Name: "readin", Stdin: "protocol=https\n"})
	if err != nil || out.Stdout != "protocol=https\ndone\n" {
		t.Fatalf("given stdin: %q, %v", out.Stdout, err)
	}
}

func TestRunExitCodeIsNotAnError(t *testing.T) {
	m, dir := machineWith(t)
	script(t, dir, "fails", "echo oops >&2; exit 3\n")
	out, err := m.Run(context.Background(), Command{Name: "fails"})
	if err != nil || out.ExitCode != 3 || out.Stderr != "oops\n" {
		t.Fatalf("got %+v, %v", out, err)
	}
}

func TestRunTimeoutNamesTheCommandAndKillsChildren(t *testing.T) {
	m, dir := machineWith(t)
	// The child keeps stdout open: the group must be killed for Run to return.
	script(t, dir, "hangs", "sleep 30 &\nsleep 30\n")
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := m.Run(ctx, Command{Name: "hangs", Args: []string{"--version"}})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a deadline error", err)
	}
	if !strings.Contains(err.Error(), "running `hangs --version`") {
		t.Errorf("err = %v, want the command line", err)
	}
	if waited := time.Since(start); waited > 10*time.Second {
		t.Errorf("Run waited %s after the deadline", waited)
	}
}

func TestRunCapsOutput(t *testing.T) {
	m, dir := machineWith(t)
	script(t, dir, "chatty", "i=0; while [ $i -lt 2000 ]; do echo 0123456789; i=$((i+1)); done\n")
	out, err := m.Run(context.Background(), Command{Name: "chatty", MaxOutput: 100})
	if err != nil || len(out.Stdout) != 100 || !out.Truncated {
		t.Fatalf("len=%d truncated=%v err=%v", len(out.Stdout), out.Truncated, err)
	}
}

func TestRunMissingAndNotExecutable(t *testing.T) {
	m, dir := machineWith(t)
	_, err := m.Run(context.Background(), Command{Name: "no-such-program"})
	if !IsNotFound(err) || !strings.Contains(err.Error(), "no-such-program: not found on PATH") {
		t.Errorf("missing: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "plain"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = m.Run(context.Background(), Command{Name: "plain"})
	if !IsNotExecutable(err) {
		t.Errorf("not executable: %v", err)
	}
}

func TestMachineEnvironmentIsItsOwn(t *testing.T) {
	m := New([]string{"A=1", "B=x=y", "=bad", "noequals"}, "darwin")
	if m.Getenv("B") != "x=y" || m.Getenv("A") != "1" || m.GOOS() != "darwin" {
		t.Fatalf("env parse: A=%q B=%q goos=%q", m.Getenv("A"), m.Getenv("B"), m.GOOS())
	}
	if _, ok := m.LookupEnv("noequals"); ok {
		t.Error("an entry without = must be ignored")
	}
	w := New([]string{"USERPROFILE=C:\\Users\\u"}, "windows")
	if w.HomeDir() != `C:\Users\u` {
		t.Errorf("windows home = %q", w.HomeDir())
	}
}

func TestReadFileLimit(t *testing.T) {
	m, dir := machineWith(t)
	p := filepath.Join(dir, "big")
	if err := os.WriteFile(p, make([]byte, 100), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := m.ReadFile(p, 10); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("limit: %v", err)
	}
	if b, err := m.ReadFile(p, 1000); err != nil || len(b) != 100 {
		t.Errorf("read: %d %v", len(b), err)
	}
}
