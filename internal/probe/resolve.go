package probe

import (
	"fmt"
	"net"
	"strings"
)

// resolveTable maps "host:port" (host lower-cased) to the addresses curl
// was told to use for it.
type resolveTable map[string][]string

// parseResolve reads http.curloptResolve entries as curl's CURLOPT_RESOLVE
// does, in order: "[+]HOST:PORT:ADDR[,ADDR...]" adds (replacing an earlier
// entry for HOST:PORT; the '+' only marks it as timing out, which the probe
// ignores), "-HOST:PORT" removes. Addresses may be IPv6 literals in
// brackets. A malformed entry is an error naming it.
func parseResolve(entries []string) (resolveTable, error) {
	t := resolveTable{}
	for _, raw := range entries {
		e := strings.TrimSpace(raw)
		if rest, ok := strings.CutPrefix(e, "-"); ok {
			host, port, _, err := splitResolve(rest, false)
			if err != nil {
				return nil, fmt.Errorf("http.curloptResolve %q: %w", raw, err)
			}
			delete(t, key(host, port))
			continue
		}
		e = strings.TrimPrefix(e, "+")
		host, port, addrs, err := splitResolve(e, true)
		if err != nil {
			return nil, fmt.Errorf("http.curloptResolve %q: %w", raw, err)
		}
		t[key(host, port)] = addrs
	}
	return t, nil
}

func key(host, port string) string { return strings.ToLower(host) + ":" + port }

// splitResolve splits HOST:PORT[:ADDRS].
func splitResolve(e string, wantAddrs bool) (host, port string, addrs []string, err error) {
	host, rest, ok := strings.Cut(e, ":")
	if !ok || host == "" {
		return "", "", nil, fmt.Errorf("want HOST:PORT:ADDRESS")
	}
	port, list, hasAddrs := strings.Cut(rest, ":")
	if !validPort(port) {
		return "", "", nil, fmt.Errorf("%q is not a port", port)
	}
	if !wantAddrs {
		return host, port, nil, nil
	}
	if !hasAddrs || list == "" {
		return "", "", nil, fmt.Errorf("no address")
	}
	for a := range strings.SplitSeq(list, ",") {
		a = strings.TrimSpace(a)
		a = strings.TrimSuffix(strings.TrimPrefix(a, "["), "]")
		if net.ParseIP(a) == nil {
			return "", "", nil, fmt.Errorf("%q is not an IP address", a)
		}
		addrs = append(addrs, a)
	}
	return host, port, addrs, nil
}

func validPort(p string) bool {
	if p == "" || len(p) > 5 {
		return false
	}
	n := 0
	for _, c := range p {
		if c < '0' || c > '9' {
			return false
		}
		n = n*10 + int(c-'0')
	}
	return n > 0 && n < 65536
}

// lookup returns the addresses for host:port, if the table has them.
func (t resolveTable) lookup(host, port string) ([]string, bool) {
	a, ok := t[key(host, port)]
	return a, ok
}
