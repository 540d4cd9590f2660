package awsclient

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// user collects an IAM user's policies.
func (c *collector) user(ctx context.Context, id Identity) error {
	name := id.Name
	c.set.PrincipalARN = id.ARN
	u, err := c.api.GetUser(ctx, &iam.GetUserInput{UserName: aws.String(name)})
	if err != nil {
		if err := c.refused(err, "the permissions boundary of user "+name, "iam:GetUser"); err != nil {
			return err
		}
	} else if u.User != nil {
		if arn := aws.ToString(u.User.Arn); arn != "" {
			c.set.PrincipalARN = arn
		}
		if err := c.boundary(ctx, u.User.PermissionsBoundary); err != nil {
			return err
		}
	}
	if err := c.inline(ctx, "user", name, ""); err != nil {
		return err
	}
	if err := c.attached(ctx, "user", name, ""); err != nil {
		return err
	}
	var groups []string
	p := iam.NewListGroupsForUserPaginator(c.api, &iam.ListGroupsForUserInput{UserName: aws.String(name)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return c.refused(err, "the groups of user "+name+" and their policies", "iam:ListGroupsForUser")
		}
		for _, g := range page.Groups {
			groups = append(groups, aws.ToString(g.GroupName))
		}
	}
	for _, g := range groups {
		if err := c.inline(ctx, "group", g, "group "+g); err != nil {
			return err
		}
		if err := c.attached(ctx, "group", g, "group "+g); err != nil {
			return err
		}
	}
	return nil
}

// role collects a role's policies; GetRole gives the ARN with its path.
func (c *collector) role(ctx context.Context, id Identity) error {
	name := id.Name
	r, err := c.api.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(name)})
	if err != nil {
		if err := c.refused(err, "role "+name+" (its ARN with path and its permissions boundary)", "iam:GetRole"); err != nil {
			return err
		}
	} else if r.Role != nil {
		c.set.PrincipalARN = aws.ToString(r.Role.Arn)
		if err := c.boundary(ctx, r.Role.PermissionsBoundary); err != nil {
			return err
		}
	}
	if err := c.inline(ctx, "role", name, ""); err != nil {
		return err
	}
	return c.attached(ctx, "role", name, "")
}

func (c *collector) boundary(ctx context.Context, b *types.AttachedPermissionsBoundary) error {
	if b == nil || aws.ToString(b.PermissionsBoundaryArn) == "" {
		return nil
	}
	return c.managed(ctx, aws.ToString(b.PermissionsBoundaryArn), "permissions boundary", true)
}

// inline reads the inline policies of a user, group or role.
func (c *collector) inline(ctx context.Context, kind, owner, via string) error {
	names, err := c.listInline(ctx, kind, owner)
	if err != nil {
		return c.refused(err, fmt.Sprintf("the inline policies of %s %s", kind, owner), "iam:List"+title(kind)+"Policies")
	}
	for _, pn := range names {
		doc, err := c.getInline(ctx, kind, owner, pn)
		if err != nil {
			if err := c.refused(err, fmt.Sprintf("inline policy %s of %s %s", pn, kind, owner), "iam:Get"+title(kind)+"Policy"); err != nil {
				return err
			}
			continue
		}
		c.add(doc, PolicyRef{Name: kind + "/" + owner + ":" + pn, OwnerKind: kind, Owner: owner, PolicyName: pn, Via: via}, false)
	}
	return nil
}

func (c *collector) listInline(ctx context.Context, kind, owner string) ([]string, error) {
	var names []string
	switch kind {
	case "user":
		p := iam.NewListUserPoliciesPaginator(c.api, &iam.ListUserPoliciesInput{UserName: aws.String(owner)})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, err
			}
			names = append(names, page.PolicyNames...)
		}
	case "group":
		p := iam.NewListGroupPoliciesPaginator(c.api, &iam.ListGroupPoliciesInput{GroupName: aws.String(owner)})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, err
			}
			names = append(names, page.PolicyNames...)
		}
	case "role":
		p := iam.NewListRolePoliciesPaginator(c.api, &iam.ListRolePoliciesInput{RoleName: aws.String(owner)})
		for p.HasMorePages() {
			page, err := p.NextPage(ctx)
			if err != nil {
				return nil, err
			}
			names = append(names, page.PolicyNames...)
		}
	}
	return names, nil
}

func (c *collector) getInline(ctx context.Context, kind, owner, name string) (string, error) {
	switch kind {
	case "user":
		out, err := c.api.GetUserPolicy(ctx, &iam.GetUserPolicyInput{UserName: aws.String(owner), PolicyName: aws.String(name)})
		if err != nil {
			return "", err
		}
		return aws.ToString(out.PolicyDocument), nil
	case "group":
		out, err := c.api.GetGroupPolicy(ctx, &iam.GetGroupPolicyInput{GroupName: aws.String(owner), PolicyName: aws.String(name)})
		if err != nil {
			return "", err
		}
		return aws.ToString(out.PolicyDocument), nil
	default:
		out, err := c.api.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(owner), PolicyName: aws.String(name)})
		if err != nil {
			return "", err
		}
		return aws.ToString(out.PolicyDocument), nil
	}
}

// attached reads the managed policies attached to a user, group or role.
func (c *collector) attached(ctx context.Context, kind, owner, via string) error {
	var arns []string
	var err error
	switch kind {
	case "user":
		p := iam.NewListAttachedUserPoliciesPaginator(c.api, &iam.ListAttachedUserPoliciesInput{UserName: aws.String(owner)})
		for p.HasMorePages() && err == nil {
			var page *iam.ListAttachedUserPoliciesOutput
			if page, err = p.NextPage(ctx); err == nil {
				arns = append(arns, policyARNs(page.AttachedPolicies)...)
			}
		}
	case "group":
		p := iam.NewListAttachedGroupPoliciesPaginator(c.api, &iam.ListAttachedGroupPoliciesInput{GroupName: aws.String(owner)})
		for p.HasMorePages() && err == nil {
			var page *iam.ListAttachedGroupPoliciesOutput
			if page, err = p.NextPage(ctx); err == nil {
				arns = append(arns, policyARNs(page.AttachedPolicies)...)
			}
		}
	case "role":
		p := iam.NewListAttachedRolePoliciesPaginator(c.api, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String(owner)})
		for p.HasMorePages() && err == nil {
			var page *iam.ListAttachedRolePoliciesOutput
			if page, err = p.NextPage(ctx); err == nil {
				arns = append(arns, policyARNs(page.AttachedPolicies)...)
			}
		}
	}
	if err != nil {
		return c.refused(err, fmt.Sprintf("the managed policies attached to %s %s", kind, owner), "iam:ListAttached"+title(kind)+"Policies")
	}
	for _, arn := range arns {
		if err := c.managed(ctx, arn, via, false); err != nil {
			return err
		}
	}
	return nil
}

func policyARNs(ps []types.AttachedPolicy) []string {
	out := make([]string, 0, len(ps))
	for _, p := range ps {
		out = append(out, aws.ToString(p.PolicyArn))
	}
	return out
}

func title(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// shellWord quotes a word for a POSIX shell when it needs it.
func shellWord(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"\\$`!*?[]{}()<>|&;#~") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
