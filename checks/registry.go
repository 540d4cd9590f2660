package checks

import (
	"fmt"
	"sort"
	"strings"
)

// Select narrows the checks to --only (when non-empty) minus --skip. Unknown
// ids are an error listing the valid ones, and so is a selection that leaves
// no check to run. The producers a selected check requires (and `remote`
// for checks that need or read the target) are added unless --skip names
// them; hidden fact providers are added whenever a selected check reads
// their facts.
func Select(all []Check, only, skip []string) ([]Check, error) {
	if err := Validate(all); err != nil {
		return nil, fmt.Errorf("invalid set of checks: %w", err)
	}
	byID := make(map[string]Check, len(all))
	var ids []string
	for _, c := range all {
		info := c.Info()
		byID[info.ID] = c
		if !info.Hidden {
			ids = append(ids, info.ID)
		}
	}
	var unknown []string
	for _, id := range append(append([]string{}, only...), skip...) {
		if c, ok := byID[id]; !ok || c.Info().Hidden {
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
	if len(want) == 0 {
		return nil, fmt.Errorf("the selection (--only %s --skip %s) leaves no check to run",
			strings.Join(only, ","), strings.Join(skip, ","))
	}
	// Add what the selected checks wait for until nothing changes (the
	// graph is small); an explicit --skip wins, and the dependent check
	// then runs without it.
	for changed := true; changed; {
		changed = false
		for id := range want {
			info := byID[id].Info()
			var needed []string
			// A hidden provider's Requires only gate it: it runs, or is
			// skipped, with what the selected checks brought in.
			if !info.Hidden {
				for _, k := range info.Requires {
					needed = append(needed, k.Producer())
				}
			}
			for _, k := range info.After {
				// Hidden providers, and the target: a check that reads
				// the target diagnoses the repository, so the repository
				// is found whenever it runs.
				if p, ok := byID[k.Producer()]; ok && (p.Info().Hidden || k.Producer() == TargetID) {
					needed = append(needed, k.Producer())
				}
			}
			if info.Needs.Target {
				needed = append(needed, TargetID)
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
