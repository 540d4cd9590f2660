package bundle

import (
	"slices"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsconfig"
)

func TestKnownSecrets(t *testing.T) {
	paths := awsconfig.Paths{Config: "/h/.aws/config", Credentials: "/h/.aws/credentials"}
	files := fakeFiles{
		paths.Config:      testAWSConfig + "[sso-session corp]\nsso_region = eu-west-1\nclient_secret = ssoClientSecret1\n",
		paths.Credentials: testAWSCredentials,
		"/h/.git-credentials": "https://AKIAIOSFODNN7EXAMPLE%25sessionTokenInUser0001:20261126T072702Zabcdef@git-codecommit.us-east-1.amazonaws.com\n" +
			"not a url\nhttps://bob:storedPassword01@example.com\n",
		"/x/git/credentials": "https://carol:xdgPassword0001@example.org\n",
	}
	got := KnownSecrets(files, paths, "/h", "/x")
	for _, want := range []string{"credsSecretKey00000000000000000000000001", "credsSessionToken000000000000001",
		"configSecretKey0000000000000000000000001", "externalSecret123", "20261126T072702Zabcdef", "sessionTokenInUser0001",
		"storedPassword01", "xdgPassword0001", "ssoClientSecret1"} {
		if !slices.Contains(got, want) {
			t.Errorf("KnownSecrets lacks %q: %q", want, got)
		}
	}
	for _, notSecret := range []string{"AKIAIOSFODNN7EXAMPLE", "us-east-1", "arn:aws:iam::123456789012:role/dev", "base", "eu-west-1"} {
		if slices.Contains(got, notSecret) {
			t.Errorf("KnownSecrets has %q, which is shown (masked or as is)", notSecret)
		}
	}
	if got := KnownSecrets(fakeFiles{}, paths, "/h", ""); len(got) != 0 {
		t.Errorf("no files, no secrets: %q", got)
	}
}
