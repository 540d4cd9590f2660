package proxy

import (
	"context"
	"net"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/checkstest"
	"github.com/codecommit-doctor/codecommit-doctor/checks/githttp"
	"github.com/codecommit-doctor/codecommit-doctor/internal/probe"
	"github.com/codecommit-doctor/codecommit-doctor/internal/proxyprobe"
)

// refusing is a loopback address nothing listens at; counting is one that
// accepts, counts and closes at once.
func refusing(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func counting(t *testing.T) (string, *atomic.Int32) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	var n atomic.Int32
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			n.Add(1)
			c.Close()
		}
	}()
	return ln.Addr().String(), &n
}

func run(t *testing.T, vars map[string]string, facts ...checks.Fact) *Facts {
	t.Helper()
	env := (&checks.Env{Sys: checkstest.Sys{Env: vars}}).WithFacts(facts...)
	res, err := New().Run(context.Background(), env)
	if err != nil {
		t.Fatal(err)
	}
	f, ok := Key.In(res)
	if !ok {
		t.Fatal("no facts")
	}
	return f
}

const repo = "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/R"

func TestAWSRoute(t *testing.T) {
	addr := refusing(t)
	f := run(t, map[string]string{"HTTPS_PROXY": "http://" + addr, "AWS_ENDPOINT_URL": "https://sts.example.invalid"})
	v := f.AWS(context.Background())
	if v.Kind != proxyprobe.Refused || v.Target != "sts.example.invalid:443" || v.Words() != "proxy http://"+addr+" refused the connection" {
		t.Errorf("verdict %+v: %s", v, v.Words())
	}
	if f.Git(context.Background()) != nil {
		t.Errorf("no target, yet a git route")
	}
	// NO_PROXY exempts the endpoint; a loopback endpoint never uses it.
	for _, vars := range []map[string]string{
		{"HTTPS_PROXY": "http://" + addr, "AWS_ENDPOINT_URL": "https://sts.example.invalid", "NO_PROXY": "example.invalid"},
		{"HTTPS_PROXY": "http://" + addr, "AWS_ENDPOINT_URL": "https://127.0.0.1:4566"},
		{"AWS_ENDPOINT_URL": "https://sts.example.invalid"},
	} {
		if v := run(t, vars).AWS(context.Background()); v != nil {
			t.Errorf("%v: verdict %+v, want direct", vars, v)
		}
	}
	// The default endpoint is the repository region's STS.
	if f := run(t, nil, checkstest.Target("https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/R")); f.AWSURL != "https://sts.eu-west-1.amazonaws.com/" {
		t.Errorf("AWSURL %s", f.AWSURL)
	}
}

// git's proxy comes from git's settings; a proxy that refused the AWS
// route is not asked again for git's.
func TestGitRouteSharesAProxyThatIsDown(t *testing.T) {
	addr, conns := counting(t)
	settings := githttp.Key.Fact(&githttp.Facts{Settings: probe.Settings{URL: repo, Proxy: "http://" + addr, ProxySource: "git config http.proxy"}})
	f := run(t, map[string]string{"HTTPS_PROXY": "http://" + addr, "AWS_ENDPOINT_URL": "https://sts.example.invalid"}, checkstest.Target(repo), settings)
	aws := f.AWS(context.Background())
	git := f.Git(context.Background())
	if aws.Kind != proxyprobe.Silent || git.Kind != proxyprobe.Silent {
		t.Fatalf("aws %+v git %+v", aws, git)
	}
	if git.Source != "git config http.proxy" || git.Target != "git-codecommit.us-east-1.amazonaws.com:443" {
		t.Errorf("git verdict %+v", git)
	}
	if n := conns.Load(); n != 1 {
		t.Errorf("the proxy was asked %d times, want once", n)
	}
	if fix := strings.Join(Fix(git), "\n"); !strings.Contains(fix, "git config --global --unset http.proxy") || strings.Contains(fix, "unset HTTPS_PROXY") {
		t.Errorf("fix for git's proxy: %s", fix)
	}
	if fix := strings.Join(Fix(aws), "\n"); !strings.Contains(fix, "unset HTTPS_PROXY") {
		t.Errorf("fix for HTTPS_PROXY: %s", fix)
	}
}

func TestMalformedGitProxy(t *testing.T) {
	settings := githttp.Key.Fact(&githttp.Facts{Settings: probe.Settings{URL: repo, Proxy: "http://u:s3cret@[::1", ProxySource: "git config http.proxy"}})
	v := run(t, nil, checkstest.Target(repo), settings).Git(context.Background())
	if v.Kind != proxyprobe.Malformed || strings.Contains(v.Words(), "s3cret") {
		t.Errorf("verdict %+v: %s", v, v.Words())
	}
}
