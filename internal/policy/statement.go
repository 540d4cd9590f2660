package policy

import (
	"fmt"
	"slices"
	"strings"
)

// applies decides whether the statement covers action on resource in the
// resolver's context. detail says how the Action/NotAction element covers
// the action (set whenever the action is covered).
func (s *statement) applies(action, resource string, r resolver) (o outcome, detail string) {
	covered, detail := s.coversAction(action)
	if !covered {
		return outcome{t: no}, ""
	}
	res := s.coversResource(resource, r)
	if res.t == no {
		return res, detail
	}
	parts := []outcome{res}
	if s.principal != "" {
		parts = append(parts, undecided(fmt.Sprintf("statement has %s; principals are not evaluated locally", s.principal)))
	}
	cond := evalConditions(s.conditions, r)
	if cond.t == no {
		return cond, detail
	}
	parts = append(parts, cond)
	return allOf(parts), detail
}

// coversAction matches IAM action patterns case-insensitively.
func (s *statement) coversAction(action string) (bool, string) {
	for _, p := range s.actions {
		if globMatchFold(p, action) {
			if s.notAction {
				return false, ""
			}
			return true, fmt.Sprintf("Action %q matches %s", p, action)
		}
	}
	if s.notAction {
		return true, fmt.Sprintf("NotAction [%s] does not exclude %s", strings.Join(s.actions, ", "), action)
	}
	return false, ""
}

// coversResource matches Resource / NotResource case-sensitively. An empty
// resource means the resource ARN is not known locally: only "*" (or an
// implied resource) is then decidable.
func (s *statement) coversResource(resource string, r resolver) outcome {
	if s.anyResource {
		return outcome{t: yes}
	}
	if resource == "" {
		if !s.notResource {
			if slices.Contains(s.resources, "*") {
				return outcome{t: yes}
			}
		}
		return undecided("the resource ARN is not known locally")
	}
	os := make([]outcome, len(s.resources))
	for i, p := range s.resources {
		pat, st := r.compile(p, true)
		switch st.t {
		case no:
			return st // unresolvable variable: the statement does not apply
		case maybe:
			os[i] = st
		default:
			os[i] = decided(pat.match(resource))
		}
	}
	o := anyOf(os)
	if s.notResource {
		return o.not()
	}
	return o
}
