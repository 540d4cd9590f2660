package awsclient

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// osEnv reads the (test-controlled) process environment, which is also
// what the SDK reads.
type osEnv struct{ home string }

func (e osEnv) Getenv(k string) string { return os.Getenv(k) }
func (e osEnv) HomeDir() string        { return e.home }

// isolate clears every AWS variable the SDK reads and gives a fresh HOME
// with the given ~/.aws files.
func isolate(t *testing.T, config, credentials string) osEnv {
	t.Helper()
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "AWS_") {
			t.Setenv(k, "")
		}
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	dir := filepath.Join(home, ".aws")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"config": config, "credentials": credentials} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return osEnv{home: home}
}

const staticCreds = "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n" +
	"[dev]\naws_access_key_id = AKIADEVDEVDEVDEVDEV1\naws_secret_access_key = devsecretdevsecretdevsecretdevsecret1234\n"

func TestLoadSources(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name     string
		config   string
		creds    string
		env      map[string]string
		opts     LoadOptions
		kind     SourceKind
		profile  string
		describe string // substring of Source().String()
		keyID    string // expected access key id when retrievable
		region   string
	}{
		{name: "default profile", config: "[default]\nregion = eu-west-1\n", creds: staticCreds,
			kind: SourceProfile, profile: "default", describe: `profile "default" in `, keyID: "AKIAIOSFODNN7EXAMPLE", region: "eu-west-1"},
		{name: "AWS_PROFILE", creds: staticCreds, env: map[string]string{"AWS_PROFILE": "dev"},
			kind: SourceProfile, profile: "dev", keyID: "AKIADEVDEVDEVDEVDEV1", region: FallbackRegion},
		{name: "environment beats AWS_PROFILE, as in the CLI", creds: staticCreds,
			env:  map[string]string{"AWS_PROFILE": "dev", "AWS_ACCESS_KEY_ID": "AKIAENVENVENVENVENV1", "AWS_SECRET_ACCESS_KEY": "envsecret", "AWS_SESSION_TOKEN": "tok"},
			kind: SourceEnvironment, describe: "(with AWS_SESSION_TOKEN)", keyID: "AKIAENVENVENVENVENV1", region: FallbackRegion},
		{name: "an explicit profile beats the environment", creds: staticCreds,
			env:  map[string]string{"AWS_ACCESS_KEY_ID": "AKIAENVENVENVENVENV1", "AWS_SECRET_ACCESS_KEY": "envsecret"},
			opts: LoadOptions{Profile: "dev", Region: "us-west-2"},
			kind: SourceProfile, profile: "dev", keyID: "AKIADEVDEVDEVDEVDEV1", region: "us-west-2"},
		{name: "credential_process", config: "[profile proc]\ncredential_process = sh -c 'echo {\\\"Version\\\": 1, \\\"AccessKeyId\\\": \\\"AKIAPROCPROCPROCPRO1\\\", \\\"SecretAccessKey\\\": \\\"procsecretprocsecret\\\"}'\n",
			opts: LoadOptions{Profile: "proc"}, kind: SourceProcess, profile: "proc", describe: `credential_process of profile "proc"`, keyID: "AKIAPROCPROCPROCPRO1"},
		{name: "SSO", config: "[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n",
			opts: LoadOptions{Profile: "sso"}, kind: SourceSSO, profile: "sso",
			describe: `IAM Identity Center (SSO) sign-in of profile "sso" (sso_session "corp", start URL https://corp.awsapps.com/start, account 111122223333, role Dev)`},
		{name: "assume role", config: "[profile ci]\nrole_arn = arn:aws:iam::111122223333:role/ci\nsource_profile = default\n", creds: staticCreds,
			opts: LoadOptions{Profile: "ci"}, kind: SourceAssumeRole, profile: "ci",
			describe: `role arn:aws:iam::111122223333:role/ci assumed by profile "ci" with the credentials of profile "default"`},
		{name: "nothing at all", kind: SourceInstanceRole, describe: "instance metadata service"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := isolate(t, tc.config, tc.creds)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			s, err := Load(ctx, env, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			src := s.Source()
			if src.Kind != tc.kind || src.Profile != tc.profile {
				t.Errorf("source %+v, want kind %s profile %q", src, tc.kind, tc.profile)
			}
			if !strings.Contains(src.String(), tc.describe) {
				t.Errorf("description %q lacks %q", src.String(), tc.describe)
			}
			if tc.region != "" && s.Region() != tc.region {
				t.Errorf("region %s, want %s", s.Region(), tc.region)
			}
			if tc.keyID == "" {
				return
			}
			c, err := s.Credentials(ctx)
			if err != nil {
				t.Fatalf("credentials: %v", err)
			}
			if c.AccessKeyID != tc.keyID {
				t.Errorf("key %s, want %s", c.AccessKeyID, tc.keyID)
			}
			if strings.Contains(src.String(), c.SecretAccessKey) {
				t.Errorf("the description holds the secret")
			}
		})
	}
}

