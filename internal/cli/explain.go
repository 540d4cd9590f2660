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
			return usageError("unknown check id %q; valid ids: %s", args[0], strings.Join(checkIDs(), ", "))
		},
	}
}

func explanation(i checks.Info) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n\n%s\n\n", i.ID, i.Title, i.Description)
	fmt.Fprintf(&b, "Needs: %s\n", needs(i.Needs))
	if len(i.Prerequisites) > 0 {
		fmt.Fprintf(&b, "Runs after: %s (skipped when one of them does not pass)\n", strings.Join(i.Prerequisites, ", "))
	}
	if len(i.Findings) == 0 {
		return b.String()
	}
	b.WriteString("\nFindings:\n")
	for _, f := range i.Findings {
		fmt.Fprintf(&b, "\n  %s (%s)\n    %s\n", f.Code, f.Severity, f.Meaning)
		for n, step := range f.Remediation {
			fmt.Fprintf(&b, "    %d. %s\n", n+1, step)
		}
	}
	return b.String()
}
