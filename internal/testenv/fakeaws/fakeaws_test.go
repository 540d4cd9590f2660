package fakeaws

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/tools"
)

func TestBehaviours(t *testing.T) {
	tools.RequireTool(t, "sh")
	home := t.TempDir()
	type run struct {
		args           string
		stdout, stderr string
		exit           int
	}
	unexpected := func(args string) run { return run{args, "", "unexpected aws " + args + "\n", 1} }
	version := run{"--version", DefaultVersion + "\n", "", 0}
	erase := run{"codecommit credential-helper erase", "", "", 0}
	for b, runs := range map[Behaviour][]run{
		Helper: {version, erase, unexpected("--debug codecommit credential-helper erase"), unexpected("sts get-caller-identity")},
		Debug: {version, erase, {"--debug codecommit credential-helper erase", "",
			"2026-11-26 08:09:01,839 - MainThread - awscli.clidriver - DEBUG - CLI version: " + DefaultVersion + "\n", 0}, unexpected("s3 ls")},
		Configure: {version, erase, {"configure --profile dev", "", "", 0}, unexpected("configure")},
		Lenient:   {version, erase, {"anything at all", "", "", 0}},
		NoHelper:  {version, {"codecommit credential-helper erase", "", "aws: error: argument command: Invalid choice: 'credential-helper'\n", 2}},
		Silent:    {{"--version", "", "", 0}, erase},
	} {
		path := filepath.Join(t.TempDir(), "aws")
		if err := Write(path, b, ""); err != nil {
			t.Fatal(err)
		}
		for _, r := range runs {
			cmd := exec.Command(path, strings.Fields(r.args)...)
			cmd.Env = []string{"HOME=" + home, "PATH=/usr/bin:/bin"}
			var stdout, stderr strings.Builder
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			exit := 0
			if e, ok := err.(*exec.ExitError); ok {
				exit = e.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if stdout.String() != r.stdout || stderr.String() != r.stderr || exit != r.exit {
				t.Errorf("%s: aws %s: stdout %q stderr %q exit %d; want %q %q %d", b, r.args, stdout.String(), stderr.String(), exit, r.stdout, r.stderr, r.exit)
			}
		}
	}
	if _, err := Script("nope", ""); err == nil {
		t.Errorf("an unknown behaviour is accepted")
	}
	if s, err := Script(Helper, "aws-cli/2.15.30 Python/3.11.8"); err != nil || !strings.Contains(s, `echo "aws-cli/2.15.30 Python/3.11.8"`) {
		t.Errorf("Script with a version: %q %v", s, err)
	}
}
