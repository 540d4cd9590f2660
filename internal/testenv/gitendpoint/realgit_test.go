package gitendpoint

import (
	"bytes"
	"context"
	"crypto/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/tools"
)

// requireGitAndAWS skips (loudly) when git or aws is missing, unless CI is
// set, in which case it fails.
func requireGitAndAWS(t *testing.T) {
	t.Helper()
	tools.RequireTool(t, "git")
	tools.RequireTool(t, "aws")
}

// gitRun runs real git wired to the emulator with the AWS CLI helper and
// returns its stdout and stderr.
func gitRun(t *testing.T, s *Server, env []string, dir string, args ...string) (string, string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	argv := append(append(s.ResolveArgs(), AWSHelperArgs()...), args...)
	cmd := exec.CommandContext(ctx, "git", argv...)
	cmd.Env = env
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	return stdout.String(), stderr.String(), err
}

func withKeys(env []string, keyID, secret, token string) []string {
	env = append(append([]string{}, env...), "AWS_ACCESS_KEY_ID="+keyID, "AWS_SECRET_ACCESS_KEY="+secret)
	if token != "" {
		env = append(env, "AWS_SESSION_TOKEN="+token)
	}
	return env
}

func TestRealGitWithAWSHelper(t *testing.T) {
	requireGitAndAWS(t)
	ctx := context.Background()
	s := Start(t, Options{})
	s.AddKey(testKeyID, testSecret, "")
	repo, err := s.CreateRepo(ctx, "MyDemoRepo", RepoOptions{InitialCommit: true})
	if err != nil {
		t.Fatal(err)
	}
	env := withKeys(s.ClientEnv(t.TempDir()), testKeyID, testSecret, "")
	work := t.TempDir()

	// ls-remote: 401 first, then the helper's password is accepted.
	out, errOut, err := gitRun(t, s, env, work, "ls-remote", s.RepoURL("MyDemoRepo"))
	if err != nil {
		t.Fatalf("ls-remote: %v\n%s", err, errOut)
	}
	if !strings.Contains(out, repo.Head+"\trefs/heads/main") {
		t.Fatalf("ls-remote output %q lacks %s refs/heads/main", out, repo.Head)
	}
	reqs := s.Requests()
	if len(reqs) < 2 || reqs[0].Status != 401 || reqs[0].Auth != AuthMissing {
		t.Fatalf("want a first 401 then success, got %+v", reqs)
	}
	// git 2.39 speaks protocol v2: GET info/refs, then POST git-upload-pack (ls-refs).
	okInfoRefs := false
	for _, r := range reqs[1:] {
		if r.Status != 200 || r.Auth != AuthOK || r.KeyID != testKeyID || r.Action != ActionGitPull {
			t.Fatalf("request after the 401 not accepted: %+v", r)
		}
		okInfoRefs = okInfoRefs || (r.Method == "GET" && r.Path == "/v1/repos/MyDemoRepo/info/refs" && r.Query == "service=git-upload-pack")
	}
	if !okInfoRefs {
		t.Fatalf("no accepted GET info/refs?service=git-upload-pack: %+v", reqs)
	}

	// clone, commit, push.
	s.ResetRequests()
	if _, errOut, err := gitRun(t, s, env, work, "clone", "--quiet", s.RepoURL("MyDemoRepo"), "clone"); err != nil {
		t.Fatalf("clone: %v\n%s", err, errOut)
	}
	clone := filepath.Join(work, "clone")
	if b, err := os.ReadFile(filepath.Join(clone, "README.md")); err != nil || string(b) != "# MyDemoRepo\n" {
		t.Fatalf("cloned README.md = %q, %v", b, err)
	}
	sawUploadPack := false
	for _, r := range s.Requests() {
		sawUploadPack = sawUploadPack || (r.Method == "POST" && r.Path == "/v1/repos/MyDemoRepo/git-upload-pack" && r.Status == 200)
	}
	if !sawUploadPack {
		t.Fatalf("no successful POST git-upload-pack recorded: %+v", s.Requests())
	}
	// Incompressible and larger than http.postBuffer (1 MiB), so git uploads
	// the pack with chunked transfer encoding, which the emulator buffers for
	// net/http/cgi.
	big := make([]byte, 2<<20)
	if _, err := rand.Read(big); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(clone, "new.txt"), big, 0o600); err != nil {
		t.Fatal(err)
	}
	commitEnv := append(append([]string{}, env...), "GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.com")
	for _, args := range [][]string{{"add", "new.txt"}, {"commit", "--quiet", "-m", "add new.txt"}} {
		if _, errOut, err := gitRun(t, s, commitEnv, clone, args...); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, errOut)
		}
	}
	s.ResetRequests()
	if _, errOut, err := gitRun(t, s, env, clone, "push", "--quiet", "origin", "main"); err != nil {
		t.Fatalf("push: %v\n%s", err, errOut)
	}
	local, _, err := gitRun(t, s, env, clone, "rev-parse", "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	remote, err := s.runGit(ctx, repo.Dir, "", "rev-parse", "refs/heads/main")
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(local) != remote || remote == repo.Head {
		t.Fatalf("after push the bare repository is at %s, the clone at %s", remote, local)
	}
	sawPush := false
	for _, r := range s.Requests() {
		sawPush = sawPush || (r.Action == ActionGitPush && r.Method == "POST" && r.Status == 200)
	}
	if !sawPush {
		t.Fatalf("no successful git-receive-pack POST recorded: %+v", s.Requests())
	}
}

