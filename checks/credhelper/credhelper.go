package credhelper

import (
	"context"
	"errors"
	"fmt"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/chain"
	"github.com/codecommit-doctor/codecommit-doctor/checks/git"
	"github.com/codecommit-doctor/codecommit-doctor/checks/signing"

	"github.com/codecommit-doctor/codecommit-doctor/internal/action"
	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
	"github.com/codecommit-doctor/codecommit-doctor/internal/configerr"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/shellword"
)

// ID is the check's id.
const ID = "credential-helper"

// Key is what the credential-helper check tells later checks.
var Key = checks.NewKey[*Facts](ID)

// Facts are the repairs the check worked out, for checks that propose them
// too (reproduce), so the same problem gets the same, scope-aware fix.
type Facts struct {
	// ChainFix puts the AWS helper first for the URL ("" problems: nil).
	ChainFix []string
	// UseHTTPPathFix turns UseHttpPath on where it takes effect (nil when
	// it is on).
	UseHTTPPathFix []string
	// ChainActions and UseHTTPPathActions are the same repairs as typed
	// actions (ChainFix and UseHTTPPathFix are rendered from them).
	ChainActions, UseHTTPPathActions []action.Action
}

type credHelperCheck struct{}

// New returns the `credential-helper` check, which works out the credential
// helper chain git runs for the target URL.
func New() checks.Check { return credHelperCheck{} }

func (credHelperCheck) Info() checks.Info {
	sectionFix := append(remedy.HelperSection("git config --global", remedy.WildcardSection, remedy.DefaultAWSHelper, "linux"),
		"(in the scope where the offending setting lives when that is the clone: --local; one section per exact host before Git 2.26)")
	return checks.Info{
		ID:    ID,
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
			"codecommit:// and SSH remotes, which do not use credential helpers. Without a repository it judges the chain for " +
			"CodeCommit hosts in general (git-codecommit.us-east-1.amazonaws.com standing for every region) and says so. Every fix is a command for the scope " +
			"where it takes effect.",
		Requires: []checks.KeyRef{git.Key},
		After:    []checks.KeyRef{checks.TargetKey, chain.Key, signing.Key},
		Gives:    []checks.KeyRef{Key},
		Findings: []checks.FindingDoc{
			{Code: "credential-config-invalid", Severity: checks.Fail, Meaning: "A credential setting git rejects (a `helper` line with no `=`, a useHttpPath that is not a boolean): every git command that needs credentials stops.", Remediation: []string{"git config --global --edit   # give the line a value, or delete it"}},
			{Code: "git-config-unparseable", Severity: checks.Fail, Meaning: "git stops on a config file the git check does not read (the clone's own .git/config, or a file it includes): every git command in the clone fails.", Remediation: []string{"Edit F line N: fix or delete that line.", "git config --file F --list   # verify: lists its settings without an error"}},
			{Code: "no-aws-helper", Severity: checks.Fail, Meaning: "No AWS CLI credential helper applies to the URL: git prompts for a user name and password or uses another helper's.", Remediation: sectionFix},
			{Code: "helper-before-aws", Severity: checks.Fail, Meaning: "Another helper (osxkeychain, manager, wincred, store, cache, libsecret...) runs before the AWS helper: it answers with a password it stored, which expired about 15 minutes after the AWS CLI made it, and git never erases it on a 403.", Remediation: sectionFix},
			{Code: "caching-helper-after-aws", Severity: checks.Warn, Meaning: "A caching helper runs after the AWS helper: git hands it every fresh password to store, and it answers with that stale password whenever the AWS helper cannot.", Remediation: sectionFix},
			{Code: "use-http-path-missing", Severity: checks.Fail, Meaning: "credential.UseHttpPath is not true for the URL: git does not send the repository path, and the AWS CLI helper fails (KeyError 'path').", Remediation: []string{remedy.UseHTTPPath("git config --global", remedy.WildcardSection, "linux")}},
			{Code: "helper-malformed", Severity: checks.Fail, Meaning: "The AWS helper value cannot run: no leading `!` (git runs `git credential-aws`), quote characters kept in the value (`'!aws ...'` typed in cmd.exe), an unclosed quote, or arguments the AWS CLI rejects.", Remediation: []string{"git config --global --fixed-value --replace-all credential.helper '!aws codecommit credential-helper $@' 'THE BROKEN VALUE'"}},
			{Code: "helper-profile-unquoted", Severity: checks.Fail, Meaning: "A --profile name with spaces is not quoted: the shell splits it and the AWS CLI fails.", Remediation: []string{"git config --global --fixed-value --replace-all credential.helper '!aws --profile \"my profile\" codecommit credential-helper $@' '!aws --profile my profile codecommit credential-helper $@'"}},
			{Code: "helper-profile-not-found", Severity: checks.Fail, Meaning: "The helper's --profile names a profile that is in neither the AWS config file ([profile NAME]) nor the credentials file ([NAME]).", Remediation: []string{"aws configure --profile NAME"}},
			{Code: "aws-not-on-path", Severity: checks.Fail, Meaning: "The aws program the helper names is not on the PATH git sees.", Remediation: remedy.InstallAWSCLI("linux")},
			{Code: "aws-cmd-not-runnable", Severity: checks.Fail, Meaning: "Windows: only aws.cmd is on PATH, which git's shell does not run as `aws`.", Remediation: []string{`git config --global --fixed-value --replace-all credential.helper "!aws.cmd codecommit credential-helper $@" "!aws codecommit credential-helper $@"`}},
			{Code: "git-too-old-for-config", Severity: checks.Fail, Meaning: "The configuration needs a newer Git than the one installed: an empty `helper =` reset needs 2.9, a `*` in a credential.<url> section needs 2.26; older Git silently ignores them.", Remediation: append(remedy.InstallGit("linux"), "or one section per exact host: git config --global --add credential.https://git-codecommit.us-east-1.amazonaws.com.helper '!aws codecommit credential-helper $@'")},
		},
	}
}

