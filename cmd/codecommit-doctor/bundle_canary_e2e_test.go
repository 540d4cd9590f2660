//go:build !windows

package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/gitendpoint"
	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/moto"
	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/tools"
)

// Canary secrets, planted in every place a user keeps them. None may reach
// any file of the bundle, its raw (compressed) bytes, stdout or stderr.
const (
	canaryEnvKeyID      = "AKIACANARYENV0000001"
	canaryEnvSecret     = "CANARYenvSecret0000000000000000000000001"
	canaryEnvToken      = "CANARYenvToken000000000000000000000000000000000000000000000000000000000000000000000000000000000000001"
	canaryFileKeyID     = "AKIACANARYFILE000002"
	canaryFileSecret    = "CANARYfileSecret000000000000000000000002"
	canaryFileToken     = "CANARYfileToken00000000000000000000000000000000000000000000000000000000000000000000000000000000000002"
	canaryStoredPass    = "CANARYstoredPassword0003"
	canaryURLPass       = "CANARYurlPassword0004"
	canaryInsteadOfPass = "CANARYinsteadOfPass0005"
	canaryExtraHeader   = "CANARYextraHeaderToken0006"
	canaryEnvHeader     = "CANARYenvConfigHeader0007"
	canaryProcKeyID     = "AKIACANARYPROC000008"
	canaryProcSecret    = "CANARYprocSecret000000000000000000000008"
	canaryProcToken     = "CANARYprocToken00000000000000000000000000000000000000000000000000000000000000000000000000000000000008"
	canaryHelperKeyID   = "AKIACANARYHELPER0009"
	canarySignature     = "5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e"
	canaryHelperSig     = "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00"
)

var canaries = []string{canaryEnvKeyID, canaryEnvSecret, canaryEnvToken, canaryFileKeyID, canaryFileSecret, canaryFileToken,
	canaryStoredPass, canaryURLPass, canaryInsteadOfPass, canaryExtraHeader, canaryEnvHeader,
	canaryProcKeyID, canaryProcSecret, canaryProcToken, canaryHelperKeyID, canarySignature, canaryHelperSig, "CANARY"}

// canaryAWS is a fake AWS CLI that prints a SigV4 Authorization header on
// every run, and as credential helper a signed password.
const canaryAWS = `#!/bin/sh
echo "Authorization: AWS4-HMAC-SHA256 Credential=` + canaryHelperKeyID + `/20261203/us-east-1/codecommit/aws4_request, SignedHeaders=host;x-amz-date, Signature=` + canarySignature + `" >&2
case "$1" in
--version) echo "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.debian.12 prompt/off"; exit 0 ;;
codecommit)
	if [ "$3" = get ]; then
		printf 'username=%s\npassword=20261203T000000Z%s\n' ` + canaryHelperKeyID + ` ` + canaryHelperSig + `
	fi
	exit 0 ;;
esac
echo "debug: Authorization: AWS4-HMAC-SHA256 Credential=` + canaryHelperKeyID + `/20261203/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=` + canarySignature + `"
exit 255
`

