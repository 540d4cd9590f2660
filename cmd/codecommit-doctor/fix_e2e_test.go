package main

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/signer"
	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/tools"
)

// fixScenario is a broken machine that `fix --yes` must repair.
type fixScenario struct {
	name      string
	gitconfig string            // ~/.gitconfig after the curloptResolve section
	files     map[string]string // more files under HOME
	gone      []string          // CHECK/CODE the doctor reports before and must not after
	// awsV2 puts an `aws` first on PATH that says it is AWS CLI v2 and
	// runs the real CLI for everything else (its own `configure set`
	// included).
	awsV2 bool
}

// TestFixEndToEnd runs, for every finding that has actions, the built
// doctor's `fix --yes` on a HOME that has the problem, with the real git,
// the real AWS CLI helper, moto_server and the emulated git endpoint; then
// the doctor must no longer report the finding, the real `git ls-remote`
// must work, and `fix --undo` must restore every file byte for byte.
func TestFixEndToEnd(t *testing.T) {
	w := newE2EWorld(t)
	host, port := w.git.Host(), strconv.Itoa(w.git.Port())
	alice := reproCredentialsFile(w.alice.Key)
	user, pass := signer.Sign(signer.Credentials{AccessKeyID: w.alice.Key.AccessKeyID, SecretAccessKey: w.alice.Key.SecretAccessKey},
		host+":"+port, "/v1/repos/"+e2eRepo, "us-east-1", time.Now().Add(-30*time.Minute))
	stale := "https://" + user + ":" + pass + "@" + host + ":" + port + "/v1/repos/" + e2eRepo + "\n"
	static := "https://alice-at-123456789012:c3RhdGljIHBhc3N3b3Jk@" + host + ":" + port + "\n"
	scenarios := []fixScenario{
		{
			name:      "store before the AWS helper with a stale password, UseHttpPath off",
			gitconfig: "[credential]\n\thelper = store\n\thelper = !aws codecommit credential-helper $@\n",
			files:     map[string]string{".aws/credentials": alice, ".git-credentials": stale},
			gone:      []string{"credential-helper/helper-before-aws", "credential-helper/use-http-path-missing", "keychain/stored-password-stale", "reproduce/reproduce-credential-chain"},
		},
		{
			name:  "no helper at all",
			files: map[string]string{".aws/credentials": alice},
			gone:  []string{"credential-helper/no-aws-helper"},
		},
		{
			name:      "the AWS helper without its !",
			gitconfig: "[credential]\n\thelper = aws codecommit credential-helper $@\n\tUseHttpPath = true\n",
			files:     map[string]string{".aws/credentials": alice},
			gone:      []string{"credential-helper/helper-malformed"},
		},
		{
			name:      "aws by a versioned absolute path an upgrade removed",
			gitconfig: "[credential]\n\thelper = !/opt/homebrew/Cellar/awscli/2.15.0/bin/aws codecommit credential-helper $@\n\tUseHttpPath = true\n",
			files:     map[string]string{".aws/credentials": alice},
			gone:      []string{"credential-helper/aws-not-on-path"},
		},
		{
			name:      "AWS CLI v2 auto-prompt on in the profile",
			gitconfig: reproHelperConfig,
			files:     map[string]string{".aws/credentials": alice, ".aws/config": "[default]\nregion = us-east-1\ncli_auto_prompt = on-partial\n"},
			gone:      []string{"credentials/cli-auto-prompt"},
			awsV2:     true,
		},
		{
			name:      "a static password in ~/.git-credentials and store after the AWS helper",
			gitconfig: reproHelperConfig + "\thelper = store\n",
			files:     map[string]string{".aws/credentials": alice, ".git-credentials": static},
			gone:      []string{"credential-helper/caching-helper-after-aws", "keychain/stored-git-credentials"},
		},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			home := t.TempDir()
			files := map[string]string{".gitconfig": "[http]\n\tcurloptResolve = " + w.git.CurlResolve(host) + "\n" + sc.gitconfig}
			maps.Copy(files, sc.files)
			for name, content := range files {
				p := filepath.Join(home, name)
				if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			env := append(w.git.ClientEnv(home), "AWS_ENDPOINT_URL="+w.moto.URL, "AWS_EC2_METADATA_DISABLED=true")
			if sc.awsV2 {
				env = append(env, "PATH="+fixAWSv2(t)+string(os.PathListSeparator)+os.Getenv("PATH"))
			}
			url := w.git.RepoURL(e2eRepo)
			before := fixFindings(t, w.doctor, env, home, url)
			for _, g := range sc.gone {
				if !slices.Contains(before, g) {
					t.Fatalf("before the fix the doctor does not report %s: %v", g, before)
				}
			}
			code, out := fixRun(t, w.doctor, env, home, "fix", "--yes", url)
			t.Logf("fix --yes (exit %d):\n%s", code, out)
			if code != 0 {
				t.Fatalf("fix --yes exited %d", code)
			}
			for _, s := range []string{pass, w.alice.Key.SecretAccessKey, "c3RhdGljIHBhc3N3b3Jk"} {
				if strings.Contains(out, s) {
					t.Errorf("fix printed a secret")
				}
			}
			if !strings.Contains(out, "Proof (") || !strings.Contains(out, "changed (backup: ~/.local/state/codecommit-doctor/backups/") {
				t.Errorf("fix did not show its proof and backups")
			}
			after := fixFindings(t, w.doctor, env, home, url)
			for _, g := range sc.gone {
				if slices.Contains(after, g) {
					t.Errorf("after fix the doctor still reports %s", g)
				}
			}
			if !slices.Contains(after, "reproduce/reproduce-ok") {
				t.Errorf("after fix reproduce is not ok: %v", after)
			}
			ls := exec.Command("git", "ls-remote", url)
			ls.Env, ls.Dir = env, home
			if o, err := ls.CombinedOutput(); err != nil || !strings.Contains(string(o), "refs/heads/") {
				t.Errorf("git ls-remote after fix: %v\n%s", err, o)
			}
			if code, out := fixRun(t, w.doctor, env, home, "fix", "--undo"); code != 0 {
				t.Fatalf("fix --undo exited %d:\n%s", code, out)
			}
			for name, content := range files {
				got, err := os.ReadFile(filepath.Join(home, name))
				if err != nil || string(got) != content {
					t.Errorf("fix --undo did not restore ~/%s byte for byte (err %v)", name, err)
				}
			}
		})
	}
}

