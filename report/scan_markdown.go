package report

import (
	"fmt"
	"strings"
)

// markdownScan says in the markdown header what a scan searched and left
// out (a job summary has no stderr): the truncation at --max-repos, the
// clones skipped and the directories not read.
func markdownScan(b *strings.Builder, s *Scan) {
	if s == nil {
		return
	}
	fmt.Fprintf(b, "- **Scan:** %d directories read, %d clones", s.Dirs, s.Clones)
	if s.Truncated {
		fmt.Fprintf(b, "; stopped at %d clones (--max-repos): the others were not diagnosed", s.MaxRepos)
	}
	b.WriteString("\n")
	for _, n := range s.Skipped {
		fmt.Fprintf(b, "  - skipped %s\n", cell(n))
	}
	for _, n := range s.Unreadable {
		fmt.Fprintf(b, "  - could not read %s\n", cell(n))
	}
}
