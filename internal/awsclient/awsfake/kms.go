package awsfake

import (
	"context"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"
)

// KMS answers the read calls awsclient.KMSAPI lists for a few keys.
type KMS struct {
	// Keys maps key ids, key ARNs and aliases to the key.
	Keys map[string]*Key
	// Denied names actions (e.g. "GetKeyPolicy") answered with
	// AccessDeniedException.
	Denied map[string]bool

	mu    sync.Mutex
	calls []string
}

// Key is one KMS key.
type Key struct {
	ARN     string
	ID      string
	Manager types.KeyManagerType // "" is CUSTOMER
	State   types.KeyState       // "" is Enabled
	Policy  string
	Grants  []types.GrantListEntry
}

// Calls returns the actions called so far, in order.
func (f *KMS) Calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

func (f *KMS) lookup(action, id string) (*Key, error) {
	f.mu.Lock()
	f.calls = append(f.calls, action)
	f.mu.Unlock()
	if f.Denied[action] {
		return nil, APIError("AccessDeniedException", "User: arn:aws:iam::111122223333:user/x is not authorized to perform: kms:"+action+" on resource: "+id)
	}
	k, ok := f.Keys[id]
	if !ok {
		return nil, &types.NotFoundException{Message: aws.String("Key '" + id + "' does not exist")}
	}
	return k, nil
}

// DescribeKey returns the key's metadata.
func (f *KMS) DescribeKey(_ context.Context, in *kms.DescribeKeyInput, _ ...func(*kms.Options)) (*kms.DescribeKeyOutput, error) {
	k, err := f.lookup("DescribeKey", aws.ToString(in.KeyId))
	if err != nil {
		return nil, err
	}
	m := types.KeyMetadata{Arn: aws.String(k.ARN), KeyId: aws.String(k.ID), KeyManager: k.Manager, KeyState: k.State}
	if m.KeyManager == "" {
		m.KeyManager = types.KeyManagerTypeCustomer
	}
	if m.KeyState == "" {
		m.KeyState = types.KeyStateEnabled
	}
	m.Enabled = m.KeyState == types.KeyStateEnabled
	return &kms.DescribeKeyOutput{KeyMetadata: &m}, nil
}

// GetKeyPolicy returns the key's default policy.
func (f *KMS) GetKeyPolicy(_ context.Context, in *kms.GetKeyPolicyInput, _ ...func(*kms.Options)) (*kms.GetKeyPolicyOutput, error) {
	k, err := f.lookup("GetKeyPolicy", aws.ToString(in.KeyId))
	if err != nil {
		return nil, err
	}
	return &kms.GetKeyPolicyOutput{Policy: aws.String(k.Policy), PolicyName: aws.String("default")}, nil
}

// ListGrants returns the key's grants, in one page.
func (f *KMS) ListGrants(_ context.Context, in *kms.ListGrantsInput, _ ...func(*kms.Options)) (*kms.ListGrantsOutput, error) {
	k, err := f.lookup("ListGrants", aws.ToString(in.KeyId))
	if err != nil {
		return nil, err
	}
	return &kms.ListGrantsOutput{Grants: k.Grants}, nil
}
