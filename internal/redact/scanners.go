package redact

import "strings"

// Value scanners for contextRule: each returns the end of the value that
// starts at s[i]. None stops inside an escape sequence.

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

func isByteIn(c byte, set string) bool { return strings.IndexByte(set, c) >= 0 }

// scanWhile returns a scanner that accepts bytes while ok holds.
func scanWhile(ok func(c byte) bool) func(s string, i int) int {
	return func(s string, i int) int {
		for i < len(s) && ok(s[i]) {
			i++
		}
		return i
	}
}

// scanToken accepts a key, token or signature: anything up to white space,
// a quote, '<', '>', '&', ',', ';' or a backslash other than JSON's "\/".
func scanToken(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && s[i+1] == '/':
			i += 2
		case isSpace(c) || isByteIn(c, `"'<>&,;\`):
			return i
		default:
			i++
		}
	}
	return i
}

// scanLineValue accepts the rest of a logical line: it stops at a line
// break, raw or escaped (JSON \n \r, GitHub command %0A %0D, XML &#10;), at
// a quote that ends a JSON string, and at '<'. It keeps "&amp;" and other
// escape sequences whole.
func scanLineValue(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\r' || c == '\n' || c == '"' || c == '<':
			return i
		case c == '&':
			if !strings.HasPrefix(s[i:], "&amp;") {
				return i
			}
			i += len("&amp;")
		case c == '%':
			if i+2 < len(s) && s[i+1] == '0' && isByteIn(s[i+2], "aAdD") {
				return i
			}
			i++
		case c == '\\':
			if i+1 >= len(s) || isByteIn(s[i+1], "nr\"\r\n") {
				return i
			}
			i += max(runEscapeLen(s, i), 1)
		default:
			i++
		}
	}
	return i
}

// scanURLPassword accepts the password of scheme://user:password@host: up
// to white space or one of / @ " ' < > ? # \, keeping JSON's \uXXXX whole.
func scanURLPassword(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c == '\\':
			if runEscapeLen(s, i) != 6 {
				return i
			}
			i += 6
		case isSpace(c) || isByteIn(c, `/@"'<>?#`):
			return i
		default:
			i++
		}
	}
	return i
}

// scanJSONString accepts the body of a JSON string up to its closing quote.
// It also stops at '<', so that a JSON fragment inside XML text cannot take
// a tag with it.
func scanJSONString(s string, i int) int {
	for i < len(s) {
		switch c := s[i]; {
		case c == '"' || c == '\r' || c == '\n' || c == '<':
			return i
		case c == '\\':
			if i+1 >= len(s) {
				return i
			}
			i += runEscapeLen(s, i)
		default:
			i++
		}
	}
	return i
}

// scanEscapedString accepts the body of a JSON string escaped once more,
// inside another JSON string (closing quote \") or in XML (&quot; or
// &#34;). An inner escape such as \\\" (an escaped quote) is kept whole.
func scanEscapedString(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c == '"' || c == '\r' || c == '\n' || c == '<':
			return i
		case c == '&':
			if strings.HasPrefix(s[i:], "&quot;") || strings.HasPrefix(s[i:], "&#34;") {
				return i
			}
			i += max(escapeLenAt(s, i), 1)
		case c == '\\':
			if i+1 >= len(s) || s[i+1] == '"' {
				return i
			}
			if s[i+1] == '\\' {
				// An escaped backslash: with what follows it, one escape
				// of the inner string.
				i += 2
				if i+1 < len(s) && s[i] == '\\' {
					i += 2
				}
				continue
			}
			i += runEscapeLen(s, i)
		default:
			i++
		}
	}
	return i
}

// scanEncodedBase64 accepts base64, raw or URL-encoded (%2F, %2B, %3D). It
// stops at an encoded line break (%0A, %0D), which ends a GitHub workflow
// command's line.
func scanEncodedBase64(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case isBase64(c) || c == '=':
			i++
		case c == '%' && runEscapeLen(s, i) == 3 && !(s[i+1] == '0' && isByteIn(s[i+2], "aAdD")):
			i += 3
		default:
			return i
		}
	}
	return i
}