func TestBundleCanary(t *testing.T) {
	for _, tool := range []string{"git", "moto_server"} {
		tools.RequireTool(t, tool)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv := moto.Start(t, moto.Options{})
	git := gitendpoint.Start(t, gitendpoint.Options{})
	if _, err := git.CreateRepo(ctx, e2eRepo, gitendpoint.RepoOptions{InitialCommit: true}); err != nil {
		t.Fatal(err)
	}
	home, bin, outside := t.TempDir(), t.TempDir(), t.TempDir()
	marker := filepath.Join(outside, "credential_process-ran")
	realGit, err := exec.LookPath("git")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(realGit, filepath.Join(bin, "git")); err != nil {
		t.Fatal(err)
	}
	programs := map[string]string{
		"aws": canaryAWS,
		"cp.sh": "#!/bin/sh\ntouch " + marker + "\n" +
			`printf '{"Version": 1, "AccessKeyId": "` + canaryProcKeyID + `", "SecretAccessKey": "` + canaryProcSecret + `", "SessionToken": "` + canaryProcToken + `"}'` + "\n",
	}
	for name, body := range programs {
		if err := os.WriteFile(filepath.Join(bin, name), []byte(body), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	hostPort := git.Host() + ":" + strconv.Itoa(git.Port())
	writeHome(t, home, map[string]string{
		".gitconfig": "[http]\n\tcurloptResolve = " + git.CurlResolve(git.Host()) + "\n" +
			"\textraHeader = X-Canary-Token: " + canaryExtraHeader + "\n" +
			"[url \"https://alice:" + canaryInsteadOfPass + "@" + hostPort + "/v1/repos/\"]\n\tinsteadOf = cc:\n" +
			"[credential]\n\thelper = store\n" + "\thelper = !aws codecommit credential-helper $@\n\tUseHttpPath = true\n",
		".git-credentials": "https://" + canaryFileKeyID + ":" + canaryStoredPass + "@example.com\n",
		".aws/credentials": "[default]\naws_access_key_id = " + canaryFileKeyID + "\naws_secret_access_key = " + canaryFileSecret +
			"\naws_session_token = " + canaryFileToken + "\n",
		".aws/config": "[default]\nregion = us-east-1\n[profile proc]\nregion = us-east-1\ncredential_process = " + filepath.Join(bin, "cp.sh") + "\n",
	})
	env := []string{
		"HOME=" + home, "PATH=" + bin + string(os.PathListSeparator) + filepath.Dir(mustLookPath(t, "codecommit-doctor")) + string(os.PathListSeparator) + "/usr/bin:/bin",
		"GIT_CONFIG_NOSYSTEM=1", "GIT_SSL_CAINFO=" + git.CAFile(), "SSL_CERT_FILE=" + git.CAFile(), "CURL_CA_BUNDLE=" + git.CAFile(),
		"AWS_ENDPOINT_URL=" + srv.URL, "AWS_EC2_METADATA_DISABLED=true",
		"AWS_ACCESS_KEY_ID=" + canaryEnvKeyID, "AWS_SECRET_ACCESS_KEY=" + canaryEnvSecret, "AWS_SESSION_TOKEN=" + canaryEnvToken,
		"GIT_CONFIG_COUNT=1", "GIT_CONFIG_KEY_0=http.extraHeader", "GIT_CONFIG_VALUE_0=X-Env-Token: " + canaryEnvHeader,
		"HTTPS_PROXY=http://bob:" + canaryURLPass + "@127.0.0.1:1", "NO_PROXY=127.0.0.1,localhost,amazonaws.com",
	}
	// With a password in the URL git sends it and no helper runs; without,
	// the fake AWS helper answers with its signed password.
	for _, run := range []struct{ name, url, trace string }{
		{"password in the URL", "https://" + canaryHelperKeyID + ":" + canaryURLPass + "@" + hostPort + "/v1/repos/" + e2eRepo, `"answered_by": "no helper: credentials from the URL"`},
		{"the AWS helper answers", git.RepoURL(e2eRepo), `"answered_by": "aws (aws codecommit credential-helper $@)"`},
	} {
		t.Run(run.name, func(t *testing.T) {
			bundleCanaryRun(t, env, home, marker, hostPort, run.url, run.trace)
		})
	}
}

// bundleCanaryRun runs the bundle once and searches everything it wrote
// and printed for every canary.
func bundleCanaryRun(t *testing.T, env []string, home, marker, hostPort, url, trace string) {
	work := t.TempDir()
	_ = os.Remove(marker)
	before := treeSnapshot(t, home)

	r := runBundle(t, env, work, "--profile", "proc", url)

	if r.exit != 0 {
		t.Fatalf("exit %d, want 0\nstdout:\n%s\nstderr:\n%s", r.exit, r.stdout, r.stderr)
	}
	sameTree(t, "HOME", before, treeSnapshot(t, home))
	path := onlyBundle(t, work)
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if k := os.Getenv("KEEP_BUNDLE"); k != "" {
		_ = os.WriteFile(k, raw, 0o600)
	}
	_, files := readBundle(t, path)
	// The secrets were where the doctor looks: each file shows its part.
	for name, want := range map[string][]string{
		"system.txt":          {"aws-cli/2.15.0", "Authorization: AWS4-HMAC-SHA256 Credential=AKIA****0009/"},
		"git-config.txt":      {"global\tfile:~/.gitconfig\thttp.extraheader = (set, value hidden)", "command\tcommand line:\thttp.extraheader = (set, value hidden)", "url.https://****@" + hostPort},
		"aws-config.txt":      {"profile used: proc (--profile)", "credential_process = ", "[default]: aws_access_key_id (set), aws_secret_access_key (set), aws_session_token (set)"},
		"environment.txt":     {"AWS_SECRET_ACCESS_KEY=(set, value hidden)", "AWS_SESSION_TOKEN=(set, value hidden)", "AWS_ACCESS_KEY_ID=AKIA****0001", "HTTPS_PROXY=http://****@127.0.0.1:1", "GIT_CONFIG_VALUE_0=(set, value hidden)"},
		"reproduce-trace.txt": {`"git_ls_remote"`, trace},
	} {
		for _, s := range want {
			if !strings.Contains(string(files[name]), s) {
				t.Errorf("%s lacks %q:\n%s", name, s, files[name])
			}
		}
	}
	if _, err := os.Stat(marker); err != nil {
		t.Errorf("the credential_process never ran, so its output was not put to the test: %v", err)
	}
	for _, secret := range canaries {
		for name, data := range files {
			if bytes.Contains(data, []byte(secret)) {
				t.Errorf("%s in the bundle holds the canary %q:\n%s", name, secret, data)
			}
		}
		if bytes.Contains(raw, []byte(secret)) {
			t.Errorf("the raw archive holds the canary %q", secret)
		}
		if strings.Contains(r.stdout+r.stderr, secret) {
			t.Errorf("the doctor printed the canary %q:\n%s%s", secret, r.stdout, r.stderr)
		}
	}
}
