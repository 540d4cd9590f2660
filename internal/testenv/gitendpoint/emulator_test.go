package gitendpoint

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/signer"
)

const (
	testKeyID  = "AKIAEMULATORCANARY01"
	testSecret = "emulatorSecretCanary/0123456789+abcdefghij"
	testToken  = "IQoJemulatorTokenCanary/xyz+=="
)

// probe sends a GET for /v1/repos/NAME/info/refs?service=git-upload-pack to
// host with the given Basic credentials (none when user is "").
func probe(t *testing.T, s *Server, host, path, user, pass string) (*http.Response, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	u := "https://" + host + ":" + strconv.Itoa(s.Port()) + path
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		t.Fatalf("building request: %v", err)
	}
	if user != "" {
		req.SetBasicAuth(user, pass)
	}
	resp, err := s.HTTPClient().Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading body: %v", err)
	}
	return resp, string(body)
}

func TestNativeProbe(t *testing.T) {
	fips := "git-codecommit-fips.us-east-1.amazonaws.com"
	s := Start(t, Options{ExtraHosts: []string{fips}})
	s.AddKey(testKeyID, testSecret, "")
	s.AddKey("ASIAEMULATORCANARY02", testSecret, testToken)
	s.AddKey("AKIADENIED", testSecret, "")
	s.Deny("AKIADENIED", "")
	s.AddKey("AKIAPULLONLY", testSecret, "")
	s.DenyAction("AKIAPULLONLY", ActionGitPush, "")
	if _, err := s.CreateRepo(context.Background(), "MyDemoRepo", RepoOptions{InitialCommit: true}); err != nil {
		t.Fatal(err)
	}
	const infoRefs = "/v1/repos/MyDemoRepo/info/refs?service=git-upload-pack"
	const receiveRefs = "/v1/repos/MyDemoRepo/info/refs?service=git-receive-pack"
	sign := func(c signer.Credentials, host, path, region string, at time.Time) (string, string) {
		return signer.Sign(c, host, path, region, at)
	}
	creds := signer.Credentials{AccessKeyID: testKeyID, SecretAccessKey: testSecret}
	now := time.Now()

	tests := []struct {
		name       string
		host       string
		path       string
		user, pass func() (string, string)
		wantStatus int
		wantAuth   AuthOutcome
		wantBody   string
	}{
		{name: "no credentials", host: s.Host(), path: infoRefs, wantStatus: 401, wantAuth: AuthMissing},
		{name: "valid", host: s.Host(), path: infoRefs,
			user:       func() (string, string) { return sign(creds, s.Host(), "/v1/repos/MyDemoRepo", "us-east-1", now) },
			wantStatus: 200, wantAuth: AuthOK, wantBody: "# service=git-upload-pack"},
		{name: "valid on FIPS host", host: fips, path: infoRefs,
			user:       func() (string, string) { return sign(creds, fips, "/v1/repos/MyDemoRepo", "us-east-1", now) },
			wantStatus: 200, wantAuth: AuthOK},
		{name: "signed for the other host", host: fips, path: infoRefs,
			user:       func() (string, string) { return sign(creds, s.Host(), "/v1/repos/MyDemoRepo", "us-east-1", now) },
			wantStatus: 403, wantAuth: AuthBadSignature, wantBody: "signature we calculated does not match"},
		{name: "wrong region", host: s.Host(), path: infoRefs,
			user:       func() (string, string) { return sign(creds, s.Host(), "/v1/repos/MyDemoRepo", "us-west-2", now) },
			wantStatus: 403, wantAuth: AuthBadSignature},
		{name: "double-slash path (helper given path=/v1/...)", host: s.Host(), path: infoRefs,
			user:       func() (string, string) { return sign(creds, s.Host(), "//v1/repos/MyDemoRepo", "us-east-1", now) },
			wantStatus: 403, wantAuth: AuthBadSignature},
		{name: "stale password", host: s.Host(), path: infoRefs,
			user: func() (string, string) {
				return sign(creds, s.Host(), "/v1/repos/MyDemoRepo", "us-east-1", now.Add(-16*time.Minute))
			},
			wantStatus: 403, wantAuth: AuthExpired, wantBody: "Signature expired"},
		{name: "password from the future", host: s.Host(), path: infoRefs,
			user: func() (string, string) {
				return sign(creds, s.Host(), "/v1/repos/MyDemoRepo", "us-east-1", now.Add(16*time.Minute))
			},
			wantStatus: 403, wantAuth: AuthExpired, wantBody: "Signature not yet current"},
		{name: "Git credentials style password", host: s.Host(), path: infoRefs,
			user:       func() (string, string) { return testKeyID, "notASigV4Password=" },
			wantStatus: 403, wantAuth: AuthMalformedPassword},
		{name: "unknown key", host: s.Host(), path: infoRefs,
			user: func() (string, string) {
				return sign(signer.Credentials{AccessKeyID: "AKIAUNKNOWN", SecretAccessKey: testSecret}, s.Host(), "/v1/repos/MyDemoRepo", "us-east-1", now)
			},
			wantStatus: 403, wantAuth: AuthUnknownKey, wantBody: "security token included in the request is invalid"},
		{name: "session token required but missing", host: s.Host(), path: infoRefs,
			user: func() (string, string) {
				return sign(signer.Credentials{AccessKeyID: "ASIAEMULATORCANARY02", SecretAccessKey: testSecret}, s.Host(), "/v1/repos/MyDemoRepo", "us-east-1", now)
			},
			wantStatus: 403, wantAuth: AuthBadSessionToken},
		{name: "session token", host: s.Host(), path: infoRefs,
			user: func() (string, string) {
				return sign(signer.Credentials{AccessKeyID: "ASIAEMULATORCANARY02", SecretAccessKey: testSecret, SessionToken: testToken}, s.Host(), "/v1/repos/MyDemoRepo", "us-east-1", now)
			},
			wantStatus: 200, wantAuth: AuthOK},
		{name: "denied", host: s.Host(), path: infoRefs,
			user: func() (string, string) {
				return sign(signer.Credentials{AccessKeyID: "AKIADENIED", SecretAccessKey: testSecret}, s.Host(), "/v1/repos/MyDemoRepo", "us-east-1", now)
			},
			wantStatus: 403, wantAuth: AuthDenied, wantBody: "is not authorized to perform: codecommit:GitPull on resource: arn:aws:codecommit:us-east-1:123456789012:MyDemoRepo"},
		{name: "push advertisement", host: s.Host(), path: receiveRefs,
			user:       func() (string, string) { return sign(creds, s.Host(), "/v1/repos/MyDemoRepo", "us-east-1", now) },
			wantStatus: 200, wantAuth: AuthOK, wantBody: "# service=git-receive-pack"},
		{name: "pull only: the pull advertisement", host: s.Host(), path: infoRefs,
			user: func() (string, string) {
				return sign(signer.Credentials{AccessKeyID: "AKIAPULLONLY", SecretAccessKey: testSecret}, s.Host(), "/v1/repos/MyDemoRepo", "us-east-1", now)
			},
			wantStatus: 200, wantAuth: AuthOK},
		{name: "pull only: the push advertisement is GitPush", host: s.Host(), path: receiveRefs,
			user: func() (string, string) {
				return sign(signer.Credentials{AccessKeyID: "AKIAPULLONLY", SecretAccessKey: testSecret}, s.Host(), "/v1/repos/MyDemoRepo", "us-east-1", now)
			},
			wantStatus: 403, wantAuth: AuthDenied, wantBody: "is not authorized to perform: codecommit:GitPush on resource: arn:aws:codecommit:us-east-1:123456789012:MyDemoRepo"},
		{name: "repository not found", host: s.Host(), path: "/v1/repos/Nope/info/refs?service=git-upload-pack",
			user:       func() (string, string) { return sign(creds, s.Host(), "/v1/repos/Nope", "us-east-1", now) },
			wantStatus: 404, wantAuth: AuthOK},
		{name: "not a repository path", host: s.Host(), path: "/", wantStatus: 404, wantAuth: AuthNotChecked},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s.ResetRequests()
			var user, pass string
			if tt.user != nil {
				user, pass = tt.user()
			}
			resp, body := probe(t, s, tt.host, tt.path, user, pass)
			if resp.StatusCode != tt.wantStatus {
				t.Fatalf("status %d, want %d (body %q)", resp.StatusCode, tt.wantStatus, body)
			}
			if tt.wantBody != "" && !strings.Contains(body, tt.wantBody) {
				t.Errorf("body %q does not contain %q", body, tt.wantBody)
			}
			if tt.wantStatus == 401 {
				if got := resp.Header.Get("WWW-Authenticate"); got != `Basic realm="AWS CodeCommit"` {
					t.Errorf("WWW-Authenticate = %q", got)
				}
			}
			reqs := s.Requests()
			if len(reqs) != 1 {
				t.Fatalf("recorded %d requests, want 1: %+v", len(reqs), reqs)
			}
			r := reqs[0]
			if r.Auth != tt.wantAuth || r.Status != tt.wantStatus || r.Method != http.MethodGet {
				t.Errorf("recorded %+v, want auth %q status %d", r, tt.wantAuth, tt.wantStatus)
			}
			if strings.Contains(body, testSecret) || strings.Contains(r.Reason, testSecret) || (pass != "" && (strings.Contains(body, pass) || strings.Contains(r.Reason, pass))) {
				t.Errorf("a secret leaked into the body or the record")
			}
		})
	}
}

