package gitendpoint

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/signer"
	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/tools"
)

// shutdownTimeout bounds how long Close waits for requests in flight.
const shutdownTimeout = 10 * time.Second

// Server is a running emulator. Its methods are safe for concurrent use.
type Server struct {
	opts     Options
	validity time.Duration
	git      string
	hosts    []string
	dir      string
	ownDir   bool
	reposDir string
	homeDir  string
	caFile   string
	pki      pki
	ln       net.Listener
	srv      *http.Server
	served   chan error
	logw     logWriter

	clockOffset atomic.Int64

	mu       sync.Mutex
	keys     map[string]key
	denials  map[string][]denial
	fault    fault
	requests []Request

	closeOnce sync.Once
	closeErr  error
}

// Start starts an emulator for a test, fails the test if it cannot, and
// closes it when the test ends. Unless opts.Logf is set, git http-backend's
// stderr goes to t.Logf. Without git (opts.Git) the test is skipped loudly,
// or failed under CI (tools.RequireTool).
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	if opts.Logf == nil {
		opts.Logf = t.Logf
	}
	// http-backend is git's: without git the test skips loudly, or fails
	// under CI.
	if opts.Git == "" {
		opts.Git = "git"
	}
	opts.Git = tools.RequireTool(t, opts.Git)
	s, err := New(opts)
	if err != nil {
		t.Fatalf("starting the CodeCommit git endpoint emulator: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("closing the CodeCommit git endpoint emulator: %v", err)
		}
	})
	return s
}

// New starts an emulator listening on a free port of 127.0.0.1. Call Close
// when done.
func New(opts Options) (*Server, error) {
	opts = opts.withDefaults()
	git, err := exec.LookPath(opts.Git)
	if err != nil {
		return nil, fmt.Errorf("finding git for http-backend: %w", err)
	}
	hosts, err := hostList(opts)
	if err != nil {
		return nil, err
	}
	s := &Server{
		opts:     opts,
		validity: opts.Validity,
		git:      git,
		hosts:    hosts,
		dir:      opts.Dir,
		keys:     map[string]key{},
		denials:  map[string][]denial{},
		served:   make(chan error, 1),
		logw:     logWriter{logf: opts.Logf},
	}
	if s.validity <= 0 {
		s.validity = signer.DefaultValidity
	}
	if s.dir == "" {
		if s.dir, err = os.MkdirTemp("", "gitendpoint-"); err != nil {
			return nil, fmt.Errorf("creating the emulator directory: %w", err)
		}
		s.ownDir = true
	}
	if err := s.start(); err != nil {
		if s.ownDir {
			_ = os.RemoveAll(s.dir)
		}
		return nil, err
	}
	return s, nil
}

// start creates the files, the certificate and the listener.
func (s *Server) start() error {
	s.reposDir = filepath.Join(s.dir, "repos")
	s.homeDir = filepath.Join(s.dir, "backend-home")
	s.caFile = filepath.Join(s.dir, "ca.pem")
	for _, d := range []string{s.reposDir, s.homeDir} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return fmt.Errorf("creating %s: %w", d, err)
		}
	}
	var err error
	if s.pki, err = newPKI(s.hosts, time.Now()); err != nil {
		return fmt.Errorf("creating the emulator's certificates: %w", err)
	}
	if err := os.WriteFile(s.caFile, s.pki.caPEM, 0o600); err != nil {
		return fmt.Errorf("writing the emulator's CA file: %w", err)
	}
	if s.ln, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
		return fmt.Errorf("listening on 127.0.0.1: %w", err)
	}
	s.srv = &http.Server{
		Handler: s,
		TLSConfig: &tls.Config{
			Certificates: []tls.Certificate{s.pki.cert},
			MinVersion:   tls.VersionTLS12,
		},
		// HTTP/1.1 only: keeps the CGI bridge and request records simple.
		TLSNextProto:      map[string]func(*http.Server, *tls.Conn, http.Handler){},
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       30 * time.Second,
		ErrorLog:          log.New(s.logw, "gitendpoint: ", 0),
	}
	go func() { s.served <- s.srv.ServeTLS(s.ln, "", "") }()
	return nil
}

// hostList returns the primary host followed by the distinct extra hosts.
func hostList(opts Options) ([]string, error) {
	hosts := []string{PrimaryHost(opts.Region)}
	for _, h := range opts.ExtraHosts {
		h = strings.ToLower(strings.TrimSpace(h))
		if h == "" || strings.ContainsAny(h, ":/ ") {
			return nil, fmt.Errorf("extra host %q: want a bare DNS name", h)
		}
		dup := false
		for _, seen := range hosts {
			dup = dup || seen == h
		}
		if !dup {
			hosts = append(hosts, h)
		}
	}
	return hosts, nil
}

// Close stops the server, waits up to 10s for requests in flight and removes
// the temporary directory it created. It is safe to call more than once.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
		defer cancel()
		var errs []error
		if err := s.srv.Shutdown(ctx); err != nil {
			errs = append(errs, fmt.Errorf("shutting down the emulator: %w", err))
			_ = s.srv.Close()
		}
		if err := <-s.served; err != nil && !errors.Is(err, http.ErrServerClosed) {
			errs = append(errs, fmt.Errorf("serving: %w", err))
		}
		if s.ownDir {
			if err := os.RemoveAll(s.dir); err != nil {
				errs = append(errs, fmt.Errorf("removing the emulator directory: %w", err))
			}
		}
		s.closeErr = errors.Join(errs...)
	})
	return s.closeErr
}

// Host returns the primary host name, git-codecommit.REGION.amazonaws.com.
func (s *Server) Host() string { return s.hosts[0] }

// Hosts returns every host name the certificate covers, primary first.
func (s *Server) Hosts() []string { return append([]string(nil), s.hosts...) }

// Region returns the emulator's region.
func (s *Server) Region() string { return s.opts.Region }

// Port returns the TCP port the emulator listens on (on 127.0.0.1).
func (s *Server) Port() int { return s.ln.Addr().(*net.TCPAddr).Port }

// Addr returns "127.0.0.1:PORT".
func (s *Server) Addr() string { return s.ln.Addr().String() }

// CAFile returns the path of the PEM file of the emulator's CA, for
// GIT_SSL_CAINFO or http.sslCAInfo.
func (s *Server) CAFile() string { return s.caFile }

// CAPEM returns the emulator's CA certificate in PEM.
func (s *Server) CAPEM() []byte { return append([]byte(nil), s.pki.caPEM...) }

// CertPool returns a pool holding only the emulator's CA.
func (s *Server) CertPool() *x509.CertPool { return s.pki.pool.Clone() }

// RepoURL returns https://PRIMARYHOST:PORT/v1/repos/NAME.
func (s *Server) RepoURL(name string) string { return s.RepoURLFor(s.Host(), name) }

// RepoURLFor returns https://HOST:PORT/v1/repos/NAME for one of Hosts().
func (s *Server) RepoURLFor(host, name string) string {
	return "https://" + net.JoinHostPort(host, strconv.Itoa(s.Port())) + repoPath(name)
}
