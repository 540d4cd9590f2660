package report

import (
	"fmt"
	"strings"
)

// writeTargetsText writes a run over several targets: the shared checks,
// then a section per target headed by its URL and where it came from, with
// its checks, its fix plan and its result. Every check id is aligned to
// the widest of the whole run.
func writeTargetsText(b *strings.Builder, r Report, p painter, o Options) {
	width := idWidth(r.Checks)
	for _, t := range r.Targets {
		width = max(width, idWidth(t.Checks))
	}
	if len(r.Checks) > 0 {
		b.WriteString(p.bold("Shared by every target") + " (run once):\n")
		writeChecksText(b, r.Checks, r.FixPlan, width, p, o)
		b.WriteString("\n")
	}
	for i, t := range r.Targets {
		heading := fmt.Sprintf("Target %d of %d: ", i+1, len(r.Targets))
		b.WriteString(hang(p.bold(heading), t.Label(), "  ", o.Width))
		b.WriteString("\n")
		writeChecksText(b, t.Checks, t.FixPlan, width, p, o)
		result := p.status(t.Status, symbol(t.Status)) + " " + countsText(t.Counts, p)
		if v := t.Verdict; v != nil && needsFix(v.Status) {
			result += ": " + v.Cause
		}
		b.WriteString(hang(p.bold("Result:")+" ", result, "        ", o.Width))
		b.WriteString("\n")
		if i < len(r.Targets)-1 {
			b.WriteString("\n")
		}
	}
}