func TestRealGitFailures(t *testing.T) {
	requireGitAndAWS(t)
	ctx := context.Background()
	fips := "git-codecommit-fips.us-east-1.amazonaws.com"
	s := Start(t, Options{ExtraHosts: []string{fips}})
	s.AddKey(testKeyID, testSecret, "")
	s.AddKey("ASIAEMULATORCANARY02", testSecret, testToken)
	s.AddKey("AKIANOGITPULL", testSecret, "")
	s.Deny("AKIANOGITPULL", "User: arn:aws:iam::123456789012:user/dev is not authorized to perform: codecommit:GitPull")
	s.AddKey("AKIAREADONLY", testSecret, "")
	s.DenyAction("AKIAREADONLY", ActionGitPush, "")
	if _, err := s.CreateRepo(ctx, "MyDemoRepo", RepoOptions{InitialCommit: true}); err != nil {
		t.Fatal(err)
	}
	base := s.ClientEnv(t.TempDir())

	tests := []struct {
		name        string
		env         []string
		offset      time.Duration
		url         string
		wantOK      bool
		wantStatus  int
		wantAuth    AuthOutcome
		wantStderr  string
		wantRecords int // minimum
	}{
		{name: "session token", env: withKeys(base, "ASIAEMULATORCANARY02", testSecret, testToken), wantOK: true, wantStatus: 200, wantAuth: AuthOK},
		{name: "FIPS host", env: withKeys(base, testKeyID, testSecret, ""), url: s.RepoURLFor(fips, "MyDemoRepo"), wantOK: true, wantStatus: 200, wantAuth: AuthOK},
		{name: "wrong secret", env: withKeys(base, testKeyID, "wrong-secret", ""), wantStatus: 403, wantAuth: AuthBadSignature,
			wantStderr: "The requested URL returned error: 403"},
		{name: "wrong session token", env: withKeys(base, "ASIAEMULATORCANARY02", testSecret, "other"), wantStatus: 403, wantAuth: AuthBadSessionToken,
			wantStderr: "The requested URL returned error: 403"},
		{name: "emulator clock 20 minutes ahead", env: withKeys(base, testKeyID, testSecret, ""), offset: 20 * time.Minute, wantStatus: 403, wantAuth: AuthExpired,
			wantStderr: "The requested URL returned error: 403"},
		{name: "emulator clock 20 minutes behind", env: withKeys(base, testKeyID, testSecret, ""), offset: -20 * time.Minute, wantStatus: 403, wantAuth: AuthExpired,
			wantStderr: "The requested URL returned error: 403"},
		{name: "unknown key", env: withKeys(base, "AKIAUNKNOWN", testSecret, ""), wantStatus: 403, wantAuth: AuthUnknownKey,
			wantStderr: "The requested URL returned error: 403"},
		{name: "no GitPull", env: withKeys(base, "AKIANOGITPULL", testSecret, ""), wantStatus: 403, wantAuth: AuthDenied,
			wantStderr: "The requested URL returned error: 403"},
		{name: "read-only key can still ls-remote", env: withKeys(base, "AKIAREADONLY", testSecret, ""), wantOK: true, wantStatus: 200, wantAuth: AuthOK},
		{name: "no credentials", env: base, wantStatus: 401, wantAuth: AuthMissing,
			wantStderr: "terminal prompts disabled"},
		{name: "repository not found", env: withKeys(base, testKeyID, testSecret, ""), url: s.RepoURL("NoSuchRepo"), wantStatus: 404, wantAuth: AuthOK,
			wantStderr: "not found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s.ResetRequests()
			s.SetClockOffset(tt.offset)
			defer s.SetClockOffset(0)
			url := tt.url
			if url == "" {
				url = s.RepoURL("MyDemoRepo")
			}
			_, errOut, err := gitRun(t, s, tt.env, t.TempDir(), "ls-remote", url)
			if tt.wantOK != (err == nil) {
				t.Fatalf("ls-remote error = %v, want success %v\nstderr: %s", err, tt.wantOK, errOut)
			}
			if !strings.Contains(errOut, tt.wantStderr) {
				t.Errorf("stderr %q does not contain %q", errOut, tt.wantStderr)
			}
			if strings.Contains(errOut, "remote:") {
				t.Errorf("git showed the error body (%q); the real service's errors show none", errOut)
			}
			for _, secret := range []string{testSecret, testToken} {
				if strings.Contains(errOut, secret) {
					t.Errorf("git's stderr contains a secret")
				}
			}
			reqs := s.Requests()
			if len(reqs) == 0 {
				t.Fatal("no request recorded")
			}
			last := reqs[len(reqs)-1]
			if last.Status != tt.wantStatus || last.Auth != tt.wantAuth {
				t.Errorf("last request %+v, want status %d auth %q", last, tt.wantStatus, tt.wantAuth)
			}
			t.Logf("git stderr: %s", strings.TrimSpace(errOut))
		})
	}
}

