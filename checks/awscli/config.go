package awscli

import (
	"context"
	"fmt"

	"github.com/codecommit-doctor/codecommit-doctor/checks"

	"github.com/codecommit-doctor/codecommit-doctor/internal/configerr"
	"github.com/codecommit-doctor/codecommit-doctor/internal/safefile"
	"github.com/codecommit-doctor/codecommit-doctor/internal/shellword"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
	"github.com/codecommit-doctor/codecommit-doctor/internal/version"
)

// withoutFiles runs the AWS CLI with no shared files at all (a path
// below a file is simply absent to botocore), to learn whether the CLI
// itself works when one of its files does not.
var withoutFiles = []string{"AWS_CONFIG_FILE=/dev/null/none", "AWS_SHARED_CREDENTIALS_FILE=/dev/null/none"}

// brokenFile reports a shared file botocore cannot parse: the file and,
// found by replaying configparser over it, the line. The CLI is asked
// again without the files: when it answers, it works, and only the file
// needs fixing (never reinstall an AWS CLI that works).
func brokenFile(ctx context.Context, env *checks.Env, res checks.Result, ce *configerr.Error, missing func(error) checks.Finding) (checks.Result, error) {
	home, goos := env.Sys.HomeDir(), env.Sys.GOOS()
	show := shellword.Path(ce.File, home, goos)
	where, line := show, 0
	reason := "botocore cannot parse it"
	if data, err := env.Sys.ReadFile(ce.File, safefile.ConfigMaxSize); err == nil {
		if bad := configerr.BadINILine(data); bad != nil {
			line = bad.Line
			where = fmt.Sprintf("%s line %d", show, line)
			reason = "the line " + bad.Reason
		}
	}
	msg := fmt.Sprintf("The AWS CLI cannot parse %s (%s): every aws command, the CodeCommit credential helper git runs included, stops with `%s`.",
		where, reason, env.Redact(ce.Quote))
	out, ev, _, err := checks.RunProgram(ctx, env, missing, sys.Command{Name: "aws", Args: []string{"--version"}, Env: withoutFiles,
		Display: "aws --version   # with no shared config or credentials file"})
	res.AddEvidence("aws_version_without_files", ev)
	if err == nil && out.ExitCode == 0 {
		if v, perr := version.ParseAWSCLI(env.Redact(out.Combined())); perr == nil {
			Key.Set(&res, &Facts{Path: out.Path, Version: v.Version, Major: v.Major})
			msg += fmt.Sprintf(" AWS CLI %s (v%d) at %s itself works (it runs without the file): the file needs fixing, not the CLI.", v.Version.Original(), v.Major, out.Path)
		}
	}
	edit := fmt.Sprintf("Edit %s: fix or delete that line (the AWS CLI reads `[section]` headers, `name = value` settings, indented lines continuing a value, and # or ; comments; each section and each setting once).", where)
	if line == 0 {
		edit = fmt.Sprintf("Edit %s: every line must be a `[section]` header, a `name = value` setting, an indented continuation or a # or ; comment.", show)
	}
	verify := "aws configure list   # verify: prints the settings instead of a ConfigParseError"
	res.Add(checks.Finding{Code: "aws-config-unparseable", Severity: checks.Fail, Message: msg,
		Remediation: []string{edit, verify}})
	res.Summary = "the AWS CLI cannot parse " + where
	res.Blocks = res.Summary
	return res, nil
}
