// Package neterr says in words what a failed network call met: no network
// at all, a name that does not resolve, nothing listening, a timeout. The
// raw error stays the caller's evidence.
package neterr

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
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
			return NoNetwork, "no network: DNS lookups fail — " + NoNetworkAdvice
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

// Seen is published by the check that found the machine has no network,
// so that the checks after it say so in a short phrase instead of again.
type Seen struct {
	// Check is the id of the check that said it in full.
	Check string
}

// Short is the phrase a later check uses.
func (s *Seen) Short() string { return "no network (see the " + s.Check + " check)" }

// Plain says a failure in words for a summary or a message: what was
// being done (the wrapping text before the network error) and the words
// Describe has for it. Errors Describe does not know are cut to what the
// HTTP library said, without the SDK's chain ("operation error …,
// StatusCode: 0, RequestID: ,"). The raw error belongs in the evidence.
func Plain(err error) string {
	if err == nil {
		return ""
	}
	raw := err.Error()
	inner := innermost(err)
	if _, words := Describe(err); words != "" {
		return join(doing(raw, inner), words)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		why := ue.Err.Error()
		if errors.Is(err, context.DeadlineExceeded) {
			why = "no answer in time"
		}
		return join(doing(raw, inner), ue.Op+" "+ue.URL+": "+why)
	}
	return raw
}

// innermost is the deepest error that still holds a message of its own
// worth quoting: the first *url.Error, smithy operation error or network
// error in the chain (their wrappers only repeat it).
func innermost(err error) error {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if strings.HasPrefix(e.Error(), "operation error ") {
			return e
		}
		var ue *url.Error
		if errors.As(e, &ue) && e == error(ue) {
			return e
		}
		var op *net.OpError
		var dns *net.DNSError
		if errors.As(e, &op) && e == error(op) || errors.As(e, &dns) && e == error(dns) {
			return e
		}
	}
	return nil
}

// doing is the wrapping text of raw before inner's message.
func doing(raw string, inner error) string {
	if inner == nil {
		return ""
	}
	before, _, ok := strings.Cut(raw, inner.Error())
	if !ok {
		return ""
	}
	return strings.TrimSuffix(strings.TrimSpace(before), ":")
}

func join(doing, words string) string {
	if doing == "" {
		return words
	}
	return doing + ": " + words
}
