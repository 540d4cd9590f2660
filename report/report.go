// Package report holds the report model (the JSON contract in
// shared/report.schema.json) and its renderers.
package report

import (
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/internal/action"
)

// SchemaVersion is the version of the JSON contract.
const SchemaVersion = 1

// Exit codes of a doctor run.
const (
	ExitOK         = 0 // no failure (warnings allowed unless --strict)
	ExitFail       = 1 // at least one check failed
	ExitUsage      = 2 // the doctor's own usage or configuration error
	ExitCheckError = 3 // no failure, but at least one check could not finish
	// ExitInterrupted ends a run stopped by Ctrl-C, SIGINT or SIGTERM.
	ExitInterrupted = 130
)

// Report is one doctor run.
type Report struct {
	SchemaVersion int       `json:"schema_version"`
	Tool          Tool      `json:"tool"`
	StartedAt     time.Time `json:"started_at"`
	DurationMS    int64     `json:"duration_ms"`
	Platform      Platform  `json:"platform"`
	Target        *Target   `json:"target"`
	Summary       Summary   `json:"summary"`
	Checks        []Check   `json:"checks"`
	// Environment holds the variables that change how git and the AWS CLI
	// behave, as set for this run: secret values are never kept (their
	// value reads "(set, value hidden)"), and credentials inside proxy
	// URLs are masked.
	Environment map[string]string `json:"environment,omitempty"`
	// FixPlan is every command the failing findings propose, each once, in
	// the order to run them; findings refer to it by step number. Present
	// when several findings propose the same command.
	FixPlan []PlanStep `json:"fix_plan,omitempty"`
	// Verdict is the root cause in one sentence and the first thing to do.
	Verdict *Verdict `json:"verdict,omitempty"`
	// Targets are the repositories of a run over several (URL arguments,
	// a clone's CodeCommit remotes and submodules, a scan): each with the
	// checks that depend on the target. Checks then holds the checks they
	// share (run once), Target is null, and Summary counts every check of
	// every target. Absent for a run over one target.
	Targets []TargetReport `json:"targets,omitempty"`
	// Scan is what `scan` searched and left out. Absent for other runs.
	Scan *Scan `json:"scan,omitempty"`
}

// PlanStep is one command of the fix plan.
type PlanStep struct {
	Step     int      `json:"step"`
	Command  string   `json:"command"`
	Findings []string `json:"findings"` // CHECK/CODE of every finding that proposes it
}

// Verdict closes a report: the most severe finding, its message's first
// sentence and the first thing to do.
type Verdict struct {
	Status    checks.Status `json:"status"`
	Check     string        `json:"check,omitempty"`
	Code      string        `json:"code,omitempty"`
	Cause     string        `json:"cause"`
	FirstStep string        `json:"first_step,omitempty"`
	// Targets names the targets with problems, in a run over several.
	Targets []string `json:"targets,omitempty"`
}

// Tool names the doctor and its version.
type Tool struct {
	Name      string `json:"name"`
	Version   string `json:"version"`
	Commit    string `json:"commit,omitempty"`
	BuildDate string `json:"build_date,omitempty"`
}

// Platform is where the doctor ran.
type Platform struct {
	OS     string `json:"os"`
	Arch   string `json:"arch"`
	Distro string `json:"distro,omitempty"` // e.g. "Debian GNU/Linux 12 (bookworm)", "macOS 15.1"
	Shell  string `json:"shell,omitempty"`
}

// Target is the repository being diagnosed.
type Target struct {
	URL        string  `json:"url"`
	Scheme     string  `json:"scheme,omitempty"`
	Host       *string `json:"host"`
	Region     *string `json:"region"`
	Repository *string `json:"repository"`
	Profile    *string `json:"profile"`
	Source     string  `json:"source,omitempty"`
}

// Counts is the number of checks per status.
type Counts struct {
	Pass  int `json:"pass"`
	Warn  int `json:"warn"`
	Fail  int `json:"fail"`
	Skip  int `json:"skip"`
	Error int `json:"error"`
}

// Summary is the run's overall outcome.
type Summary struct {
	Status   checks.Status `json:"status"`
	ExitCode int           `json:"exit_code"`
	Counts   Counts        `json:"counts"`
}

// Check is one check's entry.
type Check struct {
	ID         string         `json:"id"`
	Title      string         `json:"title"`
	Status     checks.Status  `json:"status"`
	Summary    string         `json:"summary"`
	Findings   []Finding      `json:"findings,omitempty"`
	Evidence   map[string]any `json:"evidence,omitempty"`
	DurationMS int64          `json:"duration_ms"`
}

// Finding is one problem or observation.
type Finding struct {
	Code        string        `json:"code"`
	Severity    checks.Status `json:"severity"`
	Message     string        `json:"message"`
	Remediation []string      `json:"remediation,omitempty"`
	Docs        []string      `json:"docs,omitempty"`
	// PlanSteps are the fix plan's steps that carry this finding's
	// commands (1-based).
	PlanSteps []int `json:"plan_steps,omitempty"`
	// Actions are the remediation as typed actions, when the finding has
	// them (what `codecommit-doctor fix` applies).
	Actions []action.Action `json:"actions,omitempty"`
}

// Scan is what a `scan` searched: the directories read, the clones found,
// and what was not diagnosed (Truncated: more clones than MaxRepos).
type Scan struct {
	Dirs       int      `json:"dirs"`
	Clones     int      `json:"clones"`
	Truncated  bool     `json:"truncated"`
	MaxRepos   int      `json:"max_repos"`
	Skipped    []string `json:"skipped,omitempty"`    // clones without a target to diagnose, with why
	Unreadable []string `json:"unreadable,omitempty"` // directories that could not be read, with why
}
