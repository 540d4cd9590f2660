package awsclient

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
)

func TestDescribeSource(t *testing.T) {
	shared := &config.SharedConfig{Profile: "p", RoleARN: "arn:aws:iam::1:role/r"}
	env := &config.EnvConfig{RoleARN: "arn:aws:iam::1:role/web"}
	tests := []struct {
		chain []aws.CredentialSource
		env   *config.EnvConfig
		want  string
	}{
		{[]aws.CredentialSource{aws.CredentialSourceEnvVarsSTSWebIDToken}, env, "web identity token exchanged for role arn:aws:iam::1:role/web"},
		{[]aws.CredentialSource{aws.CredentialSourceProfileSTSWebIDToken}, nil, "web identity token exchanged for role arn:aws:iam::1:role/r"},
		{[]aws.CredentialSource{aws.CredentialSourceHTTP}, nil, "container credentials endpoint (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI)"},
		{[]aws.CredentialSource{aws.CredentialSourceIMDS}, nil, "EC2 instance role (instance metadata service)"},
		{[]aws.CredentialSource{aws.CredentialSourceProfileLogin, aws.CredentialSourceLogin}, nil, `aws login session of profile "p"`},
		{[]aws.CredentialSource{aws.CredentialSourceEnvVars}, &config.EnvConfig{}, "environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"},
		{[]aws.CredentialSource{aws.CredentialSourceProfile}, nil, `profile "p"`},
		{[]aws.CredentialSource{aws.CredentialSourceProfileSourceProfile, aws.CredentialSourceProfile, aws.CredentialSourceSTSAssumeRole}, nil, `role arn:aws:iam::1:role/r assumed by profile "p"`},
		{nil, nil, "an unrecognised credential source"},
	}
	for _, tc := range tests {
		if got := describeSource(tc.chain, tc.env, shared).String(); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.chain, got, tc.want)
		}
	}
	if got := sharedFile("SharedConfigCredentials: /home/u/.aws/credentials"); got != "/home/u/.aws/credentials" {
		t.Errorf("sharedFile: %q", got)
	}
	if got := sharedFile("nothing"); got != "" {
		t.Errorf("sharedFile: %q", got)
	}
}
