package gittrace

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Kind is a class of failure of a git HTTPS command.
type Kind string

// Failure kinds, as git and curl word them.
const (
	// KindNone: git printed no fatal error.
	KindNone Kind = ""
	// KindDNS: the host name did not resolve.
	KindDNS Kind = "dns"
	// KindConnect: the TCP connection failed (refused, unreachable).
	KindConnect Kind = "connect"
	// KindTimeout: a connection or transfer timed out.
	KindTimeout Kind = "timeout"
	// KindTLS: the TLS handshake or certificate verification failed.
	KindTLS Kind = "tls"
	// KindProxy: the proxy could not be reached or refused the tunnel.
	KindProxy Kind = "proxy"
	// KindNoCredentials: no helper gave a user name and password, and git
	// may not prompt.
	KindNoCredentials Kind = "no-credentials"
	// KindAuthFailed: the server answered 401 to the credentials git sent.
	KindAuthFailed Kind = "auth-failed"
	// KindNotFound: 404, "repository '...' not found".
	KindNotFound Kind = "not-found"
	// KindHTTP: another HTTP error status (403, 429, 5xx...).
	KindHTTP Kind = "http"
	// KindOther: anything else.
	KindOther Kind = "other"
)

// Failure is what went wrong, in one word and with git's message.
type Failure struct {
	Kind Kind
	// Status is the HTTP status involved (0 when none).
	Status int
	// Message is git's fatal line, or the curl message that explains it
	// best.
	Message string
	// URL is the URL git names in its message ("" when none).
	URL string
	// Host is the host curl failed to reach, when it says so.
	Host string
}

var (
	returnedError = regexp.MustCompile(`(?i)the requested URL returned error: (\d{3})`)
	quotedURL     = regexp.MustCompile(`'(https?://[^']*)'`)
	failedConnect = regexp.MustCompile(`(?i)failed to connect to (\S+) port (\d+)`)
	proxyWords    = regexp.MustCompile(`(?i)could not resolve proxy|from proxy after connect|proxy connect|unable to connect to proxy|proxy authentication|received http code 407`)
	tlsWords      = regexp.MustCompile(`(?i)ssl|tls|certificate|gnutls|schannel|sec_e_|handshake|CAfile`)
	timeoutWords  = regexp.MustCompile(`(?i)timed out|timeout was reached`)
	connectWords  = regexp.MustCompile(`(?i)failed to connect|couldn't connect|connection refused|no route to host|network is unreachable|connection reset`)
)

// Failure classifies git's fatal error, using curl's messages to tell a
// proxy from the server. It returns KindNone when git printed no fatal
// line.
func (t *Trace) Failure() Failure {
	f := Failure{Message: t.Fatal}
	if t.Fatal == "" {
		return f
	}
	if m := quotedURL.FindStringSubmatch(t.Fatal); m != nil {
		f.URL = m[1]
	}
	lower := strings.ToLower(t.Fatal)
	switch {
	case strings.Contains(lower, "could not read username") || strings.Contains(lower, "could not read password") ||
		strings.Contains(lower, "terminal prompts disabled"):
		f.Kind = KindNoCredentials
		return f
	case strings.Contains(lower, "authentication failed for"):
		f.Kind, f.Status = KindAuthFailed, 401
		return f
	case strings.HasPrefix(lower, "fatal: repository '") && strings.HasSuffix(lower, "not found"):
		f.Kind, f.Status = KindNotFound, 404
		return f
	}
	if m := returnedError.FindStringSubmatch(t.Fatal); m != nil {
		f.Status, _ = strconv.Atoi(m[1])
		f.Kind = KindHTTP
		switch f.Status {
		case 404:
			f.Kind = KindNotFound
		case 407:
			f.Kind = KindProxy
		}
		return f
	}
	f.Kind = t.transportKind(&f)
	return f
}

// transportKind classifies a failure below HTTP from the fatal line and
// curl's messages.
func (t *Trace) transportKind(f *Failure) Kind {
	text := t.Fatal
	if slices.ContainsFunc(t.Info, proxyWords.MatchString) {
		return KindProxy
	}
	if proxyWords.MatchString(text) {
		return KindProxy
	}
	if m := failedConnect.FindStringSubmatch(text); m != nil {
		f.Host = m[1]
		if target := urlHost(f.URL); target != "" && !strings.EqualFold(target, m[1]) {
			return KindProxy // curl failed to reach another host: the proxy
		}
	}
	switch {
	case strings.Contains(strings.ToLower(text), "could not resolve host"):
		return KindDNS
	case timeoutWords.MatchString(text):
		return KindTimeout
	case connectWords.MatchString(text):
		return KindConnect
	case tlsWords.MatchString(text):
		return KindTLS
	}
	return KindOther
}

// urlHost returns the host of an http(s) URL, without port or user info.
func urlHost(u string) string {
	_, rest, ok := strings.Cut(u, "://")
	if !ok {
		return ""
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		rest = rest[i+1:]
	}
	if strings.HasPrefix(rest, "[") {
		if i := strings.IndexByte(rest, ']'); i >= 0 {
			return rest[1:i]
		}
	}
	host, _, _ := strings.Cut(rest, ":")
	return host
}
