package report

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// MarkdownHeader writes the start of the support-ticket report: the
// doctor's version, commit and build date, the OS and shell, and the
// environment variables that matter. It is printed when the run starts.
func MarkdownHeader(w io.Writer, r Report, _ Options) error {
	var b strings.Builder
	b.WriteString("# codecommit-doctor report\n\n")
	fmt.Fprintf(&b, "- **Doctor:** codecommit-doctor %s on %s/%s\n", versionLong(r.Tool), r.Platform.OS, r.Platform.Arch)
	if r.Platform.Distro != "" {
		fmt.Fprintf(&b, "- **OS:** %s\n", r.Platform.Distro)
	}
	if r.Platform.Shell != "" {
		fmt.Fprintf(&b, "- **Shell:** %s\n", r.Platform.Shell)
	}
	if len(r.Environment) == 0 {
		b.WriteString("- **Environment:** none of the AWS, proxy and git variables the doctor looks at is set\n")
	} else {
		keys := make([]string, 0, len(r.Environment))
		for k := range r.Environment {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			parts = append(parts, code(k+"="+r.Environment[k]))
		}
		fmt.Fprintf(&b, "- **Environment:** %s\n", strings.Join(parts, ", "))
	}
	fmt.Fprintf(&b, "- **Started:** %s\n", r.StartedAt.Format("2006-01-02 15:04:05 MST"))
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing the markdown report: %w", err)
	}
	return nil
}

// Markdown writes the report for a support ticket: the header (unless it
// was written when the run started), a summary table (skipped checks that
// share a reason in one row), a section for each problem with its fix and
// evidence, the fix plan and the verdict.
func Markdown(w io.Writer, r Report, o Options) error {
	var b strings.Builder
	if !o.SkipHeader {
		if err := MarkdownHeader(&b, r, o); err != nil {
			return err
		}
	}
	fmt.Fprintf(&b, "- **Result:** %s %s (exit code %d), took %s\n", emoji(r.Summary.Status), r.Summary.Status, r.Summary.ExitCode, formatMS(r.DurationMS))
	switch {
	case len(r.Targets) > 0:
		fmt.Fprintf(&b, "- **Targets:** %d\n", len(r.Targets))
		markdownScan(&b, r.Scan)
	case r.Target != nil:
		fmt.Fprintf(&b, "- **Target:** `%s`", r.Target.URL)
		if r.Target.Source != "" {
			fmt.Fprintf(&b, " (from %s)", r.Target.Source)
		}
		b.WriteString("\n")
	default:
		b.WriteString("- **Target:** none (no repository URL given or found)\n")
	}
	if len(r.Targets) > 0 {
		writeTargetsMarkdown(&b, r)
	} else {
		writeMarkdownChecks(&b, r.Checks, r.FixPlan, "##")
	}
	if v := r.Verdict; v != nil {
		fmt.Fprintf(&b, "\n## Verdict\n\n%s %s\n", emoji(v.Status), v.Cause)
		if line := problemTargetsLine(r); line != "" {
			fmt.Fprintf(&b, "\n%s\n", line)
		}
		if v.FirstStep != "" {
			if IsCommand(v.FirstStep) {
				fmt.Fprintf(&b, "\n**First:** %s\n", code(v.FirstStep))
			} else {
				fmt.Fprintf(&b, "\n**First:** %s\n", v.FirstStep)
			}
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing the markdown report: %w", err)
	}
	return nil
}

// writeMarkdownChecks writes the summary table of checks, a section per
// problem and the fix plan, under headings of the given level.
func writeMarkdownChecks(b *strings.Builder, cs []Check, plan []PlanStep, level string) {
	b.WriteString("\n| Check | Status | Summary |\n|---|---|---|\n")
	for _, g := range groupChecks(cs) {
		ids := make([]string, len(g))
		for i, c := range g {
			ids[i] = "`" + c.ID + "`"
		}
		c := g[0]
		fmt.Fprintf(b, "| %s | %s %s | %s |\n", strings.Join(ids, ", "), emoji(c.Status), c.Status, cell(c.Summary))
	}
	var problems []Check
	for _, c := range cs {
		if needsFix(c.Status) {
			problems = append(problems, c)
		}
	}
	if len(problems) > 0 {
		b.WriteString("\n" + level + " Problems\n")
	}
	for _, c := range problems {
		writeMarkdownCheck(b, c, level+"#")
	}
	if len(plan) > 0 {
		b.WriteString("\n" + level + " Fix plan\n\nRun in this order; the problems above refer to these steps.\n\n")
		for _, s := range plan {
			fmt.Fprintf(b, "%d. %s\n", s.Step, code(s.Command))
		}
	}
}

func writeMarkdownCheck(b *strings.Builder, c Check, level string) {
	fmt.Fprintf(b, "\n%s %s `%s`: %s\n\n%s\n", level, emoji(c.Status), c.ID, c.Title, c.Summary)
	for _, f := range c.Findings {
		fmt.Fprintf(b, "\n**%s `%s`**: %s\n", emoji(f.Severity), f.Code, f.Message)
		writeMarkdownSteps(b, f)
		for _, d := range f.Docs {
			fmt.Fprintf(b, "\nDocs: <%s>\n", d)
		}
	}
	if len(c.Evidence) > 0 {
		fmt.Fprintf(b, "\n<details><summary>Evidence</summary>\n\n```\n%s```\n\n</details>\n", fence(evidenceText(c.Evidence, "")))
	}
}

// writeMarkdownSteps writes a finding's remediation: commands as numbered
// code, prose as plain lines, commands in the fix plan as a reference.
func writeMarkdownSteps(b *strings.Builder, f Finding) {
	var lines []string
	n := 0
	inPlan := len(f.PlanSteps) > 0
	steps := f.PlanSteps
	for _, step := range f.Remediation {
		switch {
		case IsCommand(step) && inPlan:
			if ref := planRef(steps); ref != "" {
				lines = append(lines, "- "+ref+" (below)")
				steps = nil
			}
		case IsCommand(step):
			n++
			lines = append(lines, fmt.Sprintf("%d. %s", n, code(step)))
		case strings.Contains(step, "\n"):
			lines = append(lines, "\n```\n"+fence(step)+"\n```\n")
		default:
			lines = append(lines, "- "+step)
		}
	}
	if len(lines) == 0 {
		return
	}
	heading := "To fix:"
	if !needsFix(f.Severity) {
		heading = "To verify:"
	}
	fmt.Fprintf(b, "\n%s\n\n%s\n", heading, strings.Join(lines, "\n"))
}

// code shows a command as inline code, with a longer delimiter when the
// command holds backticks itself.
func code(s string) string {
	if !strings.Contains(s, "`") {
		return "`" + s + "`"
	}
	return "`` " + s + " ``"
}

// cell makes text safe inside a table cell.
func cell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(s, "\n", " ")
}

// fence keeps text from closing a code block early.
func fence(s string) string { return strings.ReplaceAll(s, "```", "ʼʼʼ") }
