package probe

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"time"
)

// Limits of one probe request.
const (
	dialTimeout      = 10 * time.Second
	handshakeTimeout = 10 * time.Second
	headerTimeout    = 20 * time.Second
	// MaxBody is how much of a response body is kept.
	MaxBody = 4096
	// maxCAFile bounds a CA bundle read from disk.
	maxCAFile = 16 << 20
)

// Client sends requests the way git would for the URL its settings were
// read for.
type Client struct {
	settings Settings
	resolve  resolveTable
	roots    *x509.CertPool // nil: the system roots
	proxy    *url.URL       // nil: direct
}

// New builds a client from git's settings. A CA file that cannot be read
// or holds no certificate, a malformed http.curloptResolve entry and a
// proxy URL Go cannot use are errors of kind KindConfig.
func New(m Machine, s Settings) (*Client, error) {
	c := &Client{settings: s}
	var err error
	if c.resolve, err = parseResolve(s.Resolve); err != nil {
		return nil, &Error{Kind: KindConfig, Op: "reading http.curloptResolve", Err: err}
	}
	if s.CAInfo != "" {
		pem, err := m.ReadFile(s.CAInfo, maxCAFile)
		if err != nil {
			return nil, &Error{Kind: KindConfig, Op: "reading the CA bundle " + s.CAInfo + " (" + s.CAInfoSource + ")", Err: err}
		}
		c.roots = x509.NewCertPool()
		if !c.roots.AppendCertsFromPEM(pem) {
			return nil, &Error{Kind: KindConfig, Op: "reading the CA bundle " + s.CAInfo + " (" + s.CAInfoSource + ")",
				Err: fmt.Errorf("no PEM certificate in it")}
		}
	}
	if s.Proxy != "" {
		p, err := url.Parse(s.Proxy)
		if err != nil || p.Host == "" {
			return nil, &Error{Kind: KindConfig, Op: "reading the proxy setting (" + s.ProxySource + ")", Err: fmt.Errorf("not a URL")}
		}
		switch strings.ToLower(p.Scheme) {
		case "http", "https", "socks5":
		case "socks5h":
			p.Scheme = "socks5" // Go's SOCKS5 client lets the proxy resolve names, as socks5h does
		default:
			return nil, &Error{Kind: KindConfig, Op: "reading the proxy setting (" + s.ProxySource + ")",
				Err: fmt.Errorf("proxy scheme %q is not supported by the probe", p.Scheme)}
		}
		c.proxy = p
	}
	return c, nil
}

// Settings returns the settings the client applies.
func (c *Client) Settings() Settings { return c.settings }

// Request is one request to send.
type Request struct {
	// Method is GET when empty.
	Method string
	URL    string
	// Username and Password are sent as Basic authorization when Username
	// is not empty. They are never part of an error or a Response.
	Username, Password string
	// Header holds extra headers.
	Header map[string]string
}

// Response is what came back. It holds no request secret.
type Response struct {
	Status int
	// Reason is the reason phrase ("Forbidden").
	Reason string
	// Date is the parsed Date header (zero when absent or unparsable).
	Date time.Time
	// ContentType and WWWAuthenticate are those headers.
	ContentType, WWWAuthenticate string
	// Body is the start of the body (at most MaxBody bytes).
	Body string
	// Sent and Received are the local times the request was sent and the
	// response headers arrived.
	Sent, Received time.Time
	// Proxy is the proxy used, without credentials ("" for none).
	Proxy string
	// Addr is the address the connection went to.
	Addr string
}

// ProxyFor returns the proxy a request to rawURL uses (without
// credentials), or "" when it goes direct.
func (c *Client) ProxyFor(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	if p := c.proxyFor(u); p != nil {
		return p.Redacted()
	}
	return ""
}

func (c *Client) proxyFor(u *url.URL) *url.URL {
	if c.proxy == nil || noProxy(c.settings.NoProxy, u.Hostname()) {
		return nil
	}
	return c.proxy
}

