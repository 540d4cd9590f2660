package main

import (
	"context"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/moto"
)

// HTTPS Git credentials of an IAM user of another account, stored in
// ~/.git-credentials where the real git's store helper answers first: the
// AWS identity (moto's account 123456789012) says which account the
// repository is in.
func gitCredentialsScenarios() []awsScenario {
	const password = "GitCredPassw0rdCanary+xyz="
	storeFirst := "[credential]\n\thelper = store\n\thelper = !aws codecommit credential-helper $@\n\tUseHttpPath = true\n"
	line := func(account string) string {
		return "https://alice-at-" + account + ":GitCredPassw0rdCanary%2Bxyz%3D@git-codecommit.us-east-1.amazonaws.com/v1/repos/MyDemoRepo\n"
	}
	return []awsScenario{
		{
			name: "git-credentials-other-account",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				u := awsUser(ctx, t, srv, "dev", moto.UserSpec{Policies: moto.Policies{
					Managed: []string{moto.PowerUserPolicyARN}, Inline: map[string]string{"self-read": awsSelfRead}}})
				awsRepo(ctx, t, srv, "MyDemoRepo")
				run := awsUserRun(u, "MyDemoRepo")
				run.args = []string{"--only", "keychain"}
				run.home = map[string]string{".gitconfig": storeFirst, ".git-credentials": line("111111111111")}
				run.secrets = append(run.secrets, password, "GitCredPassw0rdCanary%2Bxyz%3D")
				return run
			},
			want: map[string]awsWant{
				"keychain": {status: "fail", codes: []string{"git-credentials-other-account"}, text: []string{
					"line 1 holds HTTPS Git credentials of IAM user alice in account 111111111111 (user name alice-at-111111111111)",
					"the repository is in account 123456789012 (from the repository's ARN arn:aws:codecommit:us-east-1:123456789012:MyDemoRepo)",
					"HTTPS Git credentials of an IAM user work only for repositories in that user's own account",
					"host=git-codecommit.us-east-1.amazonaws.com", "| git credential-store --file ~/.git-credentials erase",
					"git-remote-codecommit",
				}, absent: []string{"role/ROLE --profile default", "arn:aws:iam::111111111111:role"}},
			},
		},
		{
			name: "git-credentials-in-the-url",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				u := awsUser(ctx, t, srv, "dev", moto.UserSpec{Policies: moto.Policies{
					Managed: []string{moto.PowerUserPolicyARN}, Inline: map[string]string{"self-read": awsSelfRead}}})
				awsRepo(ctx, t, srv, "MyDemoRepo")
				run := awsUserRun(u, "MyDemoRepo")
				run.args = []string{"--only", "keychain"}
				run.home = map[string]string{".gitconfig": "[credential]\n\thelper = !aws codecommit credential-helper $@\n\tUseHttpPath = true\n"}
				run.url = "https://bob-at-111111111111@git-codecommit.us-east-1.amazonaws.com/v1/repos/MyDemoRepo"
				return run
			},
			want: map[string]awsWant{
				"keychain": {status: "fail", codes: []string{"git-credentials-other-account"}, text: []string{
					"The repository URL names the user bob-at-111111111111: HTTPS Git credentials of IAM user bob in account 111111111111",
					"The repository is in account 123456789012 (from the repository's ARN",
					"Use the URL without the user name: https://git-codecommit.us-east-1.amazonaws.com/v1/repos/MyDemoRepo",
				}},
			},
		},
		{
			name: "git-credentials-same-account",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				u := awsUser(ctx, t, srv, "dev", moto.UserSpec{Policies: moto.Policies{
					Managed: []string{moto.PowerUserPolicyARN}, Inline: map[string]string{"self-read": awsSelfRead}}})
				awsRepo(ctx, t, srv, "MyDemoRepo")
				run := awsUserRun(u, "MyDemoRepo")
				run.args = []string{"--only", "keychain"}
				run.home = map[string]string{".gitconfig": storeFirst, ".git-credentials": line(moto.AccountID)}
				run.secrets = append(run.secrets, password)
				return run
			},
			want: map[string]awsWant{
				"keychain": {status: "warn", codes: []string{"stored-git-credentials"}, absent: []string{"git-credentials-other-account"}},
			},
		},
	}
}
