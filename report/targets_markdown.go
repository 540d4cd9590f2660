package report

import (
	"fmt"
	"strings"
)

// writeTargetsMarkdown writes a run over several targets: the shared
// checks, then a section per target with its table, problems, fix plan and
// result.
func writeTargetsMarkdown(b *strings.Builder, r Report) {
	if len(r.Checks) > 0 {
		b.WriteString("\n## Shared by every target\n")
		writeMarkdownChecks(b, r.Checks, r.FixPlan, "###")
	}
	for i, t := range r.Targets {
		fmt.Fprintf(b, "\n## Target %d of %d: `%s`", i+1, len(r.Targets), t.URL)
		switch {
		case t.Source != "" && t.Dir != "":
			fmt.Fprintf(b, " (from %s in `%s`)", t.Source, t.Dir)
		case t.Source != "":
			fmt.Fprintf(b, " (from %s)", t.Source)
		}
		b.WriteString("\n")
		writeMarkdownChecks(b, t.Checks, t.FixPlan, "###")
		fmt.Fprintf(b, "\n**Result:** %s %s (%s)", emoji(t.Status), t.Status, countsText(t.Counts, painter{}))
		if v := t.Verdict; v != nil && needsFix(v.Status) {
			fmt.Fprintf(b, ": %s", v.Cause)
		}
		b.WriteString("\n")
	}
}
