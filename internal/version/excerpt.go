package version

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// excerptMax is the most runes of offending text an excerpt keeps, and
// excerptMaxBytes the most bytes of the quoted excerpt: quoting writes a
// rune that is not printable as an escape of up to ten bytes (\U0010ffff),
// so the bound is applied to the quoted text, not to the runes before it.
const (
	excerptMax      = 80
	excerptMaxBytes = 120
)

// ansiEscape matches terminal escape sequences (CSI and OSC), removed from
// excerpts whole rather than leaving their printable tails behind.
var ansiEscape = regexp.MustCompile(`\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)`)

// excerpt renders text for an error message: control and formatting
// characters and terminal escape sequences are removed, lines are joined with " | ", and text longer than
// excerptMax runes keeps its beginning and its end (where a traceback's
// actual error usually is) around an ellipsis. The result is quoted.
func excerpt(text string) string {
	parts := lines(ansiEscape.ReplaceAllString(decodeText(text), ""))
	for i, p := range parts {
		parts[i] = strings.Join(strings.Fields(stripControl(p)), " ")
	}
	s := strings.Join(parts, " | ")
	if s == "" {
		return "empty output"
	}
	return quoteBounded(s, excerptMax, excerptMaxBytes)
}

// quoteBounded quotes s like strconv.Quote. When s has more than maxRunes
// runes or its quoted form more than maxBytes bytes, it keeps a beginning
// and an end around an ellipsis, each within half of both budgets, so that
// the result, quotes included, is never longer than maxBytes+5 bytes.
func quoteBounded(s string, maxRunes, maxBytes int) string {
	full := strconv.Quote(s)
	r := []rune(s)
	if len(r) <= maxRunes && len(full) <= maxBytes {
		return full
	}
	headRunes := maxRunes / 2
	tailRunes := maxRunes - headRunes - 1
	headBytes := maxBytes / 2
	tailBytes := maxBytes - headBytes
	var head, tail []string
	n := 0
	for i := 0; i < len(r) && i < headRunes; i++ {
		q := quotedRune(r[i])
		if n+len(q) > headBytes {
			break
		}
		head = append(head, q)
		n += len(q)
	}
	n = 0
	for i := len(r) - 1; i >= len(head) && len(tail) < tailRunes; i-- {
		q := quotedRune(r[i])
		if n+len(q) > tailBytes {
			break
		}
		tail = append(tail, q)
		n += len(q)
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, q := range head {
		b.WriteString(q)
	}
	b.WriteString("…")
	for i := len(tail) - 1; i >= 0; i-- {
		b.WriteString(tail[i])
	}
	b.WriteByte('"')
	return b.String()
}

// quotedRune is r as strconv.Quote writes it inside the quotes.
func quotedRune(r rune) string {
	q := strconv.Quote(string(r))
	return q[1 : len(q)-1]
}

// stripControl drops control characters (C0, C1, DEL) and Unicode format
// characters (bidi overrides, zero-width joiners, byte-order marks); tabs
// become spaces.
func stripControl(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t':
			return ' '
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			return -1
		}
		return r
	}, s)
}
