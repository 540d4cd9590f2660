package redact

import "strings"

// edit replaces s[start:end] with repl.
type edit struct {
	start, end int
	repl       string
}

// applyEdits applies edits, which must be sorted by start and must not
// overlap.
func applyEdits(s string, edits []edit) string {
	if len(edits) == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for _, e := range edits {
		b.WriteString(s[last:e.start])
		b.WriteString(e.repl)
		last = e.end
	}
	b.WriteString(s[last:])
	return b.String()
}

// allStars reports whether v is non-empty and made only of '*', that is,
// already redacted.
func allStars(v string) bool {
	return v != "" && strings.Trim(v, "*") == ""
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }

func isLower(c byte) bool { return 'a' <= c && c <= 'z' }
