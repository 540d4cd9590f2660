package moto

import (
	"context"
	"fmt"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/codecommit"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// PowerUserPolicyARN is the AWS managed policy AWSCodeCommitPowerUser
// (GitPull and GitPush on every repository, among others).
const PowerUserPolicyARN = "arn:aws:iam::aws:policy/AWSCodeCommitPowerUser"

// Key is a set of credentials moto issued. Tests must treat the secret and
// the token as secrets: they are the canaries no output may contain.
type Key struct {
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string // "" for an IAM user's long-term key
}

// Principal is what a policy-holding helper created.
type Principal struct {
	Name string
	ARN  string
	Key  Key // the user's access key (zero for roles)
}

// Policies are the policies given to a user, group or role.
type Policies struct {
	// Inline maps policy names to JSON documents.
	Inline map[string]string
	// Managed lists policy ARNs to attach (AWS managed, or made with
	// CreatePolicy).
	Managed []string
	// Boundary is a managed policy ARN set as the permissions boundary.
	Boundary string
}

// UserSpec describes a user for NewUser.
type UserSpec struct {
	Path   string // "/" when empty
	Groups []string
	Policies
}

// RoleSpec describes a role for NewRole.
type RoleSpec struct {
	Path string // "/" when empty
	// Trust is the assume-role policy; one trusting the account when empty.
	Trust string
	Policies
}

// adminCreds are accepted by moto before Enforce, whatever they are.
func adminCreds() aws.CredentialsProvider {
	return aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: "AKIAMOTOSETUP0000000", SecretAccessKey: "setup-only-not-secret", Source: "moto setup"}, nil
	})
}

// IAM returns an IAM client that talks to moto through the proxy (so
// CodeCommit dates are readable) with setup credentials, valid before
// Enforce only.
func (s *Server) IAM() *iam.Client {
	return iam.New(iam.Options{Region: "us-east-1", BaseEndpoint: aws.String(s.URL), Credentials: adminCreds()})
}

// STS returns an STS client like IAM.
func (s *Server) STS() *sts.Client {
	return sts.New(sts.Options{Region: "us-east-1", BaseEndpoint: aws.String(s.URL), Credentials: adminCreds()})
}

// CodeCommit returns a CodeCommit client for region like IAM.
func (s *Server) CodeCommit(region string) *codecommit.Client {
	return codecommit.New(codecommit.Options{Region: region, BaseEndpoint: aws.String(s.URL), Credentials: adminCreds()})
}

// CreatePolicy creates a customer managed policy and returns its ARN.
func (s *Server) CreatePolicy(ctx context.Context, name, document string) (string, error) {
	out, err := s.IAM().CreatePolicy(ctx, &iam.CreatePolicyInput{PolicyName: aws.String(name), PolicyDocument: aws.String(document)})
	if err != nil {
		return "", fmt.Errorf("creating policy %s: %w", name, err)
	}
	return aws.ToString(out.Policy.Arn), nil
}

// NewGroup creates a group with policies.
func (s *Server) NewGroup(ctx context.Context, name string, p Policies) error {
	c := s.IAM()
	if _, err := c.CreateGroup(ctx, &iam.CreateGroupInput{GroupName: aws.String(name)}); err != nil {
		return fmt.Errorf("creating group %s: %w", name, err)
	}
	for _, pn := range sortedKeys(p.Inline) {
		if _, err := c.PutGroupPolicy(ctx, &iam.PutGroupPolicyInput{GroupName: aws.String(name), PolicyName: aws.String(pn), PolicyDocument: aws.String(p.Inline[pn])}); err != nil {
			return fmt.Errorf("putting policy %s on group %s: %w", pn, name, err)
		}
	}
	for _, arn := range p.Managed {
		if _, err := c.AttachGroupPolicy(ctx, &iam.AttachGroupPolicyInput{GroupName: aws.String(name), PolicyArn: aws.String(arn)}); err != nil {
			return fmt.Errorf("attaching %s to group %s: %w", arn, name, err)
		}
	}
	return nil
}

