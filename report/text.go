package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
)

// Text writes the report for a terminal: one line per check, its findings
// with numbered remediation steps, and a closing summary.
func Text(w io.Writer, r Report, o Options) error {
	p := painter{on: o.Color}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s · %s/%s\n", p.bold("codecommit-doctor"), r.Tool.Version, r.Platform.OS, r.Platform.Arch)
	if r.Target != nil {
		fmt.Fprintf(&b, "Target: %s", r.Target.URL)
		if r.Target.Source != "" {
			fmt.Fprintf(&b, " (from %s)", r.Target.Source)
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
	width := idWidth(r.Checks)
	for _, c := range r.Checks {
		b.WriteString(CheckLine(c, width, p.on))
		b.WriteString("\n")
		for _, f := range c.Findings {
			writeFinding(&b, f, p)
		}
		if o.Verbose && len(c.Evidence) > 0 {
			writeEvidence(&b, c.Evidence, p)
		}
	}
	b.WriteString("\n")
	b.WriteString(summaryLine(r, p))
	b.WriteString("\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing the text report: %w", err)
	}
	return nil
}

// CheckLine is the one line a check gets in text output; progress display
// prints the same line as each check finishes.
func CheckLine(c Check, width int, color bool) string {
	p := painter{on: color}
	line := fmt.Sprintf("%s %-*s  %s", p.status(c.Status, symbol(c.Status)), width, c.ID, c.Summary)
	if c.Status != checks.Skip {
		line += p.faint(fmt.Sprintf("  (%s)", formatMS(c.DurationMS)))
	}
	return line
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

func writeFinding(b *strings.Builder, f Finding, p painter) {
	fmt.Fprintf(b, "    %s %s %s\n", p.status(f.Severity, symbol(f.Severity)), p.faint("["+f.Code+"]"), indent(f.Message, "      "))
	if len(f.Remediation) > 0 {
		b.WriteString("      Fix:\n")
		for i, step := range f.Remediation {
			fmt.Fprintf(b, "        %d. %s\n", i+1, indent(step, "           "))
		}
	}
	for _, d := range f.Docs {
		fmt.Fprintf(b, "      Docs: %s\n", d)
	}
}

func writeEvidence(b *strings.Builder, ev map[string]any, p painter) {
	out, err := json.MarshalIndent(ev, "      ", "  ")
	if err != nil {
		fmt.Fprintf(b, "      evidence: (cannot show: %v)\n", err)
		return
	}
	fmt.Fprintf(b, "      %s %s\n", p.faint("evidence:"), out)
}

// indent continues multi-line text under its first line.
func indent(s, prefix string) string {
	return strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n"+prefix)
}

func summaryLine(r Report, p painter) string {
	c := r.Summary.Counts
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
	return fmt.Sprintf("%s %s in %s · exit %d", p.bold("Summary:"), strings.Join(parts, ", "),
		formatMS(r.DurationMS), r.Summary.ExitCode)
}
