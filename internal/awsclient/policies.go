package awsclient

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/codecommit-doctor/codecommit-doctor/internal/policy"
)

// IAMAPI is the part of IAM the doctor calls: reads and the policy
// simulator, nothing that changes anything. *iam.Client satisfies it.
type IAMAPI interface {
	GetUser(context.Context, *iam.GetUserInput, ...func(*iam.Options)) (*iam.GetUserOutput, error)
	ListUserPolicies(context.Context, *iam.ListUserPoliciesInput, ...func(*iam.Options)) (*iam.ListUserPoliciesOutput, error)
	GetUserPolicy(context.Context, *iam.GetUserPolicyInput, ...func(*iam.Options)) (*iam.GetUserPolicyOutput, error)
	ListAttachedUserPolicies(context.Context, *iam.ListAttachedUserPoliciesInput, ...func(*iam.Options)) (*iam.ListAttachedUserPoliciesOutput, error)
	ListGroupsForUser(context.Context, *iam.ListGroupsForUserInput, ...func(*iam.Options)) (*iam.ListGroupsForUserOutput, error)
	ListGroupPolicies(context.Context, *iam.ListGroupPoliciesInput, ...func(*iam.Options)) (*iam.ListGroupPoliciesOutput, error)
	GetGroupPolicy(context.Context, *iam.GetGroupPolicyInput, ...func(*iam.Options)) (*iam.GetGroupPolicyOutput, error)
	ListAttachedGroupPolicies(context.Context, *iam.ListAttachedGroupPoliciesInput, ...func(*iam.Options)) (*iam.ListAttachedGroupPoliciesOutput, error)
	GetRole(context.Context, *iam.GetRoleInput, ...func(*iam.Options)) (*iam.GetRoleOutput, error)
	ListRolePolicies(context.Context, *iam.ListRolePoliciesInput, ...func(*iam.Options)) (*iam.ListRolePoliciesOutput, error)
	GetRolePolicy(context.Context, *iam.GetRolePolicyInput, ...func(*iam.Options)) (*iam.GetRolePolicyOutput, error)
	ListAttachedRolePolicies(context.Context, *iam.ListAttachedRolePoliciesInput, ...func(*iam.Options)) (*iam.ListAttachedRolePoliciesOutput, error)
	GetPolicy(context.Context, *iam.GetPolicyInput, ...func(*iam.Options)) (*iam.GetPolicyOutput, error)
	GetPolicyVersion(context.Context, *iam.GetPolicyVersionInput, ...func(*iam.Options)) (*iam.GetPolicyVersionOutput, error)
	SimulatePrincipalPolicy(context.Context, *iam.SimulatePrincipalPolicyInput, ...func(*iam.Options)) (*iam.SimulatePrincipalPolicyOutput, error)
}

// PolicyRef says where a policy document came from, so a report can name
// it and give the command that shows or changes it.
type PolicyRef struct {
	// Name is the name the document was parsed under (policy.Document.Name):
	// the ARN of a managed policy, "user/NAME:POLICY" (or group/, role/)
	// for an inline one.
	Name string
	// Managed policies: ARN and the default version read.
	ARN, VersionID string
	// Inline policies: the owner's kind ("user", "group", "role"), name
	// and the policy name.
	OwnerKind, Owner, PolicyName string
	// Via is how the identity gets the policy: "" (directly), "group NAME"
	// or "permissions boundary".
	Via string
}

// Inline reports whether the policy is an inline policy.
func (r PolicyRef) Inline() bool { return r.ARN == "" }

// ShowCommand is the AWS CLI command that prints the document.
func (r PolicyRef) ShowCommand() string {
	if !r.Inline() {
		return fmt.Sprintf("aws iam get-policy-version --policy-arn %s --version-id %s", r.ARN, r.VersionID)
	}
	return fmt.Sprintf("aws iam get-%s-policy --%s-name %s --policy-name %s", r.OwnerKind, r.OwnerKind, shellWord(r.Owner), shellWord(r.PolicyName))
}

// ExportCommand is the AWS CLI command that writes the document, decoded,
// to fixed-policy.json for editing.
func (r PolicyRef) ExportCommand() string {
	if !r.Inline() {
		return r.ShowCommand() + " --query PolicyVersion.Document --output json > fixed-policy.json"
	}
	return r.ShowCommand() + " --query PolicyDocument --output json > fixed-policy.json"
}

// UpdateCommand is the AWS CLI command that replaces the document with an
// edited copy in fixed-policy.json.
func (r PolicyRef) UpdateCommand() string {
	if !r.Inline() {
		return fmt.Sprintf("aws iam create-policy-version --policy-arn %s --policy-document file://fixed-policy.json --set-as-default", r.ARN)
	}
	return fmt.Sprintf("aws iam put-%s-policy --%s-name %s --policy-name %s --policy-document file://fixed-policy.json", r.OwnerKind, r.OwnerKind, shellWord(r.Owner), shellWord(r.PolicyName))
}

