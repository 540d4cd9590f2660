package probe

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"net/url"
	"strings"
	"syscall"
)

// Kind is a class of transport failure.
type Kind string

// Failure kinds.
const (
	// KindDNS: the server's name did not resolve.
	KindDNS Kind = "dns"
	// KindConnect: the TCP connection was refused or the host unreachable.
	KindConnect Kind = "connect"
	// KindTimeout: connecting, the handshake or the response took too long.
	KindTimeout Kind = "timeout"
	// KindTLS: the certificate was not trusted, did not match, or the
	// handshake failed.
	KindTLS Kind = "tls"
	// KindProxy: the proxy could not be reached or refused the tunnel.
	KindProxy Kind = "proxy"
	// KindConfig: the settings themselves cannot be used (unreadable CA
	// file, malformed resolve entry, unsupported proxy).
	KindConfig Kind = "config"
	// KindOther: anything else.
	KindOther Kind = "other"
)

// Error is a request that got no HTTP response.
type Error struct {
	Kind Kind
	// Op says what was being done.
	Op  string
	Err error
}

func (e *Error) Error() string { return e.Op + ": " + e.Err.Error() }

func (e *Error) Unwrap() error { return e.Err }

// classify wraps a transport error with its kind. The URL package's
// wrapper, which repeats the method and URL already in op, is dropped.
func classify(err error, viaProxy bool, op string) *Error {
	kind := kindOf(err, viaProxy)
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return &Error{Kind: kind, Op: op, Err: err}
}

func kindOf(err error, viaProxy bool) Kind {
	var (
		netErr    net.Error
		opErr     *net.OpError
		dnsErr    *net.DNSError
		unknownCA x509.UnknownAuthorityError
		hostErr   x509.HostnameError
		invalid   x509.CertificateInvalidError
		verifyErr *tls.CertificateVerificationError
		recordErr tls.RecordHeaderError
		alertErr  tls.AlertError
	)
	switch {
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &netErr) && netErr.Timeout():
		return KindTimeout
	case errors.As(err, &unknownCA) || errors.As(err, &hostErr) || errors.As(err, &invalid) ||
		errors.As(err, &verifyErr) || errors.As(err, &recordErr) || errors.As(err, &alertErr) ||
		strings.Contains(err.Error(), "tls: "):
		return KindTLS
	case errors.As(err, &opErr) && opErr.Op == "proxyconnect":
		return KindProxy
	case viaProxy:
		return KindProxy
	case errors.As(err, &dnsErr):
		return KindDNS
	case errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.EHOSTUNREACH) || errors.Is(err, syscall.ENETUNREACH) ||
		errors.As(err, &opErr) && opErr.Op == "dial":
		return KindConnect
	}
	return KindOther
}
