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

// FindingDoc documents a finding code a check can produce, for `explain`.
type FindingDoc struct {
	Code        string
	Severity    Status
	Meaning     string
	Remediation []string
}

// Info describes a check.
type Info struct {
	ID            string // stable id: git, aws-cli, remote, ...
	Title         string
	Description   string   // what the check verifies, for `explain`
	Prerequisites []string // must pass or warn, else this check is skipped
	After         []string // run after these and see their facts, whatever their status
	Needs         Needs
	Findings      []FindingDoc
}