// Label names the policy in a sentence.
func (r PolicyRef) Label() string {
	var s string
	if r.Inline() {
		s = fmt.Sprintf("inline policy %q of %s %q", r.PolicyName, r.OwnerKind, r.Owner)
	} else {
		s = "managed policy " + r.ARN
	}
	if r.Via != "" && r.OwnerKind != "group" {
		s += " (" + r.Via + ")"
	}
	return s
}

// Gap is something that could not be read.
type Gap struct {
	What   string // e.g. "the inline policies of group devs"
	Action string // the IAM action that was refused, e.g. iam:ListGroupPolicies
	Reason string // Describe of the error
}

// String renders the gap in one line.
func (g Gap) String() string {
	return fmt.Sprintf("%s (%s: %s)", g.What, g.Action, g.Reason)
}

// PolicySet is every identity-based policy and permissions boundary of an
// identity that could be read.
type PolicySet struct {
	// PrincipalARN is the IAM ARN the policies belong to: the user's ARN,
	// or the role's ARN with its path (from GetRole); "" if unknown.
	PrincipalARN string
	Identity     []*policy.Document
	Boundary     []*policy.Document
	// Refs maps each document's name to where it came from.
	Refs map[string]PolicyRef
	// Gaps lists what could not be read; empty when the set is complete.
	Gaps []Gap
}

// Complete reports whether nothing was left unread.
func (p *PolicySet) Complete() bool { return len(p.Gaps) == 0 }

// All returns the identity documents followed by the boundary ones.
func (p *PolicySet) All() []*policy.Document {
	return append(append([]*policy.Document(nil), p.Identity...), p.Boundary...)
}

// Ref returns where the named document came from.
func (p *PolicySet) Ref(name string) PolicyRef {
	if r, ok := p.Refs[name]; ok {
		return r
	}
	return PolicyRef{Name: name}
}

// CollectPolicies reads the identity's policies: for an IAM user its inline
// and attached policies, those of its groups and its permissions boundary;
// for an assumed (or SSO) role the role's, found with GetRole. Calls that
// IAM refuses (or that find nothing) become Gaps; any other failure
// (network, timeout) is returned as an error. Root and federated users have
// no readable identity policies: the set has one gap saying so.
func CollectPolicies(ctx context.Context, api IAMAPI, id Identity) (*PolicySet, error) {
	c := &collector{api: api, set: &PolicySet{Refs: map[string]PolicyRef{}}, seen: map[string]bool{}}
	var err error
	switch {
	case id.Type == IdentityIAMUser:
		err = c.user(ctx, id)
	case id.IsRole():
		err = c.role(ctx, id)
	default:
		c.set.Gaps = append(c.set.Gaps, Gap{What: "the policies of a " + string(id.Type), Action: "none",
			Reason: "IAM has no readable identity policies for this kind of principal"})
	}
	if err != nil {
		return nil, err
	}
	return c.set, nil
}

type collector struct {
	api  IAMAPI
	set  *PolicySet
	seen map[string]bool // managed policy ARNs already read
}

// refused records a gap for an error IAM answered, or returns other errors.
func (c *collector) refused(err error, what, action string) error {
	switch Classify(err) {
	case ProblemAccessDenied, ProblemNotFound:
		c.set.Gaps = append(c.set.Gaps, Gap{What: what, Action: action, Reason: Describe(err)})
		return nil
	}
	return fmt.Errorf("reading %s (%s): %w", what, action, err)
}

func (c *collector) add(raw string, ref PolicyRef, boundary bool) {
	doc, err := policy.Parse(ref.Name, raw)
	if err != nil {
		c.set.Gaps = append(c.set.Gaps, Gap{What: ref.Label(), Action: "parse", Reason: err.Error()})
		return
	}
	c.set.Refs[ref.Name] = ref
	if boundary {
		c.set.Boundary = append(c.set.Boundary, doc)
	} else {
		c.set.Identity = append(c.set.Identity, doc)
	}
}

// managed reads a managed policy's default version.
func (c *collector) managed(ctx context.Context, arn, via string, boundary bool) error {
	key := arn
	if boundary {
		key = "boundary " + arn
	}
	if c.seen[key] {
		return nil
	}
	c.seen[key] = true
	p, err := c.api.GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(arn)})
	if err != nil {
		return c.refused(err, "managed policy "+arn, "iam:GetPolicy")
	}
	version := aws.ToString(p.Policy.DefaultVersionId)
	v, err := c.api.GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: aws.String(arn), VersionId: aws.String(version)})
	if err != nil {
		return c.refused(err, "managed policy "+arn+" version "+version, "iam:GetPolicyVersion")
	}
	if v.PolicyVersion == nil {
		return c.refused(fmt.Errorf("no document"), "managed policy "+arn, "iam:GetPolicyVersion")
	}
	c.add(aws.ToString(v.PolicyVersion.Document), PolicyRef{Name: arn, ARN: arn, VersionID: version, Via: via}, boundary)
	return nil
}
