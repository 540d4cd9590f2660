package main

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"

	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/moto"
)

// The customer managed key scenarios of TestAWSScenarios. The keys are
// moto's own (CreateKey, PutKeyPolicy, CreateGrant, DisableKey,
// ScheduleKeyDeletion); moto's GetRepository names no key, so the proxy
// adds kmsKeyId (moto.Server.SetRepositoryKey).

// awsKMSUse lets an identity read its policies and the key, and use the
// key (moto compares Resource with "*").
const awsKMSUse = `{"Version":"2012-10-17","Statement":[{"Sid":"ReadOwnPolicies","Effect":"Allow",
 "Action":["iam:Get*","iam:List*","kms:DescribeKey","kms:GetKeyPolicy","kms:ListGrants"],"Resource":"*"},
 {"Sid":"UseKeys","Effect":"Allow","Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKey*"],"Resource":"*"}]}`

// awsKMSRead lets an identity read its policies and the key, not use it.
const awsKMSRead = `{"Version":"2012-10-17","Statement":[{"Sid":"ReadOwnPolicies","Effect":"Allow",
 "Action":["iam:Get*","iam:List*","kms:DescribeKey","kms:GetKeyPolicy","kms:ListGrants"],"Resource":"*"}]}`

const awsDenyKeyPolicy = `{"Version":"2012-10-17","Statement":[{"Sid":"NoKeyPolicy","Effect":"Deny","Action":"kms:GetKeyPolicy","Resource":"*"}]}`

// awsKey creates a customer managed key for MyDemoRepo and returns its ARN.
func awsKey(ctx context.Context, t *testing.T, srv *moto.Server) (arn, id string) {
	t.Helper()
	out, err := srv.KMS("us-east-1").CreateKey(ctx, &kms.CreateKeyInput{Description: aws.String("MyDemoRepo")})
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.KeyMetadata.Arn), aws.ToString(out.KeyMetadata.KeyId)
}

// awsKMSUser is a power user with the given inline policies, and
// MyDemoRepo on a new customer managed key.
func awsKMSUser(ctx context.Context, t *testing.T, srv *moto.Server, inline map[string]string) (moto.Principal, string, string) {
	t.Helper()
	u := awsUser(ctx, t, srv, "dev", moto.UserSpec{Policies: moto.Policies{Managed: []string{moto.PowerUserPolicyARN}, Inline: inline}})
	awsRepo(ctx, t, srv, "MyDemoRepo")
	arn, id := awsKey(ctx, t, srv)
	srv.SetRepositoryKey("MyDemoRepo", id)
	return u, arn, id
}

