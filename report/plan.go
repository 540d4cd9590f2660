package report

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
)

// needsFix reports whether a finding's remediation is something to do
// (warn, fail, error) rather than a way to verify a passing result.
func needsFix(s checks.Status) bool {
	return s == checks.Warn || s == checks.Fail || s == checks.Error
}

// proseStarts are first words of remediation lines written as sentences.
var proseStarts = map[string]bool{"or": true, "and": true, "then": true, "if": true, "use": true, "the": true, "a": true, "an": true}

var envAssignment = regexp.MustCompile(`^[A-Z_][A-Z0-9_]*=\S*\s`)
var programName = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]*$`)

// IsCommand reports whether a remediation step is a command to run (given
// as that exact command) rather than prose: it starts with a program name
// (lower-case, like git, aws, printf, sudo) or an environment assignment.
func IsCommand(step string) bool {
	if strings.Contains(step, "\n") {
		return false
	}
	if envAssignment.MatchString(step) {
		return true
	}
	first, _, _ := strings.Cut(step, " ")
	return programName.MatchString(first) && !proseStarts[first]
}

// commandKey identifies a command: a trailing "# comment" does not count.
func commandKey(step string) string {
	if i := strings.Index(step, "   #"); i > 0 {
		step = step[:i]
	}
	return strings.Join(strings.Fields(step), " ")
}

// buildPlan gathers the commands of the findings that need fixing, each
// once, when several findings propose the same one. The order respects
// every finding's own order (a finding's step 1 runs before its step 2);
// otherwise commands come in the order the report first shows them. Each
// finding's PlanSteps are filled in.
func buildPlan(cs []Check) []PlanStep {
	type node struct {
		text     string
		findings []string
		after    map[int]bool  // nodes that must come first
		severity checks.Status // of the most severe finding that needs it
	}
	var nodes []*node
	index := map[string]int{}
	type ref struct{ check, finding int }
	owners := map[int][]ref{} // node -> findings that use it
	shared := false
	for ci := range cs {
		for fi, f := range cs[ci].Findings {
			if !needsFix(f.Severity) {
				continue
			}
			prev := -1
			seen := map[int]bool{}
			for _, step := range f.Remediation {
				if !IsCommand(step) {
					continue
				}
				k := commandKey(step)
				n, ok := index[k]
				if !ok {
					n = len(nodes)
					index[k] = n
					nodes = append(nodes, &node{text: step, after: map[int]bool{}})
				}
				if seen[n] {
					continue
				}
				seen[n] = true
				id := cs[ci].ID + "/" + f.Code
				if len(nodes[n].findings) > 0 {
					shared = true
				}
				nodes[n].findings = append(nodes[n].findings, id)
				nodes[n].severity = checks.Worst(nodes[n].severity, f.Severity)
				owners[n] = append(owners[n], ref{ci, fi})
				if prev >= 0 && prev != n {
					nodes[n].after[prev] = true
				}
				prev = n
			}
		}
	}
	if !shared {
		return nil
	}
	// Kahn's algorithm, always taking the ready command of the most severe
	// finding (what fails is fixed before what only warns, e.g. a stale
	// password before a CLI upgrade), first-seen among equals; a cycle (two
	// findings disagreeing on order) falls back to first-seen order.
	placed := make([]bool, len(nodes))
	stepOf := make([]int, len(nodes))
	var plan []PlanStep
	for len(plan) < len(nodes) {
		pick := -1
		for n := range nodes {
			if placed[n] {
				continue
			}
			ready := true
			for p := range nodes[n].after {
				if !placed[p] {
					ready = false
					break
				}
			}
			if ready && (pick < 0 || nodes[n].severity > nodes[pick].severity) {
				pick = n
			}
		}
		if pick < 0 {
			for n := range nodes {
				if !placed[n] {
					pick = n
					break
				}
			}
		}
		placed[pick] = true
		plan = append(plan, PlanStep{Step: len(plan) + 1, Command: nodes[pick].text, Findings: nodes[pick].findings})
		stepOf[pick] = len(plan)
	}
	for n, rs := range owners {
		for _, r := range rs {
			f := &cs[r.check].Findings[r.finding]
			f.PlanSteps = insertSorted(f.PlanSteps, stepOf[n])
		}
	}
	return plan
}

func insertSorted(xs []int, x int) []int {
	i := 0
	for i < len(xs) && xs[i] < x {
		i++
	}
	xs = append(xs, 0)
	copy(xs[i+1:], xs[i:])
	xs[i] = x
	return xs
}

// stepList writes plan steps compactly: "1", "1 and 3", "2–4", "1, 3–5".
func stepList(steps []int) string {
	var parts []string
	for i := 0; i < len(steps); {
		j := i
		for j+1 < len(steps) && steps[j+1] == steps[j]+1 {
			j++
		}
		switch {
		case j == i:
			parts = append(parts, itoa(steps[i]))
		case j == i+1:
			parts = append(parts, itoa(steps[i]), itoa(steps[j]))
		default:
			parts = append(parts, itoa(steps[i])+"–"+itoa(steps[j]))
		}
		i = j + 1
	}
	if len(parts) == 2 {
		return parts[0] + " and " + parts[1]
	}
	return strings.Join(parts, ", ")
}

func itoa(n int) string { return strconv.Itoa(n) }

// sentenceEnd finds the end of a message's first sentence: a full stop
// followed by a space and a capital letter, a quote or a bracket.
var sentenceEnd = regexp.MustCompile(`[.!?]\s+[A-Z("'` + "`" + `]`)

// firstSentence is a message's first sentence, on one line.
func firstSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if loc := sentenceEnd.FindStringIndex(s); loc != nil {
		return s[:loc[0]+1]
	}
	return s
}

// verdict picks the most severe finding (first in report order among
// equals) of a check that did not pass, and the first thing to do about it.
func verdict(r Report) *Verdict {
	var best *Finding
	var bestCheck string
	for ci := range r.Checks {
		c := &r.Checks[ci]
		for fi := range c.Findings {
			f := &c.Findings[fi]
			if needsFix(f.Severity) && (best == nil || f.Severity > best.Severity) {
				best, bestCheck = f, c.ID
			}
		}
	}
	if best == nil {
		for _, c := range r.Checks {
			if needsFix(c.Status) { // a problem without findings: its summary says it
				return &Verdict{Status: c.Status, Check: c.ID, Cause: c.ID + ": " + firstSentence(c.Summary)}
			}
		}
		if c := r.Summary.Counts; c.Pass+c.Warn == 0 && c.Skip > 0 {
			return &Verdict{Status: checks.Error,
				Cause: "Nothing was checked: every check that could tell was skipped (see above), so this run cannot say whether git can reach CodeCommit."}
		}
		if r.Summary.Counts.Pass == 0 {
			return nil
		}
		cause := fmt.Sprintf("No problem found by the %d checks that ran", r.Summary.Counts.Pass)
		if r.Summary.Counts.Pass == 1 {
			cause = "No problem found by the one check that ran"
		}
		if n := r.Summary.Counts.Skip; n > 0 {
			cause += fmt.Sprintf(" (%d skipped: see above)", n)
		}
		return &Verdict{Status: checks.Pass, Cause: cause + "."}
	}
	v := &Verdict{Status: best.Severity, Check: bestCheck, Code: best.Code, Cause: firstSentence(best.Message)}
	switch {
	case len(best.PlanSteps) > 0:
		v.FirstStep = r.FixPlan[best.PlanSteps[0]-1].Command
	case len(best.Remediation) > 0:
		v.FirstStep = best.Remediation[0]
	}
	return v
}
