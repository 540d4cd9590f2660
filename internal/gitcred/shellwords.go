package gitcred

import (
	"errors"
	"strings"
)

// errUnbalancedQuotes is returned for a quote that is never closed.
var errUnbalancedQuotes = errors.New("a quote is never closed")

// shellWords splits a command the way sh would before running it, enough
// to read a credential helper: whitespace separates words, single quotes
// keep everything, double quotes keep everything but \$ \` \" \\ and
// \newline, a backslash outside quotes escapes the next character.
// Variables are not expanded ("$@" stays "$@"). Control operators
// and redirections (; & | ( ) < >) outside quotes become words of their
// own and set complex, as do the reserved words { and }.
func shellWords(s string) (words []string, complex bool, err error) {
	var cur strings.Builder
	inWord := false
	flush := func() {
		if inWord {
			words = append(words, cur.String())
			cur.Reset()
			inWord = false
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n':
			flush()
		case c == '\'':
			end := strings.IndexByte(s[i+1:], '\'')
			if end < 0 {
				return words, complex, errUnbalancedQuotes
			}
			cur.WriteString(s[i+1 : i+1+end])
			inWord = true
			i += end + 1
		case c == '"':
			j, ok := readDoubleQuoted(s, i+1, &cur)
			if !ok {
				return words, complex, errUnbalancedQuotes
			}
			inWord = true
			i = j
		case c == '\\':
			if i+1 < len(s) {
				if s[i+1] != '\n' {
					cur.WriteByte(s[i+1])
					inWord = true
				}
				i++
			}
		case c == '#' && !inWord:
			flush()
			return words, complex, nil // a comment runs to the end
		case strings.IndexByte(";&|()<>", c) >= 0:
			flush()
			words = append(words, string(c))
			complex = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	flush()
	for _, w := range words {
		if w == "{" || w == "}" {
			complex = true
		}
	}
	return words, complex, nil
}

// readDoubleQuoted reads a double-quoted string from s[i:] (after the
// opening quote) into b and returns the index of the closing quote.
func readDoubleQuoted(s string, i int, b *strings.Builder) (int, bool) {
	for ; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			return i, true
		case '\\':
			if i+1 < len(s) && strings.IndexByte("$`\"\\\n", s[i+1]) >= 0 {
				if s[i+1] != '\n' {
					b.WriteByte(s[i+1])
				}
				i++
				continue
			}
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return i, false
}

// shellQuoteWord quotes a word for sh when it needs it, with double quotes
// (the form AWS documents for profile names with spaces).
func shellQuoteWord(w string) string {
	if w != "" && spanOf(w, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_./:=@%+,") == len(w) {
		return w
	}
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(w); i++ {
		if strings.IndexByte("$`\"\\", w[i]) >= 0 && !(w[i] == '\\' && i+1 < len(w) && strings.IndexByte("$`\"\\\n", w[i+1]) < 0) {
			b.WriteByte('\\')
		}
		b.WriteByte(w[i])
	}
	b.WriteByte('"')
	return b.String()
}