func TestClockOffsetAndCustomClock(t *testing.T) {
	base := time.Date(2030, 6, 1, 12, 0, 0, 0, time.UTC)
	s := Start(t, Options{Region: "eu-west-1", Now: func() time.Time { return base }})
	s.AddKey(testKeyID, testSecret, "")
	if _, err := s.CreateRepo(context.Background(), "R", RepoOptions{}); err != nil {
		t.Fatal(err)
	}
	creds := signer.Credentials{AccessKeyID: testKeyID, SecretAccessKey: testSecret}
	user, pass := signer.Sign(creds, s.Host(), "/v1/repos/R", "eu-west-1", base)
	tests := []struct {
		offset time.Duration
		want   int
	}{
		{0, 200},
		{15 * time.Minute, 200},
		{-15 * time.Minute, 200},
		{20 * time.Minute, 403},
		{-20 * time.Minute, 403},
	}
	for _, tt := range tests {
		s.SetClockOffset(tt.offset)
		if got := s.Now(); !got.Equal(base.Add(tt.offset)) {
			t.Fatalf("Now() = %v, want %v", got, base.Add(tt.offset))
		}
		resp, body := probe(t, s, s.Host(), "/v1/repos/R/info/refs?service=git-upload-pack", user, pass)
		if resp.StatusCode != tt.want {
			t.Errorf("offset %v: status %d, want %d (%q)", tt.offset, resp.StatusCode, tt.want, body)
		}
	}
}

