package credentials

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/ssocreds"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/checkstest"
	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient/awsfake"
)

const (
	testSecret = "wJalrXUtnFEMIK7MDENGbPxRfiCYTESTSECRET12"
	testToken  = "FwoGZXIvYXdzEXAMPLETOKENEXAMPLETOKENEXAMPLETOKEN"
)

// fakeSession is a loaded configuration whose answers a test sets.
type fakeSession struct {
	creds   aws.Credentials
	credErr error
	src     awsclient.Source
	out     *sts.GetCallerIdentityOutput
	stsErr  error
}

func (s fakeSession) Credentials(context.Context) (aws.Credentials, error) { return s.creds, s.credErr }
func (s fakeSession) Source() awsclient.Source                             { return s.src }
func (s fakeSession) Profile() string                                      { return s.src.Profile }
func (s fakeSession) Region() string                                       { return "us-east-1" }
func (s fakeSession) Clients() AWSClients                                  { return nopClients{} }
func (s fakeSession) CallerIdentity(context.Context) (*sts.GetCallerIdentityOutput, error) {
	return s.out, s.stsErr
}

func caller(arn string) *sts.GetCallerIdentityOutput {
	return &sts.GetCallerIdentityOutput{Arn: aws.String(arn), Account: aws.String("111122223333"), UserId: aws.String("AIDAEXAMPLE")}
}

var (
	profileSrc = awsclient.Source{Kind: awsclient.SourceProfile, Profile: "default", File: "/home/u/.aws/credentials"}
	envSrc     = awsclient.Source{Kind: awsclient.SourceEnvironment, SessionToken: true}
	userKeys   = aws.Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: testSecret}
	roleKeys   = aws.Credentials{AccessKeyID: "ASIAIOSFODNN7EXAMPLE", SecretAccessKey: testSecret, SessionToken: testToken}
)

func stsError(code, msg string) error {
	return fmt.Errorf("operation error STS: GetCallerIdentity, https response error StatusCode: 403, %w", awsfake.APIError(code, msg))
}

