package probe

import (
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/signer"
	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/gitendpoint"
)

const (
	keyID  = "AKIAPROBEEXAMPLE0001"
	secret = "probe-secret"
)

func emulator(t *testing.T) *gitendpoint.Server {
	t.Helper()
	s := gitendpoint.Start(t, gitendpoint.Options{})
	s.AddKey(keyID, secret, "")
	if _, err := s.CreateRepo(ctx(t), "MyDemoRepo", gitendpoint.RepoOptions{InitialCommit: true}); err != nil {
		t.Fatal(err)
	}
	return s
}

// gitSettings are the settings git would read in the emulator's wiring.
func gitSettings(s *gitendpoint.Server) Settings {
	return Settings{URL: s.RepoURL("MyDemoRepo"), CAInfo: s.CAFile(), CAInfoSource: "GIT_SSL_CAINFO", Verify: true,
		Resolve: []string{s.CurlResolve(s.Host())}}
}

func infoRefs(s *gitendpoint.Server, repo string) string {
	return s.RepoURL(repo) + "/info/refs?service=git-upload-pack"
}

func signed(s *gitendpoint.Server, repo, secretKey string, at time.Time) (string, string) {
	host := s.Host() + ":" + strconv.Itoa(s.Port())
	return signer.Sign(signer.Credentials{AccessKeyID: keyID, SecretAccessKey: secretKey}, host, signer.HelperPath("v1/repos/"+repo), "us-east-1", at)
}

func TestDoReachesTheEmulatorAsGitDoes(t *testing.T) {
	s := emulator(t)
	m, _ := isolatedMachine(t, "")
	c, err := New(m, gitSettings(s))
	if err != nil {
		t.Fatal(err)
	}
	goodUser, goodPass := signed(s, "MyDemoRepo", secret, time.Now())
	badUser, badPass := signed(s, "MyDemoRepo", "wrong", time.Now())
	staleUser, stalePass := signed(s, "MyDemoRepo", secret, time.Now().Add(-20*time.Minute))
	nopeUser, nopePass := signed(s, "Nope", secret, time.Now())
	tests := []struct {
		name       string
		url        string
		user, pass string
		status     int
		bodyHas    string
	}{
		{name: "no credentials: 401 with a Basic challenge", url: infoRefs(s, "MyDemoRepo"), status: 401},
		{name: "signed like the helper: 200", url: infoRefs(s, "MyDemoRepo"), user: goodUser, pass: goodPass, status: 200, bodyHas: "git-upload-pack"},
		{name: "wrong secret: 403", url: infoRefs(s, "MyDemoRepo"), user: badUser, pass: badPass, status: 403, bodyHas: "signature"},
		{name: "stale password: 403", url: infoRefs(s, "MyDemoRepo"), user: staleUser, pass: stalePass, status: 403, bodyHas: "Signature expired"},
		{name: "no such repository: 404", url: infoRefs(s, "Nope"), user: nopeUser, pass: nopePass, status: 404, bodyHas: "does not exist"},
		{name: "signed for another path: 403", url: infoRefs(s, "Nope"), user: goodUser, pass: goodPass, status: 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := c.Do(ctx(t), Request{URL: tt.url, Username: tt.user, Password: tt.pass}, time.Now)
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != tt.status || !strings.Contains(res.Body, tt.bodyHas) {
				t.Errorf("status %d body %q; want %d with %q", res.Status, res.Body, tt.status, tt.bodyHas)
			}
			if res.Date.IsZero() || res.Addr != s.Addr() || res.Proxy != "" {
				t.Errorf("date %v addr %q proxy %q", res.Date, res.Addr, res.Proxy)
			}
			if tt.status == 401 && !strings.HasPrefix(res.WWWAuthenticate, "Basic ") {
				t.Errorf("WWW-Authenticate = %q", res.WWWAuthenticate)
			}
		})
	}
	for _, r := range s.Requests() {
		if r.Method != http.MethodGet || r.Action != gitendpoint.ActionGitPull {
			t.Errorf("the probe sent more than a read: %+v", r)
		}
	}
}

