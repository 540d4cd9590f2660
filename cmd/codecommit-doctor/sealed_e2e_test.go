//go:build linux

package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Sealed and bounded, end to end: the real doctor process, fake programs
// that misbehave, and hostile files. Linux only: the process assertions
// read /proc.

// sealedEnv prepares HOME and a bin directory holding the given programs
// (and the doctor), and returns the environment and the work directory.
func sealedEnv(t *testing.T, programs map[string]string) ([]string, string) {
	t.Helper()
	doctor, err := exec.LookPath("codecommit-doctor")
	if err != nil {
		t.Fatalf("the doctor is not on PATH (testscript.Main puts it there): %v", err)
	}
	work := t.TempDir()
	home := filepath.Join(work, "home")
	bin := filepath.Join(work, "bin")
	for _, dir := range []string{filepath.Join(home, ".aws"), bin} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for name, body := range programs {
		if err := os.WriteFile(filepath.Join(bin, name), []byte("#!/bin/sh\n"+body), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return []string{
		"HOME=" + home,
		"PATH=" + bin + ":" + filepath.Dir(doctor) + ":/usr/bin:/bin",
		"AWS_ENDPOINT_URL=http://127.0.0.1:1", // a closed loopback port: nothing goes toward AWS
		"AWS_EC2_METADATA_DISABLED=true",
		"GIT_CONFIG_NOSYSTEM=1",
		"WORK=" + work,
	}, work
}

type doctorRun struct {
	stdout, stderr string
	exit           int
}

// runSealedDoctor runs the doctor with a stdin that stays open and never
// says anything (a terminal nobody types into): a program that inherited
// it would wait forever.
func runSealedDoctor(t *testing.T, env []string, args ...string) doctorRun {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "codecommit-doctor", args...)
	cmd.Env = env
	// Outside any repository: the doctor run from the test's own directory
	// would diagnose the checkout it was built from (CI's has an origin).
	cmd.Dir = envValue(env, "WORK")
	cmd.Path, _ = exec.LookPath("codecommit-doctor")
	stdinR, stdinW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer stdinW.Close()
	defer stdinR.Close()
	cmd.Stdin = stdinR // an *os.File: the doctor gets the pipe itself
	cmd.WaitDelay = time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatalf("running the doctor: %v", err)
	}
	if ctx.Err() != nil {
		t.Fatalf("the doctor did not finish: %s", stdout.String())
	}
	r := doctorRun{stdout: stdout.String(), stderr: stderr.String(), exit: cmd.ProcessState.ExitCode()}
	if r.exit == 2 {
		t.Fatalf("exit 2 (usage error or Go runtime crash):\n%s\n%s", r.stdout, r.stderr)
	}
	return r
}

// alive reads the pid from file and reports whether the process
// still exists as anything but a zombie.
func alive(t *testing.T, file string) (int, bool) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("the fake program did not record its child: %v", err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return pid, false
	}
	s := string(stat)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	return pid, len(fields) > 0 && fields[0] != "Z" && fields[0] != "X"
}

func TestSealedNoDescendantOutlivesTheDoctor(t *testing.T) {
	if _, err := exec.LookPath("setsid"); err != nil {
		t.Skip("SKIPPING: setsid is needed")
	}
	// An `aws` that leaves a background `sleep` behind, and starts a
	// daemon in a session of its own (it waits until the daemon is there).
	env, work := sealedEnv(t, map[string]string{
		"git": "echo 'git version 2.39.5'\n",
		"aws": `case "$*" in
--version*|--debug*)
  sleep 300 </dev/null >/dev/null 2>&1 &
  echo $! > "$WORK/bg.pid"
  rm -f "$WORK/ready"; mkfifo "$WORK/ready"
  setsid sh -c 'echo $$ > "$WORK/ready"; exec sleep 300' </dev/null >/dev/null 2>&1 &
  cat "$WORK/ready" > "$WORK/setsid.pid"
  echo "aws-cli/1.45.11 Python/3.11.7 Linux/6.18.44 botocore/1.43.11"
  echo "usage: git-credential-aws" >&2
  ;;
esac
`,
	})
	r := runSealedDoctor(t, env, "--offline", "--only", "aws-cli")
	for _, name := range []string{"bg.pid", "setsid.pid"} {
		// The doctor reaped them before it exited: no waiting here.
		if pid, ok := alive(t, filepath.Join(work, name)); ok {
			syscall.Kill(pid, syscall.SIGKILL)
			t.Errorf("%s: process %d outlived the doctor (exit %d):\n%s", name, pid, r.exit, r.stdout)
		}
	}
}

