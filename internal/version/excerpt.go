package version

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
)

// excerptMax is the longest excerpt of offending text quoted in an error.
const excerptMax = 80

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
	r := []rune(s)
	if len(r) > excerptMax {
		head := excerptMax / 2
		tail := excerptMax - head - 1
		s = string(r[:head]) + "…" + string(r[len(r)-tail:])
	}
	return strconv.Quote(s)
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