func TestDoFailures(t *testing.T) {
	s := emulator(t)
	m, _ := isolatedMachine(t, "")
	closed := closedPort(t)
	tests := []struct {
		name string
		set  func(*Settings) string // edits settings, returns the URL
		kind Kind
	}{
		{name: "without the emulator's CA the certificate is not trusted", kind: KindTLS, set: func(st *Settings) string {
			st.CAInfo = ""
			return infoRefs(s, "MyDemoRepo")
		}},
		{name: "sslVerify off: the same request works", kind: "", set: func(st *Settings) string {
			st.CAInfo, st.Verify = "", false
			return infoRefs(s, "MyDemoRepo")
		}},
		{name: "nothing listens", kind: KindConnect, set: func(st *Settings) string {
			st.Resolve = []string{s.Host() + ":" + closed + ":127.0.0.1"}
			return "https://" + s.Host() + ":" + closed + "/v1/repos/MyDemoRepo/info/refs"
		}},
		{name: "a name that does not resolve", kind: KindDNS, set: func(st *Settings) string {
			st.Resolve = nil
			return "https://nonexistent.invalid/v1/repos/MyDemoRepo/info/refs"
		}},
		{name: "the proxy is down", kind: KindProxy, set: func(st *Settings) string {
			st.Proxy, st.ProxySource = "http://127.0.0.1:"+closed, "HTTPS_PROXY"
			return infoRefs(s, "MyDemoRepo")
		}},
		{name: "a CA file that does not exist", kind: KindConfig, set: func(st *Settings) string {
			st.CAInfo = "/nonexistent/ca.pem"
			return infoRefs(s, "MyDemoRepo")
		}},
		{name: "a malformed resolve entry", kind: KindConfig, set: func(st *Settings) string {
			st.Resolve = []string{"host-without-port"}
			return infoRefs(s, "MyDemoRepo")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := gitSettings(s)
			url := tt.set(&st)
			c, err := New(m, st)
			if err == nil {
				_, err = c.Do(ctx(t), Request{URL: url}, time.Now)
			}
			var pe *Error
			switch {
			case tt.kind == "" && err != nil:
				t.Fatalf("unexpected error %v", err)
			case tt.kind != "" && !errors.As(err, &pe):
				t.Fatalf("err = %v, want a probe error of kind %s", err, tt.kind)
			case tt.kind != "" && pe.Kind != tt.kind:
				t.Fatalf("kind = %s (%v), want %s", pe.Kind, err, tt.kind)
			}
		})
	}
}

func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
	l.Close()
	return port
}

// connectProxy is a minimal CONNECT proxy that counts tunnels; with
// requireAuth it answers 407 instead.
func connectProxy(t *testing.T, requireAuth bool) (*httptest.Server, *atomic.Int32) {
	t.Helper()
	var tunnels atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodConnect {
			http.Error(w, "CONNECT only", http.StatusMethodNotAllowed)
			return
		}
		if requireAuth {
			w.Header().Set("Proxy-Authenticate", `Basic realm="corp"`)
			w.WriteHeader(http.StatusProxyAuthRequired)
			return
		}
		upstream, err := net.DialTimeout("tcp", r.Host, 5*time.Second)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		tunnels.Add(1)
		w.WriteHeader(http.StatusOK)
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			upstream.Close()
			return
		}
		go func() { _, _ = io.Copy(upstream, buf); upstream.Close() }()
		_, _ = io.Copy(conn, upstream)
		conn.Close()
	}))
	t.Cleanup(srv.Close)
	return srv, &tunnels
}

func TestDoThroughAProxy(t *testing.T) {
	s := emulator(t)
	m, _ := isolatedMachine(t, "")
	proxy, tunnels := connectProxy(t, false)
	// The proxy resolves the target itself: give it the emulator's address
	// as the host, as curl's resolve entry does not apply beyond the proxy.
	st := gitSettings(s)
	st.Proxy, st.ProxySource = proxy.URL, "git config http.proxy"
	c, err := New(m, st)
	if err != nil {
		t.Fatal(err)
	}
	url := "https://127.0.0.1:" + strconv.Itoa(s.Port()) + "/v1/repos/MyDemoRepo/info/refs"
	if got := c.ProxyFor(url); got != proxy.URL {
		t.Fatalf("ProxyFor = %q", got)
	}
	_, err = c.Do(ctx(t), Request{URL: url}, time.Now)
	// The certificate is for the CodeCommit name, not 127.0.0.1: the
	// tunnel worked and TLS (end to end, through it) refused the name.
	var pe *Error
	if !errors.As(err, &pe) || pe.Kind != KindTLS || tunnels.Load() != 1 {
		t.Fatalf("err = %v, tunnels = %d; want a TLS error after one tunnel", err, tunnels.Load())
	}

	// NO_PROXY exempts the host: no tunnel.
	st.NoProxy = "127.0.0.1"
	c, _ = New(m, st)
	_, _ = c.Do(ctx(t), Request{URL: url}, time.Now)
	if tunnels.Load() != 1 {
		t.Errorf("NO_PROXY did not exempt the host: %d tunnels", tunnels.Load())
	}

	// A proxy that wants credentials.
	authProxy, _ := connectProxy(t, true)
	st = gitSettings(s)
	st.Proxy = authProxy.URL
	c, _ = New(m, st)
	_, err = c.Do(ctx(t), Request{URL: infoRefs(s, "MyDemoRepo")}, time.Now)
	if !errors.As(err, &pe) || pe.Kind != KindProxy {
		t.Fatalf("407 from the proxy: err = %v", err)
	}
}

func TestDoThroughAProxyWithResolve(t *testing.T) {
	// curl applies resolve entries to the proxy's name too.
	s := emulator(t)
	m, _ := isolatedMachine(t, "")
	proxy, tunnels := connectProxy(t, false)
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(proxy.URL, "http://"))
	st := gitSettings(s)
	st.Proxy = "http://proxy.corp.example:" + port
	st.Resolve = append(st.Resolve, "proxy.corp.example:"+port+":127.0.0.1")
	c, err := New(m, st)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Do(ctx(t), Request{URL: "https://127.0.0.1:" + strconv.Itoa(s.Port()) + "/v1/repos/MyDemoRepo/info/refs"}, time.Now)
	if tunnels.Load() != 1 {
		t.Fatalf("the proxy's name was not resolved through the entry: %v", err)
	}
}
