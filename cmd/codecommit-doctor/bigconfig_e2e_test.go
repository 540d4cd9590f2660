//go:build linux

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

// TestHugeGitconfigIsNotCalledUnusable: a ~/.gitconfig larger than the
// doctor reads is one git still reads. The doctor says it cannot look
// (exit 3), and neither claims git cannot use the file nor tells the user
// to replace it.
func TestHugeGitconfigIsNotCalledUnusable(t *testing.T) {
	doctor, err := exec.LookPath("codecommit-doctor")
	if err != nil {
		t.Fatalf("the doctor is not on PATH (testscript.Main puts it there): %v", err)
	}
	home := t.TempDir()
	big := unreadableHelper + strings.Repeat("# a comment line that pads the file to more than the doctor reads\n", 80000)
	if err := os.WriteFile(filepath.Join(home, ".gitconfig"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, doctor, "--offline", "--only", "git,credential-helper", unreadableURL)
	cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"), "GIT_CONFIG_NOSYSTEM=1", "AWS_EC2_METADATA_DISABLED=true", "AWS_ENDPOINT_URL=http://127.0.0.1:1"}
	cmd.Dir = home
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	err = cmd.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	out := stdout.String()
	if code := cmd.ProcessState.ExitCode(); code != 3 {
		t.Errorf("exit %d, want 3 (could not look)", code)
	}
	for _, want := range []string{"[git-config-unreadable] ~/.gitconfig is larger than", "git still reads it, but the doctor does not", "ls -l ~/.gitconfig"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q", want)
		}
	}
	for _, not := range []string{"git cannot use it", "Put a regular file (or nothing)", "git config --global"} {
		if strings.Contains(out, not) {
			t.Errorf("stdout has %q", not)
		}
	}
	if t.Failed() {
		t.Logf("stdout:\n%s", out)
	}
}
