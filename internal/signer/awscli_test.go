package signer

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/tools"
)

// Fake canary credentials: they exist nowhere and only let us spot leaks.
const (
	canaryKeyID  = "AKIACANARYCROSSCHECK"
	canarySecret = "canarySecretCrossCheck/0123456789+ABCDEFGH"
	canaryToken  = "IQoJb3JpZ2luX2VjEcanaryToken/with+slashes=="
	cliRegion    = "eu-west-1"
)

// requireAWSCLI returns the path of the aws executable, skipping loudly when
// it is missing (failing instead when CI is set).
func requireAWSCLI(t *testing.T) string {
	t.Helper()
	return tools.RequireTool(t, "aws")
}

// isolatedAWSEnv returns a minimal environment that keeps the user's AWS
// configuration, instance metadata and proxies out of the way.
func isolatedAWSEnv(t *testing.T, extra ...string) []string {
	t.Helper()
	home := t.TempDir()
	cfg := filepath.Join(home, "config")
	creds := filepath.Join(home, "credentials")
	for _, f := range []string{cfg, creds} {
		if err := os.WriteFile(f, nil, 0o600); err != nil {
			t.Fatalf("writing empty AWS file: %v", err)
		}
	}
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"AWS_CONFIG_FILE=" + cfg,
		"AWS_SHARED_CREDENTIALS_FILE=" + creds,
		"AWS_DEFAULT_REGION=" + cliRegion,
		"AWS_EC2_METADATA_DISABLED=true",
		"LC_ALL=C",
	}
	// Keep whatever selects the Python that runs the CLI.
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "PYENV_") || strings.HasPrefix(kv, "VIRTUAL_ENV=") {
			env = append(env, kv)
		}
	}
	return append(env, extra...)
}

// runHelper runs "aws [globalArgs] codecommit credential-helper get [args]"
// with stdin and returns the username and password lines it printed
// (found=false when it printed none).
func runHelper(t *testing.T, aws string, env, globalArgs, args []string, stdin string) (user, pass string, found bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	argv := append(append(append([]string{}, globalArgs...), "codecommit", "credential-helper", "get"), args...)
	cmd := exec.CommandContext(ctx, aws, argv...)
	cmd.Env = env
	cmd.Dir = t.TempDir()
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("aws credential-helper get: %v (stderr: %s)", err, stderr.String())
	}
	sc := bufio.NewScanner(&stdout)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasSuffix(line, "\r") {
			t.Errorf("helper output line ends with CR")
		}
		if v, ok := strings.CutPrefix(line, "username="); ok {
			user, found = v, true
		}
		if v, ok := strings.CutPrefix(line, "password="); ok {
			pass = v
		}
	}
	return user, pass, found
}

