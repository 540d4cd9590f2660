package grc

import (
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/chain"

	"github.com/codecommit-doctor/codecommit-doctor/internal/gitcred"
)

// gcmFinding: on Windows, the Git Credential Manager in the helper chain of
// git-remote-codecommit's https URL. git-remote-codecommit hands `git
// remote-http` a URL with the user name (access key id, and with temporary
// credentials "%" and the session token) and password in it; git does not
// ask the helpers for them, but after the request it asks them to store
// them, and GCM fails to write such long entries to the Windows Credential
// Manager ("Failed to write item to store", "The stub received bad data").
func gcmFinding(env *checks.Env, c grcContext) (checks.Finding, bool) {
	if env.Sys.GOOS() != "windows" || c.Host == "" {
		return checks.Finding{}, false
	}
	cf, ok := chain.Key.Get(env)
	if !ok || cf.Err != nil {
		return checks.Finding{}, false
	}
	req := gitcred.Request{Protocol: "https", Host: c.Host, Path: strings.TrimPrefix(c.Path, "/")}
	ch := gitcred.Compute(cf.Entries, req, cf.Features, env.Sys.GOOS())
	var gcm []gitcred.Helper
	for _, h := range ch.Helpers {
		if h.Value.Kind == gitcred.KindManager || h.Value.Kind == gitcred.KindManagerCore {
			gcm = append(gcm, h)
		}
	}
	if len(gcm) == 0 {
		return checks.Finding{}, false
	}
	var where []string
	for _, h := range gcm {
		where = append(where, fmt.Sprintf("`%s` (%s)", h.Value.Raw, h.Entry.Where()))
	}
	section := "credential.https://" + c.Host + ".helper"
	fix := []string{fmt.Sprintf(`git config --global "%s" ""`, section)}
	if i := ch.FirstAWS(); i >= 0 {
		// HTTPS clones of the same host keep the AWS helper after the reset.
		fix = append(fix, fmt.Sprintf(`git config --global --add "%s" "%s"`, section, ch.Helpers[i].Value.Raw))
	}
	return checks.Finding{Code: codeGCM, Severity: checks.Warn,
		Message: fmt.Sprintf("The Git Credential Manager %s is a credential helper for https://%s. git-remote-codecommit puts its credentials in the URL it hands git, and after each request git asks the helpers to store them: GCM fails to write such long user names (with temporary credentials they carry the session token) to the Windows Credential Manager (\"Failed to write item to store\", \"The stub received bad data\"). git-remote-codecommit needs no helper for this host.",
			strings.Join(where, ", "), c.Host),
		Remediation: fix,
		Docs:        []string{"https://github.com/git-ecosystem/git-credential-manager/issues/776"}}, true
}
