package moto

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/tools"
)

// AccountID is the account moto puts every resource in.
const AccountID = "123456789012"

// Options tune Start.
type Options struct {
	// Program is the moto_server executable; "moto_server" (found on PATH)
	// when empty.
	Program string
	// StartTimeout bounds how long Start waits for moto to answer (30s when
	// zero: the first start imports a lot of Python).
	StartTimeout time.Duration
}

// Server is a running moto_server behind a recording proxy.
type Server struct {
	// URL is the proxy's base URL (http://127.0.0.1:PORT): the value for
	// AWS_ENDPOINT_URL.
	URL string
	// MotoURL is moto_server's own base URL (no recording, no fakes).
	MotoURL string

	proxy *httptest.Server
	http  *http.Client

	mu        sync.Mutex
	enforced  bool
	requests  []Request
	simulator Simulator
	faults    map[string]Fault
	// repoKeys and awsManaged are what SetRepositoryKey and SetAWSManaged
	// add to moto's answers.
	repoKeys   map[string]string
	awsManaged map[string]bool
}

// Start launches moto_server on a free loopback port and a recording proxy
// in front of it. Both stop at test cleanup. It skips the test when
// moto_server is not installed and CI is unset, and fails it under CI
// (tools.RequireTool).
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	program := opts.Program
	if program == "" {
		program = "moto_server"
	}
	path := tools.RequireTool(t, program)
	timeout := opts.StartTimeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	s := &Server{
		http:   &http.Client{Timeout: 10 * time.Second},
		faults: map[string]Fault{},
	}
	// A port picked by the kernel can be taken again before moto binds it;
	// try a few times.
	var lastErr error
	for range 3 {
		motoURL, stop, err := launch(t, path, timeout)
		if err == nil {
			s.MotoURL = motoURL
			t.Cleanup(stop)
			lastErr = nil
			break
		}
		lastErr = err
	}
	if lastErr != nil {
		t.Fatalf("starting moto_server: %v", lastErr)
	}
	target, err := url.Parse(s.MotoURL)
	if err != nil {
		t.Fatalf("moto URL %q: %v", s.MotoURL, err)
	}
	s.proxy = httptest.NewServer(s.handler(target))
	t.Cleanup(s.proxy.Close)
	s.URL = s.proxy.URL
	return s
}

// launch starts one moto_server process and waits until it answers.
func launch(t testing.TB, path string, timeout time.Duration) (string, func(), error) {
	port, err := freePort()
	if err != nil {
		return "", nil, err
	}
	cmd := exec.Command(path, "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	cmd.Env = append(os.Environ(),
		// Far more calls than any setup makes: Enforce switches checking on.
		"INITIAL_NO_AUTH_ACTION_COUNT=1000000",
		"MOTO_IAM_LOAD_MANAGED_POLICIES=true",
	)
	var out lockedBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return "", nil, fmt.Errorf("running %s: %w", path, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stop := func() {
		_ = cmd.Process.Kill()
		select {
		case <-exited:
		case <-time.After(5 * time.Second):
			t.Logf("moto_server (pid %d) did not exit after kill", cmd.Process.Pid)
		}
		if t.Failed() {
			t.Logf("moto_server output:\n%s", tail(out.String(), 4000))
		}
	}
	url := "http://127.0.0.1:" + strconv.Itoa(port)
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	if err := waitReady(ctx, url, exited); err != nil {
		stop()
		return "", nil, fmt.Errorf("%w; output:\n%s", err, tail(out.String(), 2000))
	}
	return url, stop, nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("finding a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitReady polls moto's own API until it answers.
func waitReady(ctx context.Context, url string, exited <-chan error) error {
	client := &http.Client{Timeout: time.Second}
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url+"/moto-api/data.json", nil)
		if err != nil {
			return err
		}
		if resp, err := client.Do(req); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case err := <-exited:
			return fmt.Errorf("moto_server exited before it was ready: %v", err)
		case <-ctx.Done():
			return fmt.Errorf("moto_server did not answer at %s: %w", url, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// Enforce makes moto check signatures and IAM policies for every request
// from now on (see the package documentation). Requests recorded after it
// are marked as such.
func (s *Server) Enforce(t testing.TB) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.MotoURL+"/moto-api/reset-auth", strings.NewReader("0"))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := s.http.Do(req)
	if err != nil {
		t.Fatalf("enabling moto's authentication: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("enabling moto's authentication: status %s", resp.Status)
	}
	s.mu.Lock()
	s.enforced = true
	s.mu.Unlock()
}

// lockedBuffer collects a process's output from two pipes.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "…" + s[len(s)-n:]
}
