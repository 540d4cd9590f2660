package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
)

// listEntry is one check in `list -o json`.
type listEntry struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Needs    []string `json:"needs"`
	Requires []string `json:"requires"`
}

func newListCmd(a *App) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List every check: id, title and what it needs",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			switch normalizeFormat(output) {
			case "text":
				return listText(a, checkInfos())
			case "json":
				return listJSON(a, checkInfos())
			}
			return usageError("unknown output format %q for list; valid formats: json, text", output)
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "text", "output format: text, json")
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func listText(a *App, infos []checks.Info) error {
	tw := tabwriter.NewWriter(a.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNEEDS\tREQUIRES\tTITLE")
	for _, i := range infos {
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
}

func listJSON(a *App, infos []checks.Info) error {
	out := make([]listEntry, 0, len(infos))
	for _, i := range infos {
		out = append(out, listEntry{ID: i.ID, Title: i.Title, Needs: i.Needs.Tags(),
			Requires: append([]string{}, i.RequiredIDs()...)})
	}
	enc := json.NewEncoder(a.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return fmt.Errorf("writing the list: %w", err)
	}
	return nil
}

// needs describes a check's requirements in a few words.
func needs(n checks.Needs) string { return strings.Join(n.Tags(), ",") }
