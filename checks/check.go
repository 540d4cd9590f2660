package checks

import "context"

// Check is one diagnosis. Info describes it without running anything; Run
// does the work. A Run that returns an error ends in status error with the
// error as its summary: the check could not finish, so nothing is known.
type Check interface {
	Info() Info
	Run(ctx context.Context, env *Env) (Result, error)
}

// Needs says what a check requires beyond the local machine.
type Needs struct {
	Network     bool // talks to AWS or the git endpoint (skipped with --offline)
	Credentials bool // uses AWS credentials
	Target      bool // needs a repository to diagnose
}

// Tags names what is needed with stable words ("network",
// "aws-credentials", "target"), or "local" alone when nothing is: the
// words `list` prints and `list -o json` gives.
func (n Needs) Tags() []string {
	var tags []string
	if n.Network {
		tags = append(tags, "network")
	}
	if n.Credentials {
		tags = append(tags, "aws-credentials")
	}
	if n.Target {
		tags = append(tags, "target")
	}
	if len(tags) == 0 {
		return []string{"local"}
	}
	return tags
}

// FindingDoc documents a finding code a check can produce, for `explain`.
type FindingDoc struct {
	Code        string
	Severity    Status
	Meaning     string
	Remediation []string
}

// Info describes a check. The graph of checks is the graph of keys: a
// check waits for the producers of every key in Requires and After, and
// Validate rejects a key nobody gives, a cycle, or a target check that does
// not wait for the target.
type Info struct {
	ID          string // stable id: git, aws-cli, remote, ...
	Title       string
	Description string // what the check verifies, for `explain`
	// Requires are facts whose producer must pass or warn, else this check
	// is skipped naming it.
	Requires []KeyRef
	// After are facts this check reads when they are there, whatever the
	// producer's status.
	After []KeyRef
	// Gives are the facts this check publishes.
	Gives []KeyRef
	// Hidden marks a fact provider: it runs like a check but reports
	// nothing (reports, `list` and `explain` leave it out).
	Hidden   bool
	Needs    Needs
	Findings []FindingDoc
}

// Waits returns the producers this check waits for, each once, in order.
func (i Info) Waits() []string {
	var out []string
	seen := map[string]bool{}
	for _, k := range append(append([]KeyRef{}, i.Requires...), i.After...) {
		if p := k.Producer(); !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// Documents reports whether code is one of the check's documented findings.
func (i Info) Documents(code string) bool {
	for _, f := range i.Findings {
		if f.Code == code {
			return true
		}
	}
	return false
}

// RequiredIDs are the ids of the producers whose facts the check requires.
func (i Info) RequiredIDs() []string {
	var out []string
	for _, k := range i.Requires {
		out = append(out, k.Producer())
	}
	return out
}

// Reported returns the checks that reports show: every one but the hidden
// fact providers.
func Reported(list []Check) []Check {
	var out []Check
	for _, c := range list {
		if !c.Info().Hidden {
			out = append(out, c)
		}
	}
	return out
}
