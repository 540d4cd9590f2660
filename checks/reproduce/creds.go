package reproduce

import (
	"context"
	"errors"
	"fmt"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/credentials"
	"github.com/codecommit-doctor/codecommit-doctor/checks/signing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
	"github.com/codecommit-doctor/codecommit-doctor/internal/signer"
)

// reproCredentials resolves the credentials the AWS CLI helper would sign
// with: the helper's profile, loaded the way the AWS CLI loads it.
func reproCredentials(ctx context.Context, env *checks.Env, sign *signing.Facts) (signer.Credentials, error) {
	pc := struct{ name string }{sign.Profile}
	if f, ok := credentials.Key.Get(env); ok && !f.Rejected {
		c, err := f.Credentials(ctx)
		if err == nil {
			return toSignerCredentials(c), nil
		}
	}
	opts := awsclient.LoadOptions{Region: sign.ClientRegion}
	if sign.Explicit {
		opts.Profile = sign.Profile
	}
	sess, err := awsclient.Load(ctx, env.Sys, opts)
	if err != nil {
		return signer.Credentials{}, fmt.Errorf("loading the AWS configuration for profile %q: %w", pc.name, err)
	}
	c, err := sess.Credentials(ctx)
	var none *awsclient.NoCredentialsError
	switch {
	case errors.As(err, &none):
		// No source had any: none of them is "the source".
		return signer.Credentials{}, fmt.Errorf("no credentials for profile %q in any source the AWS CLI tries: %w", pc.name, err)
	case err != nil:
		return signer.Credentials{}, fmt.Errorf("getting credentials for profile %q from %s: %w", pc.name, sess.Source().String(), err)
	}
	if c.AccessKeyID == "" || c.SecretAccessKey == "" {
		return signer.Credentials{}, fmt.Errorf("profile %q resolves to no access key", pc.name)
	}
	return toSignerCredentials(c), nil
}

func toSignerCredentials(c aws.Credentials) signer.Credentials {
	return signer.Credentials{AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken}
}
