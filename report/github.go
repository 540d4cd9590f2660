package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
)

// GitHub writes GitHub Actions workflow commands (one ::error or ::warning
// annotation per problem) followed by a plain summary.
func GitHub(w io.Writer, r Report, _ Options) error {
	var b strings.Builder
	githubAnnotations(&b, r.Checks, "")
	for i, name := range targetNames(r.Targets) {
		githubAnnotations(&b, r.Targets[i].Checks, " ("+name+")")
	}
	for _, c := range r.Checks {
		fmt.Fprintf(&b, "%s %s: %s\n", symbol(c.Status), c.ID, c.Summary)
	}
	for _, t := range r.Targets {
		fmt.Fprintf(&b, "Target %s:\n", t.Label())
		for _, c := range t.Checks {
			fmt.Fprintf(&b, "%s %s: %s\n", symbol(c.Status), c.ID, c.Summary)
		}
	}
	b.WriteString(summaryLine(r, painter{}))
	b.WriteString("\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing the GitHub report: %w", err)
	}
	return nil
}

// githubAnnotations writes one annotation per problem of the checks; about
// names the target in a run over several.
func githubAnnotations(b *strings.Builder, cs []Check, about string) {
	for _, c := range cs {
		kind := annotation(c.Status)
		if kind == "" {
			continue
		}
		if len(c.Findings) == 0 {
			fmt.Fprintf(b, "::%s title=%s::%s\n", kind, escapeProperty("codecommit-doctor "+c.ID+about), escapeData(c.Summary))
			continue
		}
		for _, f := range c.Findings {
			k := annotation(f.Severity)
			if k == "" {
				continue
			}
			title := fmt.Sprintf("codecommit-doctor %s%s: %s", c.ID, about, f.Code)
			fmt.Fprintf(b, "::%s title=%s::%s\n", k, escapeProperty(title), escapeData(strings.TrimSpace(findingsText([]Finding{f}))))
		}
	}
}

func annotation(s checks.Status) string {
	switch s {
	case checks.Fail, checks.Error:
		return "error"
	case checks.Warn:
		return "warning"
	default:
		return ""
	}
}

// escapeData escapes a workflow command's message.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// escapeProperty escapes a workflow command's property value.
func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
