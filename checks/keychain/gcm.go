package keychain

import (
	"fmt"

	"github.com/codecommit-doctor/codecommit-doctor/checks"

	"github.com/codecommit-doctor/codecommit-doctor/internal/action"
	"github.com/codecommit-doctor/codecommit-doctor/internal/gitcred"
)

// windowsManager reports Git Credential Manager or wincred in the chain.
func (k *keychainRun) windowsManager() {
	if k.host == "" {
		k.skipped["windows-credential-manager"] = "needs an HTTPS repository to know which host's credentials to erase"
		return
	}
	k.checked = append(k.checked, "Windows credential helpers for "+k.host)
	for i, h := range k.facts.Chain.Helpers {
		switch h.Value.Kind {
		case gitcred.KindManager, gitcred.KindManagerCore, gitcred.KindWincred:
		default:
			continue
		}
		where := "after"
		if k.beforeAWS(i) {
			where = "before"
		}
		req := fmt.Sprintf(`printf 'protocol=https\nhost=%s\n\n' | %s erase`, k.facts.Request.Host, h.Value.Command)
		fix := []action.Action{{Kind: action.Manual, Text: "In Git Bash, erase what it stored for the host: " + req},
			{Kind: action.Manual, Text: "or in cmd.exe: " + action.Action{Kind: action.CmdkeyDelete, Host: k.facts.Request.Host}.Commands("windows", "")[0]},
			{Kind: action.Manual, Text: "Then keep it out of the chain for CodeCommit:"}}
		fix = append(fix, k.fix.SectionFixActions([]gitcred.Entry{h.Entry})...)
		f := checks.Finding{Code: "windows-credential-manager", Severity: checks.Warn,
			Message: fmt.Sprintf("%s `%s` (%s) runs %s the AWS helper for %s and keeps the passwords git hands it in the Windows Credential Manager; they expire about 15 minutes after the AWS CLI made them, and git never erases them on a 403.",
				h.Value.Kind.Label(), k.env.Redact(h.Value.Raw), h.Entry.Where(), where, k.facts.URL)}
		f.SetActions(k.env, fix)
		k.add(f, h.Value.Kind.Label()+" is in the helper chain")
	}
}