// fixAWSv2 writes an `aws` that reports itself as AWS CLI v2 and runs the
// real AWS CLI for everything else, and returns its directory.
func fixAWSv2(t *testing.T) string {
	t.Helper()
	real := tools.RequireTool(t, "aws")
	dir := t.TempDir()
	v2 := "aws-cli/2.22.0 Python/3.12.6 Linux/6.1.0 exe/x86_64.debian.12"
	script := "#!/bin/sh\n" +
		"[ \"$1\" = --version ] && { echo '" + v2 + "'; exit 0; }\n" +
		"[ \"$1 $2 $3 $4\" = '--debug codecommit credential-helper erase' ] && { echo '2026-12-03 06:00:00,000 - MainThread - awscli.clidriver - DEBUG - CLI version: " + v2 + "' >&2; exit 0; }\n" +
		"exec " + real + " \"$@\"\n"
	if err := os.WriteFile(filepath.Join(dir, "aws"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// fixRun runs the doctor outside any repository and returns its exit code
// and output.
func fixRun(t *testing.T, doctor string, env []string, dir string, args ...string) (int, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, doctor, args...)
	cmd.Env, cmd.Dir = env, dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), out.String()
	}
	if err != nil {
		t.Fatalf("running %v: %v\n%s", args, err, out.String())
	}
	return 0, out.String()
}

// fixFindings are the CHECK/CODE of every finding the doctor reports.
func fixFindings(t *testing.T, doctor string, env []string, dir, url string) []string {
	t.Helper()
	_, out := fixRun(t, doctor, env, dir, "-o", "json", url)
	var rep e2eReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("the report is not JSON: %v\n%s", err, out)
	}
	var refs []string
	for _, c := range rep.Checks {
		for _, f := range c.Findings {
			refs = append(refs, c.ID+"/"+f.Code)
		}
	}
	return refs
}
