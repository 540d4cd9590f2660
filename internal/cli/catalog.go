package cli

import (
	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/all"
)

// The few places the command line reaches into the checks package for the
// catalogue of checks live here, so a change to that package's API is met
// in one file.

// checkInfos describes every check, in report order.
func checkInfos() []checks.Info {
	list := checks.Reported(all.Checks())
	out := make([]checks.Info, 0, len(list))
	for _, c := range list {
		out = append(out, c.Info())
	}
	return out
}

// checkIDs lists every check id, in report order.
func checkIDs() []string {
	var ids []string
	for _, i := range checkInfos() {
		ids = append(ids, i.ID)
	}
	return ids
}

// selectChecks applies --only and --skip (required checks and hidden fact
// providers added).
func selectChecks(only, skip []string) ([]checks.Check, error) {
	return checks.Select(all.Checks(), only, skip)
}
