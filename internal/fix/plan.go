// Package fix is `codecommit-doctor fix`: it turns the findings' typed
// actions into a plan per file, proves the plan on scratch copies by
// running the checks again against them, and only then, with a backup and
// a journal, writes the files the user agreed to; Undo restores them.
package fix

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/internal/action"
)

// Ref names a finding: CHECK/CODE.
type Ref struct{ Check, Code string }

func (r Ref) String() string { return r.Check + "/" + r.Code }

// FilePlan is what the plan changes in one file.
type FilePlan struct {
	Path    string // as the findings name it
	Real    string // the file written: Path with symbolic links resolved
	Actions []action.Action
	Before  []byte // the content the plan was made against (nil: no file)
	Existed bool
	Mode    fs.FileMode // its permission bits, when it existed
	After   []byte      // the content proven on the copy
}

// ReadOnly reports whether the file exists without write permission, so
// that fix will not change it.
func (fp *FilePlan) ReadOnly() bool { return fp.Existed && fp.Mode&0o200 == 0 }

// Step is an action the plan will not do, or does outside any file, with
// why.
type Step struct {
	Action  action.Action
	Finding Ref
	Why     string
}

// Plan is what fix would do.
type Plan struct {
	Files   []*FilePlan
	Stores  []Step // OS credential stores (Keychain, Credential Manager): done after the files, no backup possible
	Manual  []Step // what the doctor never does
	Refused []Step // actions fix will not do here, and why
	// Targets are the failing or warning findings the plan has an action
	// for; Unfixable those it has none for.
	Targets   []Ref
	Unfixable []Ref
	// Steps are the printed remediation of each unfixable finding.
	Steps map[Ref][]string
	// inFiles are the targets with an action on a file.
	inFiles map[Ref]bool
}

// Empty reports whether the plan changes nothing.
func (p *Plan) Empty() bool { return len(p.Files) == 0 && len(p.Stores) == 0 }

// Places tells build where a file may be changed and proven.
type Places struct {
	GOOS   string
	System bool // --system: system config files may be changed
	// Provable reports whether a copy of file can stand in for it in the
	// proof (false, with why, when nothing would make git or the AWS CLI
	// read the copy).
	Provable func(file string) (bool, string)
	// Resolve resolves symbolic links ("": the file does not exist).
	Resolve func(file string) (string, error)
}

func needsFix(s checks.Status) bool { return s == checks.Warn || s == checks.Fail || s == checks.Error }

// Build gathers the actions of the findings that need fixing into a plan:
// each action once, grouped by the file it changes, in the order the
// findings give them.
func Build(outcomes []checks.Outcome, pl Places) (*Plan, error) {
	p := &Plan{inFiles: map[Ref]bool{}, Steps: map[Ref][]string{}}
	seen := map[string]string{} // action identity -> what became of it
	byFile := map[string]*FilePlan{}
	for _, o := range outcomes {
		for _, f := range o.Result.Findings {
			if !needsFix(f.Severity) {
				continue
			}
			ref := Ref{o.Info.ID, f.Code}
			doable := false
			for _, a := range f.Actions {
				if what, ok := seen[a.Identity()]; ok {
					doable = doable || what == "file" || what == "store"
					if what == "file" {
						p.inFiles[ref] = true
					}
					continue
				}
				seen[a.Identity()] = "refused"
				switch why := refusal(a, pl); {
				case a.Kind == action.Manual:
					seen[a.Identity()] = "manual"
					p.Manual = append(p.Manual, Step{Action: a, Finding: ref})
				case why != "":
					p.Refused = append(p.Refused, Step{Action: a, Finding: ref, Why: why})
				case a.ChangesFile():
					real, err := pl.Resolve(a.File)
					if err != nil {
						p.Refused = append(p.Refused, Step{Action: a, Finding: ref, Why: err.Error()})
						continue
					}
					doable = true
					seen[a.Identity()] = "file"
					p.inFiles[ref] = true
					fp := byFile[real]
					if fp == nil {
						fp = &FilePlan{Path: a.File, Real: real}
						byFile[real] = fp
						p.Files = append(p.Files, fp)
					}
					fp.Actions = append(fp.Actions, a)
				default:
					doable = true
					seen[a.Identity()] = "store"
					p.Stores = append(p.Stores, Step{Action: a, Finding: ref})
				}
			}
			// A code may be reported more than once (one stored
			// password per host): each ref is listed once.
			switch {
			case doable && !slices.Contains(p.Targets, ref):
				p.Targets = append(p.Targets, ref)
			case !doable && !slices.Contains(p.Unfixable, ref):
				p.Unfixable = append(p.Unfixable, ref)
				p.Steps[ref] = f.Remediation
			case !doable:
				for _, line := range f.Remediation {
					if !slices.Contains(p.Steps[ref], line) {
						p.Steps[ref] = append(p.Steps[ref], line)
					}
				}
			}
		}
	}
	return p, nil
}

// refusal says why fix will not do an action here ("" when it may).
func refusal(a action.Action, pl Places) string {
	switch {
	case a.Kind == action.Manual:
		return ""
	case a.ChangesFile() && a.File == "":
		return "the file it changes is not known"
	case a.Scope == action.ScopeSystem && !pl.System:
		return "a system config file: run `codecommit-doctor fix --system` to change it"
	case a.Scope == action.ScopeLocal || a.Scope == action.ScopeWorktree:
		return "the clone's own config: git reads it from the clone, so no copy can stand in for it to prove the change; run the command yourself"
	case isToolchain(a.File):
		return "a file of the Git installation itself (Apple's Command Line Tools or Xcode, Git for Windows), which updates overwrite: never changed"
	case a.Kind == action.KeychainErase && pl.GOOS != "darwin", a.Kind == action.CmdkeyDelete && pl.GOOS != "windows":
		return "not this system's credential store"
	}
	if a.IsGitConfig() && isVersionedPath(a.Value) {
		return fmt.Sprintf("it would write the versioned path in %q, which breaks on the next upgrade", a.Value)
	}
	if a.ChangesFile() {
		if ok, why := pl.Provable(a.File); !ok {
			return why
		}
	}
	return ""
}

// isToolchain reports whether a config file belongs to a Git
// installation (Apple's developer tools, Git for Windows' own etc).
func isToolchain(file string) bool {
	f := filepath.ToSlash(file)
	return strings.Contains(f, "/Library/Developer/CommandLineTools/") ||
		strings.Contains(f, ".app/Contents/Developer/") ||
		strings.Contains(strings.ToLower(f), "/program files/git/")
}

// isVersionedPath reports whether a helper value runs a program by an
// absolute path inside a versioned install directory (Homebrew's Cellar,
// a pyenv version, an nvm node), which an upgrade removes.
func isVersionedPath(v string) bool {
	for _, marker := range []string{"/Cellar/", "/.pyenv/versions/", "/.nvm/versions/", "/nix/store/"} {
		if strings.Contains(v, marker) {
			return true
		}
	}
	return false
}

// Remaining are the refs of outcomes' findings that need fixing.
func Remaining(outcomes []checks.Outcome) []Ref {
	var out []Ref
	for _, o := range outcomes {
		for _, f := range o.Result.Findings {
			if needsFix(f.Severity) && !slices.Contains(out, Ref{o.Info.ID, f.Code}) {
				out = append(out, Ref{o.Info.ID, f.Code})
			}
		}
	}
	return out
}
