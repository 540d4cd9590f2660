package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
)

// Markdown writes the report for a support ticket: a summary table, then a
// section for each problem with its remediation and evidence.
func Markdown(w io.Writer, r Report, _ Options) error {
	var b strings.Builder
	b.WriteString("# codecommit-doctor report\n\n")
	fmt.Fprintf(&b, "- **Result:** %s %s (exit code %d)\n", emoji(r.Summary.Status), r.Summary.Status, r.Summary.ExitCode)
	fmt.Fprintf(&b, "- **Doctor:** codecommit-doctor %s on %s/%s, %s, took %s\n",
		r.Tool.Version, r.Platform.OS, r.Platform.Arch, r.StartedAt.Format("2006-01-02 15:04:05 MST"), formatMS(r.DurationMS))
	if r.Target != nil {
		fmt.Fprintf(&b, "- **Target:** `%s`", r.Target.URL)
		if r.Target.Source != "" {
			fmt.Fprintf(&b, " (from %s)", r.Target.Source)
		}
		b.WriteString("\n")
	} else {
		b.WriteString("- **Target:** none (no repository URL given or found)\n")
	}
	b.WriteString("\n| Check | Status | Summary |\n|---|---|---|\n")
	for _, c := range r.Checks {
		fmt.Fprintf(&b, "| `%s` | %s %s | %s |\n", c.ID, emoji(c.Status), c.Status, cell(c.Summary))
	}
	var problems []Check
	for _, c := range r.Checks {
		if c.Status == checks.Fail || c.Status == checks.Error || c.Status == checks.Warn {
			problems = append(problems, c)
		}
	}
	if len(problems) > 0 {
		b.WriteString("\n## Problems\n")
	}
	for _, c := range problems {
		writeMarkdownCheck(&b, c)
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing the markdown report: %w", err)
	}
	return nil
}

func writeMarkdownCheck(b *strings.Builder, c Check) {
	fmt.Fprintf(b, "\n### %s `%s`: %s\n\n%s\n", emoji(c.Status), c.ID, c.Title, c.Summary)
	for _, f := range c.Findings {
		fmt.Fprintf(b, "\n**%s `%s`**: %s\n", emoji(f.Severity), f.Code, f.Message)
		if len(f.Remediation) > 0 {
			b.WriteString("\nTo fix:\n\n")
			for i, step := range f.Remediation {
				fmt.Fprintf(b, "%d. %s\n", i+1, mdStep(step))
			}
		}
		for _, d := range f.Docs {
			fmt.Fprintf(b, "\nDocs: <%s>\n", d)
		}
	}
	if len(c.Evidence) > 0 {
		out, err := json.MarshalIndent(c.Evidence, "", "  ")
		if err == nil {
			fmt.Fprintf(b, "\n<details><summary>Evidence</summary>\n\n```json\n%s\n```\n\n</details>\n", fence(string(out)))
		}
	}
}

// cell makes text safe inside a table cell.
func cell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(s, "\n", " ")
}

// mdStep shows a remediation step; one that looks like a command is code.
func mdStep(s string) string {
	if strings.Contains(s, "\n") {
		return "\n\n   ```\n   " + strings.ReplaceAll(fence(s), "\n", "\n   ") + "\n   ```\n"
	}
	if looksLikeCommand(s) && !strings.Contains(s, "`") {
		return "`" + s + "`"
	}
	return s
}

func looksLikeCommand(s string) bool {
	for _, p := range []string{"git ", "aws ", "sudo ", "brew ", "winget ", "python3 ", "security ", "xcode-select ", "rm ", "export ", "set "} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// fence keeps text from closing a code block early.
func fence(s string) string { return strings.ReplaceAll(s, "```", "ʼʼʼ") }
