package gitcred

import "strings"

// Scopes as `git config --show-scope` names them.
const (
	ScopeSystem   = "system"
	ScopeGlobal   = "global"
	ScopeLocal    = "local"
	ScopeWorktree = "worktree"
	ScopeCommand  = "command"
	ScopeUnknown  = "unknown"
)

// ScopeRank orders scopes the way git reads them: a setting in a scope of
// higher rank is read later. Unknown scopes rank with system.
func ScopeRank(scope string) int {
	switch scope {
	case ScopeGlobal:
		return 1
	case ScopeLocal:
		return 2
	case ScopeWorktree:
		return 3
	case ScopeCommand:
		return 4
	default:
		return 0
	}
}

// Entry is one credential.* setting as git reported it, in git's read
// order.
type Entry struct {
	// Index is the position in git's read order, from 0.
	Index int `json:"-"`
	// Scope is system, global, local, worktree, command or unknown (git
	// older than 2.26 does not say; see ScopeInferred).
	Scope string `json:"scope"`
	// ScopeInferred is true when Scope was worked out from the origin
	// file, because this git has no --show-scope.
	ScopeInferred bool `json:"scope_inferred,omitempty"`
	// Origin is git's origin: "file:/path", "command line:", "blob:...",
	// or "" when this git has no --show-origin.
	Origin string `json:"origin,omitempty"`
	// Key is the full key as git prints it: the section and the variable
	// name lower-cased, the subsection (the URL) as written.
	Key string `json:"key"`
	// Value is the value after git's config parsing.
	Value string `json:"value"`
	// NoValue is true for a bare key with no '=' at all (`helper` on its
	// own), which git rejects when it reads credential settings.
	NoValue bool `json:"no_value,omitempty"`
}

// File is the config file the entry came from, or "" when it did not come
// from a file (command line, blob) or the origin is unknown.
func (e Entry) File() string {
	f, ok := strings.CutPrefix(e.Origin, "file:")
	if !ok {
		return ""
	}
	return f
}

// URL is the credential.<url> subsection, and false for a plain
// credential.<name> setting that applies to every URL.
func (e Entry) URL() (string, bool) {
	rest, ok := strings.CutPrefix(e.Key, "credential.")
	if !ok {
		return "", false
	}
	dot := strings.LastIndexByte(rest, '.')
	if dot < 0 {
		return "", false
	}
	return rest[:dot], true
}

// Name is the variable name: helper, usehttppath, username, ...
func (e Entry) Name() string {
	dot := strings.LastIndexByte(e.Key, '.')
	return strings.ToLower(e.Key[dot+1:])
}

// Where describes the entry's place for people: "global, /home/me/.gitconfig".
func (e Entry) Where() string {
	origin := e.File()
	if origin == "" {
		origin = strings.TrimSuffix(e.Origin, ":")
	}
	switch {
	case origin == "":
		return e.Scope
	case e.Scope == "" || e.Scope == ScopeUnknown:
		return origin
	}
	return e.Scope + ", " + origin
}
