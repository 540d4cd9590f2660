package checks

import (
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/action"
)

// Finding is one distinct problem or observation.
type Finding struct {
	Code        string   // stable kebab-case code, e.g. use-http-path-missing
	Severity    Status   // pass, warn, fail, error or skip
	Message     string   // what was found, in one or two sentences
	Remediation []string // ordered steps; a command is given as that exact command
	Docs        []string // links to documentation
	// Actions are the remediation as typed actions, when it has them
	// (set with SetActions, which renders Remediation from them, so the
	// printed fix and what `codecommit-doctor fix` does never disagree).
	Actions []action.Action
}

// SetActions gives the finding its typed actions and renders its
// remediation from them for the machine's shell; extra lines (prose that is
// no step, such as "# verify: ...") follow.
func (f *Finding) SetActions(env *Env, actions []action.Action, extra ...string) {
	// A change the file already holds helps nothing: neither printed nor
	// planned.
	actions = action.Pending(actions)
	f.Actions = actions
	f.Remediation = append(action.Render(actions, env.Sys.GOOS(), env.Sys.HomeDir()), extra...)
}

// Result is what a check found.
type Result struct {
	Status   Status
	Summary  string         // one line
	Findings []Finding      // most severe first (the runner sorts them)
	Evidence map[string]any // what was observed; never a secret
	// Blocks, set by a check that fails or errs, says why the checks that
	// require its facts cannot look (e.g. "git cannot parse ~/.gitconfig
	// line 3"): they end in error saying so, instead of being skipped as if
	// there were nothing to see. Not rendered.
	Blocks string
	// facts are the typed facts the check published with Key.Set, for the
	// checks that declared them. They are never rendered.
	facts map[KeyRef]any
}

// Outcome is a finished check as the runner reports it.
type Outcome struct {
	Info     Info
	Result   Result
	Duration time.Duration
}

// Skipped returns a skip result with the given reason.
func Skipped(reason string) Result { return Result{Status: Skip, Summary: reason} }

// AddEvidence records an observation, creating the map when needed.
func (r *Result) AddEvidence(key string, value any) {
	if r.Evidence == nil {
		r.Evidence = map[string]any{}
	}
	r.Evidence[key] = value
}

// Has reports whether the result holds a finding with the code.
func (r *Result) Has(code string) bool {
	for _, f := range r.Findings {
		if f.Code == code {
			return true
		}
	}
	return false
}

// Add appends a finding and raises the result's status to its severity.
func (r *Result) Add(f Finding) {
	r.Findings = append(r.Findings, f)
	if f.Severity > r.Status {
		r.Status = f.Severity
	}
}