func TestCrossCheckWithAWSCLI(t *testing.T) {
	aws := requireAWSCLI(t)
	keys := []string{"AWS_ACCESS_KEY_ID=" + canaryKeyID, "AWS_SECRET_ACCESS_KEY=" + canarySecret}
	withToken := append(append([]string{}, keys...), "AWS_SESSION_TOKEN="+canaryToken)

	tests := []struct {
		name       string
		env        []string
		globalArgs []string
		args       []string
		host       string
		gitPath    string
		wantRegion string
		token      string
	}{
		{name: "documented example with leading slash", env: keys, host: "git-codecommit.us-east-1.amazonaws.com", gitPath: "/v1/repos/MyDemoRepo", wantRegion: "us-east-1"},
		{name: "path as git sends it", env: keys, host: "git-codecommit.us-east-1.amazonaws.com", gitPath: "v1/repos/MyDemoRepo", wantRegion: "us-east-1"},
		{name: "session token", env: withToken, host: "git-codecommit.us-east-2.amazonaws.com", gitPath: "v1/repos/MyDemoRepo", wantRegion: "us-east-2", token: canaryToken},
		{name: "host with port", env: keys, host: "git-codecommit.us-east-1.amazonaws.com:4443", gitPath: "v1/repos/MyDemoRepo", wantRegion: "us-east-1"},
		{name: "FIPS host", env: keys, host: "git-codecommit-fips.us-gov-west-1.amazonaws.com", gitPath: "v1/repos/R", wantRegion: "us-gov-west-1"},
		{name: "VPC endpoint host", env: keys, host: "vpce-0123456789abcdef0-abcdefgh.git-codecommit.ap-south-1.vpce.amazonaws.com", gitPath: "v1/repos/R", wantRegion: "ap-south-1"},
		{name: "China host", env: keys, host: "git-codecommit.cn-north-1.amazonaws.com.cn", gitPath: "v1/repos/R", wantRegion: "cn-north-1"},
		{name: "empty path", env: keys, host: "git-codecommit.us-east-1.amazonaws.com", gitPath: "", wantRegion: "us-east-1"},
		{name: "loopback host with ignore-host-check uses the default region", env: keys, args: []string{"--ignore-host-check"}, host: "127.0.0.1:8443", gitPath: "v1/repos/MyDemoRepo", wantRegion: cliRegion},
		{name: "loopback host with --region", env: withToken, globalArgs: []string{"--region", "ap-northeast-2"}, args: []string{"--ignore-host-check"}, host: "127.0.0.1:8443", gitPath: "v1/repos/MyDemoRepo", wantRegion: "ap-northeast-2", token: canaryToken},
		{name: "host region beats --region", env: keys, globalArgs: []string{"--region", "ap-northeast-2"}, host: "git-codecommit.sa-east-1.amazonaws.com", gitPath: "v1/repos/R", wantRegion: "sa-east-1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdin := "protocol=https\nhost=" + tt.host + "\npath=" + tt.gitPath + "\n\n"
			cliUser, cliPass, found := runHelper(t, aws, isolatedAWSEnv(t, tt.env...), tt.globalArgs, tt.args, stdin)
			if !found {
				t.Fatal("the AWS CLI helper printed no username")
			}
			at, err := PasswordTime(cliPass)
			if err != nil {
				t.Fatalf("PasswordTime of the CLI's password: %v", err)
			}
			if region, ok := ccurl.RegionFromHost(tt.host); ok && region != tt.wantRegion {
				t.Fatalf("RegionFromHost(%q) = %q, test expects %q", tt.host, region, tt.wantRegion)
			}
			creds := Credentials{AccessKeyID: canaryKeyID, SecretAccessKey: canarySecret, SessionToken: tt.token}
			user, pass := Sign(creds, tt.host, HelperPath(tt.gitPath), tt.wantRegion, at)
			if user != cliUser {
				t.Errorf("username: Go %q, AWS CLI %q", user, cliUser)
			}
			if pass != cliPass {
				t.Errorf("password differs: Go %q, AWS CLI %q", pass, cliPass)
			}
			if age := time.Since(at); age < -time.Minute || age > 5*time.Minute {
				t.Errorf("CLI timestamp %v is not close to now (%v): not UTC?", at, age)
			}
		})
	}
}

func TestAWSCLIIgnoresNonAmazonHosts(t *testing.T) {
	aws := requireAWSCLI(t)
	env := isolatedAWSEnv(t, "AWS_ACCESS_KEY_ID="+canaryKeyID, "AWS_SECRET_ACCESS_KEY="+canarySecret)
	for _, host := range []string{"127.0.0.1:8443", "git.example.com"} {
		if ccurl.IsAWSHelperHost(host) {
			t.Fatalf("HelperAnswersHost(%q) = true", host)
		}
		_, _, found := runHelper(t, aws, env, nil, nil, "protocol=https\nhost="+host+"\npath=v1/repos/R\n\n")
		if found {
			t.Errorf("the AWS CLI answered for %q, HelperAnswersHost says it would not", host)
		}
	}
}
