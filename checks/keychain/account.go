package keychain

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/credentials"
	"github.com/codecommit-doctor/codecommit-doctor/checks/permissions"

	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
	"github.com/codecommit-doctor/codecommit-doctor/internal/shellword"
)

// gitCredentialUserRE is the user name of CodeCommit's HTTPS Git
// credentials: the IAM user name, "-at-", the account id.
var gitCredentialUserRE = regexp.MustCompile(`^(.+)-at-(\d{12})$`)

// gitCredentialAccount returns the IAM user and account of a Git
// credentials user name, or false.
func gitCredentialAccount(user string) (name, account string, ok bool) {
	m := gitCredentialUserRE.FindStringSubmatch(user)
	if m == nil {
		return "", "", false
	}
	return m[1], m[2], true
}

// repositoryAccount is the account the repository is in, and how that is
// known: from the repository's ARN when CodeCommit answered, else the
// account of the AWS identity (whose helper looks it up there); "" when
// neither is known.
func repositoryAccount(env *checks.Env) (account, from string) {
	if pf, ok := permissions.Key.Get(env); ok && pf.Repository == permissions.RepositoryExists {
		if parts := strings.SplitN(pf.RepositoryARN, ":", 6); len(parts) == 6 && parts[4] != "" {
			return parts[4], "the repository's ARN " + pf.RepositoryARN
		}
	}
	if cf, ok := credentials.Key.Get(env); ok && !cf.Rejected && cf.Identity.Account != "" {
		return cf.Identity.Account, "the AWS identity " + cf.Identity.ARN + " (sts:GetCallerIdentity)"
	}
	return "", ""
}

// crossAccount reports HTTPS Git credentials of an IAM user of one account
// stored or named for a repository of another.
func (k *keychainRun) crossAccount() {
	if !k.hasURL {
		return
	}
	account, from := repositoryAccount(k.env)
	if account == "" {
		return
	}
	k.res.AddEvidence("repository_account", account)
	region, _ := ccurl.RegionFromHost(k.host)
	if region == "" {
		region = "REGION"
	}
	alternatives := []string{
		"Use the AWS CLI credential helper with a profile whose credentials are a role in account " + account + " (or allowed on the repository): " +
			"aws configure set role_arn arn:aws:iam::" + account + ":role/ROLE --profile PROFILE, aws configure set source_profile SOURCE_PROFILE --profile PROFILE, " +
			"then git config --global credential.helper '!aws --profile PROFILE codecommit credential-helper $@'",
		"or use git-remote-codecommit with that profile: pip install git-remote-codecommit, then git remote set-url origin codecommit::" + region + "://PROFILE@REPOSITORY",
	}
	for _, s := range k.stored {
		user, userAccount, ok := gitCredentialAccount(s.Username)
		if !ok || userAccount == account || !s.Used {
			continue
		}
		k.add(checks.Finding{Code: "git-credentials-other-account", Severity: checks.Fail,
			Message: fmt.Sprintf("%s line %d holds HTTPS Git credentials of IAM user %s in account %s (user name %s), and git's store helper answers with them for %s before the AWS helper runs; "+
				"the repository is in account %s (from %s). HTTPS Git credentials of an IAM user work only for repositories in that user's own account: CodeCommit refuses them for this repository with 403. "+
				"Cross-account access needs the AWS CLI credential helper or git-remote-codecommit with a role.",
				s.File, s.Line, user, userAccount, s.Username, k.facts.URL, account, from),
			Remediation: append([]string{s.Erase}, alternatives...),
			Docs:        []string{"https://docs.aws.amazon.com/codecommit/latest/userguide/cross-account.html", "https://docs.aws.amazon.com/codecommit/latest/userguide/setting-up-gc.html"}},
			"HTTPS Git credentials of account "+userAccount+" for a repository in account "+account)
	}
	user, userAccount, ok := gitCredentialAccount(k.facts.Request.Username)
	if !ok || userAccount == account {
		return
	}
	k.add(checks.Finding{Code: "git-credentials-other-account", Severity: checks.Fail,
		Message: fmt.Sprintf("The repository URL names the user %s: HTTPS Git credentials of IAM user %s in account %s. The repository is in account %s (from %s). "+
			"HTTPS Git credentials of an IAM user work only for repositories in that user's own account: CodeCommit refuses them for this repository with 403. "+
			"Cross-account access needs the AWS CLI credential helper or git-remote-codecommit with a role.",
			k.facts.Request.Username, user, userAccount, account, from),
		Remediation: append([]string{k.urlWithoutUser()}, alternatives...),
		Docs:        []string{"https://docs.aws.amazon.com/codecommit/latest/userguide/cross-account.html"}},
		"the URL names HTTPS Git credentials of account "+userAccount+" for a repository in account "+account)
}

// urlWithoutUser is the step that drops the user name from the URL.
func (k *keychainRun) urlWithoutUser() string {
	if t := k.env.TargetOf(); t != nil && t.RemoteName != "" {
		goos := k.env.Sys.GOOS()
		return "git remote set-url " + shellword.Quote(t.RemoteName, goos) + " " + shellword.Quote(k.facts.URL, goos)
	}
	return "Use the URL without the user name: " + k.facts.URL
}
