package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
)

func newExplainCmd(a *App) *cobra.Command {
	return &cobra.Command{
		Use:       "explain ID",
		Short:     "Explain what a check verifies and every finding it can report",
		Args:      cobra.ExactArgs(1),
		ValidArgs: checkIDs(),
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, i := range checkInfos() {
				if i.ID == args[0] {
					fmt.Fprint(a.Stdout, explanation(i))
					return nil
				}
			}
			for _, i := range checkInfos() {
				for _, f := range i.Findings {
					if f.Code == args[0] {
						fmt.Fprint(a.Stdout, findingExplanation(i, f))
						return nil
					}
				}
			}
			return usageError("unknown check id %q, and no check reports a finding with that code; valid ids: %s (`codecommit-doctor explain ID` lists the codes of a check)", args[0], strings.Join(checkIDs(), ", "))
		},
	}
}

func explanation(i checks.Info) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n\n%s\n\n", i.ID, i.Title, i.Description)
	fmt.Fprintf(&b, "Needs: %s\n", needs(i.Needs))
	if len(i.RequiredIDs()) > 0 {
		fmt.Fprintf(&b, "Runs after: %s (skipped when one of them does not pass)\n", strings.Join(i.RequiredIDs(), ", "))
	}
	if len(i.Findings) == 0 {
		return b.String()
	}
	b.WriteString("\nFindings:\n")
	for _, f := range i.Findings {
		writeFinding(&b, f)
	}
	return b.String()
}

// findingExplanation explains one finding code and names its check.
func findingExplanation(i checks.Info, f checks.FindingDoc) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: a finding of the %s check (%s)\n", f.Code, i.ID, i.Title)
	writeFinding(&b, f)
	fmt.Fprintf(&b, "\nThe whole check: codecommit-doctor explain %s\n", i.ID)
	return b.String()
}

func writeFinding(b *strings.Builder, f checks.FindingDoc) {
	fmt.Fprintf(b, "\n  %s (%s)\n    %s\n", f.Code, f.Severity, f.Meaning)
	for n, step := range f.Remediation {
		fmt.Fprintf(b, "    %d. %s\n", n+1, step)
	}
}
