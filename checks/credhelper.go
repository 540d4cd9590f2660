package checks

import (
	"context"

	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
)

type credHelperCheck struct{}

// NewCredentialHelper returns the `credential-helper` check, which works out
// the credential helper chain git runs for the target URL.
func NewCredentialHelper() Check { return credHelperCheck{} }

const credHelperDocs = "https://docs.aws.amazon.com/codecommit/latest/userguide/setting-up-https-unixes.html#setting-up-https-unixes-credential-helper"

func (credHelperCheck) Info() Info {
	section := "credential.https://git-codecommit.*.amazonaws.com"
	sectionFix := []string{
		"git config --global --replace-all '" + section + ".helper' ''",
		"git config --global --add '" + section + ".helper' '!aws codecommit credential-helper $@'",
		"git config --global '" + section + ".UseHttpPath' true",
		"(in the scope where the offending setting lives when that is the clone: --local; one section per exact host before Git 2.26)",
	}
	return Info{
		ID:    "credential-helper",
		Title: "The credential helper chain git runs for the URL",
		Description: "For an HTTPS target, asks git for every credential setting with its scope and origin " +
			"(`git config --show-origin --show-scope --includes --get-regexp '^credential\\.'`, in the clone) and " +
			"replays git's own rules: settings from system, global, local, worktree and command-line config in that order, " +
			"credential.<url> sections matched like http.<url> (Git 2.26+: scheme, `*` wildcards for one host label, " +
			"port, user, path prefix; older Git: exact strings), every matching `helper` appended, an empty `helper =` " +
			"clearing the list (Git 2.9+), the last matching useHttpPath winning. It then checks that the AWS CLI helper " +
			"is there and answers first, that no caching helper stores its 15-minute passwords, that UseHttpPath is on, " +
			"that the helper value will run (leading `!`, quoting, a profile name with spaces quoted, the profile " +
			"exists, the aws program is on PATH), and that this Git understands the configuration. Skipped for " +
			"codecommit:// and SSH remotes, which do not use credential helpers. Every fix is a command for the scope " +
			"where it takes effect.",
		Prerequisites: []string{"git"},
		After:         []string{"remote"},
		Needs:         Needs{Target: true},
		Findings: []FindingDoc{
			{Code: "credential-config-invalid", Severity: Fail, Meaning: "A credential setting git rejects (a `helper` line with no `=`, a useHttpPath that is not a boolean): every git command that needs credentials stops.", Remediation: []string{"git config --global --edit   # give the line a value, or delete it"}},
			{Code: "no-aws-helper", Severity: Fail, Meaning: "No AWS CLI credential helper applies to the URL: git prompts for a user name and password or uses another helper's.", Remediation: sectionFix},
			{Code: "helper-before-aws", Severity: Fail, Meaning: "Another helper (osxkeychain, manager, wincred, store, cache, libsecret...) runs before the AWS helper: it answers with a password it stored, which expired about 15 minutes after the AWS CLI made it, and git never erases it on a 403.", Remediation: sectionFix},
			{Code: "caching-helper-after-aws", Severity: Warn, Meaning: "A caching helper runs after the AWS helper: git hands it every fresh password to store, and it answers with that stale password whenever the AWS helper cannot.", Remediation: sectionFix},
			{Code: "use-http-path-missing", Severity: Fail, Meaning: "credential.UseHttpPath is not true for the URL: git does not send the repository path, and the AWS CLI helper fails (KeyError 'path').", Remediation: []string{"git config --global '" + section + ".UseHttpPath' true"}},
			{Code: "helper-malformed", Severity: Fail, Meaning: "The AWS helper value cannot run: no leading `!` (git runs `git credential-aws`), quote characters kept in the value (`'!aws ...'` typed in cmd.exe), an unclosed quote, or arguments the AWS CLI rejects.", Remediation: []string{"git config --global --fixed-value --replace-all credential.helper '!aws codecommit credential-helper $@' 'THE BROKEN VALUE'"}},
			{Code: "helper-profile-unquoted", Severity: Fail, Meaning: "A --profile name with spaces is not quoted: the shell splits it and the AWS CLI fails.", Remediation: []string{"git config --global --fixed-value --replace-all credential.helper '!aws --profile \"my profile\" codecommit credential-helper $@' '!aws --profile my profile codecommit credential-helper $@'"}},
			{Code: "helper-profile-not-found", Severity: Fail, Meaning: "The helper's --profile names a profile that is in neither the AWS config file ([profile NAME]) nor the credentials file ([NAME]).", Remediation: []string{"aws configure --profile NAME"}},
			{Code: "aws-not-on-path", Severity: Fail, Meaning: "The aws program the helper names is not on the PATH git sees.", Remediation: installAWSCLI("linux")},
			{Code: "aws-cmd-not-runnable", Severity: Fail, Meaning: "Windows: only aws.cmd is on PATH, which git's shell does not run as `aws`.", Remediation: []string{`git config --global --fixed-value --replace-all credential.helper "!aws.cmd codecommit credential-helper $@" "!aws codecommit credential-helper $@"`}},
			{Code: "git-too-old-for-config", Severity: Fail, Meaning: "The configuration needs a newer Git than the one installed: an empty `helper =` reset needs 2.9, a `*` in a credential.<url> section needs 2.26; older Git silently ignores them.", Remediation: append(installGit("linux"), "or one section per exact host: git config --global --add credential.https://git-codecommit.us-east-1.amazonaws.com.helper '!aws codecommit credential-helper $@'")},
		},
	}
}

func (c credHelperCheck) Run(ctx context.Context, env *Env) (Result, error) {
	t := env.TargetOf()
	if t == nil {
		return Skipped(NoTargetReason), nil
	}
	switch t.URL.Scheme {
	case ccurl.SchemeHTTPS:
	case ccurl.SchemeCodeCommit:
		return Skipped("git-remote-codecommit (codecommit://) signs each request itself: git's credential helpers are not used"), nil
	case ccurl.SchemeSSH:
		return Skipped("SSH remote: git's HTTPS credential helpers are not used"), nil
	default:
		return Skipped("not an HTTPS URL: git asks credential helpers only for HTTPS"), nil
	}
	if t.URL.Host == "" {
		return Skipped("the URL has no host"), nil
	}
	req, err := credRequestFor(t)
	if err != nil {
		return Result{}, err
	}
	facts, err := loadCredentialFacts(ctx, env, req, t.Dir)
	if err != nil {
		return Result{}, err
	}
	var res Result
	res.Facts = facts
	addChainEvidence(&res, env, facts)
	a := credAnalysis{env: env, facts: facts, fix: newCredFix(env, facts), res: &res}
	a.run()
	return res, nil
}
