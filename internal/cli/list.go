package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/all"
)

func newListCmd(a *App) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List every check: id, title and what it needs",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			tw := tabwriter.NewWriter(a.Stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tNEEDS\tREQUIRES\tTITLE")
			for _, c := range checks.Reported(all.Checks()) {
				i := c.Info()
				requires := strings.Join(i.RequiredIDs(), ",")
				if requires == "" {
					requires = "-"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", i.ID, needs(i.Needs), requires, i.Title)
			}
			if err := tw.Flush(); err != nil {
				return fmt.Errorf("writing the list: %w", err)
			}
			return nil
		},
	}
}

// needs describes a check's requirements in a few words.
func needs(n checks.Needs) string {
	var parts []string
	if n.Network {
		parts = append(parts, "network")
	}
	if n.Credentials {
		parts = append(parts, "aws-credentials")
	}
	if n.Target {
		parts = append(parts, "target")
	}
	if len(parts) == 0 {
		return "local"
	}
	return strings.Join(parts, ",")
}
