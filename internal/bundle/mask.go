package bundle

import (
	"regexp"
	"strings"
)

// Hidden is the value shown for a setting or variable that may hold a
// secret.
const Hidden = "(set, value hidden)"

var urlLike = regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.-]*://[^\s,;"']+`)

// maskUserinfo hides the user information of every URL in s:
// http://user:pass@proxy:3128 reads http://****@proxy:3128.
func maskUserinfo(s string) string {
	return urlLike.ReplaceAllStringFunc(s, func(u string) string {
		scheme, rest, _ := strings.Cut(u, "://")
		authority := rest
		if i := strings.IndexAny(rest, "/?#"); i >= 0 {
			authority = rest[:i]
		}
		at := strings.LastIndex(authority, "@")
		if at < 0 {
			return u
		}
		return scheme + "://****@" + rest[at+1:]
	})
}
