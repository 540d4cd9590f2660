package awsfake

import (
	"context"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/codecommit"
	"github.com/aws/aws-sdk-go-v2/service/codecommit/types"
	"github.com/aws/smithy-go"
)

// CodeCommit answers GetRepository for one region.
type CodeCommit struct {
	Region  string
	Account string
	// Repos maps repository names to their KMS key ARN ("" for none).
	Repos map[string]string
	// Err, when set, is returned for every call.
	Err error

	mu    sync.Mutex
	calls []string
}

// Calls returns the repository names asked for.
func (c *CodeCommit) Calls() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.calls...)
}

// GetRepository returns the repository's metadata, or
// RepositoryDoesNotExistException.
func (c *CodeCommit) GetRepository(_ context.Context, in *codecommit.GetRepositoryInput, _ ...func(*codecommit.Options)) (*codecommit.GetRepositoryOutput, error) {
	name := aws.ToString(in.RepositoryName)
	c.mu.Lock()
	c.calls = append(c.calls, name)
	c.mu.Unlock()
	if c.Err != nil {
		return nil, c.Err
	}
	key, ok := c.Repos[name]
	if !ok {
		return nil, &types.RepositoryDoesNotExistException{Message: aws.String(name + " does not exist")}
	}
	meta := &types.RepositoryMetadata{RepositoryName: aws.String(name),
		Arn: aws.String("arn:aws:codecommit:" + c.Region + ":" + c.Account + ":" + name), AccountId: aws.String(c.Account)}
	if key != "" {
		meta.KmsKeyId = aws.String(key)
	}
	return &codecommit.GetRepositoryOutput{RepositoryMetadata: meta}, nil
}

// APIError builds an AWS API error with a code.
func APIError(code, message string) error {
	return &smithy.GenericAPIError{Code: code, Message: message}
}
