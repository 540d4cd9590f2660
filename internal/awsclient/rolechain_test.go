package awsclient

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/config"
)

// The SDK's text for a source profile without credentials ends in a Go
// "<nil>"; Describe says it in words, naming the role and the profile.
func TestDescribeRoleChain(t *testing.T) {
	const role = "arn:aws:iam::123456789012:role/Deploy"
	for _, tc := range []struct {
		err  error
		want string
	}{
		{config.SharedConfigAssumeRoleError{RoleARN: role, Profile: "base"},
			`role ` + role + ` has source_profile "base", which holds no credentials the AWS SDK can use`},
		{config.SharedConfigAssumeRoleError{RoleARN: role, Profile: "gone", Err: config.SharedConfigProfileNotExistError{Profile: "gone"}},
			`role ` + role + ` names source_profile "gone", which is in neither AWS file`},
		{config.SharedConfigAssumeRoleError{RoleARN: role, Profile: "base", Err: errors.New("bad value")},
			`role ` + role + ` cannot use source_profile "base": bad value`},
	} {
		wrapped := fmt.Errorf("loading the AWS configuration: %w", tc.err)
		got := Describe(wrapped)
		if !strings.Contains(got, tc.want) || strings.Contains(got, "<nil>") {
			t.Errorf("Describe(%v) = %q, want %q", wrapped, got, tc.want)
		}
	}
}
