package keychain

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/chain"

	"github.com/codecommit-doctor/codecommit-doctor/internal/action"
	"github.com/codecommit-doctor/codecommit-doctor/internal/gitcred"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// securityTimeout bounds one run of macOS's `security`.
const securityTimeout = 10 * time.Second

// securityNotFound is the exit status of `security` when no item matches.
const securityNotFound = 44

// appleToolchain reports osxkeychain set by Apple Git's own config.
func (k *keychainRun) appleToolchain() {
	for _, e := range k.facts.Entries {
		if e.Name() != "helper" || !chain.IsAppleToolchainFile(e.File()) {
			continue
		}
		if gitcred.ParseHelper(e.Value, "darwin").Kind != gitcred.KindOSXKeychain {
			continue
		}
		pos := k.chainIndex(func(h gitcred.Helper) bool {
			return h.Entry.Key == e.Key && h.Entry.Origin == e.Origin && h.Entry.Value == e.Value
		})
		base := fmt.Sprintf("Apple Git's own system config %s sets `credential.helper = %s`. It is neither ~/.gitconfig nor /etc/gitconfig: `git config --system --unset credential.helper` does not remove it, and every Command Line Tools or Xcode update puts it back; only `git config --show-origin` shows it.",
			e.File(), e.Value)
		fix := append([]action.Action{{Kind: action.Manual, Text: "Leave that file alone and override it for CodeCommit with a URL-scoped section that first clears the helper list:"}},
			k.fix.SectionFixActions([]gitcred.Entry{e})...)
		switch {
		case k.beforeAWS(pos):
			f := checks.Finding{Code: "apple-git-osxkeychain", Severity: checks.Fail, Docs: []string{remedy.KeychainDocs},
				Message: base + fmt.Sprintf(" For %s, osxkeychain answers before the AWS helper with the password it stored, which expired about 15 minutes after it was made: 403.", k.facts.URL)}
			f.SetActions(k.env, fix)
			k.add(f, "Apple Git's osxkeychain answers before the AWS helper")
		case pos >= 0:
			f := checks.Finding{Code: "apple-git-osxkeychain", Severity: checks.Warn, Docs: []string{remedy.KeychainDocs},
				Message: base + " It runs after the AWS helper and stores every password it makes in the Keychain, where it goes stale in about 15 minutes."}
			f.SetActions(k.env, fix)
			k.add(f, "Apple Git's osxkeychain stores the AWS helper's passwords")
		default:
			k.add(checks.Finding{Code: "apple-git-osxkeychain-overridden", Severity: checks.Pass,
				Message: base + fmt.Sprintf(" A reset keeps it out of the helper chain for %s.", k.facts.URL)}, "")
		}
	}
}

// keychainItem asks the Keychain whether it holds an internet password
// for the target's host. Only presence and dates are read.
func (k *keychainRun) keychainItem(ctx context.Context) error {
	if k.host == "" {
		k.skipped["macos-keychain-item"] = "needs an HTTPS repository to know which host to look up"
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, securityTimeout)
	defer cancel()
	cmd := sys.Command{Name: "security", Args: []string{"find-internet-password", "-s", k.host}}
	missing := func(err error) checks.Finding {
		return checks.Finding{Code: "keychain-unreadable", Severity: checks.Error,
			Message: fmt.Sprintf("Could not look in the Keychain: %v.", err)}
	}
	out, ev, f, err := checks.RunProgram(ctx, k.env, missing, cmd)
	ev.Output = "" // attributes name the account (an access key id): not kept
	k.res.AddEvidence("keychain_search", ev)
	if err != nil {
		return fmt.Errorf("searching the Keychain: %w", err)
	}
	if f != nil {
		k.add(*f, "could not search the Keychain")
		return nil
	}
	k.checked = append(k.checked, "macOS Keychain item for "+k.host)
	switch out.ExitCode {
	case 0:
	case securityNotFound:
		return nil
	default:
		k.add(checks.Finding{Code: "keychain-unreadable", Severity: checks.Error,
			Message: fmt.Sprintf("`%s` exited with status %d: %s", ev.Command, out.ExitCode, checks.Excerpt(k.env.Redact(checks.FirstLine(out.Stderr))))},
			"could not search the Keychain")
		return nil
	}
	item := parseKeychainItem(out.Stdout)
	k.res.AddEvidence("keychain_item", item)
	osx := k.chainIndex(func(h gitcred.Helper) bool { return h.Value.Kind == gitcred.KindOSXKeychain })
	msg := fmt.Sprintf("The Keychain %sholds an internet password for %s%s. A CodeCommit password expires about 15 minutes after the AWS CLI helper made it.",
		orEmpty(item.Keychain, "(", ") "), k.host, item.dates())
	f2 := checks.Finding{Code: "keychain-stale-password", Severity: checks.Warn, Docs: []string{remedy.KeychainDocs}}
	f2.SetActions(k.env, []action.Action{{Kind: action.KeychainErase, Host: k.host}},
		"Run it again until it says the item could not be found (there is one item per repository path when UseHttpPath is on).")
	if k.beforeAWS(osx) {
		f2.Severity = checks.Fail
		f2.Message = msg + fmt.Sprintf(" osxkeychain answers with it for %s before the AWS helper runs: 403, and git never erases it.", k.facts.URL)
		k.add(f2, "stale password in the Keychain for "+k.host)
		return nil
	}
	f2.Message = msg + " osxkeychain does not answer before the AWS helper for this URL now, but the item is stale and any tool that reads the Keychain gets a 403 with it."
	k.add(f2, "stale password in the Keychain for "+k.host)
	return nil
}

func orEmpty(s, before, after string) string {
	if s == "" {
		return ""
	}
	return before + s + after
}

// keychainItem is what is kept of a Keychain item: where and when, never
// who or what.
type keychainItemInfo struct {
	Keychain string `json:"keychain,omitempty"`
	Created  string `json:"created,omitempty"`
	Modified string `json:"modified,omitempty"`
}

func (i keychainItemInfo) dates() string {
	switch {
	case i.Created != "" && i.Modified != "" && i.Modified != i.Created:
		return fmt.Sprintf(", created %s and last changed %s", i.Created, i.Modified)
	case i.Created != "":
		return ", created " + i.Created
	}
	return ""
}

var (
	keychainPathRE = regexp.MustCompile(`(?m)^keychain: "([^"\n]*)"`)
	keychainDateRE = regexp.MustCompile(`"(cdat|mdat)"<timedate>=\S*\s+"(\d{14})Z`)
)

// parseKeychainItem reads the keychain path and the creation and
// modification dates from `security find-internet-password` output.
func parseKeychainItem(out string) keychainItemInfo {
	var info keychainItemInfo
	if m := keychainPathRE.FindStringSubmatch(out); m != nil {
		info.Keychain = m[1]
	}
	for _, m := range keychainDateRE.FindAllStringSubmatch(out, -1) {
		t, err := time.Parse("20060102150405", m[2])
		if err != nil {
			continue
		}
		s := t.Format("2006-01-02 15:04:05 UTC")
		if m[1] == "cdat" {
			info.Created = s
		} else {
			info.Modified = s
		}
	}
	return info
}
