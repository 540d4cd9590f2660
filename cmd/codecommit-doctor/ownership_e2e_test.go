//go:build linux

package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// A clone another user owns (a CI container's uid, a shared or mounted
// drive): git refuses it ("detected dubious ownership"), so fetch and push
// fail there before CodeCommit is asked. The doctor says so, with the
// safe.directory fix, instead of "run inside a clone" or "no remotes".
func TestCloneOfAnotherUserEndToEnd(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("SKIPPING: needs root to make a clone that nobody does not own")
	}
	env, run := unreadableWorld(t, map[string]string{".gitconfig": unreadableHelper, "unused": ""}, "unused")
	home := strings.TrimPrefix(env[0], "HOME=")
	for _, args := range [][]string{{"init", "-q", home}, {"-C", home, "remote", "add", "origin", unreadableURL}} {
		if out, err := exec.Command("git", args...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	fix := "git config --global --add safe.directory " + home + "   # only if you trust the clone's owner"

	// The doctor run inside the clone (its working directory is HOME).
	r := run("--offline", "--only", "remote,region")
	if r.exit != 1 {
		t.Errorf("exit %d, want 1\n%s\n%s", r.exit, r.stdout, r.stderr)
	}
	for _, want := range []string{"✗ remote  git refuses the clone here (dubious ownership)", "[clone-dubious-ownership] git refuses the clone " + home + ":", "1. " + fix, "First:   " + fix} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("the report lacks %q:\n%s", want, r.stdout)
		}
	}
	for _, not := range []string{"run inside a clone", "no-target", "no-codecommit-remote"} {
		if strings.Contains(r.stdout, not) {
			t.Errorf("the report says %q:\n%s", not, r.stdout)
		}
	}

	// scan over it: skipped, saying why, not "no remotes".
	r = run("scan", "--offline", home)
	if r.exit != 3 || !strings.Contains(r.stdout, "  skipped "+home+": git refuses the clone "+home+": it belongs to another user") || strings.Contains(r.stdout, "no remotes") {
		t.Errorf("scan: exit %d, want 3 and the clone skipped for its owner:\n%s\n%s", r.exit, r.stdout, r.stderr)
	}
}
