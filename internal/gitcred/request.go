package gitcred

import (
	"fmt"
	"strings"
)

// Request is what git knows about the remote when it asks for credentials:
// the fields of `git credential fill` input.
type Request struct {
	Protocol string // "https"
	Host     string // host, with ":port" when the URL has one
	Path     string // the URL path without its leading slash, e.g. v1/repos/MyRepo
	Username string // the user name in the URL, if any
}

// RequestFromURL is the request git makes for a remote URL, as git's
// credential_from_url reads it.
func RequestFromURL(raw string) (Request, error) {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok || scheme == "" {
		return Request{}, fmt.Errorf("the URL has no scheme")
	}
	var r Request
	r.Protocol = scheme
	slash := strings.IndexAny(rest, "/?#")
	if slash < 0 {
		slash = len(rest)
	}
	host := rest[:slash]
	if at := strings.IndexByte(host, '@'); at >= 0 {
		user, _, _ := strings.Cut(host[:at], ":")
		r.Username = urlDecode(user)
		host = host[at+1:]
	}
	r.Host = urlDecode(host)
	r.Path = strings.TrimRight(urlDecode(strings.TrimLeft(rest[slash:], "/")), "/")
	if strings.ContainsAny(r.Host+r.Path+r.Username, "\n") {
		return Request{}, fmt.Errorf("the URL contains a newline")
	}
	return r, nil
}

// URL is the URL git matches credential.<url> sections against (git's
// credential_format): protocol://[user@]host[/path].
func (r Request) URL() string {
	var b strings.Builder
	b.WriteString(r.Protocol + "://")
	if r.Username != "" {
		b.WriteString(percentEncode(r.Username, true) + "@")
	}
	b.WriteString(r.Host)
	if r.Path != "" {
		b.WriteString("/" + percentEncode(r.Path, false))
	}
	return b.String()
}

// Display is URL without the user name (which may carry a session token).
func (r Request) Display() string {
	r.Username = ""
	return r.URL()
}

// percentEncode ports strbuf_add_percentencode.
func percentEncode(s string, slash bool) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= 0x1F || c >= 0x7F || slash && c == '/' || strings.IndexByte(urlUnsafeChars, c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// urlDecode decodes %XX escapes, leaving malformed ones as they are (git's
// url_decode does the same).
func urlDecode(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if v, ok := unhex2(s[i+1], s[i+2]); ok {
				b.WriteByte(v)
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
