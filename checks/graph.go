package checks

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Validate checks the graph of checks before anything runs: unique ids, a
// title and description for every reported check, every key a check reads
// given by its producer, no cycle, and every check that needs a target
// waiting for it. The runner refuses an invalid list, so a mistake in the
// graph is a clear error, never a deadlock or a fact silently absent.
func Validate(list []Check) error { return validate(list, true) }

// validateSelection is Validate for a selection from a valid registry:
// facts of producers left out (--skip, --only) are simply absent.
func validateSelection(list []Check) error { return validate(list, false) }

func validate(list []Check, complete bool) error {
	var errs []error
	infos := make(map[string]Info, len(list))
	var order []string
	for _, c := range list {
		info := c.Info()
		switch {
		case info.ID == "":
			errs = append(errs, fmt.Errorf("a check has no id"))
			continue
		case infos[info.ID].ID != "":
			errs = append(errs, fmt.Errorf("check id %q is used twice", info.ID))
			continue
		}
		infos[info.ID] = info
		order = append(order, info.ID)
	}
	gives := map[KeyRef]bool{}
	for _, id := range order {
		info := infos[id]
		if !info.Hidden && (strings.TrimSpace(info.Title) == "" || strings.TrimSpace(info.Description) == "") {
			errs = append(errs, fmt.Errorf("check %q has no title or no description", id))
		}
		for _, k := range info.Gives {
			if k.Producer() != id {
				errs = append(errs, fmt.Errorf("check %q gives %s, a key declared for %q", id, k.Name(), k.Producer()))
			}
			gives[k] = true
		}
		seen := map[string]bool{}
		for _, f := range info.Findings {
			if seen[f.Code] {
				errs = append(errs, fmt.Errorf("check %q documents finding %q twice", id, f.Code))
			}
			seen[f.Code] = true
		}
	}
	for _, id := range order {
		info := infos[id]
		for _, k := range append(append([]KeyRef{}, info.Requires...), info.After...) {
			p, ok := infos[k.Producer()]
			switch {
			case !ok && !complete:
			case !ok:
				errs = append(errs, fmt.Errorf("check %q reads %s, but no check %q is registered", id, k.Name(), k.Producer()))
			case !gives[k]:
				errs = append(errs, fmt.Errorf("check %q reads %s, which %q does not list in Gives", id, k.Name(), p.ID))
			case k.Producer() == id:
				errs = append(errs, fmt.Errorf("check %q reads its own fact %s", id, k.Name()))
			}
		}
		if info.Needs.Target && id != TargetID && !waitsFor(info, TargetID) {
			errs = append(errs, fmt.Errorf("check %q needs a target but does not list checks.TargetKey in Requires or After", id))
		}
	}
	if cycle := findCycle(order, infos); cycle != nil {
		errs = append(errs, fmt.Errorf("the checks wait for each other in a cycle: %s", strings.Join(cycle, " → ")))
	}
	return errors.Join(errs...)
}

func waitsFor(info Info, id string) bool {
	return slices.Contains(info.Waits(), id)
}

// findCycle returns one cycle among the registered checks (first and last
// element equal), or nil.
func findCycle(order []string, infos map[string]Info) []string {
	const (
		unseen = iota
		active
		done
	)
	state := map[string]int{}
	var stack []string
	var visit func(id string) []string
	visit = func(id string) []string {
		state[id] = active
		stack = append(stack, id)
		for _, p := range infos[id].Waits() {
			if _, ok := infos[p]; !ok {
				continue
			}
			switch state[p] {
			case active:
				for i, s := range stack {
					if s == p {
						return append(append([]string{}, stack[i:]...), p)
					}
				}
			case unseen:
				if c := visit(p); c != nil {
					return c
				}
			}
		}
		stack = stack[:len(stack)-1]
		state[id] = done
		return nil
	}
	for _, id := range order {
		if state[id] == unseen {
			if c := visit(id); c != nil {
				return c
			}
		}
	}
	return nil
}
