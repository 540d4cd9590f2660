package keychain

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/chain"
	"github.com/codecommit-doctor/codecommit-doctor/checks/credentials"
	"github.com/codecommit-doctor/codecommit-doctor/checks/git"
	"github.com/codecommit-doctor/codecommit-doctor/checks/permissions"

	"github.com/codecommit-doctor/codecommit-doctor/internal/configerr"
	"github.com/codecommit-doctor/codecommit-doctor/internal/gitcred"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/shellword"
)

// ID is the check's id.
const ID = "keychain"

// Key is what the keychain check tells later checks.
var Key = checks.NewKey[*Facts](ID)

// Facts are the CodeCommit lines found in store-helper files.
type Facts struct {
	Stored []StoredLine
}

// StoredLine is one CodeCommit line of a store-helper file (never its
// password).
type StoredLine struct {
	File string
	gitcred.StoredCredential
	// Used is true when git's store helper answers with it for the target
	// before the AWS helper runs.
	Used bool
	// Erase is the command that erases the file's lines for its host.
	Erase string
}

type keychainCheck struct{}

// New returns the `keychain` check, which looks for CodeCommit
// passwords stored where git or the OS keeps them.
func New() checks.Check { return keychainCheck{} }

func (keychainCheck) Info() checks.Info {
	return checks.Info{
		ID:    ID,
		Title: "No stale CodeCommit password stored by the OS or git",
		Description: "A password from the AWS CLI helper is valid for about 15 minutes; a copy stored anywhere " +
			"goes stale and, once git is handed it, gives 403 for good (git erases stored passwords on 401 only). " +
			"On every OS: reads the files of git's `store` helper (~/.git-credentials, $XDG_CONFIG_HOME/git/credentials " +
			"or ~/.config/git/credentials, and any --file given to a store helper) for lines for CodeCommit hosts; " +
			"passwords are never shown, and each line comes with the command that erases it. " +
			"On macOS only: finds `osxkeychain` set by Apple Git's own system config inside the Command Line Tools or " +
			"Xcode (`git config --system --unset` does not remove it), and asks `security find-internet-password -s HOST` " +
			"whether the login Keychain holds an item for the repository's host (presence and dates only: never -g or -w). " +
			"On Windows only: Git Credential Manager or wincred in the helper chain. The parts that do not apply to this " +
			"OS, or that need an HTTPS repository when there is none, are skipped and named in the evidence. A stored " +
			"password that git would hand over before the AWS helper runs is a failure; one git does not reach for this " +
			"URL is a warning. HTTPS Git credentials (USER-at-ACCOUNT) stored or in the URL for a repository of another account " +
			"(the repository's ARN, else the AWS identity's account) are a failure: they work only in their own account.",
		Requires: []checks.KeyRef{git.Key},
		After:    []checks.KeyRef{checks.TargetKey, chain.Key, credentials.Key, permissions.Key},
		Gives:    []checks.KeyRef{Key},
		Findings: []checks.FindingDoc{
			{Code: "git-settings-unread", Severity: checks.Error, Meaning: "git could not report its credential settings (a config file it stops on, named): the store files are still read, but which helper answers first was not checked."},
			{Code: "stored-password-stale", Severity: checks.Fail, Meaning: "A store-helper file holds a password the AWS CLI helper signed: it expired about 15 minutes after it was made. Fail when git's store helper hands it over before the AWS helper, warn otherwise.",
				Remediation: []string{`printf 'protocol=https\nhost=git-codecommit.us-east-1.amazonaws.com\n\n' | git credential-store --file ~/.git-credentials erase`}},
			{Code: "stored-git-credentials", Severity: checks.Warn, Meaning: "A store-helper file holds a static password for a CodeCommit host (HTTPS Git credentials of an IAM user): git uses it instead of the AWS helper, until it is deactivated or deleted.",
				Remediation: []string{`printf 'protocol=https\nhost=git-codecommit.us-east-1.amazonaws.com\n\n' | git credential-store --file ~/.git-credentials erase`}},
			{Code: "git-credentials-other-account", Severity: checks.Fail, Meaning: "HTTPS Git credentials of an IAM user (user name USER-at-ACCOUNT), stored where git's store helper answers with them first or named in the remote URL, are used for a repository in another account (known from the repository's ARN or the AWS identity). They work only for repositories in that user's own account; cross-account access needs the AWS CLI credential helper or git-remote-codecommit with a role.",
				Remediation: []string{`printf 'protocol=https\nhost=git-codecommit.us-east-1.amazonaws.com\n\n' | git credential-store --file ~/.git-credentials erase`,
					"git config --global credential.helper '!aws --profile PROFILE codecommit credential-helper $@'   # PROFILE: a role in the repository's account"}},
			{Code: "store-file-unreadable", Severity: checks.Error, Meaning: "A store-helper file exists but could not be read."},
			{Code: "apple-git-osxkeychain", Severity: checks.Fail, Meaning: "macOS: Apple Git's system config in the Command Line Tools or Xcode sets credential.helper=osxkeychain ahead of the AWS helper; `git config --system --unset` does not remove it and tool updates restore it. Override it with a URL-scoped reset.",
				Remediation: remedy.HelperSection("git config --global", remedy.WildcardSection, remedy.DefaultAWSHelper, "darwin")},
			{Code: "apple-git-osxkeychain-overridden", Severity: checks.Pass, Meaning: "macOS: Apple Git's system config sets osxkeychain, and a reset keeps it out of the chain for the URL."},
			{Code: "keychain-stale-password", Severity: checks.Fail, Meaning: "macOS: the Keychain holds an internet password for the repository's host. Fail when osxkeychain answers before the AWS helper, warn otherwise.",
				Remediation: []string{"security delete-internet-password -s git-codecommit.us-east-1.amazonaws.com"}},
			{Code: "keychain-unreadable", Severity: checks.Error, Meaning: "macOS: `security` could not be run or could not search the Keychain."},
			{Code: "windows-credential-manager", Severity: checks.Warn, Meaning: "Windows: Git Credential Manager or wincred is in the helper chain for the URL and keeps the AWS helper's passwords.",
				Remediation: []string{`printf 'protocol=https\nhost=git-codecommit.us-east-1.amazonaws.com\n\n' | git credential-manager erase`,
					"cmdkey /delete:git:https://git-codecommit.us-east-1.amazonaws.com"}},
		},
	}
}

