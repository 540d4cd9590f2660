package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
)

// TextHeader writes the lines a support ticket needs first: the doctor's
// version with its commit and build date, the OS and shell, and the
// environment variables that change how git and the AWS CLI behave. It is
// printed when the run starts.
func TextHeader(w io.Writer, r Report, o Options) error {
	p := painter{on: o.Color}
	var b strings.Builder
	b.WriteString(hang(p.bold("codecommit-doctor")+" ", strings.Join(headerParts(r), " · "), "  ", o.Width))
	b.WriteString("\n")
	b.WriteString(hang("Environment: ", environmentLine(r.Environment), "  ", o.Width))
	b.WriteString("\n\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing the text report: %w", err)
	}
	return nil
}

// headerParts are the header's facts: version, platform, OS, shell.
func headerParts(r Report) []string {
	parts := []string{versionLong(r.Tool), r.Platform.OS + "/" + r.Platform.Arch}
	if r.Platform.Distro != "" {
		parts = append(parts, r.Platform.Distro)
	}
	if r.Platform.Shell != "" {
		parts = append(parts, "shell "+r.Platform.Shell)
	}
	return parts
}

func versionLong(t Tool) string {
	s := t.Version
	var extra []string
	if t.Commit != "" {
		extra = append(extra, "commit "+t.Commit)
	}
	if t.BuildDate != "" {
		extra = append(extra, "built "+t.BuildDate)
	}
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, ", ") + ")"
	}
	return s
}

// environmentLine lists the variables set, sorted.
func environmentLine(env map[string]string) string {
	if len(env) == 0 {
		return "none of the AWS, proxy and git variables the doctor looks at is set"
	}
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+"="+env[k])
	}
	return strings.Join(parts, " ")
}

