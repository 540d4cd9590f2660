package report

import (
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
)

// TargetReport is one repository of a run over several targets: the
// checks that depend on the target, with their own counts, fix plan and
// verdict. The checks every target shares are the report's top-level
// Checks.
type TargetReport struct {
	URL    string  `json:"url"`              // redacted, as the user sees it
	Remote string  `json:"remote,omitempty"` // the git remote it came from
	Source string  `json:"source,omitempty"` // argument, remote:NAME, submodule:PATH
	Dir    string  `json:"dir,omitempty"`    // the clone it belongs to
	Target *Target `json:"target"`           // parsed; null when the URL is not CodeCommit's
	// Status and ExitCode are over this target's checks.
	Status   checks.Status `json:"status"`
	ExitCode int           `json:"exit_code"`
	Counts   Counts        `json:"counts"`
	Checks   []Check       `json:"checks"`
	FixPlan  []PlanStep    `json:"fix_plan,omitempty"`
	Verdict  *Verdict      `json:"verdict,omitempty"`
}

// Label names the target in reports: its URL and where it came from.
func (t TargetReport) Label() string {
	switch {
	case t.Source != "" && t.Dir != "":
		return fmt.Sprintf("%s (from %s in %s)", t.URL, t.Source, t.Dir)
	case t.Source != "":
		return fmt.Sprintf("%s (from %s)", t.URL, t.Source)
	}
	return t.URL
}

// targetNames names each target where a line must tell the targets apart
// (a JUnit testcase, a GitHub annotation's title): its URL, or its label
// when another target has the same URL, as two clones of one repository
// in a scan have.
func targetNames(ts []TargetReport) []string {
	seen := map[string]int{}
	for _, t := range ts {
		seen[t.URL]++
	}
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = t.URL
		if seen[t.URL] > 1 {
			names[i] = t.Label()
		}
	}
	return names
}

// TargetInput is what the run gave for one target.
type TargetInput struct {
	URL      string  // redacted display form
	Remote   string  // git remote, if any
	Source   string  // argument, remote:NAME, submodule:PATH
	Dir      string  // the clone, if any
	Target   *Target // parsed, when the remote check found a CodeCommit target
	Outcomes []checks.Outcome
}

// BuildTargets assembles the report of a run over several targets: the
// shared checks at the top level (Checks, and their fix plan), one entry
// per target in Targets, a summary and exit code over every check of every
// target, and a verdict naming the targets with problems. Target is null.
func BuildTargets(m Meta, shared []checks.Outcome, targets []TargetInput) Report {
	m.Target = nil
	r := Build(m, shared)
	statuses := []checks.Status{r.Summary.Status}
	for _, in := range targets {
		sub := Build(Meta{Strict: m.Strict}, in.Outcomes)
		t := TargetReport{URL: in.URL, Remote: in.Remote, Source: in.Source, Dir: in.Dir, Target: in.Target,
			Status: sub.Summary.Status, ExitCode: sub.Summary.ExitCode, Counts: sub.Summary.Counts,
			Checks: sub.Checks, FixPlan: sub.FixPlan, Verdict: sub.Verdict}
		if t.Target != nil {
			t.URL = t.Target.URL
		}
		r.Targets = append(r.Targets, t)
		statuses = append(statuses, t.Status)
		r.Summary.Counts.merge(t.Counts)
	}
	r.Summary.Status = checks.Worst(statuses...)
	r.Summary.ExitCode = exitCode(r.Summary.Counts, m.Strict)
	r.Verdict = targetsVerdict(r)
	return r
}

func (c *Counts) merge(o Counts) {
	c.Pass += o.Pass
	c.Warn += o.Warn
	c.Fail += o.Fail
	c.Skip += o.Skip
	c.Error += o.Error
}

// targetsVerdict is the verdict over every target: the most severe of the
// shared checks' verdict and the targets' verdicts, with the targets that
// fail (a non-zero exit code of their own: a failure, an error, or with
// --strict a warning) named in Targets.
func targetsVerdict(r Report) *Verdict {
	best := r.Verdict
	bestLabel := ""
	if best != nil && !needsFix(best.Status) {
		best = nil
	}
	var bad []string
	for _, t := range r.Targets {
		if t.ExitCode != ExitOK {
			bad = append(bad, t.Label())
		}
		v := t.Verdict
		if v == nil || !needsFix(v.Status) {
			continue
		}
		if best == nil || v.Status > best.Status {
			best, bestLabel = v, t.Label()
		}
	}
	if best == nil {
		checksRan := r.Summary.Counts.Pass + r.Summary.Counts.Warn
		if checksRan == 0 {
			return &Verdict{Status: checks.Error,
				Cause: "Nothing was checked: every check that could tell was skipped (see above), so this run cannot say whether git can reach CodeCommit."}
		}
		return &Verdict{Status: checks.Pass, Cause: fmt.Sprintf("No problem found in %s (%d checks ran).", plural(len(r.Targets), "target"), checksRan)}
	}
	v := *best
	if bestLabel != "" {
		v.Cause = bestLabel + ": " + v.Cause
	}
	if len(bad) > 0 {
		v.Targets = bad
	}
	return &v
}

// problemTargetsLine says which targets fail: "2 of 3 targets fail: A; B".
func problemTargetsLine(r Report) string {
	if r.Verdict == nil || len(r.Verdict.Targets) == 0 {
		return ""
	}
	verb := "fail"
	if len(r.Verdict.Targets) == 1 {
		verb = "fails"
	}
	return fmt.Sprintf("%d of %s %s: %s", len(r.Verdict.Targets), plural(len(r.Targets), "target"), verb,
		strings.Join(r.Verdict.Targets, "; "))
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
