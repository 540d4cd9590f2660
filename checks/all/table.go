package all

import (
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
)

// MarkdownTable is README's table of checks, generated from Info().
func MarkdownTable() string {
	var b strings.Builder
	b.WriteString("| id | what it establishes | needs | runs after |\n|---|---|---|---|\n")
	for _, c := range checks.Reported(Checks()) {
		i := c.Info()
		after := "-"
		if ids := i.RequiredIDs(); len(ids) > 0 {
			after = "`" + strings.Join(ids, "`, `") + "`"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", i.ID, i.Title, needs(i.Needs), after)
	}
	return b.String()
}

// needs says Needs.Tags in the README table's words.
func needs(n checks.Needs) string {
	prose := strings.NewReplacer("aws-credentials", "AWS credentials", "target", "a repository")
	return prose.Replace(strings.Join(n.Tags(), ", "))
}
