package policy

import "fmt"

// Evaluate decides req against identity-based policies and an optional
// permissions boundary (nil or empty: no boundary), following AWS's logic
// for a principal in its own account: an explicit Deny in any document
// wins; otherwise the request is allowed only if an identity statement
// allows it and, when a boundary is given, a boundary statement allows it
// too; otherwise it is implicitly denied. Statements that might apply but
// cannot be decided locally make the result Unknown whenever they could
// change it. Session policies, SCPs, resource policies and VPC endpoint
// policies are not seen here; callers must say so.
func Evaluate(req Request, identity []*Document, boundary []*Document) Evaluation {
	ctx := newContext(req.Context)
	idm := matchDocs(identity, false, []string{req.Action}, req.Resource, ctx, false)
	hasBoundary := false
	for _, d := range boundary {
		hasBoundary = hasBoundary || d != nil
	}
	var bm []Match
	if hasBoundary {
		bm = matchDocs(boundary, true, []string{req.Action}, req.Resource, ctx, false)
	}
	ev := Evaluation{Matched: append(append([]Match(nil), idm...), bm...)}
	target := describeTarget(req)

	var denies, maybeDenies []Match
	for _, m := range ev.Matched {
		switch {
		case m.Effect != "Deny":
		case m.Certain:
			denies = append(denies, m)
		default:
			maybeDenies = append(maybeDenies, m)
		}
	}
	if len(denies) > 0 {
		ev.Decision = ExplicitDeny
		for _, m := range denies {
			ev.Reasons = append(ev.Reasons, "explicit deny: "+m.String())
		}
		return ev
	}

	idAllow, idSure, idMaybe := allowState(idm)
	bAllow, bSure, bMaybe := yes, []Match(nil), []Match(nil)
	if hasBoundary {
		bAllow, bSure, bMaybe = allowState(bm)
	}
	allowed := allOf([]outcome{{t: idAllow}, {t: bAllow}}).t

	switch {
	case allowed == no:
		ev.Decision = ImplicitDeny
		if idAllow == no {
			ev.Reasons = append(ev.Reasons, fmt.Sprintf("implicit deny: no identity policy statement allows %s", target))
		} else {
			would := "would"
			if idAllow == maybe {
				would = "might"
			}
			ev.Reasons = append(ev.Reasons, fmt.Sprintf("implicit deny: the permissions boundary does not allow %s (identity policies alone %s allow it)", target, would))
		}
		for _, m := range maybeDenies {
			ev.Reasons = append(ev.Reasons, "it might also be explicitly denied: "+m.String())
		}
	case allowed == yes && len(maybeDenies) == 0:
		ev.Decision = Allow
		ev.Reasons = append(ev.Reasons, "allowed: "+idSure[0].String())
		if hasBoundary {
			ev.Reasons = append(ev.Reasons, "within the permissions boundary: "+bSure[0].String())
		}
	default:
		ev.Decision = Unknown
		for _, m := range maybeDenies {
			ev.Reasons = append(ev.Reasons, "possible explicit deny: "+m.String())
		}
		if idAllow == maybe {
			ev.Reasons = append(ev.Reasons, fmt.Sprintf("no identity policy statement definitely allows %s", target))
			for _, m := range idMaybe {
				ev.Reasons = append(ev.Reasons, "possible allow: "+m.String())
			}
		} else {
			ev.Reasons = append(ev.Reasons, "allowed: "+idSure[0].String())
		}
		if hasBoundary && bAllow == maybe {
			ev.Reasons = append(ev.Reasons, fmt.Sprintf("no permissions boundary statement definitely allows %s", target))
			for _, m := range bMaybe {
				ev.Reasons = append(ev.Reasons, "possible allow: "+m.String())
			}
		} else if hasBoundary {
			ev.Reasons = append(ev.Reasons, "within the permissions boundary: "+bSure[0].String())
		}
	}
	return ev
}

// allowState summarises the Allow matches of one policy set.
func allowState(ms []Match) (t tri, sure, possible []Match) {
	for _, m := range ms {
		if m.Effect != "Allow" {
			continue
		}
		if m.Certain {
			sure = append(sure, m)
		} else {
			possible = append(possible, m)
		}
	}
	switch {
	case len(sure) > 0:
		return yes, sure, possible
	case len(possible) > 0:
		return maybe, sure, possible
	default:
		return no, sure, possible
	}
}

func describeTarget(req Request) string {
	if req.Resource == "" {
		return req.Action + " on an unknown resource"
	}
	return req.Action + " on " + req.Resource
}

// matchDocs lists, in document, statement and action order, the statements
// that cover each action for certain or possibly. denyOnly skips Allow
// statements.
func matchDocs(docs []*Document, boundary bool, actions []string, resource string, ctx reqContext, denyOnly bool) []Match {
	var out []Match
	for _, d := range docs {
		if d == nil {
			continue
		}
		r := resolver{ctx: ctx, vars: d.variablesEnabled()}
		for i := range d.statements {
			s := &d.statements[i]
			if denyOnly && !s.deny {
				continue
			}
			for _, a := range actions {
				o, detail := s.applies(a, resource, r)
				if o.t == no {
					continue
				}
				m := Match{StatementRef: d.ref(s, boundary), Action: a, Certain: o.t == yes, Detail: detail}
				if o.t == maybe {
					m.Reasons = o.reasons
				}
				out = append(out, m)
			}
		}
	}
	return out
}
