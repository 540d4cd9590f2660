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

	"github.com/aws/aws-sdk-go-v2/aws"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
)

const (
	// rootKeyPolicy is KMS's default key policy: IAM policies decide.
	rootKeyPolicy = `{"Version":"2012-10-17","Id":"key-default-1","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}`
	useKeyPolicy  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKey*","kms:DescribeKey"],"Resource":"` + credentialstest.KMSKey + `"}]}`
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
		withRepo bool         // the permissions check's facts (key ARN) are there
		keyRef   string       // the repository's kmsKeyId when not credentialstest.KMSKey
		kms      *awsfake.KMS // the KMS the check reads (aliceKMS when nil)
		status   checks.Status
		codes    string
		text     []string
		absent   []string // what must not be said
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
			codes: "kms-key-allowed",
			text:  []string{"may use the repository's customer managed key " + credentialstest.KMSKey, "allowed by the key policy"}},
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
		{name: "AWS-managed key by alias", iam: func() *awsfake.IAM { return credentialstest.Alice(nil, credentialstest.PowerUser) }, keyRef: "alias/aws/codecommit", status: checks.Pass,
			text: []string{"uses the AWS-managed key alias/aws/codecommit"}},
		{name: "AWS-managed key by DescribeKey", iam: func() *awsfake.IAM { return credentialstest.Alice(nil, credentialstest.PowerUser) }, withRepo: true,
			kms: keyWorld(awsfake.Key{Manager: kmstypes.KeyManagerTypeAws}), status: checks.Pass,
			text: []string{"uses the AWS-managed key " + credentialstest.KMSKey + " (aws/codecommit)"}, absent: []string{"customer managed"}},
		{name: "customer key allowed by IAM", iam: func() *awsfake.IAM {
			return credentialstest.Alice(map[string]string{"use-key": useKeyPolicy}, credentialstest.PowerUser)
		}, keyRef: "alias/team-key", kms: keyWorld(awsfake.Key{Policy: rootKeyPolicy}), status: checks.Pass, codes: "kms-key-allowed",
			text:   []string{"may use the repository's customer managed key " + credentialstest.KMSKey + " (alias/team-key)", "the key policy, which leaves it to IAM, and an IAM policy; IAM policies evaluated locally"},
			absent: []string{"uses the AWS-managed key"}},
		{name: "customer key allowed by a grant", iam: func() *awsfake.IAM { return credentialstest.Alice(nil, credentialstest.PowerUser) }, withRepo: true,
			kms: keyWorld(awsfake.Key{Policy: keyPolicyFor("arn:aws:iam::111122223333:role/Other"), Grants: []kmstypes.GrantListEntry{{GrantId: aws.String("g-1"),
				GranteePrincipal: aws.String(credentialstest.AliceARN), Operations: []kmstypes.GrantOperation{"Encrypt", "Decrypt", "ReEncryptFrom", "ReEncryptTo", "GenerateDataKey", "GenerateDataKeyWithoutPlaintext", "DescribeKey"}}}}),
			status: checks.Pass, codes: "kms-key-allowed", text: []string{"allowed by grant g-1"}},
		{name: "key policy names neither identity nor account", iam: func() *awsfake.IAM { return credentialstest.Alice(nil, credentialstest.PowerUser) }, withRepo: true,
			kms: keyWorld(awsfake.Key{Policy: keyPolicyFor("arn:aws:iam::111122223333:role/Other")}), status: checks.Fail, codes: "kms-key-policy-no-access",
			text: []string{"has no statement that allows IAM user alice to kms:Encrypt, kms:Decrypt", "arn:aws:iam::111122223333:root",
				`An administrator of the key adds this statement to the Statement list of its key policy (a manual edit`,
				`{"Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKey*","kms:DescribeKey"],"Condition":{"StringEquals":{"kms:ViaService":"codecommit.us-east-1.amazonaws.com"}},"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Resource":"*","Sid":"AllowUseThroughCodeCommit"}`,
				"does not let the identity use it"},
			absent: []string{"aws kms put-key-policy", "uses the AWS-managed key"}},
		{name: "key policy leaves it to IAM, IAM does not allow", iam: func() *awsfake.IAM { return credentialstest.Alice(nil, credentialstest.PowerUser) }, withRepo: true,
			kms: keyWorld(awsfake.Key{Policy: rootKeyPolicy}), status: checks.Fail, codes: "kms-key-iam-not-allowed",
			text: []string{"lets IAM policies decide", "no IAM policy of IAM user alice allows kms:Encrypt", `"Resource":"` + credentialstest.KMSKey + `"`}},
		{name: "disabled key", iam: func() *awsfake.IAM { return credentialstest.Alice(nil, credentialstest.PowerUser) }, withRepo: true,
			kms: keyWorld(awsfake.Key{State: kmstypes.KeyStateDisabled, Policy: keyPolicyFor(credentialstest.AliceARN)}), status: checks.Fail, codes: "kms-key-disabled",
			text: []string{"is disabled", "aws kms enable-key --key-id " + credentialstest.KMSKey + " --region us-east-1"}, absent: []string{"kms-key-allowed"}},
		{name: "key pending deletion", iam: func() *awsfake.IAM { return credentialstest.Alice(nil, credentialstest.PowerUser) }, withRepo: true,
			kms: keyWorld(awsfake.Key{State: kmstypes.KeyStatePendingDeletion}), status: checks.Fail, codes: "kms-key-pending-deletion",
			text: []string{"scheduled for deletion", "aws kms cancel-key-deletion --key-id " + credentialstest.KMSKey}},
		{name: "key policy unreadable", iam: func() *awsfake.IAM { return credentialstest.Alice(nil, credentialstest.PowerUser) }, withRepo: true,
			kms: func() *awsfake.KMS {
				k := keyWorld(awsfake.Key{Policy: keyPolicyFor(credentialstest.AliceARN)})
				k.Denied["GetKeyPolicy"] = true
				return k
			}(), status: checks.Error, codes: "kms-key-policy-unreadable",
			text: []string{"Could not read the key policy", "AccessDeniedException", "unknown: the key policy"}, absent: []string{"kms-key-allowed"}},
		{name: "grants unlistable, key policy allows", iam: func() *awsfake.IAM { return credentialstest.Alice(nil, credentialstest.PowerUser) }, withRepo: true,
			kms: func() *awsfake.KMS {
				k := keyWorld(awsfake.Key{Policy: keyPolicyFor(credentialstest.AliceARN)})
				k.Denied["ListGrants"] = true
				return k
			}(), status: checks.Pass, codes: "kms-key-allowed", text: []string{"Not seen: the key's grants"}},
		{name: "grants unlistable, key policy does not allow", iam: func() *awsfake.IAM { return credentialstest.Alice(nil, credentialstest.PowerUser) }, withRepo: true,
			kms: func() *awsfake.KMS {
				k := keyWorld(awsfake.Key{Policy: keyPolicyFor("arn:aws:iam::111122223333:role/Other")})
				k.Denied["ListGrants"] = true
				return k
			}(), status: checks.Error, codes: "kms-key-access-undecided", text: []string{"the key's grants could not be listed"}},
		{name: "key undescribable", iam: func() *awsfake.IAM { return credentialstest.Alice(nil, credentialstest.PowerUser) }, keyRef: "alias/team-key",
			kms: func() *awsfake.KMS {
				k := keyWorld(awsfake.Key{})
				k.Denied["DescribeKey"] = true
				return k
			}(), status: checks.Error, codes: "kms-key-unreadable", text: []string{"kms:DescribeKey on the repository's key alias/team-key"}, absent: []string{"uses the AWS-managed key"}},
		{name: "key policy condition not met", iam: func() *awsfake.IAM { return credentialstest.Alice(nil, credentialstest.PowerUser) }, withRepo: true,
			kms:    keyWorld(awsfake.Key{Policy: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:*","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"s3.us-east-1.amazonaws.com"}}}]}`}),
			status: checks.Fail, codes: "kms-key-policy-no-access"},
		{name: "key policy for every principal via CodeCommit", iam: func() *awsfake.IAM { return credentialstest.Alice(nil, credentialstest.PowerUser) }, withRepo: true,
			kms:    keyWorld(awsfake.Key{Policy: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:*","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"codecommit.us-east-1.amazonaws.com","kms:CallerAccount":"111122223333"}}}]}`}),
			status: checks.Pass, codes: "kms-key-allowed"},
		{name: "key in another account: its key policy alone is not enough", iam: func() *awsfake.IAM { return credentialstest.Alice(nil, credentialstest.PowerUser) }, keyRef: "alias/team-key",
			kms: func() *awsfake.KMS {
				k := keyWorld(awsfake.Key{Policy: keyPolicyFor(credentialstest.AliceARN)})
				key := k.Keys["alias/team-key"]
				key.ARN = "arn:aws:kms:us-east-1:999999999999:key/1234abcd-12ab-34cd-56ef-1234567890ab"
				k.Keys[key.ARN] = key
				return k
			}(), status: checks.Fail, codes: "kms-key-iam-not-allowed", text: []string{"no IAM policy of IAM user alice allows"}},
		{name: "key policy unparseable", iam: func() *awsfake.IAM { return credentialstest.Alice(nil, credentialstest.PowerUser) }, withRepo: true,
			kms: keyWorld(awsfake.Key{Policy: `{"Statement": 42}`}), status: checks.Error, codes: "kms-key-policy-unreadable",
			text: []string{"reading the key policy's statements"}, absent: []string{"kms-key-allowed"}},
		{name: "NotPrincipal in the key policy", iam: func() *awsfake.IAM { return credentialstest.Alice(nil, credentialstest.PowerUser) }, withRepo: true,
			kms:    keyWorld(awsfake.Key{Policy: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:user/bob"},"Action":"kms:*","Resource":"*"}]}`}),
			status: checks.Error, codes: "kms-key-access-undecided", text: []string{"NotPrincipal is not evaluated here", "unknown: whether the identity may use"}},
		{name: "Deny in the key policy", iam: func() *awsfake.IAM { return credentialstest.Alice(nil, credentialstest.PowerUser) }, withRepo: true,
			kms:    keyWorld(awsfake.Key{Policy: `{"Version":"2012-10-17","Statement":[{"Sid":"Use","Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:*","Resource":"*"},{"Sid":"NoDecrypt","Effect":"Deny","Principal":{"AWS":"` + credentialstest.AliceARN + `"},"Action":"kms:Decrypt","Resource":"*"}]}`}),
			status: checks.Fail, codes: "kms-key-policy-denies", text: []string{"denies kms:Decrypt to IAM user alice", `statement "NoDecrypt"`}},
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
			k := tc.kms
			if k == nil {
				k = keyWorld(awsfake.Key{Policy: keyPolicyFor(credentialstest.AliceARN)})
			}
			facts.Clients = credentialstest.FakeClients{IAMFake: f, CC: credentialstest.Repos(), KMSFake: k}
			deps := []checks.Fact{credentials.Key.Fact(facts), checkstest.Target(credentialstest.RepoURL)}
			if tc.withRepo || tc.keyRef != "" {
				ref := tc.keyRef
				if ref == "" {
					ref = credentialstest.KMSKey
				}
				deps = append(deps, permissions.Key.Fact(&permissions.Facts{Region: "us-east-1", KMSKeyID: ref}))
			}
			res, err := kmsCheck{}.Run(context.Background(), awsEnv(deps...))
			if err != nil {
				t.Fatal(err)
			}
			res = checks.Normalize(res)
			text := checkstest.Text(res)
			for _, s := range tc.absent {
				if strings.Contains(text, s) {
					t.Errorf("result has %q:\n%s", s, text)
				}
			}
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

// keyWorld is a KMS holding one key, credentialstest.KMSKey, as k
// describes it (customer managed and enabled unless set), found by its
// ARN, its id and alias/team-key.
func keyWorld(k awsfake.Key) *awsfake.KMS {
	k.ARN = credentialstest.KMSKey
	k.ID = "1234abcd-12ab-34cd-56ef-1234567890ab"
	return &awsfake.KMS{Keys: map[string]*awsfake.Key{k.ARN: &k, k.ID: &k, "alias/team-key": &k}, Denied: map[string]bool{}}
}

// keyPolicyFor is a key policy whose one use statement names principal.
func keyPolicyFor(principal string) string {
	return `{"Version":"2012-10-17","Statement":[{"Sid":"Admins","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/KeyAdmin"},"Action":"kms:*","Resource":"*"},` +
		`{"Sid":"Use","Effect":"Allow","Principal":{"AWS":"` + principal + `"},"Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKey*","kms:DescribeKey"],"Resource":"*"}]}`
}
