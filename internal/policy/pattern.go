package policy

import "strings"

type elemKind uint8

const (
	litElem  elemKind = iota // one literal rune
	starElem                 // '*': any run of runes, possibly empty
	oneElem                  // '?': exactly one rune
)

type patElem struct {
	kind elemKind
	r    rune
}

// pattern is a compiled IAM wildcard pattern. Literal '*' and '?' (from the
// ${*} and ${?} policy variables, or from substituted values) are litElems,
// so they never act as wildcards.
type pattern []patElem

// globPattern compiles s with '*' and '?' as wildcards.
func globPattern(s string) pattern {
	p := make(pattern, 0, len(s))
	for _, r := range s {
		p = append(p, wildElem(r))
	}
	return p
}

func wildElem(r rune) patElem {
	switch r {
	case '*':
		return patElem{kind: starElem, r: r}
	case '?':
		return patElem{kind: oneElem, r: r}
	default:
		return patElem{kind: litElem, r: r}
	}
}

func appendLiteral(p pattern, s string) pattern {
	for _, r := range s {
		p = append(p, patElem{kind: litElem, r: r})
	}
	return p
}

// text renders the pattern back to a string: the value used by operators that
// do not support wildcards (StringEquals, Bool).
func (p pattern) text() string {
	var b strings.Builder
	for _, e := range p {
		b.WriteRune(e.r)
	}
	return b.String()
}

// match reports whether s matches the whole pattern (linear-time greedy
// matching with single backtrack point, correct for '*' and '?').
func (p pattern) match(s string) bool {
	rs := []rune(s)
	pi, si := 0, 0
	starP, starS := -1, 0
	for si < len(rs) {
		if pi < len(p) {
			e := p[pi]
			if e.kind == oneElem || (e.kind == litElem && e.r == rs[si]) {
				pi++
				si++
				continue
			}
			if e.kind == starElem {
				starP, starS = pi, si
				pi++
				continue
			}
		}
		if starP < 0 {
			return false
		}
		starS++
		pi, si = starP+1, starS
	}
	for pi < len(p) && p[pi].kind == starElem {
		pi++
	}
	return pi == len(p)
}

// splitN splits the pattern at literal sep runes into at most n parts, like
// strings.SplitN.
func (p pattern) splitN(sep rune, n int) []pattern {
	var parts []pattern
	start := 0
	for i, e := range p {
		if len(parts) == n-1 {
			break
		}
		if e.kind == litElem && e.r == sep {
			parts = append(parts, p[start:i])
			start = i + 1
		}
	}
	return append(parts, p[start:])
}

// globMatchFold matches an action name against an action pattern,
// case-insensitively (IAM action names are case-insensitive).
func globMatchFold(pat, s string) bool {
	return globPattern(strings.ToLower(pat)).match(strings.ToLower(s))
}
