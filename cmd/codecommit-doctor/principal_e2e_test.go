package main

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/moto"
)

// The --principal scenarios of TestAWSScenarios: an IAM user (the caller)
// asks about a CodeBuild service role. moto's IAM holds the role and its
// policies; iam:SimulatePrincipalPolicy is the proxy's fake.

const principalRepoARN = "arn:aws:codecommit:us-east-1:123456789012:MyDemoRepo"

// principalCaller is the user the doctor runs as: it may use CodeCommit
// and, when read is true, read IAM policies (not simulate).
func principalCaller(ctx context.Context, t *testing.T, srv *moto.Server, read bool) awsRun {
	t.Helper()
	inline := map[string]string{}
	if read {
		inline["read-iam"] = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:Get*","iam:List*"],"Resource":"*"}]}`
	}
	u := awsUser(ctx, t, srv, "admin", moto.UserSpec{Policies: moto.Policies{Managed: []string{moto.PowerUserPolicyARN}, Inline: inline}})
	awsRepo(ctx, t, srv, "MyDemoRepo")
	return awsUserRun(u, "MyDemoRepo")
}

func codebuildRole(ctx context.Context, t *testing.T, srv *moto.Server, name string, p moto.Policies) moto.Principal {
	t.Helper()
	return awsRole(ctx, t, srv, name, moto.RoleSpec{Path: "/service-role/", Policies: p,
		Trust: `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"codebuild.amazonaws.com"},"Action":"sts:AssumeRole"}]}`})
}

