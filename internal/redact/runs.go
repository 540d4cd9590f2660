package redact

// span is the half-open byte range [start, end).
type span struct{ start, end int }

// scanRuns returns the maximal runs of bytes accepted by in. Escape
// sequences (%XX, \uXXXX, \x) separate runs and are never part of one, so
// "\nAKIA..." in a JSON string or "%3DAKIA..." in a URL yields a run that
// starts at the 'A'.
func scanRuns(s string, in func(byte) bool) []span {
	var out []span
	start := -1
	flush := func(i int) {
		if start >= 0 {
			out = append(out, span{start, i})
			start = -1
		}
	}
	for i := 0; i < len(s); {
		if n := runEscapeLen(s, i); n > 0 {
			flush(i)
			i += n
			continue
		}
		if in(s[i]) {
			if start < 0 {
				start = i
			}
		} else {
			flush(i)
		}
		i++
	}
	flush(len(s))
	return out
}

// runEscapeLen is the length of a %XX, \uXXXX or \x sequence at s[i], or 0.
func runEscapeLen(s string, i int) int {
	switch s[i] {
	case '%':
		if i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			return 3
		}
	case '\\':
		if i+5 < len(s) && s[i+1] == 'u' && isHex(s[i+2]) && isHex(s[i+3]) && isHex(s[i+4]) && isHex(s[i+5]) {
			return 6
		}
		if i+1 < len(s) {
			return 2
		}
	}
	return 0
}
