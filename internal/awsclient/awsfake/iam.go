// Package awsfake has in-memory fakes of the AWS APIs the doctor reads,
// for tests of awsclient and of the checks. No production code imports it.
package awsfake

import (
	"context"
	"fmt"
	"net/url"
	"sort"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
	"github.com/aws/smithy-go"
)

// IAM is an in-memory IAM with users, groups, roles and managed policies
// that answers the read calls awsclient.IAMAPI lists. Documents are
// returned URL-encoded, as IAM does; managed policies have one default
// version, "v3". It is safe for concurrent use once set up.
type IAM struct {
	Users  map[string]*Principal
	Groups map[string]*Principal
	Roles  map[string]*Principal
	// Managed maps policy ARNs to their documents.
	Managed map[string]string
	// Denied names actions (e.g. "ListGroupsForUser") answered with
	// AccessDenied.
	Denied map[string]bool
	// FailWith maps actions to the error they return.
	FailWith map[string]error
	// Simulate answers SimulatePrincipalPolicy; nil answers AccessDenied.
	Simulate func(*iam.SimulatePrincipalPolicyInput) (*iam.SimulatePrincipalPolicyOutput, error)

	mu    sync.Mutex
	calls []string
}

// Principal is a user, group or role.
type Principal struct {
	ARN      string
	Inline   map[string]string // policy name -> document
	Attached []string          // managed policy ARNs
	Groups   []string          // users only
	Boundary string            // managed policy ARN
}

// Calls returns the actions called so far, in order.
func (f *IAM) Calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

// AccessDenied is the error IAM returns for a refused action.
func AccessDenied(action string) error {
	return &smithy.GenericAPIError{Code: "AccessDenied", Message: "User: arn:aws:iam::111122223333:user/x is not authorized to perform: iam:" + action + ". More text."}
}

func (f *IAM) check(action string) error {
	f.mu.Lock()
	f.calls = append(f.calls, action)
	f.mu.Unlock()
	if err, ok := f.FailWith[action]; ok {
		return err
	}
	if f.Denied[action] {
		return AccessDenied(action)
	}
	return nil
}

func noSuch(what string) error {
	return &smithy.GenericAPIError{Code: "NoSuchEntity", Message: what + " cannot be found."}
}