func principalScenarios() []awsScenario {
	const callerNotPrincipal = "as the caller arn:aws:iam::123456789012:user/admin, not the principal arn:aws:iam::123456789012:role/service-role/"
	return []awsScenario{
		{
			name: "principal-role-with-gitpull",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				run := principalCaller(ctx, t, srv, true)
				r := codebuildRole(ctx, t, srv, "codebuild-app", moto.Policies{Managed: []string{moto.PowerUserPolicyARN}})
				run.args = []string{"--principal", r.ARN}
				return run
			},
			want: map[string]awsWant{
				"credentials": {status: "pass", text: []string{"IAM user admin in account 123456789012", callerNotPrincipal + "codebuild-app"}},
				"permissions": {status: "pass", codes: []string{"evaluated-locally"}, text: []string{
					"IAM role codebuild-app may pull and push MyDemoRepo (evaluated locally)",
					"Decided by evaluating the policies of IAM role codebuild-app locally (the caller arn:aws:iam::123456789012:user/admin may not call iam:SimulatePrincipalPolicy for it)",
					"aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::123456789012:role/service-role/codebuild-app --action-names codecommit:GitPull codecommit:GitPush --resource-arns " + principalRepoARN,
				}, absent: []string{"IAM user admin may"}},
				"kms": {status: "pass", text: []string{"principal_arn", "role/service-role/codebuild-app"}},
			},
		},
		{
			name: "principal-role-simulated",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				run := principalCaller(ctx, t, srv, false)
				r := codebuildRole(ctx, t, srv, "codebuild-sim", moto.Policies{Managed: []string{moto.PowerUserPolicyARN}})
				u := awsKeyOf(run)
				srv.SetSimulator(awsAllowFor(u, r.ARN))
				run.args = []string{"--principal", r.ARN}
				return run
			},
			want: map[string]awsWant{
				"permissions": {status: "pass", text: []string{"IAM role codebuild-sim may pull and push MyDemoRepo (simulated by IAM)",
					"iam:SimulatePrincipalPolicy for arn:aws:iam::123456789012:role/service-role/codebuild-sim"}},
			},
		},
		{
			name: "principal-role-without-gitpull",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				run := principalCaller(ctx, t, srv, true)
				r := codebuildRole(ctx, t, srv, "codebuild-logs", moto.Policies{Inline: map[string]string{"logs": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"*"}]}`}})
				run.args = []string{"--principal", r.ARN}
				return run
			},
			want: map[string]awsWant{
				"credentials": {status: "pass", text: []string{callerNotPrincipal + "codebuild-logs"}},
				"permissions": {status: "fail", codes: []string{"gitpull-denied"}, text: []string{"IAM role codebuild-logs",
					"aws iam attach-role-policy --role-name codebuild-logs --policy-arn arn:aws:iam::aws:policy/AWSCodeCommit"},
					absent: []string{"attach-user-policy", "--user-name admin"}},
			},
		},
		{
			name: "principal-role-unreadable",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				run := principalCaller(ctx, t, srv, false)
				r := codebuildRole(ctx, t, srv, "codebuild-secret", moto.Policies{Managed: []string{moto.PowerUserPolicyARN}})
				run.args = []string{"--principal", r.ARN}
				return run
			},
			want: map[string]awsWant{
				"permissions": {status: "error", codes: []string{"policies-unreadable"}, text: []string{
					"The caller arn:aws:iam::123456789012:user/admin may neither read the IAM policies of IAM role codebuild-secret nor call iam:SimulatePrincipalPolicy for it",
					"cannot be seen from here",
					"aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::123456789012:role/service-role/codebuild-secret --action-names codecommit:GitPull codecommit:GitPush --resource-arns " + principalRepoARN,
				}, absent: []string{"may pull and push", "get-role --role-name", "read its own policies"}},
				"kms": {status: "error", codes: []string{"kms-policies-unreadable"}, text: []string{"unknown: the policies of IAM role codebuild-secret cannot be read", "The caller arn:aws:iam::123456789012:user/admin may not read the IAM policies of IAM role codebuild-secret"}},
			},
		},
		{
			name: "principal-customer-key",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				// The caller may use the key (its own IAM policy); the
				// CodeBuild role may not: KMS is decided for the role.
				u, _, _ := awsKMSUser(ctx, t, srv, map[string]string{"use": awsKMSUse})
				r := codebuildRole(ctx, t, srv, "codebuild-nokms", moto.Policies{Managed: []string{moto.PowerUserPolicyARN}})
				run := awsUserRun(u, "MyDemoRepo")
				run.args = []string{"--principal", r.ARN}
				return run
			},
			want: map[string]awsWant{
				"permissions": {status: "pass", text: []string{"IAM role codebuild-nokms may pull and push MyDemoRepo"}},
				"kms": {status: "fail", codes: []string{"kms-key-iam-not-allowed"}, text: []string{
					"no IAM policy of IAM role codebuild-nokms allows kms:Encrypt",
					"An administrator adds this statement to a policy of arn:aws:iam::123456789012:role/service-role/codebuild-nokms (a manual edit)",
					"no IAM policy lets IAM role codebuild-nokms use the repository's key"},
					absent: []string{"kms-key-allowed", "IAM user dev"}},
			},
		},
		{
			name: "principal-instance-profile",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				run := principalCaller(ctx, t, srv, true)
				r := awsRole(ctx, t, srv, "ec2-builder", moto.RoleSpec{Policies: moto.Policies{Managed: []string{moto.PowerUserPolicyARN}}})
				c := srv.IAM()
				ip, err := c.CreateInstanceProfile(ctx, &iam.CreateInstanceProfileInput{InstanceProfileName: aws.String("builder-profile")})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := c.AddRoleToInstanceProfile(ctx, &iam.AddRoleToInstanceProfileInput{InstanceProfileName: aws.String("builder-profile"), RoleName: aws.String(r.Name)}); err != nil {
					t.Fatal(err)
				}
				run.args = []string{"--principal", aws.ToString(ip.InstanceProfile.Arn)}
				return run
			},
			want: map[string]awsWant{
				"credentials": {status: "pass", text: []string{"instance-profile/builder-profile", "principal_role", "arn:aws:iam::123456789012:role/ec2-builder"}},
				"permissions": {status: "pass", text: []string{"IAM role ec2-builder may pull and push MyDemoRepo"}},
			},
		},
		{
			name: "principal-instance-profile-unreadable",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				run := principalCaller(ctx, t, srv, false)
				r := awsRole(ctx, t, srv, "ec2-hidden", moto.RoleSpec{Policies: moto.Policies{Managed: []string{moto.PowerUserPolicyARN}}})
				c := srv.IAM()
				ip, err := c.CreateInstanceProfile(ctx, &iam.CreateInstanceProfileInput{InstanceProfileName: aws.String("hidden-profile")})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := c.AddRoleToInstanceProfile(ctx, &iam.AddRoleToInstanceProfileInput{InstanceProfileName: aws.String("hidden-profile"), RoleName: aws.String(r.Name)}); err != nil {
					t.Fatal(err)
				}
				run.args = []string{"--principal", aws.ToString(ip.InstanceProfile.Arn)}
				return run
			},
			want: map[string]awsWant{
				"credentials": {status: "pass", text: []string{"principal_unresolved", "iam:GetInstanceProfile"}},
				"permissions": {status: "error", codes: []string{"principal-unresolved"}, text: []string{
					"Could not work out the principal --principal arn:aws:iam::123456789012:instance-profile/hidden-profile names",
					"aws iam get-instance-profile --instance-profile-name hidden-profile --query"}, absent: []string{"may pull"}},
				"kms": {status: "error", codes: []string{"kms-principal-unresolved"}},
			},
		},
	}
}

// awsKeyOf is the access key id of a run's default profile.
func awsKeyOf(run awsRun) string {
	for line := range strings.Lines(run.credentials) {
		if k, ok := strings.CutPrefix(strings.TrimSpace(line), "aws_access_key_id = "); ok {
			return k
		}
	}
	return ""
}
