package proxyprobe

import (
	"bufio"
	"context"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// MaxWait bounds one probe when the caller's context allows longer.
const MaxWait = 3 * time.Second

// Probe dials the proxy and asks it to CONNECT to target (host:port),
// within ctx and MaxWait. It sends the proxy's credentials, when the URL
// has them, as Proxy-Authorization (as curl and Go do) and nothing else.
func Probe(ctx context.Context, proxy *url.URL, source, target string) *Verdict {
	ctx, cancel := context.WithTimeout(ctx, MaxWait)
	defer cancel()
	v := &Verdict{Proxy: shown(proxy), Source: source, Target: target, HasCredentials: proxy.User != nil}
	start := time.Now()
	switch strings.ToLower(proxy.Scheme) {
	case "http", "https":
	default:
		v.Kind = Untested
		return v
	}
	addr := proxyAddr(proxy)
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		v.Kind, v.Detail = dialFailure(err, addr)
		return v
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	stop := context.AfterFunc(ctx, func() { _ = conn.SetDeadline(time.Now()) })
	defer stop()
	if strings.EqualFold(proxy.Scheme, "https") {
		tc := tls.Client(conn, &tls.Config{ServerName: proxy.Hostname(), MinVersion: tls.VersionTLS12})
		if err := tc.HandshakeContext(ctx); err != nil {
			v.Kind, v.Detail = Unreached, "the TLS handshake with the proxy failed"
			if isTimeout(err) {
				v.Kind = Silent
			}
			return v
		}
		conn = tc
	}
	req := "CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\nUser-Agent: codecommit-doctor\r\n"
	if proxy.User != nil {
		pass, _ := proxy.User.Password()
		req += "Proxy-Authorization: Basic " + base64.StdEncoding.EncodeToString([]byte(proxy.User.Username()+":"+pass)) + "\r\n"
	}
	if _, err := conn.Write([]byte(req + "\r\n")); err != nil {
		v.Kind = Silent
		return v
	}
	resp, err := http.ReadResponse(bufio.NewReader(&limitReader{r: conn, n: 16 << 10}), &http.Request{Method: http.MethodConnect})
	if err != nil {
		// A timeout, or the connection closed without an answer.
		v.Kind, v.Waited = Silent, time.Since(start)
		return v
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		v.Kind = OK
		return v
	}
	v.Kind, v.Code = Status, resp.StatusCode
	v.Reason = http.StatusText(resp.StatusCode)
	if v.Reason == "" {
		v.Reason = "(unknown status)"
	}
	return v
}

// proxyAddr is the proxy's host:port (the scheme's default port when the
// URL names none, as curl and Go do: 80 for http, 443 for https).
func proxyAddr(u *url.URL) string {
	if u.Port() != "" {
		return u.Host
	}
	port := "80"
	if strings.EqualFold(u.Scheme, "https") {
		port = "443"
	}
	return net.JoinHostPort(u.Hostname(), port)
}

func dialFailure(err error, addr string) (Kind, string) {
	var dns *net.DNSError
	switch {
	case errors.Is(err, syscall.ECONNREFUSED) || strings.Contains(err.Error(), "actively refused"): // the latter: Windows
		return Refused, ""
	case errors.As(err, &dns):
		return Unreached, fmt.Sprintf("its name %s does not resolve", dns.Name)
	case isTimeout(err):
		return Unreached, "connecting to " + addr + " timed out"
	}
	return Unreached, "connecting to " + addr + " failed"
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout()
}

// limitReader bounds what is read of the proxy's answer.
type limitReader struct {
	r interface{ Read([]byte) (int, error) }
	n int
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, errors.New("the proxy's answer is too long")
	}
	if len(p) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= n
	return n, err
}
