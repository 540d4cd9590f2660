package policy

import (
	"fmt"
	"strings"
)

// condition is one operator/key pair of a Condition block with the policy
// values, already rendered as strings.
type condition struct {
	op     string
	key    string
	values []string
}

// evalConditions ANDs every operator/key pair of a statement.
func evalConditions(conds []condition, r resolver) outcome {
	os := make([]outcome, 0, len(conds))
	for _, c := range conds {
		o := c.eval(r)
		if o.t == no {
			return o
		}
		os = append(os, o)
	}
	return allOf(os)
}

func (c condition) eval(r resolver) outcome {
	spec := parseOperator(c.op)
	if spec.family == famUnrecognised {
		return undecided(fmt.Sprintf("condition operator %s is not supported locally", c.op))
	}
	vals, known := r.ctx.lookup(c.key)
	if spec.family == famNull {
		return c.evalNull(vals, known)
	}
	if !known {
		return undecided(fmt.Sprintf("condition key %s is not known locally (%s)", c.key, c.op))
	}
	if len(vals) == 0 {
		// The key is known to be absent from the request: AWS's missing-key rules.
		switch {
		case spec.ifExists, spec.set == setAllValues:
			return outcome{t: yes}
		case spec.set == setAnyValue:
			return outcome{t: no}
		default:
			return decided(spec.negated)
		}
	}
	if spec.family == famNotEvaluated {
		return undecided(fmt.Sprintf("condition operator %s on %s is not evaluated locally", c.op, c.key))
	}
	pats := make([]pattern, len(c.values))
	states := make([]outcome, len(c.values))
	for i, v := range c.values {
		pats[i], states[i] = r.compile(v, spec.like)
		if states[i].t == no {
			return states[i] // an unresolvable variable: the statement does not apply
		}
	}
	// matchOne ORs the policy values against one context value.
	matchOne := func(cv string) outcome {
		os := make([]outcome, len(pats))
		for i, p := range pats {
			if states[i].t == maybe {
				os[i] = states[i]
				continue
			}
			os[i] = decided(compareValue(spec, p, cv))
		}
		o := anyOf(os)
		if spec.negated {
			return o.not()
		}
		return o
	}
	per := make([]outcome, len(vals))
	for i, cv := range vals {
		per[i] = matchOne(cv)
	}
	switch {
	case spec.set == setAllValues:
		return allOf(per)
	case spec.set == setAnyValue || !spec.negated:
		return anyOf(per)
	default:
		// A negated operator without a set qualifier: no context value may
		// match any policy value.
		return allOf(per)
	}
}

// evalNull implements Null: "true" requires the key to be absent, "false"
// requires it to be present.
func (c condition) evalNull(vals []string, known bool) outcome {
	if !known {
		return undecided(fmt.Sprintf("condition key %s is not known locally (Null checks whether it is present)", c.key))
	}
	absent := len(vals) == 0
	os := make([]outcome, len(c.values))
	for i, v := range c.values {
		switch strings.ToLower(v) {
		case "true":
			os[i] = decided(absent)
		case "false":
			os[i] = decided(!absent)
		default:
			os[i] = decided(false)
		}
	}
	return anyOf(os)
}

// compareValue compares one context value with one policy value.
func compareValue(spec opSpec, p pattern, cv string) bool {
	switch spec.family {
	case famARN:
		return matchARN(p, cv)
	case famBool:
		return strings.EqualFold(p.text(), cv)
	}
	switch {
	case spec.like:
		return p.match(cv)
	case spec.fold:
		return strings.EqualFold(p.text(), cv)
	default:
		return p.text() == cv
	}
}