// Text writes the report for a terminal: the header (unless it was
// written when the run started), one line per check (skipped checks that
// share a reason on one line), findings with their fixes, the fix plan,
// the summary and the verdict.
func Text(w io.Writer, r Report, o Options) error {
	p := painter{on: o.Color}
	var b strings.Builder
	if !o.SkipHeader {
		if err := TextHeader(&b, r, o); err != nil {
			return err
		}
	}
	if r.Target != nil {
		target := r.Target.URL
		if r.Target.Source != "" {
			target += " (from " + r.Target.Source + ")"
		}
		b.WriteString(hang("Target: ", target, "  ", o.Width))
		b.WriteString("\n\n")
	}
	if len(r.Targets) > 0 {
		writeTargetsText(&b, r, p, o)
	} else {
		writeChecksText(&b, r.Checks, r.FixPlan, idWidth(r.Checks), p, o)
	}
	b.WriteString("\n")
	b.WriteString(summaryLine(r, p))
	b.WriteString("\n")
	if v := r.Verdict; v != nil {
		b.WriteString(hang(p.bold("Verdict:")+" "+p.status(v.Status, symbol(v.Status))+" ", v.Cause, "           ", o.Width))
		b.WriteString("\n")
		if v.FirstStep != "" {
			fmt.Fprintf(&b, "%s %s\n", p.bold("First:  "), v.FirstStep)
		}
		if line := problemTargetsLine(r); line != "" {
			b.WriteString(hang(p.bold("Targets:")+" ", line, "         ", o.Width))
			b.WriteString("\n")
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing the text report: %w", err)
	}
	return nil
}

// writeChecksText writes check lines with their findings (and evidence
// with -v), then the fix plan.
func writeChecksText(b *strings.Builder, cs []Check, plan []PlanStep, width int, p painter, o Options) {
	for _, g := range groupChecks(cs) {
		if len(g) > 1 {
			b.WriteString(skipGroupLine(g, width, p, o.Width))
			b.WriteString("\n")
			continue
		}
		c := g[0]
		b.WriteString(checkLine(c, width, p, o.Width))
		b.WriteString("\n")
		for _, f := range c.Findings {
			writeFinding(b, f, p, o.Width)
		}
		if o.Verbose && len(c.Evidence) > 0 {
			fmt.Fprintf(b, "      %s\n", p.faint("evidence:"))
			b.WriteString(evidenceText(c.Evidence, "        "))
		}
	}
	if len(plan) > 0 {
		b.WriteString("\n")
		b.WriteString(p.bold("Fix plan"))
		b.WriteString(" (run in this order; the findings above refer to these steps):\n")
		for _, s := range plan {
			fmt.Fprintf(b, "  %d. %s\n", s.Step, s.Command)
		}
	}
}

// CheckLine is the one line a check gets in text output; progress display
// prints the same line as each check finishes.
func CheckLine(c Check, width int, color bool) string {
	return checkLine(c, width, painter{on: color}, 0)
}

func checkLine(c Check, width int, p painter, cols int) string {
	summary := c.Summary
	if c.Status != checks.Skip {
		summary += p.faint(fmt.Sprintf("  (%s)", formatMS(c.DurationMS)))
	}
	prefix := fmt.Sprintf("%s %-*s  ", p.status(c.Status, symbol(c.Status)), width, c.ID)
	return hang(prefix, summary, strings.Repeat(" ", width+4), cols)
}

// groupChecks keeps every check alone except skipped ones without
// findings that share the same reason: those form one group, shown where
// the first of them would be.
func groupChecks(cs []Check) [][]Check {
	var groups [][]Check
	at := map[string]int{}
	for _, c := range cs {
		if c.Status == checks.Skip && len(c.Findings) == 0 {
			if i, ok := at[c.Summary]; ok {
				groups[i] = append(groups[i], c)
				continue
			}
			at[c.Summary] = len(groups)
		}
		groups = append(groups, []Check{c})
	}
	return groups
}

func groupIDs(g []Check) []string {
	ids := make([]string, len(g))
	for i, c := range g {
		ids[i] = c.ID
	}
	return ids
}

func skipGroupLine(g []Check, width int, p painter, cols int) string {
	ids := strings.Join(groupIDs(g), ", ")
	prefix := fmt.Sprintf("%s %-*s  ", p.status(checks.Skip, symbol(checks.Skip)), width, ids)
	return hang(prefix, g[0].Summary, strings.Repeat(" ", width+4), cols)
}

func idWidth(cs []Check) int {
	w := 0
	for _, c := range cs {
		if len(c.ID) > w {
			w = len(c.ID)
		}
	}
	return w
}

func formatMS(ms int64) string {
	if ms < 1000 {
		return fmt.Sprintf("%dms", ms)
	}
	return fmt.Sprintf("%.1fs", float64(ms)/1000)
}

// writeFinding writes a finding: its message with a hanging indent, then
// under "Fix:" (warn, fail, error) or "Verify:" (pass) its commands
// numbered and its prose as plain lines; commands in the fix plan are
// referred to by step.
func writeFinding(b *strings.Builder, f Finding, p painter, cols int) {
	prefix := fmt.Sprintf("    %s %s ", p.status(f.Severity, symbol(f.Severity)), p.faint("["+f.Code+"]"))
	b.WriteString(hang(prefix, f.Message, "      ", cols))
	b.WriteString("\n")
	var lines []string
	n := 0
	inPlan := len(f.PlanSteps) > 0
	for _, step := range f.Remediation {
		switch {
		case IsCommand(step) && inPlan:
			if ref := planRef(f.PlanSteps); ref != "" {
				lines = append(lines, "        "+ref+" (below)")
				inPlan, f.PlanSteps = true, nil
			}
		case IsCommand(step):
			n++
			lines = append(lines, fmt.Sprintf("        %d. %s", n, indent(step, "           ")))
		default:
			lines = append(lines, hang("        ", step, "          ", cols))
		}
	}
	if len(lines) > 0 {
		heading := "Fix:"
		if !needsFix(f.Severity) {
			heading = "Verify:"
		}
		fmt.Fprintf(b, "      %s\n%s\n", heading, strings.Join(lines, "\n"))
	}
	for _, d := range f.Docs {
		fmt.Fprintf(b, "      Docs: %s\n", d)
	}
}

// planRef refers to fix plan steps: "fix plan step 4", "fix plan steps 1–3".
func planRef(steps []int) string {
	switch len(steps) {
	case 0:
		return ""
	case 1:
		return "fix plan step " + stepList(steps)
	}
	return "fix plan steps " + stepList(steps)
}

// indent continues multi-line text under its first line.
func indent(s, prefix string) string {
	return strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n"+prefix)
}

func summaryLine(r Report, p painter) string {
	over := ""
	if len(r.Targets) > 0 {
		over = " over " + plural(len(r.Targets), "target")
	}
	return fmt.Sprintf("%s %s%s in %s · exit %d", p.bold("Summary:"), countsText(r.Summary.Counts, p), over,
		formatMS(r.DurationMS), r.Summary.ExitCode)
}

// countsText is "10 passed, 1 warned".
func countsText(c Counts, p painter) string {
	parts := []string{}
	add := func(n int, s checks.Status, word string) {
		if n > 0 {
			parts = append(parts, p.status(s, fmt.Sprintf("%d %s", n, word)))
		}
	}
	add(c.Pass, checks.Pass, "passed")
	add(c.Warn, checks.Warn, "warned")
	add(c.Fail, checks.Fail, "failed")
	add(c.Error, checks.Error, "could not finish")
	add(c.Skip, checks.Skip, "skipped")
	if len(parts) == 0 {
		parts = append(parts, "no checks ran")
	}
	return strings.Join(parts, ", ")
}
