//go:build linux

package main

import (
	"bufio"
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/moto"
)

// stubProxy is a loopback listener standing in for a proxy: status 0
// accepts connections and never answers; any other status answers every
// CONNECT with it. It counts the connections it accepted.
type stubProxy struct {
	addr  string
	conns atomic.Int32
}

func startStubProxy(t *testing.T, status int) *stubProxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &stubProxy{addr: ln.Addr().String()}
	done := make(chan struct{})
	t.Cleanup(func() { close(done); ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			p.conns.Add(1)
			go func() {
				defer c.Close()
				if status == 0 {
					<-done // a blackhole: never a byte back
					return
				}
				if _, err := http.ReadRequest(bufio.NewReader(c)); err != nil {
					return
				}
				c.Write([]byte("HTTP/1.1 " + strconv.Itoa(status) + " " + http.StatusText(status) + "\r\nContent-Length: 0\r\n\r\n"))
			}()
		}
	}()
	return p
}

// keyedCredentials is the credentials file keyedGitEnv writes.
const keyedCredentials = "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMIK7MDENGbPxRfiCYTESTSECRET12\n"

// keyedGitEnv is a sealed HOME with the real git and an access key, and
// no AWS_ENDPOINT_URL: AWS calls go to the real names.
func keyedGitEnv(t *testing.T) ([]string, string) {
	t.Helper()
	git, err := exec.LookPath("git")
	if err != nil {
		t.Skip("SKIPPING: real git is needed")
	}
	env, work := sealedEnv(t, nil)
	if err := os.Symlink(git, filepath.Join(work, "bin", "git")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "home", ".aws", "credentials"), []byte(keyedCredentials), 0o600); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "AWS_ENDPOINT_URL=") {
			out = append(out, kv)
		}
	}
	return out, work
}

// proxyEnv is keyedGitEnv with AWS calls sent to a name that cannot
// resolve: only a proxy could carry them, and every proxy here is a
// loopback stub.
func proxyEnv(t *testing.T, extra ...string) ([]string, string) {
	t.Helper()
	out, work := keyedGitEnv(t)
	out = append(out, "AWS_ENDPOINT_URL=https://aws.proxytest.invalid")
	return append(out, extra...), work
}

const proxyRepo = "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/MyDemoRepo"

// checkLine is the line of check id in a text report.
func checkLine(out, id string) string {
	for l := range strings.SplitSeq(out, "\n") {
		if f := strings.Fields(l); len(f) > 1 && f[1] == id {
			return l
		}
	}
	return ""
}

