package ccurl

import "strings"

// redact returns s with secrets replaced by Redacted. It works on the raw
// text, not on a parse, so that it is safe for input no parser accepts. It
// is deliberately more eager than git and net/url:
//   - the authority runs from after "://" (or a leading "//") to the first of
//     "/?#"; without "://" it runs to the first '/' (scp-like user@host:path);
//   - user info is everything before the last '@' in the authority (net/url
//     uses the last '@', git the first: the last covers both);
//   - in user info, everything after the first ':' is a password, and
//     everything after a '%' in the user name is a session token;
//   - a query or fragment after the authority is replaced as a whole.
func redact(s string) string {
	start, hier := authorityStart(s)
	rest := s[start:]
	end := strings.IndexAny(rest, "/?#")
	if !hier {
		end = strings.IndexByte(rest, '/')
	}
	if end < 0 {
		end = len(rest)
	}
	authority, tail := rest[:end], rest[end:]

	var b strings.Builder
	b.WriteString(s[:start])
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		userinfo := authority[:at]
		user, _, hasPassword := strings.Cut(userinfo, ":")
		b.WriteString(redactUsername(user))
		if hasPassword {
			b.WriteString(":" + Redacted)
		}
		b.WriteString(authority[at:])
	} else {
		b.WriteString(authority)
	}
	if hier {
		b.WriteString(redactQueryFragment(tail))
	} else {
		b.WriteString(tail)
	}
	return b.String()
}

// authorityStart finds where a URL's authority begins and whether the
// string is hierarchical (scheme://... or //...).
func authorityStart(s string) (int, bool) {
	if strings.HasPrefix(s, "//") {
		return 2, true
	}
	if i := strings.Index(s, "://"); i >= 0 {
		return i + 3, true
	}
	return 0, false
}

// redactQueryFragment keeps the path of tail and replaces any query and
// fragment.
func redactQueryFragment(tail string) string {
	i := strings.IndexAny(tail, "?#")
	if i < 0 {
		return tail
	}
	path, qf := tail[:i], tail[i:]
	var b strings.Builder
	b.WriteString(path)
	if qf[0] == '?' {
		b.WriteString("?" + Redacted)
	}
	if strings.Contains(qf, "#") {
		b.WriteString("#" + Redacted)
	}
	return b.String()
}

// redactUsername hides anything after a '%' in a user name, raw ("%25") or
// decoded: git-remote-codecommit and some tools put
// ACCESS_KEY_ID%SESSION_TOKEN there. The access key ID is not a secret.
func redactUsername(user string) string {
	if i := strings.IndexByte(user, '%'); i >= 0 {
		return user[:i] + "%" + Redacted
	}
	return user
}
