package keychain

import (
	"strings"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/checkstest"
	"github.com/codecommit-doctor/codecommit-doctor/checks/credentials"
	"github.com/codecommit-doctor/codecommit-doctor/checks/permissions"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
)

func TestKeychainGitCredentialsOtherAccount(t *testing.T) {
	const (
		aws    = "!aws codecommit credential-helper $@"
		stored = "https://alice-at-111111111111:Static%2Bpw@git-codecommit.us-east-2.amazonaws.com\n"
		caller = "arn:aws:sts::123456789012:assumed-role/Deploy/me"
	)
	storeFirst := "[credential]\n\thelper = store\n\thelper = " + aws + "\n"
	tests := []struct {
		name, global, creds, url string
		identity                 string // the caller's ARN ("" for none)
		repoARN                  string // the permissions check's repository ARN
		cross                    bool
		text, absent             []string
	}{
		{name: "stored for another account", global: storeFirst, creds: stored, url: credTestURL, identity: caller, cross: true,
			text: []string{"line 1 holds HTTPS Git credentials of IAM user alice in account 111111111111 (user name alice-at-111111111111)",
				"the repository is in account 123456789012 (from the AWS identity " + caller,
				"work only for repositories in that user's own account", "AWS CLI credential helper or git-remote-codecommit with a role",
				"git credential-store --file ~/.git-credentials erase", "role/ROLE --profile PROFILE", "codecommit::us-east-2://PROFILE@REPOSITORY"},
			absent: []string{"Static", "arn:aws:iam::111111111111:role"}},
		{name: "the repository's ARN wins", global: storeFirst, creds: strings.Replace(stored, "111111111111", "123456789012", 1), url: credTestURL,
			identity: caller, repoARN: "arn:aws:codecommit:us-east-2:222222222222:MyDemoRepo", cross: true,
			text: []string{"in account 123456789012", "the repository is in account 222222222222 (from the repository's ARN"}},
		{name: "same account", global: storeFirst, creds: strings.Replace(stored, "111111111111", "123456789012", 1), url: credTestURL, identity: caller},
		{name: "store after the AWS helper", global: "[credential]\n\thelper = " + aws + "\n\thelper = store\n", creds: stored, url: credTestURL, identity: caller},
		{name: "account unknown", global: storeFirst, creds: stored, url: credTestURL},
		{name: "in the URL", global: "[credential]\n\thelper = " + aws + "\n", url: strings.Replace(credTestURL, "https://", "https://bob-at-111111111111@", 1), identity: caller, cross: true,
			text: []string{"The repository URL names the user bob-at-111111111111", "Use the URL without the user name: " + credTestURL}},
		{name: "not a Git credentials user", global: "[credential]\n\thelper = " + aws + "\n", url: strings.Replace(credTestURL, "https://", "https://bob@", 1), identity: caller},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := checkstest.NewGitWorld(t, "linux")
			w.Write("home/.gitconfig", tc.global)
			if tc.creds != "" {
				w.Write("home/.git-credentials", tc.creds)
			}
			env := w.EnvFor(tc.url, "2.39.5")
			var facts []checks.Fact
			if tc.identity != "" {
				facts = append(facts, credentials.Key.Fact(&credentials.Facts{Identity: awsclient.ParseIdentity(tc.identity, "")}))
			}
			if tc.repoARN != "" {
				facts = append(facts, permissions.Key.Fact(&permissions.Facts{RepositoryARN: tc.repoARN, Repository: permissions.RepositoryExists}))
			}
			res, err := checkstest.Run(t, New(), env.WithFacts(facts...))
			if err != nil {
				t.Fatal(err)
			}
			text := checkstest.Text(res)
			got := checkstest.CodeMap(res)["git-credentials-other-account"]
			if tc.cross != (got == checks.Fail) || tc.cross && res.Status != checks.Fail {
				t.Fatalf("git-credentials-other-account = %v (status %v), want it: %v\n%s", got, res.Status, tc.cross, text)
			}
			for _, s := range tc.text {
				if !strings.Contains(text, s) {
					t.Errorf("result lacks %q:\n%s", s, text)
				}
			}
			for _, s := range tc.absent {
				if strings.Contains(text, s) {
					t.Errorf("result has %q:\n%s", s, text)
				}
			}
		})
	}
}
