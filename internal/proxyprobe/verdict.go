package proxyprobe

import (
	"fmt"
	"net/url"
	"strings"
	"time"
)

// Kind is what the proxy did.
type Kind string

// Kinds of outcome.
const (
	OK        Kind = "ok"        // the proxy answered 200 to CONNECT
	Refused   Kind = "refused"   // nothing listens at the proxy's address
	Silent    Kind = "silent"    // it accepted the connection and never answered
	Status    Kind = "status"    // it answered CONNECT with another status
	Unreached Kind = "unreached" // its name did not resolve, or connecting timed out
	Malformed Kind = "malformed" // the setting is not a proxy URL that can be used
	Untested  Kind = "untested"  // a kind of proxy this package does not speak (SOCKS)
)

// Verdict is what one proxy did for one target.
type Verdict struct {
	// Proxy is the proxy's URL without its password; Source names the
	// setting or variable it came from.
	Proxy, Source string
	// Target is the host:port CONNECT asked for.
	Target string
	Kind   Kind
	// Code and Reason are the status the proxy answered (Kind Status).
	Code   int
	Reason string
	// HasCredentials is true when the proxy URL carries a user name.
	HasCredentials bool
	// Detail says more for Unreached and Malformed.
	Detail string
	// Waited is how long the probe waited for an answer (Kind Silent).
	Waited time.Duration
}

// Broken reports whether the proxy stops requests through it.
func (v *Verdict) Broken() bool {
	return v != nil && v.Kind != OK && v.Kind != Untested
}

// Words says what the proxy did in one clause.
func (v *Verdict) Words() string {
	p := "proxy " + v.Proxy
	switch v.Kind {
	case OK:
		return p + " lets CONNECT to " + v.Target + " through"
	case Refused:
		return p + " refused the connection"
	case Silent:
		return p + " accepted the connection and never answered" + waited(v.Waited)
	case Status:
		s := fmt.Sprintf("%s answered %d %s to CONNECT %s", p, v.Code, v.Reason, v.Target)
		if v.Code == 407 && v.HasCredentials {
			s += " (it does not accept the user name and password in " + v.Source + ")"
		}
		return s
	case Unreached:
		return p + " could not be reached: " + v.Detail
	case Malformed:
		return v.Source + " is not a proxy URL that can be used (" + v.Detail + ")"
	}
	return p + " was not tested"
}

func waited(d time.Duration) string {
	if d <= 0 {
		return ""
	}
	return fmt.Sprintf(" (waited %s)", d.Round(100*time.Millisecond))
}

// shown is a proxy URL as the report may show it: no password.
func shown(u *url.URL) string {
	if u.User == nil {
		return u.String()
	}
	c := *u
	c.User = url.User(u.User.Username())
	if _, has := u.User.Password(); has {
		c.User = url.UserPassword(u.User.Username(), "****")
	}
	return strings.Replace(c.String(), "%2A%2A%2A%2A", "****", 1)
}

// maskRaw hides whatever sits between "://" and the last "@" of a setting
// that does not parse, in case it holds a password.
func maskRaw(s string) string {
	i := strings.Index(s, "://")
	at := strings.LastIndex(s, "@")
	if i < 0 || at < i {
		if at > 0 {
			return "****" + s[at:]
		}
		return s
	}
	return s[:i+3] + "****" + s[at:]
}
