package redact

// Escape sequences of the output formats: JSON (\x, \uXXXX), XML and HTML
// entities (&name;, &#NN;, &#xHH;) and URL percent escapes (%XX). A
// replacement must never cut one in half, or the document stops being valid
// (a JSON string ending in a lone backslash, a bare '&' in XML).

// maxEscapeLen is the longest escape sequence escapeLenAt recognises.
const maxEscapeLen = 34

// escapeLenAt returns the length of the escape sequence starting at s[i],
// or 0 when none starts there.
func escapeLenAt(s string, i int) int {
	switch s[i] {
	case '\\':
		if i+1 >= len(s) || !openingBackslash(s, i) {
			return 0
		}
		if s[i+1] == 'u' && i+5 < len(s) && isHex(s[i+2]) && isHex(s[i+3]) && isHex(s[i+4]) && isHex(s[i+5]) {
			return 6
		}
		return 2
	case '%':
		if i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			return 3
		}
	case '&':
		return entityLen(s, i)
	}
	return 0
}

// openingBackslash reports whether the backslash at s[i] starts an escape,
// that is, it is preceded by an even number of backslashes.
func openingBackslash(s string, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && s[j] == '\\'; j-- {
		n++
	}
	return n%2 == 0
}

// entityLen returns the length of the XML/HTML character or entity
// reference starting at s[i] ('&'), or 0.
func entityLen(s string, i int) int {
	j := i + 1
	switch {
	case j+1 < len(s) && s[j] == '#' && (s[j+1] == 'x' || s[j+1] == 'X'):
		j += 2
		start := j
		for j < len(s) && j-start < 8 && isHex(s[j]) {
			j++
		}
		if j == start {
			return 0
		}
	case j < len(s) && s[j] == '#':
		j++
		start := j
		for j < len(s) && j-start < 8 && isDigit(s[j]) {
			j++
		}
		if j == start {
			return 0
		}
	case j < len(s) && (isUpper(s[j]) || isLower(s[j])):
		for j < len(s) && j-i < maxEscapeLen-1 && (isUpper(s[j]) || isLower(s[j]) || isDigit(s[j])) {
			j++
		}
	default:
		return 0
	}
	if j < len(s) && s[j] == ';' {
		return j + 1 - i
	}
	return 0
}

// escapeAround returns the escape sequence that strictly contains position
// p (starts before p and ends after it), if any.
func escapeAround(s string, p int) (start, end int, ok bool) {
	for q := p - 1; q >= 0 && p-q < maxEscapeLen; q-- {
		if n := escapeLenAt(s, q); n > 0 && q+n > p {
			return q, q + n, true
		}
	}
	return 0, 0, false
}

// widen grows [start, end) so that neither end cuts an escape sequence.
func widen(s string, start, end int) (int, int) {
	if a, _, ok := escapeAround(s, start); ok {
		start = a
	}
	if _, b, ok := escapeAround(s, end); ok && b > end {
		end = b
	}
	return start, end
}
