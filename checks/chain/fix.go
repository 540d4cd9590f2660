package chain

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"

	"github.com/codecommit-doctor/codecommit-doctor/internal/action"
	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
	"github.com/codecommit-doctor/codecommit-doctor/internal/gitcred"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/version"
)

// Fixer builds the commands that repair git's credential settings, in the
// scope where they take effect.
type Fixer struct {
	env   *checks.Env
	facts *Facts
	goos  string
}

// NewFixer returns the fix builder for the chain.
func NewFixer(env *checks.Env, facts *Facts) Fixer {
	return Fixer{env: env, facts: facts, goos: env.Sys.GOOS()}
}

// GOOS is the system the commands are written for.
func (f Fixer) GOOS() string { return f.goos }

// SectionURL is the credential.<url> section the fixes write: one
// wildcard section for every region when git matches wildcards (2.26+),
// else a section for the exact host.
func (f Fixer) SectionURL() string {
	req := f.facts.Request
	exact := "https://" + req.Host
	if !f.facts.Features.URLMatch {
		return exact
	}
	hostname, _, _ := strings.Cut(req.Host, ":")
	region, ok := ccurl.RegionFromHost(hostname)
	if !ok {
		return exact
	}
	wild := "https://" + strings.Replace(req.Host, "."+region+".", ".*.", 1)
	if wild == exact || !gitcred.SectionMatches(wild, req, f.facts.Features) {
		return exact
	}
	return wild
}

// gitConfig is the `git config` prefix that writes to a scope's main file.
func (f Fixer) GitConfig(scope string) (string, bool) {
	switch scope {
	case gitcred.ScopeGlobal:
		return "git config --global", true
	case gitcred.ScopeLocal:
		return "git config --local", true
	case gitcred.ScopeWorktree:
		return "git config --worktree", true
	case gitcred.ScopeSystem:
		if f.goos == "windows" {
			return "git config --system", true
		}
		return "sudo git config --system", true
	}
	return "", false
}

// mainFile is the file `git config --SCOPE` writes to, when known.
func (f Fixer) MainFile(scope string) string {
	sys := f.env.Sys
	home := sys.HomeDir()
	switch scope {
	case gitcred.ScopeGlobal:
		if g := sys.Getenv("GIT_CONFIG_GLOBAL"); g != "" {
			return g
		}
		files := GlobalFiles(f.env)
		user := filepath.Join(home, ".gitconfig")
		if home != "" && !sys.FileExists(user) && len(files) > 1 && sys.FileExists(files[0]) {
			return files[0]
		}
		return user
	case gitcred.ScopeSystem:
		return sys.Getenv("GIT_CONFIG_SYSTEM")
	case gitcred.ScopeLocal:
		for _, e := range f.facts.Entries {
			if e.Scope == gitcred.ScopeLocal && filepath.Base(e.File()) == "config" {
				return e.File()
			}
		}
		if f.facts.Dir != "" {
			return filepath.Join(f.facts.Dir, ".git", "config")
		}
	}
	return ""
}

// isMainFile reports whether an entry sits in the file `git config
// --SCOPE` edits.
func (f Fixer) IsMainFile(e gitcred.Entry) bool {
	file := e.File()
	switch e.Scope {
	case gitcred.ScopeGlobal, gitcred.ScopeSystem:
		if m := f.MainFile(e.Scope); m != "" {
			return filepath.Clean(m) == filepath.Clean(file)
		}
		return e.Scope == gitcred.ScopeSystem && filepath.Base(file) == "gitconfig" && filepath.Base(filepath.Dir(file)) == "etc"
	case gitcred.ScopeLocal:
		return filepath.Base(file) == "config" && strings.Contains(filepath.ToSlash(file), ".git/")
	case gitcred.ScopeWorktree:
		return filepath.Base(file) == "config.worktree"
	}
	return false
}

// fixScope is where a URL-scoped reset must be written so git reads it
// after every offending helper: the global config, or a later scope when
// an offender lives there. Offenders set on the command line (-c,
// GIT_CONFIG_PARAMETERS, GIT_CONFIG_COUNT) cannot be outranked and are
// returned apart.
func FixScope(offenders []gitcred.Entry) (string, []gitcred.Entry) {
	scope := gitcred.ScopeGlobal
	var cmdline []gitcred.Entry
	for _, e := range offenders {
		if e.Scope == gitcred.ScopeCommand {
			cmdline = append(cmdline, e)
			continue
		}
		if gitcred.ScopeRank(e.Scope) > gitcred.ScopeRank(scope) {
			scope = e.Scope
		}
	}
	return scope, cmdline
}