type summaryPart struct {
	sev  checks.Status
	text string
}

// keychainRun is one run of the keychain check.
type keychainRun struct {
	env     *checks.Env
	facts   *chain.Facts
	fix     chain.Fixer
	host    string // the target's host (no port), "" without an HTTPS target
	hasURL  bool   // facts are for the real target, not a stand-in
	res     *checks.Result
	checked []string
	skipped map[string]string
	summary []summaryPart
	stored  []StoredLine
}

func (keychainCheck) Run(ctx context.Context, env *checks.Env) (checks.Result, error) {
	var res checks.Result
	skipped := map[string]string{}
	facts, ok := chain.Key.Get(env)
	if !ok {
		return res, fmt.Errorf("git's credential settings were not read")
	}
	real := facts.Real
	if facts.Err != nil {
		// The store files can still be read; what depends on the helper
		// chain is judged as if no helper ran, and said so.
		res.AddEvidence("git_config_error", env.Redact(facts.Err.Error()))
		skipped["helper-chain"] = "could not read git's credential settings"
	}
	k := &keychainRun{env: env, facts: facts, fix: chain.NewFixer(env, facts), res: &res, hasURL: real, skipped: skipped}
	var ce *configerr.Error
	if errors.As(facts.Err, &ce) {
		// A config file git stops on: what depends on the helper chain
		// could not be looked at, which is not "nothing there".
		why := ce.In(git.WorkDir(env, facts.Dir)).Describe(func(p string) string { return shellword.Path(p, env.Sys.HomeDir(), env.Sys.GOOS()) })
		k.add(checks.Finding{Code: "git-settings-unread", Severity: checks.Error,
			Message: fmt.Sprintf("Could not read git's credential settings: %s. Which helpers run before the AWS helper, and which of them store passwords, was not checked.", env.Redact(why))},
			"could not read git's credential settings: "+env.Redact(why))
	}
	if real {
		k.host, _, _ = strings.Cut(facts.Request.Host, ":")
		res.AddEvidence("url", facts.URL)
	} else {
		res.AddEvidence("url", "none: no HTTPS repository to diagnose; helper order worked out for "+facts.URL)
	}
	if err := k.storeFiles(); err != nil {
		return res, err
	}
	k.crossAccount()
	switch env.Sys.GOOS() {
	case "darwin":
		k.appleToolchain()
		if err := k.keychainItem(ctx); err != nil {
			return res, err
		}
		k.skipped["windows-credential-manager"] = "only on Windows"
	case "windows":
		k.windowsManager()
		k.skipped["macos-keychain"] = "only on macOS"
	default:
		k.skipped["macos-keychain"] = "only on macOS"
		k.skipped["windows-credential-manager"] = "only on Windows"
	}
	if len(k.skipped) > 0 {
		res.AddEvidence("not_applicable", k.skipped)
	}
	res.AddEvidence("checked", k.checked)
	Key.Set(&res, &Facts{Stored: k.stored})
	res.Status = checks.Worst(res.Status, checks.Pass)
	res.Summary = k.summaryLine()
	return res, nil
}

func (k *keychainRun) add(f checks.Finding, summary string) {
	k.res.Add(f)
	k.summary = append(k.summary, summaryPart{f.Severity, summary})
}

// beforeAWS reports whether helper i answers before any AWS helper can.
func (k *keychainRun) beforeAWS(i int) bool {
	w := k.facts.Chain.FirstAWS()
	return i >= 0 && (w < 0 || i < w)
}

// chainIndex is the position of the helper an entry put in the chain, or -1.
func (k *keychainRun) chainIndex(match func(gitcred.Helper) bool) int {
	for i, h := range k.facts.Chain.Helpers {
		if match(h) {
			return i
		}
	}
	return -1
}

func (k *keychainRun) summaryLine() string {
	// A problem found leads; what could not be looked at follows it.
	worst, text, unread := checks.Skip, "", ""
	for _, s := range k.summary {
		if s.sev == checks.Error {
			unread = s.text
			continue
		}
		if s.sev > worst {
			worst, text = s.sev, s.text
		}
	}
	if unread != "" {
		if worst < checks.Warn {
			return unread
		}
		if n := len(k.summary) - 2; n > 0 {
			text = fmt.Sprintf("%s (+%d more)", text, n)
		}
		return text + "; " + unread
	}
	if worst >= checks.Warn {
		if n := len(k.summary); n > 1 {
			return fmt.Sprintf("%s (+%d more)", text, n-1)
		}
		return text
	}
	line := "no stored CodeCommit password"
	var na []string
	for part, why := range k.skipped {
		if strings.HasPrefix(why, "only on ") {
			continue // other systems' stores: named in the evidence, not the summary
		}
		na = append(na, part+": "+why)
	}
	sort.Strings(na)
	if len(na) > 0 {
		line += "; skipped " + strings.Join(na, ", ")
	}
	return line
}