func TestProxyIsNamedByEveryCheckThroughIt(t *testing.T) {
	blackhole := startStubProxy(t, 0)
	auth := startStubProxy(t, http.StatusProxyAuthRequired)
	forbidden := startStubProxy(t, http.StatusForbidden)
	badGateway := startStubProxy(t, http.StatusBadGateway)
	closed := func() string {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer ln.Close()
		return ln.Addr().String()
	}()
	const password = "Sup3rSecretProxyPw"
	tests := []struct {
		name   string
		vars   []string
		words  string   // on the line of every check through it
		fix    []string // in the report
		absent []string
	}{
		{name: "blackhole", vars: []string{"HTTPS_PROXY=http://" + blackhole.addr},
			words: "proxy http://" + blackhole.addr + " accepted the connection and never answered",
			fix:   []string{"unset HTTPS_PROXY   # if this network needs no proxy"}},
		{name: "refused", vars: []string{"https_proxy=http://" + closed},
			words: "proxy http://" + closed + " refused the connection",
			fix:   []string{"unset https_proxy"}},
		{name: "auth with a password", vars: []string{"HTTPS_PROXY=http://alice:" + password + "@" + auth.addr},
			words: "proxy http://alice:****@" + auth.addr + " answered 407 Proxy Authentication Required to CONNECT",
			fix:   []string{"Correct the user name and password in HTTPS_PROXY"}, absent: []string{password}},
		{name: "forbidden", vars: []string{"HTTPS_PROXY=http://" + forbidden.addr},
			words: "proxy http://" + forbidden.addr + " answered 403 Forbidden to CONNECT",
			fix:   []string{"Ask the proxy's administrator to allow CONNECT to"}},
		{name: "bad gateway", vars: []string{"HTTPS_PROXY=" + badGateway.addr},
			words: "proxy http://" + badGateway.addr + " answered 502 Bad Gateway to CONNECT"},
		{name: "malformed", vars: []string{"HTTPS_PROXY=http://bob:" + password + "@[::1"},
			words: "HTTPS_PROXY is not a proxy URL that can be used", absent: []string{password}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env, _ := proxyEnv(t, tc.vars...)
			// Bounded by the test's own context (runSealedDoctor's); the
			// blackhole would cost each check its whole timeout.
			r := runSealedDoctor(t, env, "--timeout", "20s", "--only", "credentials,clock,reproduce", proxyRepo)
			for _, id := range []string{"credentials", "clock", "reproduce"} {
				if l := checkLine(r.stdout, id); !strings.Contains(l, tc.words) {
					t.Errorf("%s does not name the proxy: %q, want %q in:\n%s", id, l, tc.words, r.stdout)
				}
			}
			for _, want := range tc.fix {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("no fix %q:\n%s", want, r.stdout)
				}
			}
			for _, bad := range append(tc.absent, "Check the network", "longer --timeout", "STS timeout", "timed out", "does not resolve", "proxytest.invalid does not") {
				if strings.Contains(r.stdout, bad) {
					t.Errorf("the report says %q:\n%s", bad, r.stdout)
				}
			}
			if len(tc.absent) > 0 {
				verbose := runSealedDoctor(t, env, "-v", "-o", "json", "--only", "credentials,clock,reproduce", proxyRepo)
				for _, bad := range tc.absent {
					if strings.Contains(verbose.stdout, bad) || strings.Contains(verbose.stderr, bad) {
						t.Errorf("the JSON report holds %q", bad)
					}
				}
			}
		})
	}
}

// NO_PROXY exempts the AWS endpoint: nothing goes to the proxy, and no
// report names it.
func TestProxyNoProxyIsRespected(t *testing.T) {
	blackhole := startStubProxy(t, 0)
	env, _ := proxyEnv(t, "HTTPS_PROXY=http://"+blackhole.addr, "NO_PROXY=.invalid")
	// Only credentials: the git endpoint is a real name, and nothing here
	// may go toward it.
	r := runSealedDoctor(t, env, "--only", "credentials", proxyRepo)
	// The header lists HTTPS_PROXY; no check names it.
	if _, body, _ := strings.Cut(r.stdout, "\nTarget: "); strings.Contains(body, blackhole.addr) {
		t.Errorf("the exempt endpoint went to the proxy:\n%s", r.stdout)
	}
	if !strings.Contains(checkLine(r.stdout, "credentials"), "STS unreachable") || !strings.Contains(r.stdout, "DNS: aws.proxytest.invalid does not resolve") {
		t.Errorf("want the direct call's own failure:\n%s", r.stdout)
	}
	if n := blackhole.conns.Load(); n != 0 {
		t.Errorf("the proxy got %d connections", n)
	}
}

