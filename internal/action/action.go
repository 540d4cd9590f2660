// Package action holds remediations as typed actions: a change to one git
// config key in a named file, the erasure of a stored credential, a key in
// a profile of the AWS config file, or a manual step the doctor never does
// itself. A finding's printed fix is rendered from its actions (Commands),
// so the text and what `codecommit-doctor fix` does never disagree.
//
// Every action that changes a file states the state it expects to find
// (Expect): applying it to a file that no longer holds that state fails with
// a *ChangedError instead of doing damage, and applying it to a file that
// already holds the result does nothing.
package action

import (
	"fmt"
	"slices"
	"strings"
)

// Kind is what an action does.
type Kind string

// The kinds of action.
const (
	GitSet        Kind = "git-config-set"        // the key has exactly Value
	GitAdd        Kind = "git-config-add"        // Value appended to the key's values
	GitUnset      Kind = "git-config-unset"      // every value of the key removed (only Value's, when set)
	GitResetList  Kind = "git-config-reset-list" // the key's values become exactly Values (a reset "" first)
	GitReplace    Kind = "git-config-replace"    // every value Old of the key becomes Value
	StoreErase    Kind = "credential-store-erase"
	KeychainErase Kind = "keychain-erase"            // macOS: security delete-internet-password
	CmdkeyDelete  Kind = "windows-credential-delete" // Windows: cmdkey /delete
	AWSConfigSet  Kind = "aws-config-set"            // a key in a profile of the AWS config file
	Manual        Kind = "manual"                    // never done by the doctor
)

// Scopes of a git config file, as git names them, plus the two files git
// reads as global that `git config --global` does not write to.
const (
	ScopeSystem   = "system"
	ScopeGlobal   = "global"
	ScopeXDG      = "xdg"     // $XDG_CONFIG_HOME/git/config
	ScopeInclude  = "include" // a file another config includes
	ScopeLocal    = "local"
	ScopeWorktree = "worktree"
)

// Action is one typed remediation step.
type Action struct {
	Kind Kind `json:"kind"`
	// Scope and File say which git config file a git-config action edits
	// (File is the path; Scope says whether `git config --SCOPE` reaches
	// it). For a store erase File is the credential file, for an AWS
	// config key the config file.
	Scope string `json:"scope,omitempty"`
	File  string `json:"file,omitempty"`
	Key   string `json:"key,omitempty"`
	Value string `json:"value,omitempty"`
	// Values is the list a reset-list leaves (its leading "" included).
	Values []string `json:"values,omitempty"`
	// Old is the value a replace rewrites.
	Old string `json:"old,omitempty"`
	// Expect is the key's values in File that the action was planned
	// against (git-config kinds), in file order.
	Expect []string `json:"expect,omitempty"`
	// ERE writes value patterns as regular expressions instead of
	// --fixed-value (Git before 2.30).
	ERE bool `json:"-"`
	// Protocol and Host name a stored credential to erase.
	Protocol string `json:"protocol,omitempty"`
	Host     string `json:"host,omitempty"`
	// ExpectLines is how many lines of File hold a credential for
	// Protocol://Host (store erase).
	ExpectLines int `json:"expect_lines,omitempty"`
	// Profile is the AWS profile of an aws-config-set.
	Profile string `json:"profile,omitempty"`
	// Text is a manual step in words; Admin are the commands what an administrator
	// runs for it; Policy is a policy document it names, as JSON.
	Text   string   `json:"text,omitempty"`
	Admin  []string `json:"admin_commands,omitempty"`
	Policy string   `json:"policy,omitempty"`
	// Sudo marks a system file that needs administrator rights.
	Sudo bool `json:"-"`
}

// IsGitConfig reports whether the action edits a git config file.
func (a Action) IsGitConfig() bool {
	switch a.Kind {
	case GitSet, GitAdd, GitUnset, GitResetList, GitReplace:
		return true
	}
	return false
}

// ChangesFile reports whether the action changes a file the doctor can
// copy, back up and prove a change on.
func (a Action) ChangesFile() bool {
	return a.IsGitConfig() || a.Kind == StoreErase || a.Kind == AWSConfigSet
}

// Identity is what makes two actions the same action (for a plan that
// lists each once).
func (a Action) Identity() string {
	return strings.Join([]string{string(a.Kind), a.File, a.Key, a.Value, strings.Join(a.Values, "\x01"), a.Old, a.Protocol, a.Host, a.Profile, a.Text}, "\x00")
}

// Want is the key's values once the action is done, given the values it
// expects (git-config kinds).
func (a Action) Want(current []string) []string {
	switch a.Kind {
	case GitSet:
		return []string{a.Value}
	case GitAdd:
		return append(append([]string{}, current...), a.Value)
	case GitUnset:
		var out []string
		for _, v := range current {
			if a.Value != "" && v != a.Value {
				out = append(out, v)
			}
		}
		return out
	case GitResetList:
		return append([]string{}, a.Values...)
	case GitReplace:
		var out []string
		done := false
		for _, v := range current {
			if v == a.Old {
				if !done {
					out = append(out, a.Value)
					done = true
				}
				continue
			}
			out = append(out, v)
		}
		return out
	}
	return current
}

// Done reports whether a git-config action's file already holds what it
// would leave (its Want of the values it expects is those values): running
// it changes nothing.
func (a Action) Done() bool {
	return a.IsGitConfig() && slices.Equal(a.Want(a.Expect), a.Expect)
}

// Pending are the actions that are not Done, in order.
func Pending(actions []Action) []Action {
	var out []Action
	for _, a := range actions {
		if !a.Done() {
			out = append(out, a)
		}
	}
	return out
}

// Expectation says in words the state the action expects.
func (a Action) Expectation() string {
	switch {
	case a.IsGitConfig():
		return fmt.Sprintf("%s in %s is %s", a.Key, a.File, listWords(a.Expect))
	case a.Kind == StoreErase:
		return fmt.Sprintf("%s holds %d line(s) for %s://%s", a.File, a.ExpectLines, a.Protocol, a.Host)
	}
	return ""
}

func listWords(vs []string) string {
	if len(vs) == 0 {
		return "not set"
	}
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = fmt.Sprintf("%q", v)
	}
	return "exactly [" + strings.Join(q, ", ") + "]"
}

// ChangedError says a file no longer holds the state an action expects.
type ChangedError struct {
	File, What string
}

func (e *ChangedError) Error() string {
	return fmt.Sprintf("%s changed since the plan was made: %s", e.File, e.What)
}
