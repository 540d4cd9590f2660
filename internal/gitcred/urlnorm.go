package gitcred

import (
	"strconv"
	"strings"
)

// Character classes of git's urlmatch.c.
const (
	urlSchemeChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+.-"
	urlHostChars   = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_[:]"
	urlUnsafeChars = " <>\"%{}|\\^`"
	urlReserved    = ":/?#[]@!$&'()*+,;="
)

// normURL is a URL normalized the way git's url_normalize does it: scheme
// and host lower-cased, %-escapes normalized, the default port dropped, dot
// segments resolved, a path that starts with '/'.
type normURL struct {
	scheme  string
	hasUser bool // "user@" (possibly empty) was present
	user    string
	host    string // may hold '*' labels when globs were allowed
	port    string // "" for the scheme's default
	path    string // from the first '/', including any ?query#fragment
}

// normalizeURL ports url_normalize_1; ok is false where git's returns NULL.
func normalizeURL(raw string, allowGlobs bool) (normURL, bool) {
	var u normURL
	n := spanOf(raw, urlSchemeChars)
	if n == 0 || !isAlpha(raw[0]) || n+3 > len(raw) || raw[n:n+3] != "://" {
		return u, false
	}
	u.scheme = strings.ToLower(raw[:n])
	rest := raw[n+3:]

	slash := strings.IndexAny(rest, "/?#")
	if slash < 0 {
		slash = len(rest)
	}
	if at := strings.IndexByte(rest, '@'); at >= 0 && at < slash {
		u.hasUser = true
		userinfo, ok := normalizeEscapes(rest[:at], urlReserved)
		if !ok {
			return u, false
		}
		u.user, _, _ = strings.Cut(userinfo, ":")
		rest = rest[at+1:]
		slash -= at + 1
	}

	if rest == "" || strings.IndexByte(":/?#", rest[0]) >= 0 {
		if u.scheme != "file" {
			return u, false // missing host
		}
	}
	// The port starts at the last ':' before the path that is not inside
	// an IPv6 literal.
	colon := slash
	for i := slash - 1; i >= 0; i-- {
		if rest[i] == ':' {
			colon = i
			break
		}
		if rest[i] == ']' {
			break
		}
	}
	hostChars := urlHostChars
	if allowGlobs {
		hostChars += "*"
	}
	if spanOf(rest[:colon], hostChars) < colon {
		return u, false // invalid characters in the host
	}
	u.host = strings.ToLower(rest[:colon])
	if colon < slash {
		if u.host == "" && colon+1 != slash {
			return u, false // a file: URL may not have a port
		}
		port, ok := normalizePort(u.scheme, rest[colon+1:slash])
		if !ok {
			return u, false
		}
		u.port = port
	}
	path, ok := normalizePath(rest[slash:])
	if !ok {
		return u, false
	}
	u.path = path
	return u, true
}

func normalizePort(scheme, p string) (string, bool) {
	if p == "" {
		return "", true // a ':' with no number means the default port
	}
	if p = strings.TrimLeft(p, "0"); p == "" {
		return "", false // port 0
	}
	if scheme == "http" && p == "80" || scheme == "https" && p == "443" {
		return "", true
	}
	if spanOf(p, "0123456789") < len(p) || len(p) > 5 {
		return "", false
	}
	n, err := strconv.Atoi(p)
	if err != nil || n < 1 || n > 65535 {
		return "", false
	}
	return p, true
}

// normalizePath copies the path resolving "." and ".." segments and
// normalizing %-escapes, then the query and fragment, as git does.
func normalizePath(s string) (string, bool) {
	var b strings.Builder
	b.WriteByte('/')
	s = strings.TrimPrefix(s, "/")
	for {
		end := strings.IndexAny(s, "/?#")
		if end < 0 {
			end = len(s)
		}
		seg, ok := normalizeEscapes(s[:end], urlReserved)
		if !ok {
			return "", false
		}
		cur := b.String()
		skipSlash := false
		switch seg {
		case ".":
			if len(cur) == 1 { // right after the initial '/'
				skipSlash = true
			} else {
				cur = cur[:len(cur)-1] // drop the '/' before "."
			}
		case "..":
			if len(cur) == 1 {
				return "", false // nothing to remove
			}
			prev := strings.LastIndexByte(cur[:len(cur)-1], '/')
			if prev == 0 {
				cur = cur[:1]
				skipSlash = true
			} else {
				cur = cur[:prev]
			}
		default:
			cur += seg
		}
		b.Reset()
		b.WriteString(cur)
		s = s[end:]
		if s == "" || s[0] != '/' {
			break
		}
		s = s[1:]
		if !skipSlash {
			b.WriteByte('/')
		}
	}
	if s != "" {
		rest, ok := normalizeEscapes(s, urlReserved)
		if !ok {
			return "", false
		}
		b.WriteString(rest)
	}
	return b.String(), true
}

// normalizeEscapes ports append_normalized_escapes with no extra characters
// to escape: it decodes %-escapes of characters that need none, keeps
// escaped those in escOK, and escapes unsafe characters, in upper-case hex.
func normalizeEscapes(s, escOK string) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		ch := s[i]
		wasEsc := false
		if ch == '%' {
			if i+2 >= len(s) {
				return "", false
			}
			v, ok := unhex2(s[i+1], s[i+2])
			if !ok {
				return "", false
			}
			ch, wasEsc = v, true
			i += 2
		}
		if ch <= 0x1F || ch >= 0x7F || strings.IndexByte(urlUnsafeChars, ch) >= 0 ||
			wasEsc && strings.IndexByte(escOK, ch) >= 0 {
			b.WriteString("%" + strings.ToUpper(strconv.FormatUint(uint64(ch)|0x100, 16)[1:]))
		} else {
			b.WriteByte(ch)
		}
	}
	return b.String(), true
}

func unhex2(a, b byte) (byte, bool) {
	x, ok1 := unhex(a)
	y, ok2 := unhex(b)
	return x<<4 | y, ok1 && ok2
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func spanOf(s, set string) int {
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(set, s[i]) < 0 {
			return i
		}
	}
	return len(s)
}

func isAlpha(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
