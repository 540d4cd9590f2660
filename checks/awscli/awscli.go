package awscli

import (
	"context"
	"fmt"

	"github.com/codecommit-doctor/codecommit-doctor/checks"

	"github.com/Masterminds/semver/v3"

	"github.com/codecommit-doctor/codecommit-doctor/internal/configerr"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/version"
)

// ID is the check's id.
const ID = "aws-cli"

// Key is what the aws-cli check tells the checks that depend on it.
var Key = checks.NewKey[*Facts](ID)

// Facts are the AWS CLI's path and version.
type Facts struct {
	Path    string
	Version *semver.Version
	Major   int
}

type awsCLICheck struct{}

// New returns the `aws-cli` check.
func New() checks.Check { return awsCLICheck{} }

func (awsCLICheck) Info() checks.Info {
	return checks.Info{
		ID:    ID,
		Gives: []checks.KeyRef{Key},
		Title: "AWS CLI is installed, recent enough, and has the credential helper",
		Description: "Finds `aws` on PATH and requires AWS CLI " + version.MinAWSCLI + " or later (v1 or v2) " +
			"with the `codecommit credential-helper` command. One AWS CLI process answers both: " +
			"`aws --debug codecommit credential-helper erase` runs the helper's no-op `erase` (git runs it " +
			"too; it loads no credentials) and its debug log names the CLI version. When that log has no " +
			"version line, `aws --version` and `aws codecommit credential-helper erase` run side by side instead.",
		Findings: []checks.FindingDoc{
			{Code: "aws-cli-not-found", Severity: checks.Fail, Meaning: "aws is not on PATH, so git cannot run the helper.", Remediation: remedy.InstallAWSCLI("linux")},
			{Code: "aws-cli-version-failed", Severity: checks.Fail, Meaning: "`aws --version` exited non-zero for a reason that is not one of its files: the installation is broken.", Remediation: remedy.InstallAWSCLI("linux")},
			{Code: "aws-config-unparseable", Severity: checks.Fail, Meaning: "botocore cannot parse the shared config or credentials file (`ConfigParseError: Unable to parse config file: F`): every aws command, the credential helper included, fails, while the CLI itself works. The file and the line configparser rejects are named.", Remediation: []string{"Edit F line N: fix or delete that line.", "aws configure list   # verify"}},
			{Code: "aws-cli-version-unparseable", Severity: checks.Error, Meaning: "`aws --version` printed something that is not an AWS CLI version."},
			{Code: "aws-cli-too-old", Severity: checks.Fail, Meaning: "The AWS CLI is older than " + version.MinAWSCLI + ", which has no CodeCommit credential helper.", Remediation: remedy.InstallAWSCLI("linux")},
			{Code: "aws-cli-no-credential-helper", Severity: checks.Fail, Meaning: "`aws codecommit credential-helper` is not a command of this AWS CLI.", Remediation: remedy.InstallAWSCLI("linux")},
			{Code: "aws-cli-v1-maintenance", Severity: checks.Warn, Meaning: "The AWS CLI is v1, in maintenance mode since " + remedy.AWSCLIV1Maintenance +
				" (security and critical fixes only), with end of support on " + remedy.AWSCLIV1EndOfSupport +
				". Its credential helper still works; move to v2 before then.", Remediation: v2Upgrade("linux")},
		},
	}
}