func (c credHelperCheck) Run(ctx context.Context, env *checks.Env) (checks.Result, error) {
	t := env.TargetOf()
	if t == nil {
		if n, ok := checks.NoTargetKey.Get(env); ok && n != nil {
			// A repository was named but is not CodeCommit: nothing of
			// git's helpers for it is this doctor's business.
			return checks.Skipped(n.SkipReason()), nil
		}
		return general(env)
	}
	switch t.URL.Scheme {
	case ccurl.SchemeHTTPS:
	case ccurl.SchemeCodeCommit:
		return checks.Skipped("git-remote-codecommit (codecommit://) signs each request itself: git asks no credential helper for a password"), nil
	case ccurl.SchemeSSH:
		return checks.Skipped("SSH remote: git's HTTPS credential helpers are not used"), nil
	default:
		return checks.Skipped("not an HTTPS URL: git asks credential helpers only for HTTPS"), nil
	}
	if t.URL.Host == "" {
		return checks.Skipped("the URL has no host"), nil
	}
	facts, ok := chain.Key.Get(env)
	if !ok || !facts.Real {
		return checks.Result{}, fmt.Errorf("git's credential settings for %s were not read", t.URL.Display)
	}
	if facts.Err != nil {
		var ce *configerr.Error
		if errors.As(facts.Err, &ce) {
			// A file git stops on that the git check did not read (the
			// clone's own config): the problem is found, and it is fixed.
			var res checks.Result
			dir := git.WorkDir(env, facts.Dir)
			res.AddEvidence("config_command", facts.ConfigCommand)
			res.AddEvidence("git_error", env.Redact(ce.Quote))
			res.Add(git.ConfigFinding(env, "git-config-unparseable", ce, dir))
			res.Summary = ce.In(dir).Describe(func(p string) string { return shellword.Path(p, env.Sys.HomeDir(), env.Sys.GOOS()) })
			res.Blocks = res.Summary
			return res, nil
		}
		return checks.Result{}, facts.Err
	}
	var res checks.Result
	addChainEvidence(&res, env, facts)
	sign, _ := signing.Key.Get(env)
	a := credAnalysis{env: env, facts: facts, fix: chain.NewFixer(env, facts), res: &res, sign: sign}
	a.run()
	Key.Set(&res, a.published())
	return res, nil
}

// general checks the chain for CodeCommit hosts in general when there is
// no repository: an AWS helper and UseHttpPath must still be set for them,
// and the summary says plainly that nothing repository-specific was
// checked.
func general(env *checks.Env) (checks.Result, error) {
	facts, ok := chain.Key.Get(env)
	if !ok {
		return checks.Result{}, fmt.Errorf("git's credential settings were not read")
	}
	if facts.Err != nil {
		return checks.Result{}, facts.Err
	}
	var res checks.Result
	addChainEvidence(&res, env, facts)
	res.AddEvidence("scope", "no repository given: the helper chain was worked out for "+facts.URL+", standing for every regional CodeCommit host")
	sign, _ := signing.Key.Get(env)
	a := credAnalysis{env: env, facts: facts, fix: chain.NewFixer(env, facts), res: &res, sign: sign}
	a.run()
	res.Summary = "no repository given, so for CodeCommit hosts in general: " + res.Summary
	Key.Set(&res, a.published())
	return res, nil
}

// published picks the repairs other checks reuse from this run's findings.
func (a *credAnalysis) published() *Facts {
	f := &Facts{}
	for _, code := range []string{"helper-before-aws", "no-aws-helper", "caching-helper-after-aws"} {
		for _, fd := range a.res.Findings {
			if fd.Code == code && len(fd.Remediation) > 0 && f.ChainFix == nil {
				f.ChainFix, f.ChainActions = fd.Remediation, fd.Actions
			}
		}
	}
	for _, fd := range a.res.Findings {
		if fd.Code == "use-http-path-missing" && len(fd.Remediation) > 0 {
			f.UseHTTPPathFix, f.UseHTTPPathActions = fd.Remediation, fd.Actions
		}
	}
	return f
}