func kmsScenarios() []awsScenario {
	return []awsScenario{
		{
			name: "kms-aws-managed-key",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				u, _, id := awsKMSUser(ctx, t, srv, map[string]string{"read": awsKMSRead})
				srv.SetAWSManaged(id)
				return awsUserRun(u, "MyDemoRepo")
			},
			want: map[string]awsWant{
				"kms": {status: "pass", text: []string{"the repository uses the AWS-managed key arn:aws:kms:us-east-1:123456789012:key/", "(aws/codecommit), for which no Allow is needed"},
					absent: []string{"customer managed key arn"}},
			},
		},
		{
			name: "kms-customer-key-allowed",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				u, _, _ := awsKMSUser(ctx, t, srv, map[string]string{"use": awsKMSUse})
				return awsUserRun(u, "MyDemoRepo")
			},
			want: map[string]awsWant{
				"kms": {status: "pass", codes: []string{"kms-key-allowed"},
					text:   []string{"may use the repository's customer managed key arn:aws:kms:us-east-1:123456789012:key/", "the key policy, which leaves it to IAM, and an IAM policy"},
					absent: []string{"AWS-managed key arn", "uses the AWS-managed key"}},
			},
		},
		{
			name: "kms-key-policy-without-identity",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				u, _, id := awsKMSUser(ctx, t, srv, map[string]string{"use": awsKMSUse})
				if _, err := srv.KMS("us-east-1").PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: aws.String(id), PolicyName: aws.String("default"),
					Policy: aws.String(`{"Version":"2012-10-17","Statement":[{"Sid":"KeyAdmins","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/KeyAdmin"},"Action":"kms:*","Resource":"*"}]}`)}); err != nil {
					t.Fatal(err)
				}
				return awsUserRun(u, "MyDemoRepo")
			},
			want: map[string]awsWant{
				"kms": {status: "fail", codes: []string{"kms-key-policy-no-access"}, text: []string{
					"has no statement that allows IAM user dev to kms:Encrypt, kms:Decrypt",
					"nor its account's root principal (arn:aws:iam::123456789012:root",
					`An administrator of the key adds this statement to the Statement list of its key policy (a manual edit`,
					`"Principal":{"AWS":"arn:aws:iam::123456789012:user/dev"}`,
					`"kms:ViaService":"codecommit.us-east-1.amazonaws.com"`,
				}, absent: []string{"put-key-policy --", "kms-key-allowed"}},
			},
		},
		{
			name: "kms-key-disabled",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				u, _, id := awsKMSUser(ctx, t, srv, map[string]string{"use": awsKMSUse})
				if _, err := srv.KMS("us-east-1").DisableKey(ctx, &kms.DisableKeyInput{KeyId: aws.String(id)}); err != nil {
					t.Fatal(err)
				}
				return awsUserRun(u, "MyDemoRepo")
			},
			want: map[string]awsWant{
				"kms": {status: "fail", codes: []string{"kms-key-disabled"}, text: []string{"is disabled", "aws kms enable-key --key-id arn:aws:kms:us-east-1:123456789012:key/"},
					absent: []string{"kms-key-allowed", "AWS-managed key arn"}},
			},
		},
		{
			name: "kms-key-pending-deletion",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				u, _, id := awsKMSUser(ctx, t, srv, map[string]string{"use": awsKMSUse})
				if _, err := srv.KMS("us-east-1").ScheduleKeyDeletion(ctx, &kms.ScheduleKeyDeletionInput{KeyId: aws.String(id), PendingWindowInDays: aws.Int32(7)}); err != nil {
					t.Fatal(err)
				}
				return awsUserRun(u, "MyDemoRepo")
			},
			want: map[string]awsWant{
				"kms": {status: "fail", codes: []string{"kms-key-pending-deletion"}, text: []string{"scheduled for deletion", "aws kms cancel-key-deletion --key-id arn:aws:kms:us-east-1:123456789012:key/"},
					absent: []string{"kms-key-allowed"}},
			},
		},
		{
			name: "kms-key-policy-unreadable",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				u, _, _ := awsKMSUser(ctx, t, srv, map[string]string{"use": awsKMSUse, "no-key-policy": awsDenyKeyPolicy})
				return awsUserRun(u, "MyDemoRepo")
			},
			want: map[string]awsWant{
				"kms": {status: "error", codes: []string{"kms-key-policy-unreadable"}, text: []string{"Could not read the key policy", "(kms:GetKeyPolicy: AccessDeniedException: ", "unknown: the key policy"},
					absent: []string{"kms-key-allowed", "kms-key-policy-no-access"}},
			},
		},
		{
			name: "kms-customer-key-decrypt-denied",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				u, _, _ := awsKMSUser(ctx, t, srv, map[string]string{"use": awsKMSUse, "deny-kms": awsDenyKMS})
				return awsUserRun(u, "MyDemoRepo")
			},
			want: map[string]awsWant{
				"kms": {status: "fail", codes: []string{"kms-explicit-deny"}, text: []string{
					`inline policy "deny-kms" of user "dev" statement "DenyKMSDecrypt" explicitly denies kms:Decrypt, kms:GenerateDataKey`,
					"repository_key", "arn:aws:kms:us-east-1:123456789012:key/"},
					absent: []string{"kms-key-allowed"}},
			},
		},
	}
}
