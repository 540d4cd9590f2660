package bundle

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
)

// ReproduceID is the id of the check whose trace the bundle includes.
const ReproduceID = "reproduce"

// ReproduceText renders what the reproduce check recorded of its run: its
// status, summary and findings, and its evidence (the traced git ls-remote,
// already redacted by the check: helpers run, who answered, the HTTP
// exchanges and curl's notable lines, and the doctor's own signed request).
func ReproduceText(outcomes []checks.Outcome) string {
	for _, o := range outcomes {
		if o.Info.ID != ReproduceID {
			continue
		}
		var b strings.Builder
		fmt.Fprintf(&b, "# The reproduce check's run (git ls-remote with GIT_TRACE_CURL, redacted by the check)\n\nstatus: %s\nsummary: %s\n", o.Result.Status, o.Result.Summary)
		for _, f := range o.Result.Findings {
			fmt.Fprintf(&b, "finding: [%s] %s\n", f.Code, f.Message)
		}
		if len(o.Result.Evidence) == 0 {
			b.WriteString("\n(no trace: the check recorded no evidence)\n")
			return b.String()
		}
		ev, err := json.MarshalIndent(o.Result.Evidence, "", "  ")
		if err != nil {
			fmt.Fprintf(&b, "\n(the evidence could not be written: %v)\n", err)
			return b.String()
		}
		fmt.Fprintf(&b, "\nevidence:\n%s\n", ev)
		return b.String()
	}
	return "# The reproduce check did not run in this diagnosis (deselected with --only/--skip).\n"
}
