package redact

import (
	"slices"
	"strings"
)

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
// A CodeCommit repository path inside a run ("v1/repos/" and the name up to
// the next '/') is not a secret: it is kept, and what the run holds before
// and after it is judged on its own. So a clone URL with a long repository
// name (up to 100 characters, the service's limit) survives, also when it is
// the URL a fix tells the user to use. A run that is exactly one of public
// is kept too.
func redactShapes(s string, public []string) string {
	var edits []edit
	for _, r := range scanRuns(s, isBase64) {
		if slices.Contains(public, s[r.start:r.end]) {
			continue
		}
		for _, p := range outsideRepoPaths(s, r) {
			if e, ok := shapeEdit(s, p); ok {
				edits = append(edits, e)
			}
		}
	}
	return applyEdits(s, edits)
}

// shapeEdit is the edit removing the run s[r.start:r.end] when it has the
// shape of a secret key or a session token.
func shapeEdit(s string, r span) (edit, bool) {
	run := s[r.start:r.end]
	switch n := len(run); {
	case n == secretKeyLen && mixed(run):
		return edit{r.start, r.end, Mask}, true
	case n >= minTokenLen && mixed(run):
		end := r.end
		for end < len(s) && s[end] == '=' {
			end++
		}
		return edit{r.start, end, Mask}, true
	}
	return edit{}, false
}

// maxRepoNameLen is CodeCommit's limit on repository names.
const maxRepoNameLen = 100

// outsideRepoPaths splits the run r of s into the parts that are not a
// repository path "v1/repos/NAME" (NAME runs to the next '/', and is a
// repository name only when it has at most 100 characters and no '+'; else
// the run is judged whole).
func outsideRepoPaths(s string, r span) []span {
	var out []span
	start, from := r.start, r.start
	for {
		i := strings.Index(s[from:r.end], repoPathMarker)
		if i < 0 {
			break
		}
		at := from + i
		nameStart := at + len(repoPathMarker)
		end := r.end
		if j := strings.IndexByte(s[nameStart:r.end], '/'); j >= 0 {
			end = nameStart + j
		}
		if name := s[nameStart:end]; len(name) > maxRepoNameLen || strings.Contains(name, "+") {
			from = nameStart
			continue
		}
		if at > start {
			out = append(out, span{start, at})
		}
		start, from = end, end
	}
	if start < r.end {
		out = append(out, span{start, r.end})
	}
	return out
}
