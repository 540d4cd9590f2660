package awscli

import (
	"context"
	"strings"
	"sync"

	"github.com/codecommit-doctor/codecommit-doctor/checks"

	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// awsRun is one run of the AWS CLI as the aws-cli check sees it.
type awsRun struct {
	out sys.Output
	ev  checks.ProgramRun
	f   *checks.Finding
	err error
}

// probeAWSCLI learns the AWS CLI's version and whether it has the
// credential helper. Starting the CLI costs a Python interpreter's start-up
// (a third of a CPU-second or more), so one process answers both questions
// when it can: with --debug the CLI logs its version first, and `erase` is
// the helper's no-op. Only a CLI whose debug log lacks that line gets the
// two separate runs.
func probeAWSCLI(ctx context.Context, env *checks.Env, missing func(error) checks.Finding) (ver, helper awsRun) {
	var one awsRun
	one.out, one.ev, one.f, one.err = checks.RunProgram(ctx, env, missing,
		sys.Command{Name: "aws", Args: []string{"--debug", "codecommit", "credential-helper", "erase"}})
	if one.err != nil || one.f != nil {
		return one, one
	}
	if line := debugVersionLine(env.Redact(one.out.Stderr)); line != "" {
		one.ev.Output = checks.Excerpt(line)
		ver = one
		ver.out.Stdout, ver.out.Stderr, ver.out.ExitCode = line, "", 0
		return ver, one
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		ver.out, ver.ev, ver.f, ver.err = checks.RunProgram(ctx, env, missing, sys.Command{Name: "aws", Args: []string{"--version"}})
	}()
	go func() {
		defer wg.Done()
		helper.out, helper.ev, helper.f, helper.err = checks.RunProgram(ctx, env, missing,
			sys.Command{Name: "aws", Args: []string{"codecommit", "credential-helper", "erase"}})
	}()
	wg.Wait()
	return ver, helper
}

// debugVersionLine finds "aws-cli/..." in the CLI's debug log line
// "... awscli.clidriver - DEBUG - CLI version: aws-cli/1.45.11 Python/...".
func debugVersionLine(log string) string {
	for line := range strings.SplitSeq(log, "\n") {
		if _, v, ok := strings.Cut(line, "CLI version: "); ok && strings.HasPrefix(v, "aws-cli/") {
			return strings.TrimSpace(v)
		}
	}
	return ""
}
