package proxyprobe

import (
	"net"
	"net/url"
	"strings"
)

// Setting is a proxy a request would use: its URL (nil when the setting
// does not parse: then Malformed says why) and the variable or setting it
// came from.
type Setting struct {
	URL       *url.URL
	Source    string
	Malformed *Verdict
}

// Lookup reads an environment variable.
type Lookup func(key string) (string, bool)

// ForAWS is the proxy the AWS SDK for Go (net/http's
// ProxyFromEnvironment) uses for rawURL: HTTPS_PROXY or https_proxy for
// https, HTTP_PROXY or http_proxy for http, none for localhost and
// loopback addresses or a host NO_PROXY (no_proxy) exempts. ok is false
// when the request goes direct.
func ForAWS(env Lookup, rawURL string) (Setting, bool) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return Setting{}, false
	}
	vars := []string{"HTTP_PROXY", "http_proxy"}
	if strings.EqualFold(u.Scheme, "https") {
		vars = []string{"HTTPS_PROXY", "https_proxy"}
	}
	var value, source string
	for _, k := range vars {
		if v, ok := env(k); ok && v != "" {
			value, source = v, k
			break
		}
	}
	if value == "" || !useProxy(env, u) {
		return Setting{}, false
	}
	return Parse(value, source), true
}

// Parse reads a proxy setting as Go does: a value without a scheme is an
// http:// proxy.
func Parse(value, source string) Setting {
	raw := value
	if !strings.Contains(raw, "://") {
		raw = "http://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Hostname() == "" {
		detail := maskRaw(value)
		return Setting{Source: source, Malformed: &Verdict{Proxy: detail, Source: source, Kind: Malformed, Detail: source + "=" + detail}}
	}
	return Setting{URL: u, Source: source}
}

// useProxy applies net/http's rules: never for localhost or a loopback
// address; NO_PROXY (no_proxy) is a comma-separated list of "*", host
// names (matching the host and its subdomains; a leading "." or "*."
// matches subdomains only), IP addresses and CIDR ranges, each with an
// optional port.
func useProxy(env Lookup, u *url.URL) bool {
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	port := u.Port()
	if host == "localhost" {
		return false
	}
	ip := net.ParseIP(host)
	if ip != nil && ip.IsLoopback() {
		return false
	}
	list := ""
	for _, k := range []string{"NO_PROXY", "no_proxy"} {
		if v, ok := env(k); ok && v != "" {
			list = v
			break
		}
	}
	for e := range strings.SplitSeq(list, ",") {
		e = strings.ToLower(strings.TrimSpace(e))
		if e == "" {
			continue
		}
		if e == "*" {
			return false
		}
		if _, cidr, err := net.ParseCIDR(e); err == nil {
			if ip != nil && cidr.Contains(ip) {
				return false
			}
			continue
		}
		ePort := ""
		if h, p, err := net.SplitHostPort(e); err == nil {
			e, ePort = h, p
		}
		if ePort != "" && ePort != port {
			continue
		}
		if eip := net.ParseIP(e); eip != nil {
			if ip != nil && eip.Equal(ip) {
				return false
			}
			continue
		}
		switch {
		case strings.HasPrefix(e, "*."):
			if strings.HasSuffix(host, e[1:]) {
				return false
			}
		case strings.HasPrefix(e, "."):
			if strings.HasSuffix(host, e) {
				return false
			}
		case host == e || strings.HasSuffix(host, "."+e):
			return false
		}
	}
	return true
}
