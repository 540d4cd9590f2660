package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// pep668Python is a real python3 marked EXTERNALLY-MANAGED (Debian 12's
// /usr/bin/python3), where `pip install` refuses to install; "" when the
// machine has none.
func pep668Python(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/python3", "/usr/local/bin/python3", "/opt/homebrew/bin/python3"} {
		out, err := exec.Command(p, "-c", pep668Script).Output()
		if err == nil && strings.TrimSpace(string(out)) == "managed" {
			return p
		}
	}
	return ""
}

const pep668Script = `import os, sysconfig; print("managed" if os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")) else "free")`

// git-remote-codecommit is missing and python3 is the OS's: the fix is
// pipx, never the pip install that stops with externally-managed-environment.
func TestGRCMissingWithAnOSManagedPythonEndToEnd(t *testing.T) {
	python := pep668Python(t)
	if python == "" {
		t.Skip("SKIPPING: no EXTERNALLY-MANAGED python3 on this machine")
	}
	doctor, err := exec.LookPath("codecommit-doctor")
	if err != nil {
		t.Fatalf("the doctor is not on PATH: %v", err)
	}
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("SKIPPING: real git is needed")
	}
	home := t.TempDir()
	bin := filepath.Join(home, "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, target := range map[string]string{"python3": python, "git": git} {
		if err := os.Symlink(target, filepath.Join(bin, name)); err != nil {
			t.Fatal(err)
		}
	}
	run := func() string {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, doctor, "--offline", "--only", "remote", "codecommit::us-east-1://MyDemoRepo")
		cmd.Dir = home
		cmd.Env = []string{"HOME=" + home, "PATH=" + bin, "AWS_EC2_METADATA_DISABLED=true", "AWS_ENDPOINT_URL=http://127.0.0.1:1", "GIT_CONFIG_NOSYSTEM=1"}
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		_ = cmd.Run()
		if !strings.Contains(out.String(), "[git-remote-codecommit-missing]") {
			t.Fatalf("no git-remote-codecommit-missing finding:\n%s", out.String())
		}
		return out.String()
	}

	out := run()
	for _, want := range []string{"Install pipx with the system's package manager", "1. pipx install git-remote-codecommit", "externally-managed-environment"} {
		if !strings.Contains(out, want) {
			t.Errorf("without pipx: the fix lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "pip install git-remote-codecommit") {
		t.Errorf("the fix runs pip into an EXTERNALLY-MANAGED python3:\n%s", out)
	}

	// With pipx on PATH: the one command.
	if err := os.WriteFile(filepath.Join(bin, "pipx"), []byte("#!/bin/sh\nexit 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	out = run()
	if !strings.Contains(out, "1. pipx install git-remote-codecommit   # python3 here is managed by the OS (PEP 668)") || strings.Contains(out, "pip install git-remote-codecommit") || strings.Contains(out, "Install pipx") {
		t.Errorf("with pipx: want the pipx command alone:\n%s", out)
	}
}
