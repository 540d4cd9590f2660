package checks

import "github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"

// Target is the repository being diagnosed: the `remote` check's facts.
type Target struct {
	URL        ccurl.Remote // parsed; URL.Raw may hold a secret: print URL.Display
	Source     string       // "argument" or "remote:NAME"
	RemoteName string       // the git remote it came from, if any
	Dir        string       // the clone it came from, if any (git's top level)
}

// HTTPSURL is the URL git uses for credential lookups: scheme, host (with
// any port) and path, without user info or query.
func (t *Target) HTTPSURL() string {
	if t == nil || t.URL.Scheme != ccurl.SchemeHTTPS {
		return ""
	}
	host := t.URL.Host
	if t.URL.Port != "" {
		host += ":" + t.URL.Port
	}
	return "https://" + host + "/v1/repos/" + t.URL.Repository
}

// TargetOf returns the target found by the `remote` check, or nil when the
// check did not run or found none.
func (e *Env) TargetOf() *Target {
	r, ok := e.Dep("remote")
	if !ok {
		return nil
	}
	t, _ := r.Facts.(*Target)
	return t
}

// NoTargetReason is the skip summary of repository-specific checks when
// there is no repository to diagnose.
const NoTargetReason = "no repository to diagnose: pass a repository URL or run inside a clone"
