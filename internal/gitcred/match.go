package gitcred

import "strings"

// Features are the version-gated git behaviours that change the chain.
type Features struct {
	// HelperReset: an empty `helper =` clears the list (git 2.9+). Older
	// git keeps the empty value as a helper named "", which fails.
	HelperReset bool
	// URLMatch: credential.<url> sections are matched like http.<url>,
	// with `*` host wildcards and path prefixes (git 2.26+). Older git
	// compares protocol, host, path and user as exact strings.
	URLMatch bool
}

// AllFeatures is a current git.
func AllFeatures() Features { return Features{HelperReset: true, URLMatch: true} }

// SectionMatches reports whether settings in credential.<section> apply to
// the request, as this git decides it.
func SectionMatches(section string, r Request, f Features) bool {
	if !f.URLMatch {
		return partialMatch(section, r)
	}
	pat, ok := normalizeURL(section, true)
	if !ok {
		return partialMatch(section, r)
	}
	u, ok := normalizeURL(r.URL(), false)
	if !ok {
		return false
	}
	return urlsMatch(u, pat)
}

// urlsMatch ports match_urls: same scheme, the pattern's user if it has
// one, host label by label with '*' matching one label, same port, and the
// pattern's path a prefix of the URL's at a '/' boundary.
func urlsMatch(u, pat normURL) bool {
	if u.scheme != pat.scheme {
		return false
	}
	if pat.hasUser && (!u.hasUser || u.user != pat.user) {
		return false
	}
	if !hostsMatch(u.host, pat.host) || u.port != pat.port {
		return false
	}
	return pathPrefixMatch(u.path, pat.path)
}

func hostsMatch(host, pat string) bool {
	if host == "" || pat == "" {
		return host == pat
	}
	hl, pl := strings.Split(host, "."), strings.Split(pat, ".")
	// git walks both strings label by label; a trailing dot leaves an
	// empty last label in Split that git's walk never visits.
	hl, pl = dropTrailingEmpty(hl), dropTrailingEmpty(pl)
	if len(hl) != len(pl) {
		return false
	}
	for i := range hl {
		if pl[i] != "*" && pl[i] != hl[i] {
			return false
		}
	}
	return true
}

func dropTrailingEmpty(l []string) []string {
	if len(l) > 1 && l[len(l)-1] == "" {
		return l[:len(l)-1]
	}
	return l
}

// pathPrefixMatch ports url_match_prefix.
func pathPrefixMatch(path, prefix string) bool {
	if prefix == "" || prefix == "/" {
		return path == "" || path[0] == '/'
	}
	prefix = strings.TrimSuffix(prefix, "/")
	if !strings.HasPrefix(path, prefix) {
		return false
	}
	return len(path) == len(prefix) || path[len(prefix)] == '/'
}

// partialMatch ports match_partial_url: the section is read as a possibly
// partial URL (credential_from_url with partial URLs allowed), and each
// field it names must equal the request's.
func partialMatch(section string, r Request) bool {
	want, ok := partialCredential(section)
	if !ok {
		return false // git warns "skipping credential lookup for key"
	}
	check := func(w *string, have string, haveSet bool) bool {
		return w == nil || haveSet && *w == have
	}
	return check(want.protocol, r.Protocol, r.Protocol != "") &&
		check(want.host, r.Host, r.Host != "") &&
		check(want.path, r.Path, r.Path != "") &&
		check(want.username, r.Username, r.Username != "")
}

type partialCred struct{ protocol, host, path, username *string }

// partialCredential ports credential_from_url_1 with allow_partial_url.
func partialCredential(raw string) (partialCred, bool) {
	var c partialCred
	cp := raw
	protoEnd := strings.Index(raw, "://")
	if protoEnd >= 0 {
		cp = raw[protoEnd+3:]
	}
	slash := strings.IndexAny(cp, "/?#")
	if slash < 0 {
		slash = len(cp)
	}
	at := strings.IndexByte(cp, '@')
	colon := strings.IndexByte(cp, ':')
	host := cp
	switch {
	case at < 0 || slash <= at:
		// proto://host/...
	case colon < 0 || at <= colon:
		c.username = new(urlDecode(cp[:at]))
		host = cp[at+1:]
		slash -= at + 1
	default:
		c.username = new(urlDecode(cp[:colon]))
		host = cp[at+1:]
		slash -= at + 1
	}
	if protoEnd > 0 {
		c.protocol = new(raw[:protoEnd])
	}
	if slash > 0 {
		c.host = new(urlDecode(host[:slash]))
	}
	rest := strings.TrimLeft(host[slash:], "/")
	if rest != "" {
		p := urlDecode(rest)
		for len(p) > 1 && strings.HasSuffix(p, "/") {
			p = p[:len(p)-1]
		}
		c.path = new(p)
	}
	for _, f := range []*string{c.protocol, c.host, c.path, c.username} {
		if f != nil && strings.Contains(*f, "\n") {
			return c, false
		}
	}
	return c, true
}
