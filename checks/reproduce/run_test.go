package reproduce

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/chain"
	"github.com/codecommit-doctor/codecommit-doctor/checks/checkstest"
	"github.com/codecommit-doctor/codecommit-doctor/checks/githttp"
	"github.com/codecommit-doctor/codecommit-doctor/checks/signing"
	"github.com/codecommit-doctor/codecommit-doctor/internal/signer"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/gitendpoint"
)

// TestReproduceRunsGitAndTheProbe runs the check in-process (so the race
// detector sees it) against the emulated endpoint with real git and the
// real AWS CLI helper, wired only through git's configuration and
// GIT_SSL_CAINFO, as a user's machine would be.
func TestReproduceRunsGitAndTheProbe(t *testing.T) {
	for _, tool := range []string{"git", "aws"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is required under CI", tool)
			}
			t.Skipf("!!! %s NOT FOUND: the in-process reproduce test did NOT run !!!", tool)
		}
	}
	const keyID, secret = "AKIAREPRODUCETEST001", "reproduce-test-secret"
	srv := gitendpoint.Start(t, gitendpoint.Options{})
	srv.AddKey(keyID, secret, "")
	if _, err := srv.CreateRepo(t.Context(), "MyDemoRepo", gitendpoint.RepoOptions{InitialCommit: true}); err != nil {
		t.Fatal(err)
	}
	hostPort := srv.Host() + ":" + strconv.Itoa(srv.Port())
	user, stale := signer.Sign(signer.Credentials{AccessKeyID: keyID, SecretAccessKey: secret}, hostPort,
		"/v1/repos/MyDemoRepo", "us-east-1", time.Now().Add(-time.Hour))
	helper := "[credential]\n\thelper = !aws codecommit credential-helper $@\n\tUseHttpPath = true\n"
	tests := []struct {
		name, gitconfig, gitCredentials string
		code                            string
	}{
		{name: "healthy", gitconfig: helper, code: reproOK},
		{name: "stale store", gitconfig: "[credential]\n\thelper = store\n" + strings.TrimPrefix(helper, "[credential]\n"),
			gitCredentials: "https://" + user + ":" + stale + "@" + hostPort + "/v1/repos/MyDemoRepo\n", code: reproCredentialChain},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			home := t.TempDir()
			write := func(name, content string) {
				p := filepath.Join(home, name)
				if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			write(".gitconfig", "[http]\n\tcurloptResolve = "+srv.CurlResolve(srv.Host())+"\n"+tt.gitconfig)
			write(".aws/credentials", "[default]\naws_access_key_id = "+keyID+"\naws_secret_access_key = "+secret+"\n")
			if tt.gitCredentials != "" {
				write(".git-credentials", tt.gitCredentials)
			}
			target := reproTarget(srv.RepoURL("MyDemoRepo"))
			env := (&checks.Env{Sys: sys.New(srv.ClientEnv(home), "")}).WithFacts(checks.TargetKey.Fact(target))
			env = checkstest.Provide(t, env, chain.New(), signing.New(), githttp.New())
			ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
			defer cancel()
			res, err := New().Run(ctx, env)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Findings) != 1 || res.Findings[0].Code != tt.code {
				t.Fatalf("findings %+v, want %s", res.Findings, tt.code)
			}
			ev, ok := res.Evidence["native_request"].(reproNativeEvidence)
			if !ok || ev.Status != 200 || ev.ConnectedTo != srv.Addr() || !strings.HasSuffix(ev.CABundle, "(GIT_SSL_CAINFO)") {
				t.Errorf("the probe did not go where git goes: %+v", ev)
			}
			if ev.PushStatus != 200 || !strings.HasSuffix(ev.PushURL, "/info/refs?service=git-receive-pack") {
				t.Errorf("the push advertisement was not requested, or refused: %+v", ev)
			}
		})
	}
	for _, r := range srv.Requests() {
		// The push advertisement (GET info/refs?service=git-receive-pack)
		// is authorized as GitPush but changes nothing; a POST to
		// git-receive-pack would.
		advert := r.Method == "GET" && r.Query == "service=git-receive-pack" && strings.HasSuffix(r.Path, "/info/refs")
		if r.Action != gitendpoint.ActionGitPull && !advert {
			t.Errorf("not a read: %+v", r)
		}
	}
}
