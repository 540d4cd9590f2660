// Package frontends is the `front-ends` check: git front-ends that do not
// run the git configuration the other checks diagnose. Under WSL, helpers
// that are Windows programs (/mnt/c/...); on Windows, helpers that are Linux
// paths; GUI clients that run their own git or blank the helper list.
package frontends

import (
	"context"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/chain"
	"github.com/codecommit-doctor/codecommit-doctor/checks/git"
)

// ID is the check's id.
const ID = "front-ends"

// Finding codes.
const (
	codeWSLGCM       = "wsl-windows-gcm"
	codeWSLAWS       = "wsl-windows-aws"
	codeLinuxHelper  = "windows-git-linux-helper"
	codeGitHubDesk   = "gui-github-desktop"
	codeEmbeddedGit  = "gui-embedded-git"
	defaultAWSHelper = "!aws codecommit credential-helper $@"
)

type check struct{}

// New returns the `front-ends` check.
func New() checks.Check { return check{} }

func (check) Info() checks.Info {
	return checks.Info{
		ID:    ID,
		Title: "Other git front-ends and this configuration",
		Description: "Under WSL (WSL_DISTRO_NAME or WSL_INTEROP set, or \"microsoft\" in /proc/version), names credential " +
			"helpers for CodeCommit hosts that are Windows programs under /mnt/DRIVE/ (the Git Credential Manager, " +
			"aws.exe); on Windows, helpers that are Linux paths (/mnt/..., /home/...), which Git for Windows cannot run. " +
			"When a CodeCommit repository is diagnosed, looks (a few stat calls) for GUI clients that do not use this " +
			"configuration as it is: GitHub Desktop (runs git with `-c credential.helper=`), Fork and Sourcetree (embedded " +
			"git with its own system config) in /Applications and ~/Applications on macOS and %LOCALAPPDATA% on Windows.",
		// The helper chain is git's: without a git that runs there is
		// nothing to judge (and no client to run it).
		Requires: []checks.KeyRef{git.Key},
		After:    []checks.KeyRef{checks.TargetKey, chain.Key},
		Findings: []checks.FindingDoc{
			{Code: codeWSLGCM, Severity: checks.Warn, Meaning: "Under WSL, the Windows Git Credential Manager (/mnt/c/.../git-credential-manager.exe) is a helper for CodeCommit hosts. It is fine for the hosts it knows (GitHub, Azure DevOps), but for CodeCommit it only stores the password the AWS helper made, which expires about 15 minutes later, and it cannot run the Linux `aws`. Scope it away from CodeCommit hosts and use the Linux AWS CLI's helper there.",
				Remediation: []string{"git config --global --replace-all 'credential.https://git-codecommit.*.amazonaws.com.helper' ''", "git config --global --add 'credential.https://git-codecommit.*.amazonaws.com.helper' '!aws codecommit credential-helper $@'", "git config --global 'credential.https://git-codecommit.*.amazonaws.com.UseHttpPath' true"}},
			{Code: codeWSLAWS, Severity: checks.Warn, Meaning: "Under WSL, the AWS helper runs the Windows aws.exe (/mnt/c/...): it reads the Windows profile files (%USERPROFILE%\\.aws), not this Linux's ~/.aws that the other checks diagnose. Install the AWS CLI inside WSL and use `!aws codecommit credential-helper $@`.",
				Remediation: []string{"Install the AWS CLI v2 for Linux inside WSL: " + "https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html", "git config --global --fixed-value --replace-all credential.helper '!aws codecommit credential-helper $@' 'OLD_VALUE'   # OLD_VALUE: the helper as the finding quotes it"}},
			{Code: codeLinuxHelper, Severity: checks.Fail, Meaning: "Git for Windows is configured with a helper that is a Linux path (/mnt/c/..., /home/..., as written for WSL): it cannot run it, so no password is made.",
				Remediation: []string{`git config --global --fixed-value --replace-all credential.helper "!aws codecommit credential-helper $@" "OLD_VALUE"   # OLD_VALUE: the helper as the finding quotes it`}},
			{Code: codeGitHubDesk, Severity: checks.Warn, Meaning: "GitHub Desktop is installed. It runs its own git with `-c credential.helper=` (or only its Git Credential Manager), so the AWS CLI helper configured here never runs in it and CodeCommit refuses or prompts. Use git from a terminal or another client for CodeCommit, or HTTPS Git credentials for CodeCommit (IAM users only), entered when it asks.",
				Remediation: []string{"aws iam create-service-specific-credential --user-name USER --service-name codecommit.amazonaws.com   # IAM users only: HTTPS Git credentials to enter in GitHub Desktop"}},
			{Code: codeEmbeddedGit, Severity: checks.Pass, Meaning: "Fork or Sourcetree is installed: it may run its own embedded git, whose system config is not the one diagnosed here (a helper set there, e.g. manager, comes first), and a GUI app may not find `aws` on its PATH. Make it use the system git (Fork: Preferences > Git > Git Instance; Sourcetree: Settings > Git > Use System Git)."},
		},
	}
}

func (check) Run(_ context.Context, env *checks.Env) (checks.Result, error) {
	res := checks.Result{Status: checks.Pass}
	wsl := inWSL(env)
	res.AddEvidence("wsl", boolText(wsl))
	if cf, ok := chain.Key.Get(env); ok && cf.Err == nil {
		fx := chain.NewFixer(env, cf)
		if wsl {
			for _, f := range wslFindings(env, cf, fx) {
				res.Add(f)
			}
		}
		if env.Sys.GOOS() == "windows" {
			for _, f := range linuxHelperFindings(cf, fx) {
				res.Add(f)
			}
		}
	}
	if env.TargetOf() != nil {
		apps := guiClients(env)
		res.AddEvidence("gui_clients", appNames(apps))
		for _, f := range guiFindings(env, apps) {
			res.Add(f)
		}
	}
	switch {
	case len(res.Findings) == 0:
		res.Summary = "nothing runs git differently here"
	default:
		var codes []string
		for _, f := range res.Findings {
			codes = append(codes, f.Code)
		}
		res.Summary = "front-ends that do not use this configuration as it is: " + strings.Join(codes, ", ")
	}
	if wsl {
		res.Summary = "WSL; " + res.Summary
	}
	return res, nil
}

func boolText(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
