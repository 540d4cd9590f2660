package kms

import (
	"context"
	"strings"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/checkstest"
	"github.com/codecommit-doctor/codecommit-doctor/checks/credentials"
	"github.com/codecommit-doctor/codecommit-doctor/checks/credentials/credentialstest"
	"github.com/codecommit-doctor/codecommit-doctor/checks/permissions"
	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient/awsfake"
)

func TestKMSCheck(t *testing.T) {
	const (
		denyAll      = `{"Version":"2012-10-17","Statement":[{"Sid":"NoKMS","Effect":"Deny","Action":"kms:*","Resource":"*"}]}`
		denyDecrypt  = `{"Version":"2012-10-17","Statement":[{"Sid":"NoDecrypt","Effect":"Deny","Action":["kms:Decrypt","s3:*"],"Resource":"*"}]}`
		exemptCC     = `{"Version":"2012-10-17","Statement":[{"Sid":"OnlyViaCodeCommit","Effect":"Deny","Action":"kms:*","Resource":"*","Condition":{"StringNotEquals":{"kms:ViaService":"codecommit.us-east-1.amazonaws.com"}}}]}`
		notViaAWS    = `{"Version":"2012-10-17","Statement":[{"Sid":"DirectOnly","Effect":"Deny","Action":"kms:Decrypt","Resource":"*","Condition":{"Bool":{"aws:ViaAWSService":"false"}}}]}`
		ipDeny       = `{"Version":"2012-10-17","Statement":[{"Sid":"Office","Effect":"Deny","Action":"kms:*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"192.0.2.0/24"}}}]}`
		otherKeyDeny = `{"Version":"2012-10-17","Statement":[{"Sid":"OtherKey","Effect":"Deny","Action":"kms:*","Resource":"arn:aws:kms:us-east-1:111122223333:key/other"}]}`
		thisKeyDeny  = `{"Version":"2012-10-17","Statement":[{"Sid":"ThisKey","Effect":"Deny","Action":"kms:Decrypt","Resource":"` + credentialstest.KMSKey + `"}]}`
		boundaryARN  = "arn:aws:iam::111122223333:policy/Boundary"
	)
	tests := []struct {
		name     string
		arn      string
		iam      func() *awsfake.IAM
		withRepo bool // the permissions check's facts (key ARN) are there
		status   checks.Status
		codes    string
		text     []string
	}{
		{name: "no deny", iam: func() *awsfake.IAM { return credentialstest.Alice(nil, credentialstest.PowerUser) }, status: checks.Pass,
			text: []string{"no policy explicitly denies", "aws/codecommit", "implicit deny is fine"}},
		{name: "deny kms:*", iam: func() *awsfake.IAM {
			return credentialstest.Alice(map[string]string{"no-kms": denyAll}, credentialstest.PowerUser)
		}, status: checks.Fail, codes: "kms-explicit-deny",
			text: []string{`inline policy "no-kms" of user "alice" statement "NoKMS" explicitly denies kms:Encrypt, kms:Decrypt, kms:ReEncryptFrom, kms:ReEncryptTo, kms:GenerateDataKey, kms:GenerateDataKeyWithoutPlaintext, kms:DescribeKey`,
				"aws iam get-user-policy --user-name alice --policy-name no-kms --query PolicyDocument --output json > fixed-policy.json",
				`"kms:ViaService": "codecommit.us-east-1.amazonaws.com"`,
				"aws iam put-user-policy --user-name alice --policy-name no-kms --policy-document file://fixed-policy.json"}},
		{name: "deny one action", iam: func() *awsfake.IAM { return credentialstest.Alice(map[string]string{"d": denyDecrypt}) }, status: checks.Fail, codes: "kms-explicit-deny",
			text: []string{`statement "NoDecrypt" explicitly denies kms:Decrypt (`}},
		{name: "CodeCommit exempted", iam: func() *awsfake.IAM { return credentialstest.Alice(map[string]string{"x": exemptCC}) }, status: checks.Pass},
		{name: "only direct calls denied", iam: func() *awsfake.IAM { return credentialstest.Alice(map[string]string{"x": notViaAWS}) }, status: checks.Pass},
		{name: "undecidable condition", iam: func() *awsfake.IAM { return credentialstest.Alice(map[string]string{"office": ipDeny}) }, status: checks.Warn, codes: "kms-possible-deny",
			text: []string{"might deny", "aws:SourceIp", `{"Action":"kms:*","Condition":{"NotIpAddress":{"aws:SourceIp":"192.0.2.0/24"}},"Effect":"Deny","Resource":"*","Sid":"Office"}`}},
		{name: "deny on another key", iam: func() *awsfake.IAM { return credentialstest.Alice(map[string]string{"k": otherKeyDeny}) }, withRepo: true, status: checks.Pass,
			text: []string{"on the repository's key " + credentialstest.KMSKey, "or a customer managed key (its key policy, IAM policies or a grant must allow them) was not checked"}},
		{name: "deny on the repository's key", iam: func() *awsfake.IAM { return credentialstest.Alice(map[string]string{"k": thisKeyDeny}) }, withRepo: true, status: checks.Fail, codes: "kms-explicit-deny",
			text: []string{`statement "ThisKey"`, "repository_key=" + credentialstest.KMSKey}},
		{name: "deny on some key, key unknown", iam: func() *awsfake.IAM { return credentialstest.Alice(map[string]string{"k": otherKeyDeny}) }, status: checks.Warn, codes: "kms-possible-deny"},
		{name: "deny in the permissions boundary", iam: func() *awsfake.IAM {
			f := credentialstest.Alice(nil, credentialstest.PowerUser)
			f.Users["alice"].Boundary = boundaryARN
			f.Managed[boundaryARN] = denyAll
			return f
		}, status: checks.Fail, codes: "kms-explicit-deny", text: []string{"managed policy " + boundaryARN + " (permissions boundary)",
			"aws iam create-policy-version --policy-arn " + boundaryARN + " --policy-document file://fixed-policy.json --set-as-default"}},
		{name: "policies unreadable", iam: func() *awsfake.IAM {
			f := credentialstest.Alice(nil, credentialstest.PowerUser)
			for _, a := range []string{"GetUser", "ListUserPolicies", "ListAttachedUserPolicies", "ListGroupsForUser"} {
				f.Denied[a] = true
			}
			return f
		}, status: checks.Error, codes: "kms-policies-unreadable", text: []string{"iam:ListUserPolicies",
			"aws iam simulate-principal-policy --policy-source-arn " + credentialstest.AliceARN + " --action-names kms:Encrypt kms:Decrypt"}},
		{name: "some unreadable", iam: func() *awsfake.IAM {
			f := credentialstest.Alice(nil, credentialstest.PowerUser)
			f.Denied["ListGroupsForUser"] = true
			return f
		}, status: checks.Warn, codes: "kms-policies-incomplete", text: []string{"iam:ListGroupsForUser"}},
		{name: "root", arn: "arn:aws:iam::111122223333:root", iam: func() *awsfake.IAM { return credentialstest.Alice(nil) }, status: checks.Pass, text: []string{"root user"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			arn := tc.arn
			if arn == "" {
				arn = credentialstest.AliceARN
			}
			f := tc.iam()
			facts := credentialstest.Facts(arn, f, credentialstest.Repos())
			deps := []checks.Fact{credentials.Key.Fact(facts), checkstest.Target(credentialstest.RepoURL)}
			if tc.withRepo {
				deps = append(deps, permissions.Key.Fact(&permissions.Facts{Region: "us-east-1", KMSKeyID: credentialstest.KMSKey}))
			}
			res, err := kmsCheck{}.Run(context.Background(), awsEnv(deps...))
			if err != nil {
				t.Fatal(err)
			}
			res = checks.Normalize(res)
			text := checkstest.Text(res)
			if res.Status != tc.status || checkstest.Codes(res) != tc.codes {
				t.Fatalf("status %s codes %q, want %s %q\n%s", res.Status, checkstest.Codes(res), tc.status, tc.codes, text)
			}
			for _, s := range tc.text {
				if !strings.Contains(text, s) {
					t.Errorf("result lacks %q:\n%s", s, text)
				}
			}
		})
	}
}

