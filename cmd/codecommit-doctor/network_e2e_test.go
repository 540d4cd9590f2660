//go:build linux

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// noNetwork is the one sentence a run without a network says, once.
const noNetwork = "no network: DNS lookups fail — run with --offline to check only this machine"

// rawNetworkText is what the libraries say, which no summary or finding
// may show (the evidence keeps it).
var rawNetworkText = []string{"dial udp", "dial tcp", "<nil>", "StatusCode: 0", "RequestID:", "operation error", "network is unreachable"}

// TestNoNetworkIsSaidOnce runs the doctor in a network namespace of its
// own (no interface is up: DNS lookups and every connection fail), with
// the real git and AWS names nothing can reach.
func TestNoNetworkIsSaidOnce(t *testing.T) {
	if out, err := exec.Command("unshare", "-n", "true").CombinedOutput(); err != nil {
		t.Skipf("SKIPPING: unshare -n is not permitted here: %v %s", err, out)
	}
	// No AWS_ENDPOINT_URL: the real names, which cannot resolve in here.
	bare, work := keyedGitEnv(t)
	url := "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/MyDemoRepo"
	only := "--only=credentials,clock,reproduce,permissions,kms"

	text := runUnshared(t, bare, work, only, url)
	// Once among the checks; the verdict at the end quotes the root cause.
	body, verdict, _ := strings.Cut(text, "\nVerdict: ")
	if n := strings.Count(body, noNetwork); n != 1 {
		t.Errorf("%q said %d times, want once:\n%s", noNetwork, n, text)
	}
	for _, want := range []string{
		"? credentials  no network: DNS lookups fail",
		"? clock        could not read AWS time: no network (see the credentials check)",
		"? reproduce    not tried: no network (see the credentials check)",
		"codecommit-doctor --offline",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("want %q in:\n%s", want, text)
		}
	}
	if !strings.Contains(verdict, noNetwork) {
		t.Errorf("the verdict does not name the cause: %s", verdict)
	}
	for _, bad := range append(rawNetworkText, "does not resolve", "nslookup", "Check the VPN") {
		if strings.Contains(text, bad) {
			t.Errorf("the report says %q:\n%s", bad, text)
		}
	}
	// Running the doctor offline fixes nothing: a way to go on, never a
	// numbered step of the fix plan.
	if regexp.MustCompile(`(?m)^\s+\d+\. codecommit-doctor --offline`).MatchString(text) || !strings.Contains(text, "Connect to the network") {
		t.Errorf("want the network fix in words, no --offline step:\n%s", text)
	}

	// Without the credentials check, the clock says it in full.
	alone := runUnshared(t, bare, work, "--only=clock", url)
	if body, _, _ := strings.Cut(alone, "\nVerdict: "); strings.Count(body, noNetwork) != 1 || strings.Contains(body, "see the credentials check") {
		t.Errorf("the clock alone should say %q once:\n%s", noNetwork, alone)
	}

	// With no credentials at all, no evidence names a source that had none
	// (reproduce's own request used to say "from EC2 instance role").
	if err := os.Remove(filepath.Join(work, "home", ".aws", "credentials")); err != nil {
		t.Fatal(err)
	}
	none := runUnshared(t, bare, work, "-v", only, url)
	if strings.Contains(none, "EC2 instance role (instance metadata service)") || !strings.Contains(none, `no credentials for profile "default" in any source the AWS CLI tries`) {
		t.Errorf("want no source claimed:\n%s", none)
	}
	if err := os.WriteFile(filepath.Join(work, "home", ".aws", "credentials"), []byte(keyedCredentials), 0o600); err != nil {
		t.Fatal(err)
	}

	// In JSON, the raw errors are evidence only.
	var rep struct {
		Checks []struct {
			ID, Status, Summary string
			Findings            []struct{ Message string }
		}
	}
	out := runUnshared(t, bare, work, "-o", "json", only, url)
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, c := range rep.Checks {
		shown := c.Summary
		for _, f := range c.Findings {
			shown += "\n" + f.Message
		}
		for _, bad := range rawNetworkText {
			if strings.Contains(shown, bad) {
				t.Errorf("%s shows %q outside the evidence: %s", c.ID, bad, shown)
			}
		}
		if c.ID == "clock" || c.ID == "reproduce" || c.ID == "credentials" {
			if c.Status != "error" {
				t.Errorf("%s ended in %s, want error", c.ID, c.Status)
			}
		}
	}
}

// runUnshared runs the doctor in a new network namespace from dir.
func runUnshared(t *testing.T, env []string, dir string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	doctor, err := exec.LookPath("codecommit-doctor")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, "unshare", append([]string{"-n", doctor}, args...)...)
	cmd.Env, cmd.Dir = env, dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatalf("running the doctor: %v", err)
	}
	if ctx.Err() != nil {
		t.Fatalf("the doctor did not finish:\n%s", stdout.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("stderr: %s", stderr.String())
	}
	return stdout.String()
}
