package policy

import (
	"fmt"
	"strings"
)

// resolver expands policy variables (${aws:username}, ${aws:PrincipalTag/x,
// 'default'}, and the escapes ${*} ${?} ${$}) in Resource elements and
// condition values. AWS only interprets variables in documents with Version
// 2012-10-17; in older documents they are literal text.
type resolver struct {
	ctx  reqContext
	vars bool
}

// compile turns s into a pattern, with '*' and '?' as wildcards when
// wildcards is true. The outcome is yes when every variable was resolved,
// maybe when one is not known locally, and no when one can never be resolved
// (AWS then treats the statement as not applying).
func (r resolver) compile(s string, wildcards bool) (pattern, outcome) {
	var p pattern
	add := func(chunk string) {
		if wildcards {
			for _, c := range chunk {
				p = append(p, wildElem(c))
			}
			return
		}
		p = appendLiteral(p, chunk)
	}
	res := outcome{t: yes}
	rest := s
	for {
		i := strings.Index(rest, "${")
		if !r.vars || i < 0 {
			add(rest)
			return p, res
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			add(rest)
			return p, res
		}
		add(rest[:i])
		inner := rest[i+2 : i+j]
		value, o := r.variable(inner)
		switch o.t {
		case yes:
			p = appendLiteral(p, value)
		case maybe:
			res = allOf([]outcome{res, o})
			p = appendLiteral(p, "${"+inner+"}")
		case no:
			return p, o
		}
		rest = rest[i+j+1:]
	}
}

// variable resolves the text between "${" and "}".
func (r resolver) variable(inner string) (string, outcome) {
	switch inner {
	case "*", "?", "$":
		return inner, outcome{t: yes}
	}
	key, def, hasDefault := strings.Cut(inner, ",")
	key = strings.TrimSpace(key)
	if hasDefault {
		def = strings.TrimSpace(def)
		if len(def) < 2 || def[0] != '\'' || def[len(def)-1] != '\'' {
			// Not a valid default clause; AWS rejects such policies.
			return "", outcome{t: no, reasons: []string{fmt.Sprintf("policy variable ${%s} is malformed", inner)}}
		}
		def = def[1 : len(def)-1]
	}
	vals, known := r.ctx.lookup(key)
	switch {
	case !known:
		return "", undecided(fmt.Sprintf("policy variable ${%s} is not known locally", key))
	case len(vals) == 1:
		return vals[0], outcome{t: yes}
	case len(vals) == 0 && hasDefault:
		return def, outcome{t: yes}
	case len(vals) == 0:
		return "", outcome{t: no, reasons: []string{fmt.Sprintf("policy variable ${%s} has no value in the request", key)}}
	default:
		return "", outcome{t: no, reasons: []string{fmt.Sprintf("policy variable ${%s} is multivalued and cannot be substituted", key)}}
	}
}