// git's own http.proxy is named by the checks that go through it (the
// clock's request to the git endpoint and reproduce), not by credentials.
func TestProxyGitHTTPProxyIsNamed(t *testing.T) {
	blackhole := startStubProxy(t, 0)
	env, work := proxyEnv(t)
	if err := os.WriteFile(filepath.Join(work, "home", ".gitconfig"), []byte("[http]\n\tproxy = http://"+blackhole.addr+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runSealedDoctor(t, env, "--timeout", "20s", "--only", "credentials,clock,reproduce", proxyRepo)
	words := "proxy http://" + blackhole.addr + " accepted the connection and never answered"
	if l := checkLine(r.stdout, "reproduce"); !strings.Contains(l, words) {
		t.Errorf("reproduce: %q, want %q:\n%s", l, words, r.stdout)
	}
	if !strings.Contains(r.stdout, "git endpoint: "+words) {
		t.Errorf("the clock does not name git's proxy:\n%s", r.stdout)
	}
	if !strings.Contains(r.stdout, "git config --global --unset http.proxy") {
		t.Errorf("no fix for http.proxy:\n%s", r.stdout)
	}
	if strings.Contains(checkLine(r.stdout, "credentials"), blackhole.addr) || strings.Contains(r.stdout, "unset HTTPS_PROXY") {
		t.Errorf("AWS calls do not use git's proxy:\n%s", r.stdout)
	}
}

// ALL_PROXY is git's (curl's) and not the AWS SDK's: reproduce names it,
// credentials does not go through it.
func TestProxyAllProxyIsGitsOnly(t *testing.T) {
	refusing := func() string {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer ln.Close()
		return ln.Addr().String()
	}()
	env, _ := proxyEnv(t, "ALL_PROXY=http://"+refusing)
	r := runSealedDoctor(t, env, "--timeout", "20s", "--only", "credentials,reproduce", proxyRepo)
	words := "proxy http://" + refusing + " refused the connection"
	if l := checkLine(r.stdout, "reproduce"); !strings.Contains(l, words) {
		t.Errorf("reproduce: %q, want %q:\n%s", l, words, r.stdout)
	}
	if !strings.Contains(r.stdout, "unset ALL_PROXY") {
		t.Errorf("no fix for ALL_PROXY:\n%s", r.stdout)
	}
	if l := checkLine(r.stdout, "credentials"); strings.Contains(l, refusing) || !strings.Contains(l, "STS unreachable") {
		t.Errorf("credentials: %q (the SDK does not use ALL_PROXY)", l)
	}
}

// STS answers directly (a loopback endpoint never goes through a proxy),
// but IAM and CodeCommit go through a proxy that refuses the tunnel:
// permissions and kms name it, with its fix.
func TestProxyStopsIAMAndCodeCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("starts moto_server")
	}
	doctor, err := exec.LookPath("codecommit-doctor")
	if err != nil {
		t.Fatal(err)
	}
	forbidden := startStubProxy(t, http.StatusForbidden)
	srv := moto.Start(t, moto.Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	u := awsUser(ctx, t, srv, "dev", moto.UserSpec{Policies: moto.Policies{
		Managed: []string{moto.PowerUserPolicyARN}, Inline: map[string]string{"self-read": awsSelfRead}}})
	srv.Enforce(t)
	run := awsUserRun(u, "MyDemoRepo")
	run.env = []string{"HTTPS_PROXY=http://" + forbidden.addr,
		"AWS_ENDPOINT_URL_IAM=https://iam.proxytest.invalid", "AWS_ENDPOINT_URL_CODECOMMIT=https://codecommit.proxytest.invalid"}
	env := awsDoctorEnv(t, srv, doctor, run)
	out := awsRunDoctor(ctx, t, doctor, env, []string{"-o", "json", "--only", "credentials,permissions,kms", awsRepoURL + "MyDemoRepo"})
	words := "proxy http://" + forbidden.addr + " answered 403 Forbidden to CONNECT "
	awsCheckReport(t, out, map[string]awsWant{
		"credentials": {status: "pass"},
		"permissions": {status: "error", codes: []string{"permissions-proxy-failed"},
			text:   []string{words + "codecommit.proxytest.invalid:443", "Ask the proxy's administrator to allow CONNECT to codecommit.proxytest.invalid:443"},
			hidden: []string{"StatusCode: 0", "Forbidden\"", "operation error"}},
		"kms": {status: "error", codes: []string{"kms-proxy-failed"},
			text:   []string{words + "iam.proxytest.invalid:443"},
			hidden: []string{"StatusCode: 0", "operation error"}},
	})
}