func sortedNames(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func attachedList(arns []string) []types.AttachedPolicy {
	var out []types.AttachedPolicy
	for _, a := range arns {
		out = append(out, types.AttachedPolicy{PolicyArn: aws.String(a)})
	}
	return out
}

func boundaryOf(p *Principal) *types.AttachedPermissionsBoundary {
	if p.Boundary == "" {
		return nil
	}
	return &types.AttachedPermissionsBoundary{PermissionsBoundaryArn: aws.String(p.Boundary)}
}

func (f *IAM) GetUser(_ context.Context, in *iam.GetUserInput, _ ...func(*iam.Options)) (*iam.GetUserOutput, error) {
	if err := f.check("GetUser"); err != nil {
		return nil, err
	}
	u, ok := f.Users[aws.ToString(in.UserName)]
	if !ok {
		return nil, noSuch("user")
	}
	return &iam.GetUserOutput{User: &types.User{Arn: aws.String(u.ARN), UserName: in.UserName, PermissionsBoundary: boundaryOf(u)}}, nil
}

func (f *IAM) ListUserPolicies(_ context.Context, in *iam.ListUserPoliciesInput, _ ...func(*iam.Options)) (*iam.ListUserPoliciesOutput, error) {
	if err := f.check("ListUserPolicies"); err != nil {
		return nil, err
	}
	return &iam.ListUserPoliciesOutput{PolicyNames: sortedNames(f.Users[aws.ToString(in.UserName)].Inline)}, nil
}

func (f *IAM) GetUserPolicy(_ context.Context, in *iam.GetUserPolicyInput, _ ...func(*iam.Options)) (*iam.GetUserPolicyOutput, error) {
	if err := f.check("GetUserPolicy"); err != nil {
		return nil, err
	}
	doc := f.Users[aws.ToString(in.UserName)].Inline[aws.ToString(in.PolicyName)]
	return &iam.GetUserPolicyOutput{PolicyDocument: aws.String(url.PathEscape(doc))}, nil
}

func (f *IAM) ListAttachedUserPolicies(_ context.Context, in *iam.ListAttachedUserPoliciesInput, _ ...func(*iam.Options)) (*iam.ListAttachedUserPoliciesOutput, error) {
	if err := f.check("ListAttachedUserPolicies"); err != nil {
		return nil, err
	}
	return &iam.ListAttachedUserPoliciesOutput{AttachedPolicies: attachedList(f.Users[aws.ToString(in.UserName)].Attached)}, nil
}

func (f *IAM) ListGroupsForUser(_ context.Context, in *iam.ListGroupsForUserInput, _ ...func(*iam.Options)) (*iam.ListGroupsForUserOutput, error) {
	if err := f.check("ListGroupsForUser"); err != nil {
		return nil, err
	}
	var gs []types.Group
	for _, g := range f.Users[aws.ToString(in.UserName)].Groups {
		gs = append(gs, types.Group{GroupName: aws.String(g)})
	}
	return &iam.ListGroupsForUserOutput{Groups: gs}, nil
}

func (f *IAM) ListGroupPolicies(_ context.Context, in *iam.ListGroupPoliciesInput, _ ...func(*iam.Options)) (*iam.ListGroupPoliciesOutput, error) {
	if err := f.check("ListGroupPolicies"); err != nil {
		return nil, err
	}
	return &iam.ListGroupPoliciesOutput{PolicyNames: sortedNames(f.Groups[aws.ToString(in.GroupName)].Inline)}, nil
}

func (f *IAM) GetGroupPolicy(_ context.Context, in *iam.GetGroupPolicyInput, _ ...func(*iam.Options)) (*iam.GetGroupPolicyOutput, error) {
	if err := f.check("GetGroupPolicy"); err != nil {
		return nil, err
	}
	doc := f.Groups[aws.ToString(in.GroupName)].Inline[aws.ToString(in.PolicyName)]
	return &iam.GetGroupPolicyOutput{PolicyDocument: aws.String(url.PathEscape(doc))}, nil
}

func (f *IAM) ListAttachedGroupPolicies(_ context.Context, in *iam.ListAttachedGroupPoliciesInput, _ ...func(*iam.Options)) (*iam.ListAttachedGroupPoliciesOutput, error) {
	if err := f.check("ListAttachedGroupPolicies"); err != nil {
		return nil, err
	}
	return &iam.ListAttachedGroupPoliciesOutput{AttachedPolicies: attachedList(f.Groups[aws.ToString(in.GroupName)].Attached)}, nil
}

func (f *IAM) GetRole(_ context.Context, in *iam.GetRoleInput, _ ...func(*iam.Options)) (*iam.GetRoleOutput, error) {
	if err := f.check("GetRole"); err != nil {
		return nil, err
	}
	r, ok := f.Roles[aws.ToString(in.RoleName)]
	if !ok {
		return nil, noSuch("role")
	}
	return &iam.GetRoleOutput{Role: &types.Role{Arn: aws.String(r.ARN), RoleName: in.RoleName, PermissionsBoundary: boundaryOf(r)}}, nil
}

func (f *IAM) ListRolePolicies(_ context.Context, in *iam.ListRolePoliciesInput, _ ...func(*iam.Options)) (*iam.ListRolePoliciesOutput, error) {
	if err := f.check("ListRolePolicies"); err != nil {
		return nil, err
	}
	return &iam.ListRolePoliciesOutput{PolicyNames: sortedNames(f.Roles[aws.ToString(in.RoleName)].Inline)}, nil
}

func (f *IAM) GetRolePolicy(_ context.Context, in *iam.GetRolePolicyInput, _ ...func(*iam.Options)) (*iam.GetRolePolicyOutput, error) {
	if err := f.check("GetRolePolicy"); err != nil {
		return nil, err
	}
	doc := f.Roles[aws.ToString(in.RoleName)].Inline[aws.ToString(in.PolicyName)]
	return &iam.GetRolePolicyOutput{PolicyDocument: aws.String(url.PathEscape(doc))}, nil
}

func (f *IAM) ListAttachedRolePolicies(_ context.Context, in *iam.ListAttachedRolePoliciesInput, _ ...func(*iam.Options)) (*iam.ListAttachedRolePoliciesOutput, error) {
	if err := f.check("ListAttachedRolePolicies"); err != nil {
		return nil, err
	}
	return &iam.ListAttachedRolePoliciesOutput{AttachedPolicies: attachedList(f.Roles[aws.ToString(in.RoleName)].Attached)}, nil
}

func (f *IAM) GetPolicy(_ context.Context, in *iam.GetPolicyInput, _ ...func(*iam.Options)) (*iam.GetPolicyOutput, error) {
	if err := f.check("GetPolicy"); err != nil {
		return nil, err
	}
	if _, ok := f.Managed[aws.ToString(in.PolicyArn)]; !ok {
		return nil, noSuch("policy")
	}
	return &iam.GetPolicyOutput{Policy: &types.Policy{Arn: in.PolicyArn, DefaultVersionId: aws.String("v3")}}, nil
}

func (f *IAM) GetPolicyVersion(_ context.Context, in *iam.GetPolicyVersionInput, _ ...func(*iam.Options)) (*iam.GetPolicyVersionOutput, error) {
	if err := f.check("GetPolicyVersion"); err != nil {
		return nil, err
	}
	if v := aws.ToString(in.VersionId); v != "v3" {
		return nil, fmt.Errorf("asked for version %s, not the default", v)
	}
	doc := f.Managed[aws.ToString(in.PolicyArn)]
	return &iam.GetPolicyVersionOutput{PolicyVersion: &types.PolicyVersion{Document: aws.String(url.PathEscape(doc)), IsDefaultVersion: true}}, nil
}

func (f *IAM) SimulatePrincipalPolicy(_ context.Context, in *iam.SimulatePrincipalPolicyInput, _ ...func(*iam.Options)) (*iam.SimulatePrincipalPolicyOutput, error) {
	if err := f.check("SimulatePrincipalPolicy"); err != nil {
		return nil, err
	}
	if f.Simulate == nil {
		return nil, AccessDenied("SimulatePrincipalPolicy")
	}
	return f.Simulate(in)
}
