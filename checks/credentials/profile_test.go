package credentials

import (
	"context"
	"maps"
	"strings"
	"testing"

	"github.com/Masterminds/semver/v3"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/awscli"
	"github.com/codecommit-doctor/codecommit-doctor/checks/checkstest"
	"github.com/codecommit-doctor/codecommit-doctor/checks/signing"
	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
)

const profilesConfig = `[profile loop]
role_arn = arn:aws:iam::123456789012:role/A
source_profile = loop2
[profile loop2]
role_arn = arn:aws:iam::123456789012:role/B
source_profile = loop
[profile mfa]
role_arn = arn:aws:iam::123456789012:role/M
mfa_serial = arn:aws:iam::123456789012:mfa/u
source_profile = keys
[profile keys]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = x
cli_auto_prompt = on
[profile sso]
sso_session = corp
`

func TestProfileFindings(t *testing.T) {
	const cache = "/home/u/.aws/cli/cache/97f0a20d3e6939ad2aec160c4449c398426f091a.json"
	cached := func(exp string) map[string]string {
		return map[string]string{cache: `{"Credentials": {"SecretAccessKey": "s3cr3t", "Expiration": "` + exp + `"}}`}
	}
	for _, tc := range []struct {
		name, profile, cli string
		vars, files        map[string]string
		codes              string
		status             checks.Status
		text               string
		goos, notText      string
	}{
		{name: "loop", profile: "loop", cli: "1.45.11", codes: "source-profile-loop", status: checks.Fail, text: "loop → loop2 → loop"},
		{name: "mfa, nothing cached", profile: "mfa", cli: "1.45.11", codes: "mfa-prompt", status: checks.Fail, text: "no cached credentials"},
		{name: "mfa, expired", profile: "mfa", cli: "1.45.11", files: cached("2026-11-26T07:10:00+00:00"), codes: "mfa-prompt", status: checks.Fail, text: "expired at 2026-11-26T07:10:00Z"},
		{name: "mfa, about to expire", profile: "mfa", cli: "1.45.11", files: cached("2026-11-26T08:10:00+00:00"), codes: "mfa-prompt", status: checks.Fail, text: "expire at 2026-11-26T08:10:00Z, within the 15 minutes"},
		{name: "mfa, cached", profile: "mfa", cli: "1.45.11", files: cached("2026-11-26T09:00:00Z"), codes: "mfa-cached", status: checks.Warn, text: "expire at 2026-11-26T09:00:00Z"},
		{name: "auto-prompt on v2", profile: "keys", cli: "2.15.30", codes: "cli-auto-prompt", status: checks.Fail, text: "aws configure set cli_auto_prompt off --profile keys --no-cli-auto-prompt"},
		{name: "auto-prompt in the environment", profile: "sso", cli: "2.15.30", vars: map[string]string{"AWS_CLI_AUTO_PROMPT": "on"}, codes: "cli-auto-prompt", status: checks.Fail, text: "unset AWS_CLI_AUTO_PROMPT", notText: "Remove-Item"},
		{name: "auto-prompt in the environment on Windows", goos: "windows", profile: "sso", cli: "2.15.30", vars: map[string]string{"AWS_CLI_AUTO_PROMPT": "on"}, codes: "cli-auto-prompt", status: checks.Fail, text: "Remove-Item Env:AWS_CLI_AUTO_PROMPT (PowerShell) or set AWS_CLI_AUTO_PROMPT= (cmd.exe)", notText: "unset AWS_CLI_AUTO_PROMPT"},
		{name: "auto-prompt on v2 on Windows", goos: "windows", profile: "keys", cli: "2.15.30", codes: "cli-auto-prompt", status: checks.Fail, text: "aws configure set cli_auto_prompt off --profile keys --no-cli-auto-prompt"},
		{name: "auto-prompt ignored by v1", profile: "keys", cli: "1.45.11", codes: "", status: checks.Pass},
		{name: "auto-prompt off in the environment", profile: "keys", cli: "2.15.30", vars: map[string]string{"AWS_CLI_AUTO_PROMPT": "off"}, codes: "", status: checks.Pass},
		{name: "sso-session on an old v2", profile: "sso", cli: "2.8.0", codes: "sso-session-unsupported", status: checks.Fail, text: "2.9.0"},
		{name: "AWS_PROFILE only", cli: "2.15.30", vars: map[string]string{"AWS_PROFILE": "sso"}, codes: "profile-from-environment", status: checks.Warn, text: "!aws --profile sso codecommit credential-helper $@"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vars := map[string]string{"AWS_CONFIG_FILE": "/home/u/.aws/config"}
			maps.Copy(vars, tc.vars)
			files := map[string]string{"/home/u/.aws/config": profilesConfig}
			maps.Copy(files, tc.files)
			v := semver.MustParse(tc.cli)
			e := (&checks.Env{Sys: checkstest.Sys{Env: vars, Files: files, OS: tc.goos}, Options: checks.Options{Profile: tc.profile}}).
				WithFacts(awscli.Key.Fact(&awscli.Facts{Version: v, Major: int(v.Major())}))
			e = checkstest.Provide(t, e, signing.New())
			c := credentialsCheck{load: func(context.Context, *checks.Env, awsclient.LoadOptions) (awsSession, error) {
				return fakeSession{creds: userKeys, src: profileSrc, out: caller("arn:aws:iam::111122223333:user/eng/alice")}, nil
			}}
			res, err := checkstest.Run(t, c, e)
			if err != nil {
				t.Fatal(err)
			}
			text := checkstest.Text(res)
			if checkstest.Codes(res) != tc.codes || res.Status != tc.status || !strings.Contains(text, tc.text) {
				t.Fatalf("codes %q status %s, want %q %s with %q:\n%s", checkstest.Codes(res), res.Status, tc.codes, tc.status, tc.text, text)
			}
			if tc.notText != "" && strings.Contains(text, tc.notText) {
				t.Errorf("%q is shown:\n%s", tc.notText, text)
			}
			if strings.Contains(text, "s3cr3t") {
				t.Errorf("a secret of the cache file is shown:\n%s", text)
			}
		})
	}
}
