package bundle

import (
	"strings"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsconfig"
)

const testAWSConfig = `[default]
region = us-east-1
output = json
[profile dev]
role_arn = arn:aws:iam::123456789012:role/dev
source_profile = base
external_id = externalSecret123
mfa_serial = arn:aws:iam::123456789012:mfa/me
[profile base]
credential_process = /usr/local/bin/get-creds --token cpTokenSecret99
aws_secret_access_key = configSecretKey0000000000000000000000001
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
[profile sso]
sso_start_url = https://example.awsapps.com/start
sso_region = us-east-1
sso_account_id = 123456789012
sso_role_name = Dev
[profile unrelated]
region = eu-west-1
`

const testAWSCredentials = `[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = credsSecretKey00000000000000000000000001
[ci]
aws_access_key_id = AKIAI44QH8DHBEXAMPLE
aws_secret_access_key = credsSecretKey00000000000000000000000002
aws_session_token = credsSessionToken000000000000001
`

func TestAWSFilesShowTheProfilesThatMatter(t *testing.T) {
	a := AWSFiles{Paths: awsconfig.Paths{Config: "/h/.aws/config", Credentials: "/h/.aws/credentials"},
		Config: []byte(testAWSConfig), Credentials: []byte(testAWSCredentials), Profile: "dev", ProfileFrom: "AWS_PROFILE"}
	got := a.Text()
	if missing := containsAll(got,
		"profile used: dev (AWS_PROFILE)\n", "source_profile chain: dev → base\n",
		"[profile dev]\nexternal_id = (set, value hidden)\nmfa_serial = arn:aws:iam::123456789012:mfa/me\nrole_arn = arn:aws:iam::123456789012:role/dev\nsource_profile = base\n",
		"[profile base]\naws_access_key_id = AKIA****MPLE\naws_secret_access_key = (set, value hidden)\ncredential_process = /usr/local/bin/get-creds --token ****\n",
		"[default]\noutput = json\nregion = us-east-1\n",
		"other profiles (not shown): sso, unrelated\n",
		"## credentials file: /h/.aws/credentials (names only)\n[default]: aws_access_key_id (set), aws_secret_access_key (set)\n[ci]: aws_access_key_id (set), aws_secret_access_key (set), aws_session_token (set)\n",
	); len(missing) > 0 {
		t.Errorf("missing %q in:\n%s", missing, got)
	}
	for _, never := range []string{"externalSecret123", "cpTokenSecret99", "configSecretKey", "credsSecretKey", "credsSessionToken", "AKIAI44QH8DHBEXAMPLE", "eu-west-1"} {
		if strings.Contains(got, never) {
			t.Errorf("%q shown:\n%s", never, got)
		}
	}
}

func TestAWSFilesSSOProfileAndMissingFiles(t *testing.T) {
	config := strings.Replace(testAWSConfig, "sso_role_name = Dev\n", "sso_role_name = Dev\nsso_session_token = ssoTokenSecret\n", 1) +
		"[profile modern]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Admin\n" +
		"[profile lost]\nsso_session = nowhere\n" +
		"[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n" +
		"sso_registration_scopes = sso:account:access\nclient_secret = ssoClientSecret1\n[sso-session other]\nsso_region = us-west-2\n"
	a := AWSFiles{Paths: awsconfig.Paths{Config: "/h/.aws/config", Credentials: "/h/.aws/credentials"},
		Config: []byte(config), Profile: "sso", ProfileFrom: "--profile", CredsErr: "permission denied"}
	got := a.Text()
	if missing := containsAll(got, "sso_start_url = https://example.awsapps.com/start\n", "sso_role_name = Dev\n", "sso_account_id = 123456789012\n",
		"sso_session_token = (set, value hidden)\n", "not read: permission denied\n"); len(missing) > 0 {
		t.Errorf("missing %q in:\n%s", missing, got)
	}
	if strings.Contains(got, "ssoTokenSecret") {
		t.Errorf("a token shown:\n%s", got)
	}
	// A profile on an sso-session shows that session, allow-listed.
	modern := AWSFiles{Paths: a.Paths, Config: []byte(config), Profile: "modern", ProfileFrom: "AWS_PROFILE"}.Text()
	if missing := containsAll(modern, "[profile modern]\nsso_account_id = 123456789012\nsso_role_name = Admin\nsso_session = corp\n",
		"[sso-session corp]\nclient_secret = (set, value hidden)\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\nsso_start_url = https://corp.awsapps.com/start\n",
	); len(missing) > 0 {
		t.Errorf("missing %q in:\n%s", missing, modern)
	}
	if strings.Contains(modern, "ssoClientSecret1") || strings.Contains(modern, "us-west-2") {
		t.Errorf("a secret or an unrelated session shown:\n%s", modern)
	}
	lost := AWSFiles{Paths: a.Paths, Config: []byte(config), Profile: "lost", ProfileFrom: "AWS_PROFILE"}.Text()
	if !strings.Contains(lost, "[sso-session nowhere]: not in this file\n") {
		t.Errorf("a missing sso-session is not named:\n%s", lost)
	}
	// A profile missing everywhere is said so, not invented.
	none := AWSFiles{Paths: a.Paths, Profile: "ghost", ProfileFrom: "--profile"}.Text()
	if missing := containsAll(none, "[profile ghost]: not in this file\n", "[default]: not in this file\n", "(no profile)\n"); len(missing) > 0 {
		t.Errorf("missing %q in:\n%s", missing, none)
	}
}

func TestChosenProfile(t *testing.T) {
	env := fakeEnv{"AWS_PROFILE": "envp", "AWS_DEFAULT_PROFILE": "olde"}
	for _, c := range []struct {
		flag, url  string
		env        fakeEnv
		name, from string
	}{
		{"flagp", "", env, "flagp", "--profile"},
		{"", "urlp", env, "envp", "AWS_PROFILE"},
		{"", "urlp", fakeEnv{"AWS_DEFAULT_PROFILE": "olde"}, "olde", "AWS_DEFAULT_PROFILE"},
		{"", "urlp", fakeEnv{}, "urlp", "the repository URL"},
		{"", "", fakeEnv{}, "default", "no profile chosen"},
	} {
		if n, f := ChosenProfile(c.flag, c.env.Getenv, c.url); n != c.name || f != c.from {
			t.Errorf("ChosenProfile(%q, %v, %q) = %q, %q; want %q, %q", c.flag, c.env, c.url, n, f, c.name, c.from)
		}
	}
}

func TestAWSFilesShowTheHelpersProfiles(t *testing.T) {
	a := AWSFiles{Paths: awsconfig.Paths{Config: "/h/.aws/config", Credentials: "/h/.aws/credentials"},
		Config: []byte(testAWSConfig), Profile: "default", ProfileFrom: "no profile chosen", HelperProfiles: []string{"dev"}}
	got := a.Text()
	if missing := containsAll(got, "profiles the credential helpers name (--profile): dev\n",
		"[profile dev]\nexternal_id", "[profile base]\n", "other profiles (not shown): sso, unrelated\n"); len(missing) > 0 {
		t.Errorf("missing %q in:\n%s", missing, got)
	}
}
