//go:build linux

package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/nobody"
)

// A file the doctor may not read is status error naming the file and why
// (exit 3), never "not configured" with a fix that adds configuration. The
// machines run as root, who reads every file: the doctor then runs as
// nobody (uid/gid 65534), from a copy of its binary in a work directory
// everyone may traverse.

// unreadableWorld makes HOME with the given files, then makes chmod 000
// the one named by unreadable, and returns the doctor's environment.
func unreadableWorld(t *testing.T, files map[string]string, unreadable string) (env []string, run func(args ...string) doctorRun) {
	t.Helper()
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("SKIPPING: real git is needed")
	}
	doctor, err := exec.LookPath("codecommit-doctor")
	if err != nil {
		t.Fatalf("the doctor is not on PATH (testscript.Main puts it there): %v", err)
	}
	work := t.TempDir()
	nobody.Traversable(t, work)
	home, bin := filepath.Join(work, "home"), filepath.Join(work, "bin")
	for _, d := range []string{filepath.Join(home, ".aws"), bin} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	copyFile(t, doctor, filepath.Join(bin, "codecommit-doctor"))
	if err := os.Symlink(git, filepath.Join(bin, "git")); err != nil {
		t.Fatal(err)
	}
	// The real AWS CLI lives under /root here, which nobody may not enter:
	// a stand-in answers the aws-cli check's probe.
	aws := "#!/bin/sh\n[ \"$1\" = --debug ] && echo '2026-01-01 00:00:00,000 - MainThread - awscli.clidriver - DEBUG - CLI version: aws-cli/1.45.11 Python/3.11.7 Linux/6.1 botocore/1.43.11' >&2\nexit 0\n"
	if err := os.WriteFile(filepath.Join(bin, "aws"), []byte(aws), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range files {
		p := filepath.Join(home, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(filepath.Join(home, unreadable), 0); err != nil {
		t.Fatal(err)
	}
	env = []string{
		"HOME=" + home,
		"PATH=" + bin + ":/usr/bin:/bin",
		"AWS_ENDPOINT_URL=http://127.0.0.1:1", // a closed loopback port: nothing goes toward AWS
		"AWS_EC2_METADATA_DISABLED=true",
		"GIT_CONFIG_NOSYSTEM=1",
	}
	return env, func(args ...string) doctorRun {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, filepath.Join(bin, "codecommit-doctor"), args...)
		cmd.Env, cmd.Dir = env, home
		if os.Getuid() == 0 {
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: nobody.UID, Gid: nobody.UID}}
		}
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		if _, ok := err.(*exec.ExitError); err != nil && !ok {
			t.Fatalf("running the doctor: %v", err)
		}
		return doctorRun{stdout: stdout.String(), stderr: stderr.String(), exit: cmd.ProcessState.ExitCode()}
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

const (
	unreadableURL    = "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/MyDemoRepo"
	unreadableHelper = "[credential]\n\thelper = !aws codecommit credential-helper $@\n\tUseHttpPath = true\n"
	unreadableKeys   = "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
)

func TestUnreadableFilesAreErrorsNamingThem(t *testing.T) {
	tests := []struct {
		name       string
		files      map[string]string
		unreadable string
		args       []string
		want       []string // in stdout
		notWant    []string
	}{
		{
			name: "gitconfig", files: map[string]string{".gitconfig": unreadableHelper}, unreadable: ".gitconfig",
			args:    []string{"--offline", "--only", "git,credential-helper", unreadableURL},
			want:    []string{"[git-config-unreadable] ~/.gitconfig is not readable: permission denied.", "? credential-helper  could not look: could not read ~/.gitconfig"},
			notWant: []string{"no-aws-helper", "git config --global"},
		},
		{
			name: "git-credentials", files: map[string]string{".gitconfig": unreadableHelper, ".git-credentials": "x\n"}, unreadable: ".git-credentials",
			args:    []string{"--offline", "--only", "keychain", unreadableURL},
			want:    []string{"[store-file-unreadable]", "~/.git-credentials", "permission denied"},
			notWant: []string{"no stored CodeCommit password"},
		},
		{
			name: "aws-credentials", files: map[string]string{".gitconfig": unreadableHelper, ".aws/credentials": unreadableKeys}, unreadable: ".aws/credentials",
			args:    []string{"--only", "credentials", unreadableURL},
			want:    []string{"~/.aws/credentials", "permission denied"},
			notWant: []string{"aws configure", "no-credentials", "not found"},
		},
		{
			name: "aws-config", files: map[string]string{".gitconfig": unreadableHelper, ".aws/config": "[default]\nregion = us-east-1\n", ".aws/credentials": unreadableKeys}, unreadable: ".aws/config",
			args:    []string{"--only", "credentials", unreadableURL},
			want:    []string{"~/.aws/config", "permission denied"},
			notWant: []string{"aws configure", "not found"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, run := unreadableWorld(t, tt.files, tt.unreadable)
			r := run(tt.args...)
			if r.exit != 3 {
				t.Errorf("exit %d, want 3 (could not look)", r.exit)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("stdout lacks %q", w)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(r.stdout, w) {
					t.Errorf("stdout has %q", w)
				}
			}
			if t.Failed() || testing.Verbose() {
				t.Logf("stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
			}
		})
	}
}