// awsValue is the AWS helper the section fix installs: the user's own
// working AWS helper (keeping its profile), else the corrected form of a
// broken one, else the documented value (with --profile when given).
func (f Fixer) AWSValue() string {
	if h, _, ok := f.facts.AWSHelper(); ok {
		return h.Value.Raw
	}
	for _, h := range f.facts.Chain.Helpers {
		if h.Value.AWS != nil {
			return h.Value.AWS.Value()
		}
	}
	if p := f.env.Options.Profile; p != "" {
		return gitcred.AWSHelper{Program: "aws", Profile: p, HasProfile: true}.Value()
	}
	return gitcred.DefaultAWSHelper
}

// SectionActions write the URL-scoped section of failure mode 1: reset
// the helper list, then the AWS helper, then UseHttpPath.
func (f Fixer) SectionActions(scope string) []action.Action {
	if _, ok := f.GitConfig(scope); !ok {
		scope = gitcred.ScopeGlobal
	}
	key := "credential." + f.SectionURL()
	reset := f.configAction(scope, f.MainFile(scope), key+".helper")
	reset.Kind, reset.Values = action.GitResetList, []string{"", f.AWSValue()}
	return []action.Action{reset, f.UseHTTPPathAction(scope)}
}

// SectionCommands are SectionActions as commands.
func (f Fixer) SectionCommands(scope string) []string {
	return f.Render(f.SectionActions(scope))
}

// Render writes actions as the commands of this system's shell.
func (f Fixer) Render(actions []action.Action) []string {
	return action.Render(actions, f.goos, f.env.Sys.HomeDir())
}

// configAction is a git-config action on key in file, reached through
// scope's own option when file is the scope's main file, expecting the
// values git reported for that key in that file.
func (f Fixer) configAction(scope, file, key string) action.Action {
	a := action.Action{Scope: scope, File: file, Key: key, Expect: f.ValuesIn(file, key)}
	a.Sudo = scope == gitcred.ScopeSystem
	return a
}

// ValuesIn are the values git reported for key in one config file, in
// file order (the section and variable name compare case-insensitively,
// the URL as written).
func (f Fixer) ValuesIn(file, key string) []string {
	var out []string
	if file == "" {
		return nil
	}
	for _, e := range f.facts.Entries {
		if e.File() != "" && filepath.Clean(e.File()) == filepath.Clean(file) && sameKey(e.Key, key) {
			out = append(out, e.Value)
		}
	}
	return out
}

func sameKey(a, b string) bool {
	split := func(k string) (string, string, string) {
		first, last := strings.IndexByte(k, '.'), strings.LastIndexByte(k, '.')
		if first < 0 || first == last {
			return strings.ToLower(k), "", ""
		}
		return strings.ToLower(k[:first]), k[first+1 : last], strings.ToLower(k[last+1:])
	}
	s1, u1, n1 := split(a)
	s2, u2, n2 := split(b)
	return s1 == s2 && u1 == u2 && n1 == n2
}

// UseHTTPPathAction turns UseHttpPath on for the URL in scope.
func (f Fixer) UseHTTPPathAction(scope string) action.Action {
	if _, ok := f.GitConfig(scope); !ok {
		scope = gitcred.ScopeGlobal
	}
	a := f.configAction(scope, f.MainFile(scope), "credential."+f.SectionURL()+".UseHttpPath")
	a.Kind, a.Value = action.GitSet, "true"
	return a
}

// UseHTTPPathCommand turns UseHttpPath on for the URL in scope.
func (f Fixer) UseHTTPPathCommand(scope string) string {
	return f.Render([]action.Action{f.UseHTTPPathAction(scope)})[0]
}