// NewUser creates a user with its policies and an access key.
func (s *Server) NewUser(ctx context.Context, name string, spec UserSpec) (Principal, error) {
	c := s.IAM()
	in := &iam.CreateUserInput{UserName: aws.String(name)}
	if spec.Path != "" {
		in.Path = aws.String(spec.Path)
	}
	if spec.Boundary != "" {
		in.PermissionsBoundary = aws.String(spec.Boundary)
	}
	out, err := c.CreateUser(ctx, in)
	if err != nil {
		return Principal{}, fmt.Errorf("creating user %s: %w", name, err)
	}
	for _, pn := range sortedKeys(spec.Inline) {
		if _, err := c.PutUserPolicy(ctx, &iam.PutUserPolicyInput{UserName: aws.String(name), PolicyName: aws.String(pn), PolicyDocument: aws.String(spec.Inline[pn])}); err != nil {
			return Principal{}, fmt.Errorf("putting policy %s on user %s: %w", pn, name, err)
		}
	}
	for _, arn := range spec.Managed {
		if _, err := c.AttachUserPolicy(ctx, &iam.AttachUserPolicyInput{UserName: aws.String(name), PolicyArn: aws.String(arn)}); err != nil {
			return Principal{}, fmt.Errorf("attaching %s to user %s: %w", arn, name, err)
		}
	}
	for _, g := range spec.Groups {
		if _, err := c.AddUserToGroup(ctx, &iam.AddUserToGroupInput{UserName: aws.String(name), GroupName: aws.String(g)}); err != nil {
			return Principal{}, fmt.Errorf("adding user %s to group %s: %w", name, g, err)
		}
	}
	key, err := c.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String(name)})
	if err != nil {
		return Principal{}, fmt.Errorf("creating an access key for %s: %w", name, err)
	}
	return Principal{Name: name, ARN: aws.ToString(out.User.Arn), Key: Key{
		AccessKeyID:     aws.ToString(key.AccessKey.AccessKeyId),
		SecretAccessKey: aws.ToString(key.AccessKey.SecretAccessKey),
	}}, nil
}

// NewRole creates a role with its policies.
func (s *Server) NewRole(ctx context.Context, name string, spec RoleSpec) (Principal, error) {
	c := s.IAM()
	trust := spec.Trust
	if trust == "" {
		trust = fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole"}]}`, AccountID)
	}
	in := &iam.CreateRoleInput{RoleName: aws.String(name), AssumeRolePolicyDocument: aws.String(trust)}
	if spec.Path != "" {
		in.Path = aws.String(spec.Path)
	}
	if spec.Boundary != "" {
		in.PermissionsBoundary = aws.String(spec.Boundary)
	}
	out, err := c.CreateRole(ctx, in)
	if err != nil {
		return Principal{}, fmt.Errorf("creating role %s: %w", name, err)
	}
	for _, pn := range sortedKeys(spec.Inline) {
		if _, err := c.PutRolePolicy(ctx, &iam.PutRolePolicyInput{RoleName: aws.String(name), PolicyName: aws.String(pn), PolicyDocument: aws.String(spec.Inline[pn])}); err != nil {
			return Principal{}, fmt.Errorf("putting policy %s on role %s: %w", pn, name, err)
		}
	}
	for _, arn := range spec.Managed {
		if _, err := c.AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{RoleName: aws.String(name), PolicyArn: aws.String(arn)}); err != nil {
			return Principal{}, fmt.Errorf("attaching %s to role %s: %w", arn, name, err)
		}
	}
	return Principal{Name: name, ARN: aws.ToString(out.Role.Arn)}, nil
}

// AssumeRole returns session credentials for the role (made before
// Enforce, so no caller permission is needed).
func (s *Server) AssumeRole(ctx context.Context, roleARN, session string) (Key, error) {
	out, err := s.STS().AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String(roleARN), RoleSessionName: aws.String(session)})
	if err != nil {
		return Key{}, fmt.Errorf("assuming %s: %w", roleARN, err)
	}
	return Key{
		AccessKeyID:     aws.ToString(out.Credentials.AccessKeyId),
		SecretAccessKey: aws.ToString(out.Credentials.SecretAccessKey),
		SessionToken:    aws.ToString(out.Credentials.SessionToken),
	}, nil
}

// CreateRepository creates a CodeCommit repository.
func (s *Server) CreateRepository(ctx context.Context, region, name string) (string, error) {
	out, err := s.CodeCommit(region).CreateRepository(ctx, &codecommit.CreateRepositoryInput{RepositoryName: aws.String(name)})
	if err != nil {
		return "", fmt.Errorf("creating repository %s in %s: %w", name, region, err)
	}
	return aws.ToString(out.RepositoryMetadata.Arn), nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