func TestCredentialsCheck(t *testing.T) {
	tests := []struct {
		name    string
		sess    fakeSession
		loadErr error
		vars    map[string]string
		status  checks.Status
		codes   string
		text    []string // substrings of summary, findings, remediation and evidence
	}{
		{name: "IAM user", sess: fakeSession{creds: userKeys, src: profileSrc, out: caller("arn:aws:iam::111122223333:user/eng/alice")},
			status: checks.Pass, text: []string{`IAM user alice in account 111122223333, from profile "default" in /home/u/.aws/credentials`, "AKIA****MPLE"}},
		{name: "SSO role", sess: fakeSession{creds: roleKeys, src: awsclient.Source{Kind: awsclient.SourceSSO, Profile: "default", SSOSession: "corp"},
			out: caller("arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Dev_1234/jane")},
			status: checks.Pass, text: []string{"IAM Identity Center (SSO) role AWSReservedSSO_Dev_1234 (session jane)", `sso_session "corp"`}},
		{name: "root", sess: fakeSession{creds: userKeys, src: profileSrc, out: caller("arn:aws:iam::111122223333:root")},
			status: checks.Warn, codes: "root-user", text: []string{"cannot have Git credentials", "aws configure --profile default"}},
		{name: "profile missing", loadErr: fmt.Errorf("loading: %w", config.SharedConfigProfileNotExistError{Profile: "dev"}),
			vars: map[string]string{"AWS_PROFILE": "dev"}, status: checks.Fail, codes: "profile-not-found",
			text: []string{`Profile "dev" (chosen by AWS_PROFILE)`, "aws configure --profile dev", "unset AWS_PROFILE"}},
		{name: "no credentials", sess: fakeSession{src: awsclient.Source{Kind: awsclient.SourceInstanceRole}, credErr: &awsclient.NoCredentialsError{Profile: "default"}},
			status: checks.Fail, codes: "credentials-not-found", text: []string{"aws configure --profile default", "aws configure sso --profile default"}},
		{name: "SSO expired", sess: fakeSession{src: awsclient.Source{Kind: awsclient.SourceSSO, Profile: "my dev"}, credErr: &ssocreds.InvalidTokenError{}},
			vars: map[string]string{"AWS_PROFILE": "my dev"}, status: checks.Fail, codes: "sso-token-expired", text: []string{"aws sso login --profile 'my dev'"}},
		{name: "expired session token from the environment", sess: fakeSession{creds: roleKeys, src: envSrc,
			stsErr: stsError("ExpiredToken", "The security token included in the request is expired")},
			status: checks.Fail, codes: "session-token-expired", text: []string{"ExpiredToken", "unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN"}},
		{name: "expired session token in a profile", sess: fakeSession{creds: roleKeys, src: profileSrc,
			stsErr: stsError("ExpiredToken", "The security token included in the request is expired")},
			status: checks.Fail, codes: "session-token-expired", text: []string{"aws_session_token", "role_arn and source_profile"}},
		{name: "unknown key", sess: fakeSession{creds: userKeys, src: profileSrc, stsErr: stsError("InvalidClientTokenId", "The security token included in the request is invalid.")},
			status: checks.Fail, codes: "access-key-invalid", text: []string{"AKIA****MPLE", "aws configure --profile default"}},
		{name: "wrong secret", sess: fakeSession{creds: userKeys, src: profileSrc,
			stsErr: stsError("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Canonical: "+testSecret)},
			status: checks.Fail, codes: "secret-key-mismatch", text: []string{"SignatureDoesNotMatch", "does not belong to access key AKIA****MPLE"}},
		{name: "clock", sess: fakeSession{creds: userKeys, src: profileSrc, stsErr: stsError("RequestExpired", "Request has expired.")},
			status: checks.Fail, codes: "request-expired", text: []string{"timedatectl"}},
		{name: "denied", sess: fakeSession{creds: userKeys, src: profileSrc, stsErr: stsError("AccessDenied", "no")},
			status: checks.Fail, codes: "sts-access-denied"},
		{name: "unreachable", sess: fakeSession{creds: userKeys, src: profileSrc,
			stsErr: fmt.Errorf("send: %w", &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")})},
			status: checks.Error, codes: "sts-unreachable", text: []string{"AWS_ENDPOINT_URL_STS"}},
		{name: "timeout", sess: fakeSession{creds: userKeys, src: profileSrc, stsErr: fmt.Errorf("calling: %w", context.DeadlineExceeded)},
			status: checks.Error, codes: "sts-timeout"},
		{name: "anything else", sess: fakeSession{creds: userKeys, src: profileSrc, stsErr: errors.New("weird")},
			status: checks.Error, codes: "credentials-error", text: []string{"weird"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := credentialsCheck{load: func(context.Context, *checks.Env, awsclient.LoadOptions) (awsSession, error) {
				if tc.loadErr != nil {
					return nil, tc.loadErr
				}
				return tc.sess, nil
			}}
			res, err := c.Run(context.Background(), awsEnv(t, tc.vars, checks.Options{}))
			if err != nil {
				t.Fatal(err)
			}
			res = checks.Normalize(res)
			for _, f := range res.Findings {
				if !c.Info().Documents(f.Code) {
					t.Errorf("finding %s is not documented", f.Code)
				}
			}
			if res.Status != tc.status || checkstest.Codes(res) != tc.codes {
				t.Fatalf("status %s codes %q, want %s %q\n%s", res.Status, checkstest.Codes(res), tc.status, tc.codes, checkstest.Text(res))
			}
			text := checkstest.Text(res)
			for _, s := range tc.text {
				if !strings.Contains(text, s) {
					t.Errorf("result lacks %q:\n%s", s, text)
				}
			}
			for _, secret := range []string{testSecret, testToken} {
				if strings.Contains(text, secret) {
					t.Errorf("result contains a secret:\n%s", text)
				}
			}
			facts, ok := Key.In(res)
			ok = ok && !facts.Rejected
			if (res.Status == checks.Pass || res.Status == checks.Warn) != ok {
				t.Fatalf("facts %v for status %s", facts, res.Status)
			}
			if ok && (facts.Identity.Account != "111122223333" || facts.Clients == nil || facts.Policies == nil || facts.Region != "us-east-1") {
				t.Errorf("facts %+v", facts)
			}
		})
	}
}

func TestCredentialsProfileAndRegionChoice(t *testing.T) {
	tests := []struct {
		name     string
		vars     map[string]string
		opts     checks.Options
		facts    []checks.Fact
		profile  string // LoadOptions.Profile
		region   string // LoadOptions.Region
		chosenBy string
	}{
		{name: "default", chosenBy: "default"},
		{name: "AWS_PROFILE is left to the SDK", vars: map[string]string{"AWS_PROFILE": "dev"}, chosenBy: "AWS_PROFILE"},
		{name: "--profile and --region", vars: map[string]string{"AWS_PROFILE": "dev"}, opts: checks.Options{Profile: "ops", Region: "eu-west-1"},
			profile: "ops", region: "eu-west-1", chosenBy: "--profile"},
		{name: "the helper's profile", vars: map[string]string{"AWS_PROFILE": "dev"},
			facts:   []checks.Fact{helperFact("!aws --profile helper-prof --region ap-south-1 codecommit credential-helper $@")},
			profile: "helper-prof", region: "ap-south-1", chosenBy: "--profile in the credential helper command"},
		{name: "the repository's region and a codecommit:// profile",
			facts:   []checks.Fact{checkstest.Target("codecommit::eu-north-1://grc@repo")},
			profile: "grc", region: "eu-north-1", chosenBy: "the codecommit:// URL"},
		{name: "region from an HTTPS URL", facts: []checks.Fact{checkstest.Target("https://git-codecommit.us-west-2.amazonaws.com/v1/repos/r")},
			region: "us-west-2", chosenBy: "default"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got awsclient.LoadOptions
			c := credentialsCheck{load: func(_ context.Context, _ *checks.Env, o awsclient.LoadOptions) (awsSession, error) {
				got = o
				return fakeSession{creds: userKeys, src: profileSrc, out: caller("arn:aws:iam::111122223333:user/a")}, nil
			}}
			res, err := c.Run(context.Background(), awsEnv(t, tc.vars, tc.opts, tc.facts...))
			if err != nil {
				t.Fatal(err)
			}
			if got.Profile != tc.profile || got.Region != tc.region {
				t.Errorf("load options %+v, want profile %q region %q", got, tc.profile, tc.region)
			}
			if res.Evidence["profile_chosen_by"] != tc.chosenBy {
				t.Errorf("chosen by %v, want %s", res.Evidence["profile_chosen_by"], tc.chosenBy)
			}
		})
	}
}

func TestCredentialsInfoDocumentsEveryCode(t *testing.T) {
	documented := map[string]bool{}
	for _, f := range New().Info().Findings {
		documented[f.Code] = true
	}
	for _, code := range []string{"profile-not-found", "credentials-not-found", "sso-token-expired", "credential-process-failed",
		"session-token-expired", "access-key-invalid", "secret-key-mismatch", "request-expired", "sts-access-denied",
		"sts-unreachable", "sts-timeout", "aws-config-invalid", "credentials-error", "root-user"} {
		if !documented[code] {
			t.Errorf("finding %s is not documented for explain", code)
		}
	}
}

// nopClients serve empty fakes.
type nopClients struct{}

func (nopClients) IAM() awsclient.IAMAPI { return &awsfake.IAM{} }

func (nopClients) KMS(string) awsclient.KMSAPI { return &awsfake.KMS{} }

func (nopClients) CodeCommit(region string) RepositoryGetter {
	return &awsfake.CodeCommit{Region: region}
}
