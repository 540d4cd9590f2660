package credentials

import (
	"context"
	"errors"
	"fmt"

	"github.com/codecommit-doctor/codecommit-doctor/checks"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
)

// Subject returns the facts whose access the permissions and kms checks
// decide: those of --principal when it was given, else the caller's. The
// error says why --principal could not be resolved.
func Subject(env *checks.Env, f *Facts) (*Facts, error) {
	if env.Options.Principal == "" {
		return f, nil
	}
	if f.Principal != nil {
		return f.Principal, nil
	}
	if f.PrincipalErr != nil {
		return nil, f.PrincipalErr
	}
	return nil, errors.New("--principal was not resolved")
}

// principalFacts builds the facts of --principal: its identity, its own
// policy cache, and the caller's clients and session. An instance profile
// is resolved to its role with iam:GetInstanceProfile.
func principalFacts(ctx context.Context, caller *Facts, arn string) (*Facts, error) {
	p, err := awsclient.ParsePrincipalARN(arn)
	if err != nil {
		return nil, err
	}
	if p.Kind == "instance-profile" {
		api, ok := caller.Clients.IAM().(awsclient.InstanceProfileAPI)
		if !ok {
			return nil, fmt.Errorf("cannot read instance profile %s here", p.Name)
		}
		role, err := awsclient.RoleOfInstanceProfile(ctx, api, p)
		if err != nil {
			return nil, fmt.Errorf("finding the role of instance profile %s: %s", p.ARN, awsclient.Describe(err))
		}
		p = role
	}
	id := p.Identity()
	who := caller.Identity
	f := &Facts{Identity: id, Profile: caller.Profile, ProfileSource: caller.ProfileSource, Region: caller.Region,
		Source: caller.Source, Clients: caller.Clients, Policies: awsclient.NewPolicyCache(), session: caller.session, Caller: &who}
	return f, nil
}

// ReadPolicies reads the identity's IAM policies once per run (the cache
// is shared by every check that asks). For --principal, whose ARN is
// known exactly, the set names it even when iam:GetRole was refused, so
// IAM's simulator can still be asked about it.
func (f *Facts) ReadPolicies(ctx context.Context) (*awsclient.PolicySet, error) {
	return f.Policies.Get(ctx, func(ctx context.Context) (*awsclient.PolicySet, error) {
		set, err := awsclient.CollectPolicies(ctx, f.Clients.IAM(), f.Identity)
		if err == nil && f.Caller != nil && set.PrincipalARN == "" {
			set.PrincipalARN = f.Identity.ARN
		}
		return set, err
	})
}