func TestLoadProblems(t *testing.T) {
	ctx := context.Background()
	t.Run("missing profile", func(t *testing.T) {
		env := isolate(t, "", staticCreds)
		_, err := Load(ctx, env, LoadOptions{Profile: "nope"})
		if Classify(err) != ProblemProfileNotFound {
			t.Errorf("err %v (%s)", err, Classify(err))
		}
	})
	t.Run("no credentials, IMDS disabled", func(t *testing.T) {
		env := isolate(t, "", "")
		s, err := Load(ctx, env, LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		_, err = s.Credentials(ctx)
		if Classify(err) != ProblemNoCredentials {
			t.Errorf("err %v (%s)", err, Classify(err))
		}
		if d := time.Since(start); d > time.Second {
			t.Errorf("took %s", d)
		}
	})
	t.Run("IMDS that never answers is bounded", func(t *testing.T) {
		env := isolate(t, "", "")
		t.Setenv("AWS_EC2_METADATA_DISABLED", "")
		hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-r.Context().Done():
			case <-time.After(10 * time.Second):
			}
		}))
		defer hang.Close()
		t.Setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", hang.URL)
		s, err := Load(ctx, env, LoadOptions{IMDSTimeout: 300 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		_, err = s.Credentials(ctx)
		if Classify(err) != ProblemNoCredentials {
			t.Errorf("err %v (%s)", err, Classify(err))
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("IMDS took %s despite the bound", d)
		}
	})
	t.Run("SSO without a sign-in", func(t *testing.T) {
		env := isolate(t, "[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n", "")
		s, err := Load(ctx, env, LoadOptions{Profile: "sso"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.Credentials(ctx)
		if Classify(err) != ProblemSSOExpired {
			t.Errorf("err %v (%s)", err, Classify(err))
		}
	})
	t.Run("failing credential_process", func(t *testing.T) {
		env := isolate(t, "[profile proc]\ncredential_process = sh -c 'echo SECRETOUTPUT1234567890; exit 3'\n", "")
		s, err := Load(ctx, env, LoadOptions{Profile: "proc"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.Credentials(ctx)
		if Classify(err) != ProblemProcessFailed {
			t.Errorf("err %v (%s)", err, Classify(err))
		}
		if strings.Contains(Describe(err), "SECRETOUTPUT") {
			t.Errorf("Describe quotes the process output: %s", Describe(err))
		}
	})
}

func TestSessionClients(t *testing.T) {
	env := isolate(t, "", staticCreds)
	s, err := Load(context.Background(), env, LoadOptions{Region: "eu-central-1"})
	if err != nil {
		t.Fatal(err)
	}
	if sts1, iam1 := s.STS(), s.IAM(); sts1 != s.STS() || iam1 != s.IAM() {
		t.Error("clients are built more than once")
	}
	a, b := s.CodeCommit("us-east-2"), s.CodeCommit("us-east-2")
	if a != b || a == s.CodeCommit("") {
		t.Error("CodeCommit clients are not one per region")
	}
	if got := s.CodeCommit("").Options().Region; got != "eu-central-1" {
		t.Errorf("default CodeCommit region %s", got)
	}
	if s.Profile() != "default" || s.RegionDefaulted() || len(s.Chain()) == 0 {
		t.Errorf("profile %q defaulted %v chain %v", s.Profile(), s.RegionDefaulted(), s.Chain())
	}
}
