package checks

import "github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"

// TargetID is the id of the check that finds the repository to diagnose.
const TargetID = "remote"

// TargetKey is the repository being diagnosed, published by the `remote`
// check. A check with Needs.Target must list it in Requires or After.
var TargetKey = NewKey[*Target](TargetID)

// NoTargetKey says why the `remote` check, although it ran, gives no
// target: the URL or the clone's remotes are not CodeCommit. The runner
// skips the checks that need a target with this reason.
var NoTargetKey = NewKey[*NoTarget](TargetID)

// NoTarget is why there is no repository to diagnose.
type NoTarget struct {
	Reason string // completes "no CodeCommit repository to diagnose: ..."
}

// SkipReason is the skip summary of the checks that need a target.
func (n *NoTarget) SkipReason() string {
	return "no CodeCommit repository to diagnose: " + n.Reason
}

// Target is the repository being diagnosed.
type Target struct {
	URL        ccurl.Remote // parsed; URL.Raw may hold a secret: print URL.Display
	Source     string       // "argument" or "remote:NAME" (with " (console URL)" when converted)
	RemoteName string       // the git remote it came from, if any
	Dir        string       // the clone it came from, if any (git's top level)
}

// HTTPSURL is the URL git uses for credential lookups: scheme, host (with
// any port) and path, without user info or query.
func (t *Target) HTTPSURL() string {
	if t == nil || t.URL.Scheme != ccurl.SchemeHTTPS {
		return ""
	}
	return "https://" + t.CredHost() + "/v1/repos/" + t.URL.Repository
}

// CredHost is the host as git hands it to credential helpers: with the port
// when the URL has one.
func (t *Target) CredHost() string {
	if t.URL.Port != "" {
		return t.URL.Host + ":" + t.URL.Port
	}
	return t.URL.Host
}

// InfoRefs is the URL of the first request of every fetch.
func (t *Target) InfoRefs() string {
	return t.HTTPSURL() + "/info/refs?service=git-upload-pack"
}

// HTTPSReady reports whether the target is an HTTPS URL with a host and a
// repository, which is what the network checks of git's own path need.
func (t *Target) HTTPSReady() bool {
	return t != nil && t.URL.Scheme == ccurl.SchemeHTTPS && t.URL.Host != "" && t.URL.Repository != ""
}

// TargetOf returns the target, or nil when there is none.
func (e *Env) TargetOf() *Target {
	t, _ := TargetKey.Get(e)
	return t
}

// NoTargetReason is the skip summary of repository-specific checks when
// there is no repository to diagnose.
const NoTargetReason = "no repository to diagnose: pass a repository URL or run inside a clone"
