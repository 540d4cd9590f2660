package awsclient

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// PrincipalRef is an IAM principal named by ARN (--principal): a role, a
// user, or an instance profile, which stands for its role.
type PrincipalRef struct {
	ARN, Partition, Account string
	// Kind is "role", "user" or "instance-profile".
	Kind string
	// Name is the last part of the resource; Path what comes before it
	// ("/" when nothing).
	Name, Path string
}

var principalARNRE = regexp.MustCompile(`^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b):iam::(\d{12}):(role|user|instance-profile)(/(?:[\x21-\x7E]*/)?)([\w+=,.@-]{1,128})$`)

// ParsePrincipalARN reads an IAM role, user or instance-profile ARN, such
// as arn:aws:iam::123456789012:role/service-role/codebuild-app. A session
// ARN (arn:aws:sts::...:assumed-role/...) is refused with a hint: IAM
// evaluates the role.
func ParsePrincipalARN(s string) (PrincipalRef, error) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "arn:") && strings.Contains(s, ":sts::") && strings.Contains(s, ":assumed-role/") {
		return PrincipalRef{}, fmt.Errorf("%q is a role session; give the role's ARN (arn:aws:iam::ACCOUNT:role/NAME)", s)
	}
	m := principalARNRE.FindStringSubmatch(s)
	if m == nil {
		return PrincipalRef{}, fmt.Errorf("%q is not an IAM role, user or instance profile ARN (arn:aws:iam::ACCOUNT:role/NAME, user/NAME or instance-profile/NAME)", s)
	}
	return PrincipalRef{ARN: s, Partition: m[1], Account: m[2], Kind: m[3], Path: m[4], Name: m[5]}, nil
}

// Identity is the principal as an identity whose policies can be read: a
// role (IdentityRole) or a user. An instance profile must be resolved to
// its role first (RoleOfInstanceProfile).
func (p PrincipalRef) Identity() Identity {
	id := Identity{ARN: p.ARN, Account: p.Account, Partition: p.Partition, Name: p.Name, Path: p.Path}
	switch p.Kind {
	case "user":
		id.Type = IdentityIAMUser
	case "role":
		id.Type = IdentityRole
	default:
		id.Type = IdentityUnknown
	}
	return id
}

// InstanceProfileAPI reads an instance profile. *iam.Client satisfies it.
type InstanceProfileAPI interface {
	GetInstanceProfile(context.Context, *iam.GetInstanceProfileInput, ...func(*iam.Options)) (*iam.GetInstanceProfileOutput, error)
}

// RoleOfInstanceProfile returns the role of an instance profile
// (iam:GetInstanceProfile).
func RoleOfInstanceProfile(ctx context.Context, api InstanceProfileAPI, p PrincipalRef) (PrincipalRef, error) {
	out, err := api.GetInstanceProfile(ctx, &iam.GetInstanceProfileInput{InstanceProfileName: aws.String(p.Name)})
	if err != nil {
		return PrincipalRef{}, fmt.Errorf("calling iam:GetInstanceProfile for %s: %w", p.Name, err)
	}
	if out.InstanceProfile == nil || len(out.InstanceProfile.Roles) == 0 {
		return PrincipalRef{}, fmt.Errorf("instance profile %s has no role", p.Name)
	}
	return ParsePrincipalARN(aws.ToString(out.InstanceProfile.Roles[0].Arn))
}