func TestRealGitPushDenied(t *testing.T) {
	requireGitAndAWS(t)
	ctx := context.Background()
	s := Start(t, Options{})
	s.AddKey("AKIAREADONLY", testSecret, "")
	s.DenyAction("AKIAREADONLY", ActionGitPush, "")
	if _, err := s.CreateRepo(ctx, "R", RepoOptions{InitialCommit: true}); err != nil {
		t.Fatal(err)
	}
	env := withKeys(s.ClientEnv(t.TempDir()), "AKIAREADONLY", testSecret, "")
	work := t.TempDir()
	if _, errOut, err := gitRun(t, s, env, work, "clone", "--quiet", s.RepoURL("R"), "c"); err != nil {
		t.Fatalf("clone: %v\n%s", err, errOut)
	}
	clone := filepath.Join(work, "c")
	commitEnv := append(append([]string{}, env...), "GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.com")
	if _, errOut, err := gitRun(t, s, commitEnv, clone, "commit", "--quiet", "--allow-empty", "-m", "x"); err != nil {
		t.Fatalf("commit: %v\n%s", err, errOut)
	}
	s.ResetRequests()
	_, errOut, err := gitRun(t, s, env, clone, "push", "origin", "main")
	if err == nil || !strings.Contains(errOut, "The requested URL returned error: 403") {
		t.Fatalf("push: err %v, stderr %q; want a 403", err, errOut)
	}
	reqs := s.Requests()
	last := reqs[len(reqs)-1]
	if last.Auth != AuthDenied || last.Action != ActionGitPush || last.Status != 403 {
		t.Fatalf("last request %+v", last)
	}
}

func TestRealGitRejectsEmulatorWithoutItsCA(t *testing.T) {
	requireGitAndAWS(t)
	s := Start(t, Options{})
	s.AddKey(testKeyID, testSecret, "")
	env := withKeys(s.ClientEnv(t.TempDir()), testKeyID, testSecret, "")
	// What the machine's environment does: trust only the system bundle.
	for i, kv := range env {
		if strings.HasPrefix(kv, "GIT_SSL_CAINFO=") {
			env[i] = "GIT_SSL_CAINFO=/etc/ssl/certs/ca-certificates.crt"
		}
	}
	_, errOut, err := gitRun(t, s, env, t.TempDir(), "ls-remote", s.RepoURL("R"))
	if err == nil || !strings.Contains(strings.ToLower(errOut), "certificate") {
		t.Fatalf("ls-remote without the emulator CA: err %v, stderr %q; want a certificate error", err, errOut)
	}
	if n := len(s.Requests()); n != 0 {
		t.Fatalf("%d requests reached the handler despite the TLS failure", n)
	}
	t.Logf("git stderr: %s", strings.TrimSpace(errOut))
}