// SectionFixActions are the whole remedy for helpers that get in the AWS
// helper's way: the actions in the right scope, plus what no command can
// do, as manual steps.
func (f Fixer) SectionFixActions(offenders []gitcred.Entry) []action.Action {
	scope, cmdline := FixScope(offenders)
	var steps []action.Action
	if !f.facts.Features.HelperReset {
		steps = append(steps, action.Action{Kind: action.Manual, Text: "Upgrade Git to 2.9 or later first: older Git cannot reset the helper list.", Admin: remedy.InstallGit(f.goos)})
	}
	for _, e := range cmdline {
		steps = append(steps, action.Action{Kind: action.Manual, Text: fmt.Sprintf("Stop passing `%s=%s` on the command line: remove it from `git -c`, GIT_CONFIG_PARAMETERS or GIT_CONFIG_COUNT/GIT_CONFIG_KEY_n.", e.Key, e.Value)})
	}
	steps = append(steps, f.SectionActions(scope)...)
	if !f.SectionFixWorks(scope) {
		edit, _ := f.GitConfig(scope)
		steps = append(steps, action.Action{Kind: action.Manual, Text: fmt.Sprintf("Then run `%s --edit` and move the [credential %q] section below every other credential setting in that file.", edit, f.SectionURL())})
	}
	return steps
}

// SectionFix is SectionFixActions as remediation text.
func (f Fixer) SectionFix(offenders []gitcred.Entry) []string {
	return f.Render(f.SectionFixActions(offenders))
}

// ReplaceAction rewrites one helper value in place, in the file it came
// from. ok is false when no command can (command line, Apple's toolchain).
func (f Fixer) ReplaceAction(e gitcred.Entry, newValue string) (action.Action, bool) {
	if e.Scope == gitcred.ScopeCommand || IsAppleToolchainFile(e.File()) {
		return action.Action{}, false
	}
	scope := e.Scope
	if _, ok := f.GitConfig(e.Scope); !ok || !f.IsMainFile(e) {
		if e.File() == "" {
			return action.Action{}, false
		}
		scope = action.ScopeInclude
	}
	a := f.configAction(scope, e.File(), e.Key)
	a.Sudo = e.Scope == gitcred.ScopeSystem
	a.Kind, a.Value, a.Old = action.GitReplace, newValue, e.Value
	a.ERE = f.facts.GitVersion != nil && !version.AtLeast(f.facts.GitVersion, "2.30.0")
	return a, true
}

// ReplaceCommand is ReplaceAction as a command.
func (f Fixer) ReplaceCommand(e gitcred.Entry, newValue string) (string, bool) {
	a, ok := f.ReplaceAction(e, newValue)
	if !ok {
		return "", false
	}
	return f.Render([]action.Action{a})[0], true
}

// sectionFixWorks replays the section fix on the settings git read and
// reports whether the AWS helper then answers first and alone, with
// UseHttpPath on.
func (f Fixer) SectionFixWorks(scope string) bool {
	key := "credential." + f.SectionURL()
	file := f.MainFile(scope)
	origin := "file:" + file
	added := []gitcred.Entry{
		{Scope: scope, Origin: origin, Key: key + ".helper", Value: ""},
		{Scope: scope, Origin: origin, Key: key + ".helper", Value: f.AWSValue()},
		{Scope: scope, Origin: origin, Key: key + ".UseHttpPath", Value: "true"},
	}
	var kept []gitcred.Entry
	insertAt := -1
	for _, e := range f.facts.Entries {
		if e.Scope == gitcred.ScopeCommand && e.Name() == "helper" {
			continue // the fix tells the user to drop these
		}
		if u, ok := e.URL(); ok && u == f.SectionURL() && (e.File() == file || file == "") && e.Scope == scope {
			if insertAt < 0 {
				insertAt = len(kept)
			}
			if e.Name() == "helper" || e.Name() == "usehttppath" {
				continue
			}
		}
		kept = append(kept, e)
	}
	if insertAt < 0 {
		insertAt = 0
		for i, e := range kept {
			if gitcred.ScopeRank(e.Scope) <= gitcred.ScopeRank(scope) {
				insertAt = i + 1
			}
		}
	}
	sim := append(append(append([]gitcred.Entry{}, kept[:insertAt]...), added...), kept[insertAt:]...)
	c := gitcred.Compute(sim, f.facts.Request, f.facts.Features, f.goos)
	if c.FirstAWS() != 0 || !c.UseHTTPPath || c.Fatal != nil {
		return false
	}
	for _, h := range c.Helpers[1:] {
		if h.Value.Kind != gitcred.KindAWSCLI {
			return false
		}
	}
	return true
}

// isAppleToolchainFile reports whether a config file belongs to Apple's
// developer tools (Command Line Tools or Xcode), which Apple Git reads as
// its system config and which tool updates overwrite.
func IsAppleToolchainFile(file string) bool {
	f := filepath.ToSlash(file)
	return strings.Contains(f, "/Library/Developer/CommandLineTools/") ||
		strings.Contains(f, ".app/Contents/Developer/")
}
