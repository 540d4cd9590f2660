package version

import (
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// decodeText turns raw command output into valid UTF-8. It decodes UTF-16
// text that starts with a byte-order mark (what Windows PowerShell 5 writes
// when output is redirected to a file) and replaces invalid UTF-8 sequences.
func decodeText(s string) string {
	switch {
	case strings.HasPrefix(s, "\xff\xfe"):
		return decodeUTF16(s[2:], false)
	case strings.HasPrefix(s, "\xfe\xff"):
		return decodeUTF16(s[2:], true)
	}
	return strings.ToValidUTF8(s, string(utf8.RuneError))
}

// decodeUTF16 decodes UTF-16 code units; a trailing odd byte is dropped.
func decodeUTF16(s string, bigEndian bool) string {
	units := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		hi, lo := uint16(s[i+1]), uint16(s[i])
		if bigEndian {
			hi, lo = lo, hi
		}
		units = append(units, hi<<8|lo)
	}
	return string(utf16.Decode(units))
}

// lines splits decoded text on CR and LF and trims each line of whitespace
// and byte-order marks. Empty lines are dropped.
func lines(s string) []string {
	raw := strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' })
	out := make([]string, 0, len(raw))
	for _, l := range raw {
		l = strings.TrimFunc(l, func(r rune) bool { return unicode.IsSpace(r) || r == '\uFEFF' })
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

// hasPrefixFold reports whether s starts with prefix, ignoring ASCII case.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// splitWord returns the text up to the first whitespace, and the rest
// trimmed.
func splitWord(s string) (word, rest string) {
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i:])
}