// Do sends one request. now is the local clock (the machine's). A
// transport failure is an *Error; an HTTP error status is not an error.
func (c *Client) Do(ctx context.Context, r Request, now func() time.Time) (Response, error) {
	method := r.Method
	if method == "" {
		method = http.MethodGet
	}
	u, err := url.Parse(r.URL)
	if err != nil || u.Host == "" {
		return Response{}, &Error{Kind: KindConfig, Op: "parsing the URL", Err: fmt.Errorf("not an absolute URL")}
	}
	proxy := c.proxyFor(u)
	var res Response
	if proxy != nil {
		res.Proxy = proxy.Redacted()
	}
	trace := &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
		if info.Conn != nil {
			res.Addr = info.Conn.RemoteAddr().String()
		}
	}}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), method, u.String(), nil)
	if err != nil {
		return res, &Error{Kind: KindConfig, Op: "building the request", Err: err}
	}
	req.Header.Set("User-Agent", "codecommit-doctor")
	for k, v := range r.Header {
		req.Header.Set(k, v)
	}
	if r.Username != "" {
		req.SetBasicAuth(r.Username, r.Password)
	}
	client := &http.Client{
		Transport:     c.transport(proxy),
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	res.Sent = now()
	resp, err := client.Do(req)
	if err != nil {
		return res, classify(err, proxy != nil, "sending "+method+" "+u.Redacted())
	}
	defer resp.Body.Close()
	res.Received = now()
	res.Status = resp.StatusCode
	_, res.Reason, _ = strings.Cut(resp.Status, " ")
	res.ContentType = resp.Header.Get("Content-Type")
	res.WWWAuthenticate = resp.Header.Get("WWW-Authenticate")
	if d := resp.Header.Get("Date"); d != "" {
		if t, err := http.ParseTime(d); err == nil {
			res.Date = t
		}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxBody))
	if err != nil && len(body) == 0 && ctx.Err() != nil {
		return res, classify(ctx.Err(), proxy != nil, "reading the response")
	}
	res.Body = string(body)
	return res, nil
}

// transport builds a one-request transport that dials as curl would.
func (c *Client) transport(proxy *url.URL) *http.Transport {
	d := &net.Dialer{Timeout: dialTimeout}
	tlsConf := &tls.Config{RootCAs: c.roots, MinVersion: tls.VersionTLS12}
	if !c.settings.Verify {
		tlsConf.InsecureSkipVerify = true // the user turned verification off for git; the probe does what git does
	}
	var proxyFunc func(*http.Request) (*url.URL, error)
	if proxy != nil {
		proxyFunc = http.ProxyURL(proxy)
	}
	return &http.Transport{
		Proxy: proxyFunc,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return c.dial(ctx, d, network, addr)
		},
		TLSClientConfig:       tlsConf,
		TLSHandshakeTimeout:   handshakeTimeout,
		ResponseHeaderTimeout: headerTimeout,
		DisableKeepAlives:     true,
		ForceAttemptHTTP2:     false,
	}
}

// dial connects to addr, or to the addresses http.curloptResolve gives for
// it, trying them in order.
func (c *Client) dial(ctx context.Context, d *net.Dialer, network, addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("dialing %q: %w", addr, err)
	}
	addrs, ok := c.resolve.lookup(host, port)
	if !ok {
		return d.DialContext(ctx, network, addr)
	}
	var lastErr error
	for _, a := range addrs {
		conn, err := d.DialContext(ctx, network, net.JoinHostPort(a, port))
		if err == nil {
			return conn, nil
		}
		lastErr = err
	}
	return nil, lastErr
}

// noProxy reports whether host is exempt from the proxy by a no_proxy list
// (curl's rules: "*" for all, else comma-separated names matching the host
// or a parent domain, with or without a leading dot, or IP addresses).
func noProxy(list, host string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for e := range strings.SplitSeq(list, ",") {
		e = strings.ToLower(strings.TrimSpace(e))
		if e == "" {
			continue
		}
		if e == "*" {
			return true
		}
		if h, _, err := net.SplitHostPort(e); err == nil {
			e = h
		}
		e = strings.TrimSuffix(strings.TrimPrefix(e, "."), ".")
		if _, cidr, err := net.ParseCIDR(e); err == nil {
			if ip := net.ParseIP(host); ip != nil && cidr.Contains(ip) {
				return true
			}
			continue
		}
		if host == e || strings.HasSuffix(host, "."+e) {
			return true
		}
	}
	return false
}
