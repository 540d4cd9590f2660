// Package neterr says in words what a failed network call met: no network
// at all, a name that does not resolve, nothing listening, a timeout. The
// raw error stays the caller's evidence.
package neterr

import (
	"errors"
	"fmt"
	"net"
	"strings"
	"syscall"
)

// Kind is what the network call met.
type Kind string

// Kinds of failure.
const (
	NoNetwork  Kind = "no-network" // the resolver or the address cannot be reached at all
	NoSuchHost Kind = "no-such-host"
	Refused    Kind = "refused"
	Timeout    Kind = "timeout"
)

// NoNetworkAdvice is the advice for a machine without a network.
const NoNetworkAdvice = "run with --offline to check only this machine"

// Describe returns the kind and a sentence for a network error, or ""
// when err is not one it knows.
func Describe(err error) (Kind, string) {
	var dns *net.DNSError
	if errors.As(err, &dns) {
		switch {
		// The resolver's own error is kept only as text.
		case errors.Is(err, syscall.ENETUNREACH) || strings.Contains(dns.Err, "network is unreachable") || strings.Contains(dns.Err, "no route to host"):
			return NoNetwork, "no network: DNS lookups fail (the resolver cannot be reached) — " + NoNetworkAdvice
		case dns.IsNotFound:
			return NoSuchHost, fmt.Sprintf("DNS: %s does not resolve", dns.Name)
		case dns.IsTimeout:
			return Timeout, fmt.Sprintf("DNS: looking up %s timed out", dns.Name)
		}
		return "", ""
	}
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		addr := ""
		if op.Addr != nil {
			addr = op.Addr.String()
		}
		switch {
		case errors.Is(err, syscall.ENETUNREACH):
			return NoNetwork, fmt.Sprintf("no network: %s cannot be reached (network is unreachable) — %s", addr, NoNetworkAdvice)
		case errors.Is(err, syscall.ECONNREFUSED):
			return Refused, fmt.Sprintf("nothing answers at %s (connection refused)", addr)
		case op.Timeout():
			return Timeout, fmt.Sprintf("connecting to %s timed out", addr)
		}
	}
	return "", ""
}
