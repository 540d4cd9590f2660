package awsclient

import (
	"strings"
	"testing"
)

func TestParseIdentity(t *testing.T) {
	tests := []struct {
		arn                          string
		typ                          IdentityType
		name, path, session, account string
	}{
		{"arn:aws:iam::111122223333:root", IdentityRoot, "", "", "", "111122223333"},
		{"arn:aws:iam::111122223333:user/alice", IdentityIAMUser, "alice", "/", "", "111122223333"},
		{"arn:aws:iam::111122223333:user/division/eng/alice", IdentityIAMUser, "alice", "/division/eng/", "", "111122223333"},
		{"arn:aws-cn:iam::111122223333:user/bob", IdentityIAMUser, "bob", "/", "", "111122223333"},
		{"arn:aws:sts::111122223333:assumed-role/deploy/ci-run", IdentityAssumedRole, "deploy", "", "ci-run", "111122223333"},
		{"arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Admin_abc/jane@example.com", IdentitySSORole, "AWSReservedSSO_Admin_abc", "", "jane@example.com", "111122223333"},
		{"arn:aws:sts::111122223333:federated-user/bob", IdentityFederatedUser, "bob", "", "", "111122223333"},
		{"arn:aws:sts::111122223333:assumed-role/", IdentityUnknown, "", "", "", "111122223333"},
		{"arn:aws:iam::111122223333:user/", IdentityUnknown, "", "", "", "111122223333"},
		{"not an arn", IdentityUnknown, "", "", "", ""},
		{"", IdentityUnknown, "", "", "", ""},
	}
	for _, tc := range tests {
		id := ParseIdentity(tc.arn, "")
		if id.Type != tc.typ || id.Name != tc.name || id.Path != tc.path || id.Session != tc.session || id.Account != tc.account {
			t.Errorf("ParseIdentity(%q) = %+v", tc.arn, id)
		}
		if id.ARN != tc.arn {
			t.Errorf("ARN not kept: %q", id.ARN)
		}
	}
	if id := ParseIdentity("arn:aws:iam::111122223333:root", "444455556666"); id.Account != "444455556666" {
		t.Errorf("the account from STS wins: %+v", id)
	}
	if !ParseIdentity("arn:aws:sts::1:assumed-role/AWSReservedSSO_x/y", "").IsRole() || ParseIdentity("arn:aws:iam::1:user/x", "").IsRole() {
		t.Error("IsRole")
	}
}

func FuzzParseIdentity(f *testing.F) {
	for _, s := range []string{"arn:aws:iam::111122223333:user/a/b", "arn:aws:sts::1:assumed-role/r/s", "arn:::::", "arn:aws:iam::1:user/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, arn string) {
		id := ParseIdentity(arn, "")
		if id.Type == IdentityIAMUser && (id.Name == "" || !strings.HasPrefix(id.Path, "/") || !strings.HasSuffix(id.Path, "/")) {
			t.Errorf("user without a name or path: %+v", id)
		}
		if id.IsRole() && id.Name == "" {
			t.Errorf("role without a name: %+v", id)
		}
	})
}
