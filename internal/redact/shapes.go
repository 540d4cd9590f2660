package redact

import "strings"

const (
	secretKeyLen   = 40  // length of an AWS secret access key
	minTokenLen    = 100 // shortest base64 run treated as a session token
	repoPathMarker = "v1/repos/"
)

func isBase64(c byte) bool {
	return isUpper(c) || isLower(c) || isDigit(c) || c == '/' || c == '+'
}

// mixed reports whether run has an upper-case letter, a lower-case letter
// and a digit, '/' or '+' — true of random base64, false of hex object ids
// and of most words.
func mixed(run string) bool {
	var upper, lower, other bool
	for i := 0; i < len(run); i++ {
		switch c := run[i]; {
		case isUpper(c):
			upper = true
		case isLower(c):
			lower = true
		default:
			other = true
		}
	}
	return upper && lower && other
}

// redactShapes removes standalone 40-character secret access keys and base64
// runs of at least 100 characters (session tokens, with their '=' padding).
// A 40-character run containing "v1/repos/" is a CodeCommit repository path,
// not a key, and is kept.
func redactShapes(s string) string {
	var edits []edit
	for _, r := range scanRuns(s, isBase64) {
		run := s[r.start:r.end]
		switch n := len(run); {
		case n == secretKeyLen && mixed(run) && !strings.Contains(run, repoPathMarker):
			edits = append(edits, edit{r.start, r.end, Mask})
		case n >= minTokenLen && mixed(run):
			end := r.end
			for end < len(s) && s[end] == '=' {
				end++
			}
			edits = append(edits, edit{r.start, end, Mask})
		}
	}
	return applyEdits(s, edits)
}
