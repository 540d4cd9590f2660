package kms

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
)

// keyView is what could be seen of the repository's key.
type keyView struct {
	// ref is the key as the repository names it (GetRepository's kmsKeyId).
	ref string
	// arn and id come from kms:DescribeKey.
	arn, id    string
	awsManaged bool
	state      types.KeyState
	// describeErr says why DescribeKey gave no answer.
	describeErr error
	// policy is the key policy; policyErr why it could not be read.
	policy    *keyPolicy
	policyErr error
	// grants are the key's grants; grantsErr why they could not be listed.
	grants    []types.GrantListEntry
	grantsErr error
}

// maxGrantPages bounds kms:ListGrants paging.
const maxGrantPages = 20

// describeKey calls kms:DescribeKey. A refused or failed call is kept in
// describeErr; only a timeout or an unreachable endpoint is returned.
func describeKey(ctx context.Context, api awsclient.KMSAPI, ref string) (*keyView, error) {
	k := &keyView{ref: ref}
	out, err := api.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(ref)})
	if err != nil {
		if isTransport(err) {
			return nil, fmt.Errorf("calling kms:DescribeKey for %s: %w", ref, err)
		}
		k.describeErr = err
		return k, nil
	}
	if m := out.KeyMetadata; m != nil {
		k.arn, k.id = aws.ToString(m.Arn), aws.ToString(m.KeyId)
		k.awsManaged = m.KeyManager == types.KeyManagerTypeAws
		k.state = m.KeyState
	}
	return k, nil
}

// readAccess reads the key policy and the grants, for a customer managed
// key. p is whom the key policy is read for.
func (k *keyView) readAccess(ctx context.Context, api awsclient.KMSAPI, p keyPrincipal) error {
	out, err := api.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: aws.String(k.arn), PolicyName: aws.String("default")})
	switch {
	case err != nil && isTransport(err):
		return fmt.Errorf("calling kms:GetKeyPolicy for %s: %w", k.arn, err)
	case err != nil:
		k.policyErr = err
	default:
		k.policy, k.policyErr = parseKeyPolicy(aws.ToString(out.Policy), p)
	}
	in := &kms.ListGrantsInput{KeyId: aws.String(k.arn)}
	for range maxGrantPages {
		page, err := api.ListGrants(ctx, in)
		if err != nil {
			if isTransport(err) {
				return fmt.Errorf("calling kms:ListGrants for %s: %w", k.arn, err)
			}
			k.grants, k.grantsErr = nil, err
			return nil
		}
		k.grants = append(k.grants, page.Grants...)
		if !page.Truncated || aws.ToString(page.NextMarker) == "" {
			return nil
		}
		in.Marker = page.NextMarker
	}
	k.grantsErr = fmt.Errorf("more than %d pages of grants", maxGrantPages)
	return nil
}

// isTransport reports errors that say nothing about the key: the endpoint
// did not answer in time or at all.
func isTransport(err error) bool {
	switch awsclient.Classify(err) {
	case awsclient.ProblemTimeout, awsclient.ProblemUnreachable:
		return true
	}
	return false
}

// label names the key for people: its ARN, with the repository's name for
// it when that differs (an alias).
func (k *keyView) label() string {
	switch {
	case k.arn == "":
		return k.ref
	case k.ref != "" && k.ref != k.arn && k.ref != k.id:
		return fmt.Sprintf("%s (%s)", k.arn, k.ref)
	}
	return k.arn
}