func TestFailNext(t *testing.T) {
	s := Start(t, Options{})
	s.FailNext(2, http.StatusTooManyRequests, "Rate exceeded\n")
	for i, want := range []int{429, 429, 401} {
		resp, body := probe(t, s, s.Host(), "/v1/repos/R/info/refs?service=git-upload-pack", "", "")
		if resp.StatusCode != want {
			t.Errorf("request %d: status %d, want %d (%q)", i, resp.StatusCode, want, body)
		}
	}
	if got := s.Requests()[0].Auth; got != AuthInjectedFault {
		t.Errorf("first request auth = %q", got)
	}
}

func TestHelpers(t *testing.T) {
	if got := PrimaryHost("cn-north-1"); got != "git-codecommit.cn-north-1.amazonaws.com.cn" {
		t.Errorf("PrimaryHost(cn-north-1) = %q", got)
	}
	if got := PrimaryHost("us-east-2"); got != "git-codecommit.us-east-2.amazonaws.com" {
		t.Errorf("PrimaryHost(us-east-2) = %q", got)
	}
	tests := []struct {
		path   string
		want   string
		wantOK bool
	}{
		{"/v1/repos/MyDemoRepo/info/refs", "MyDemoRepo", true},
		{"/v1/repos/My.Demo-Repo_1", "My.Demo-Repo_1", true},
		{"/v1/repos/", "", false},
		{"/v1/repos/..", "", false},
		{"/v1/repos/a b/info/refs", "", false},
		{"/v2/repos/x", "", false},
		{"/", "", false},
	}
	for _, tt := range tests {
		got, ok := splitRepoPath(tt.path)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("splitRepoPath(%q) = %q, %v", tt.path, got, ok)
		}
	}
	if _, err := New(Options{ExtraHosts: []string{"host:443"}}); err == nil {
		t.Error("New accepted an extra host with a port")
	}
}