func TestSealedCredentialProcessStderrNeverReachesTheDoctors(t *testing.T) {
	const canary = "CANARY-credential-process-stderr"
	env, work := sealedEnv(t, map[string]string{
		// It reads stdin first: inherited, the doctor's open stdin would
		// hang it; closed, it goes on at once.
		"tool": "cat >/dev/null\necho '" + canary + "' >&2\n" +
			`echo '{"Version": 1, "AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}'` + "\n",
	})
	cfg := "[default]\nregion = us-east-1\ncredential_process = " + filepath.Join(work, "bin", "tool") + "\n"
	if err := os.WriteFile(filepath.Join(work, "home", ".aws", "config"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runSealedDoctor(t, env, "-v", "--only", "credentials")
	if strings.Contains(r.stderr, canary) || strings.Contains(r.stdout, canary) {
		t.Errorf("credential_process's stderr came through:\nstdout: %s\nstderr: %s", r.stdout, r.stderr)
	}
	if strings.Contains(r.stdout, "did not finish") || !strings.Contains(r.stdout, "127.0.0.1:1") {
		t.Errorf("want the process to finish and STS (a closed port) to be the problem:\n%s", r.stdout)
	}
	if strings.Contains(r.stdout, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY") {
		t.Errorf("a secret came through:\n%s", r.stdout)
	}
}

func TestSealedHangingCredentialProcessIsNamed(t *testing.T) {
	env, work := sealedEnv(t, map[string]string{"hang": "exec sleep 300\n"})
	cfg := "[default]\nregion = us-east-1\ncredential_process = " + filepath.Join(work, "bin", "hang") + "\n"
	if err := os.WriteFile(filepath.Join(work, "home", ".aws", "config"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runSealedDoctor(t, env, "--timeout", "2s", "--only", "credentials")
	if want := "credential_process `" + filepath.Join(work, "bin", "hang") + "` did not finish in 2s"; !strings.Contains(r.stdout, want) {
		t.Errorf("want %q in:\n%s", want, r.stdout)
	}
	if r.exit != 3 {
		t.Errorf("exit %d, want 3 (could not finish)", r.exit)
	}
}

func TestSealedDevZeroAsCredentials(t *testing.T) {
	env, work := sealedEnv(t, map[string]string{"git": "echo 'git version 2.39.5'\n"})
	if err := os.Symlink("/dev/zero", filepath.Join(work, "home", ".aws", "credentials")); err != nil {
		t.Fatal(err)
	}
	r := runSealedDoctor(t, env, "--only", "credentials,region", "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/MyDemoRepo")
	if !strings.Contains(r.stdout, "credentials (a link to /dev/zero) is a character device, not a regular file") {
		t.Errorf("the finding does not name the file:\n%s", r.stdout)
	}
	if r.exit != 3 {
		t.Errorf("exit %d, want 3 (the credentials check could not finish):\n%s", r.exit, r.stdout)
	}
}

func TestSealedFIFOAsGitCredentials(t *testing.T) {
	env, work := sealedEnv(t, map[string]string{"git": "echo 'git version 2.39.5'\n"})
	if err := syscall.Mkfifo(filepath.Join(work, "home", ".git-credentials"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runSealedDoctor(t, env, "--offline", "--only", "keychain")
	if !strings.Contains(r.stdout, ".git-credentials is a FIFO, not a regular file") {
		t.Errorf("the finding does not name the FIFO:\n%s", r.stdout)
	}
}

func TestSealedFIFOAsGitConfig(t *testing.T) {
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("SKIPPING: real git is needed")
	}
	env, work := sealedEnv(t, nil)
	if err := os.Symlink(git, filepath.Join(work, "bin", "git")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(work, "home", ".gitconfig"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runSealedDoctor(t, env, "--offline", "--timeout", "3s", "--only", "credential-helper",
		"https://git-codecommit.us-east-1.amazonaws.com/v1/repos/MyDemoRepo")
	// Even `git --version` would block on the FIFO until the check's
	// timeout kills it: the git check inspects git's files first, and
	// nothing runs git after it.
	if !strings.Contains(r.stdout, ".gitconfig is a FIFO, not a regular file") {
		t.Errorf("the git check does not name the FIFO:\n%s", r.stdout)
	}
	if strings.Contains(r.stdout, "timed out") {
		t.Errorf("git was run on the FIFO:\n%s", r.stdout)
	}
}