// The permissions and kms checks read the identity's policies once between
// them.
func TestPoliciesReadOncePerRun(t *testing.T) {
	f := credentialstest.Alice(map[string]string{"ro": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["codecommit:GitPull"],"Resource":"*"}]}`}, credentialstest.PowerUser)
	facts := credentialstest.Facts(credentialstest.AliceARN, f, credentialstest.Repos())
	deps := []checks.Fact{credentials.Key.Fact(facts), checkstest.Target(credentialstest.RepoURL)}
	if _, err := permissions.New().Run(context.Background(), awsEnv(deps...)); err != nil {
		t.Fatal(err)
	}
	if _, err := (kmsCheck{}).Run(context.Background(), awsEnv(deps...)); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range f.Calls() {
		if c == "ListUserPolicies" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("policies listed %d times: %v", n, f.Calls())
	}
}

func TestKMSInfoDocumentsEveryCode(t *testing.T) {
	documented := map[string]bool{}
	for _, f := range New().Info().Findings {
		documented[f.Code] = true
	}
	for _, code := range []string{"kms-explicit-deny", "kms-possible-deny", "kms-policies-unreadable", "kms-policies-incomplete"} {
		if !documented[code] {
			t.Errorf("finding %s is not documented for explain", code)
		}
	}
}

// awsEnv is an environment that sees the given facts.
func awsEnv(facts ...checks.Fact) *checks.Env {
	return (&checks.Env{Sys: checkstest.Sys{}}).WithFacts(facts...)
}

func TestAWSManagedKey(t *testing.T) {
	for id, want := range map[string]bool{
		"alias/aws/codecommit": true, "arn:aws:kms:us-east-1:111122223333:alias/aws/codecommit": true,
		credentialstest.KMSKey: false, "alias/team-key": false, "": false,
	} {
		if got := awsManagedKey(id); got != want {
			t.Errorf("awsManagedKey(%q) = %v, want %v", id, got, want)
		}
	}
}