func (awsCLICheck) Run(ctx context.Context, env *checks.Env) (checks.Result, error) {
	var res checks.Result
	goos := env.Sys.GOOS()
	missing := func(err error) checks.Finding {
		return checks.Finding{Code: "aws-cli-not-found", Severity: checks.Fail,
			Message:     fmt.Sprintf("The AWS CLI is not available: %v. Git runs `aws codecommit credential-helper`, so it must be on the PATH git sees.", err),
			Remediation: remedy.InstallAWSCLI(goos), Docs: []string{remedy.AWSCLIDocs}}
	}
	ver, helper := probeAWSCLI(ctx, env, missing)
	res.AddEvidence("aws_version", ver.ev)
	res.AddEvidence("credential_helper_probe", helper.ev)
	if ver.err != nil {
		return res, fmt.Errorf("checking the AWS CLI: %w", ver.err)
	}
	if ver.f != nil {
		res.Add(*ver.f)
		res.Summary = "aws not found"
		return res, nil
	}
	if ver.out.ExitCode != 0 {
		if ce := configerr.Botocore(ver.out.Combined()); ce != nil {
			return brokenFile(ctx, env, res, ce, missing)
		}
		res.Add(checks.ExitFinding("aws-cli-version-failed", ver.ev, remedy.InstallAWSCLI(goos)))
		res.Summary = "`aws --version` failed"
		return res, nil
	}
	// Old AWS CLI v1 printed its version on stderr: read both. The text is
	// redacted first because a parse error quotes a cut excerpt of it.
	v, perr := version.ParseAWSCLI(env.Redact(ver.out.Combined()))
	if perr != nil {
		res.Add(checks.Finding{Code: "aws-cli-version-unparseable", Severity: checks.Error,
			Message: fmt.Sprintf("Could not read the AWS CLI version: %v.", perr)})
		res.Summary = "unrecognised `aws --version` output"
		return res, nil
	}
	label := fmt.Sprintf("AWS CLI %s (v%d)", v.Version.Original(), v.Major)
	Key.Set(&res, &Facts{Path: ver.out.Path, Version: v.Version, Major: v.Major})
	if !v.Supported() {
		res.Add(checks.Finding{Code: "aws-cli-too-old", Severity: checks.Fail,
			Message:     fmt.Sprintf("%s is older than %s, the first with `aws codecommit credential-helper`.", label, version.MinAWSCLI),
			Remediation: remedy.InstallAWSCLI(goos), Docs: []string{remedy.AWSCLIDocs}})
		res.Summary = label + " is too old"
		return res, nil
	}
	if helper.err != nil {
		return res, fmt.Errorf("checking the AWS CLI credential helper: %w", helper.err)
	}
	if helper.f == nil && helper.out.ExitCode != 0 {
		if ce := configerr.Botocore(helper.out.Combined()); ce != nil {
			return brokenFile(ctx, env, res, ce, missing)
		}
	}
	if helper.f != nil || helper.out.ExitCode != 0 {
		res.Add(checks.Finding{Code: "aws-cli-no-credential-helper", Severity: checks.Fail,
			Message: fmt.Sprintf("%s has no working `codecommit credential-helper` command: `%s` exited with status %d: %s",
				label, helper.ev.Command, checks.ExitStatus(helper.ev), checks.FirstLine(helper.ev.Output)),
			Remediation: remedy.InstallAWSCLI(goos), Docs: []string{remedy.AWSCLIDocs}})
		res.Summary = label + " lacks the credential helper"
		return res, nil
	}
	res.Status = checks.Pass
	res.Summary = label + " at " + ver.out.Path + " with the CodeCommit credential helper"
	if v.Major == 1 {
		res.Add(v1Maintenance(label, goos))
	}
	return res, nil
}

// v1Maintenance warns that AWS CLI v1 is in maintenance mode. The words
// hold on any day since maintenance began, so the report does not depend
// on the clock.
func v1Maintenance(label, goos string) checks.Finding {
	return checks.Finding{Code: "aws-cli-v1-maintenance", Severity: checks.Warn,
		Message: fmt.Sprintf("%s works with the credential helper, but AWS CLI v1 is in maintenance mode since %s "+
			"(security and critical fixes only) and its end of support is %s. Move to AWS CLI v2.",
			label, remedy.AWSCLIV1Maintenance, remedy.AWSCLIV1EndOfSupport),
		Remediation: v2Upgrade(goos), Docs: []string{remedy.AWSCLIV2MigrationDocs, remedy.AWSCLIDocs}}
}

// v2Upgrade replaces a v1 with v2: install v2, take v1 off the PATH (both
// are called aws, and the first on PATH wins), and verify.
func v2Upgrade(goos string) []string {
	steps := remedy.InstallAWSCLI(goos)
	switch goos {
	case "windows":
		steps = append(steps, "Uninstall \"AWS Command Line Interface\" (v1) in Settings > Apps, or python -m pip uninstall awscli if pip installed it")
	default:
		steps = append(steps, "python3 -m pip uninstall awscli   # if pip installed v1, so its aws no longer comes first on PATH")
	}
	return append(steps, "aws --version   # should print aws-cli/2.")
}
