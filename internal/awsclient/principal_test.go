package awsclient

import (
	"strings"
	"testing"
)

func TestParsePrincipalARN(t *testing.T) {
	for _, tc := range []struct {
		in, kind, name, path, account string
		identity                      IdentityType
	}{
		{in: "arn:aws:iam::123456789012:role/service-role/codebuild-app", kind: "role", name: "codebuild-app", path: "/service-role/", account: "123456789012", identity: IdentityRole},
		{in: "arn:aws:iam::123456789012:role/amplifyconsole-backend-role", kind: "role", name: "amplifyconsole-backend-role", path: "/", account: "123456789012", identity: IdentityRole},
		{in: "arn:aws:iam::123456789012:user/division/alice", kind: "user", name: "alice", path: "/division/", account: "123456789012", identity: IdentityIAMUser},
		{in: "arn:aws-cn:iam::123456789012:instance-profile/builder", kind: "instance-profile", name: "builder", path: "/", account: "123456789012", identity: IdentityUnknown},
	} {
		p, err := ParsePrincipalARN(tc.in)
		if err != nil {
			t.Errorf("%s: %v", tc.in, err)
			continue
		}
		if p.Kind != tc.kind || p.Name != tc.name || p.Path != tc.path || p.Account != tc.account || p.Identity().Type != tc.identity {
			t.Errorf("%s: %+v (identity %s)", tc.in, p, p.Identity().Type)
		}
	}
	for in, want := range map[string]string{
		"garbage":                              "is not an IAM role, user or instance profile ARN",
		"":                                     "is not an IAM role",
		"arn:aws:iam::12345:role/x":            "is not an IAM role",
		"arn:aws:s3:::bucket":                  "is not an IAM role",
		"arn:aws:iam::123456789012:root":       "is not an IAM role",
		"arn:aws:iam::123456789012:group/devs": "is not an IAM role",
		"arn:aws:iam::123456789012:role/":      "is not an IAM role",
		"arn:aws:sts::123456789012:assumed-role/Deploy/me": "is a role session; give the role's ARN",
		"arn:aws:iam::123456789012:role/x\nINJECTED":       "is not an IAM role",
	} {
		if _, err := ParsePrincipalARN(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", in, err, want)
		}
	}
	if d := (Identity{Type: IdentityRole, Name: "codebuild-app"}).Describe(); d != "IAM role codebuild-app" {
		t.Errorf("Describe = %q", d)
	}
}
