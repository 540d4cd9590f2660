package checks

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
	"github.com/codecommit-doctor/codecommit-doctor/internal/signer"
)

// reproCredentialSource is what the credentials check's facts may offer:
// the credentials it resolved, so they are not resolved a second time
// (which for SSO or an assumed role costs a call).
type reproCredentialSource interface {
	Credentials(ctx context.Context) (aws.Credentials, error)
}

// reproCredentials resolves the credentials the AWS CLI helper would sign
// with: the helper's profile, loaded the way the AWS CLI loads it.
func reproCredentials(ctx context.Context, env *Env) (signer.Credentials, profileChoice, error) {
	pc := chooseProfile(env)
	if dep, ok := env.Dep("credentials"); ok {
		if src, ok := dep.Facts.(reproCredentialSource); ok {
			c, err := src.Credentials(ctx)
			if err == nil {
				return toSignerCredentials(c), pc, nil
			}
		}
	}
	opts := awsclient.LoadOptions{Region: clientRegion(env)}
	if pc.explicit {
		opts.Profile = pc.name
	}
	sess, err := awsclient.Load(ctx, env.Sys, opts)
	if err != nil {
		return signer.Credentials{}, pc, fmt.Errorf("loading the AWS configuration for profile %q: %w", pc.name, err)
	}
	c, err := sess.Credentials(ctx)
	if err != nil {
		return signer.Credentials{}, pc, fmt.Errorf("getting credentials for profile %q from %s: %w", pc.name, sess.Source().String(), err)
	}
	if c.AccessKeyID == "" || c.SecretAccessKey == "" {
		return signer.Credentials{}, pc, fmt.Errorf("profile %q resolves to no access key", pc.name)
	}
	return toSignerCredentials(c), pc, nil
}

func toSignerCredentials(c aws.Credentials) signer.Credentials {
	return signer.Credentials{AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken}
}
