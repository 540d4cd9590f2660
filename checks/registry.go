package checks

import (
	"fmt"
	"sort"
	"strings"
)

// All returns every check, in the order reports list them.
func All() []Check {
	return []Check{
		NewGit(),
		NewAWSCLI(),
		NewRemote(),
		NewCredentialHelper(),
		NewKeychain(),
		NewRegion(),
		NewCredentials(),
		NewPermissions(),
		NewKMS(),
		NewClock(),
		NewReproduce(),
	}
}

// Select narrows the checks to --only (when non-empty) minus --skip. Unknown
// ids are an error listing the valid ones. Prerequisites of selected checks
// (and `remote` for checks that need a target) are added unless --skip
// names them.
func Select(all []Check, only, skip []string) ([]Check, error) {
	byID := make(map[string]Check, len(all))
	var ids []string
	for _, c := range all {
		id := c.Info().ID
		byID[id] = c
		ids = append(ids, id)
	}
	var unknown []string
	for _, id := range append(append([]string{}, only...), skip...) {
		if _, ok := byID[id]; !ok {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, fmt.Errorf("unknown check id %s; valid ids: %s",
			strings.Join(quoteAll(unknown), ", "), strings.Join(ids, ", "))
	}
	want := map[string]bool{}
	if len(only) == 0 {
		for _, id := range ids {
			want[id] = true
		}
	}
	for _, id := range only {
		want[id] = true
	}
	skipped := map[string]bool{}
	for _, id := range skip {
		delete(want, id)
		skipped[id] = true
	}
	// Add prerequisites until nothing changes (the graph is small); an
	// explicit --skip wins, and the dependent check then runs without it.
	for changed := true; changed; {
		changed = false
		for id := range want {
			info := byID[id].Info()
			needed := info.Prerequisites
			if info.Needs.Target {
				needed = append(append([]string{}, needed...), "remote")
			}
			for _, p := range needed {
				if _, known := byID[p]; !known {
					continue
				}
				if !want[p] && !skipped[p] {
					want[p] = true
					changed = true
				}
			}
		}
	}
	var out []Check
	for _, c := range all {
		if want[c.Info().ID] {
			out = append(out, c)
		}
	}
	return out, nil
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}
