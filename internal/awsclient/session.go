package awsclient

import (
	"context"
	"slices"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/codecommit"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// Session is a loaded configuration and the clients built from it, once,
// when first asked for. It is safe for concurrent use.
type Session struct {
	cfg             aws.Config
	regionDefaulted bool
	envCfg          *config.EnvConfig
	shared          *config.SharedConfig
	sources         []aws.CredentialSource
	source          Source

	sts func() *sts.Client
	iam func() *iam.Client

	mu  sync.Mutex
	cc  map[string]*codecommit.Client
	kms map[string]*kms.Client
}

func (s *Session) init() {
	s.sts = sync.OnceValue(func() *sts.Client { return sts.NewFromConfig(s.cfg) })
	s.iam = sync.OnceValue(func() *iam.Client { return iam.NewFromConfig(s.cfg) })
	s.cc = map[string]*codecommit.Client{}
	s.kms = map[string]*kms.Client{}
}

// Config returns the resolved SDK configuration.
func (s *Session) Config() aws.Config { return s.cfg }

// Region is the region the clients use.
func (s *Session) Region() string { return s.cfg.Region }

// RegionDefaulted reports whether nothing named a region and
// FallbackRegion is used.
func (s *Session) RegionDefaulted() bool { return s.regionDefaulted }

// Profile is the shared-config profile the SDK used ("default" when none
// was named), or "" when the shared files were not involved.
func (s *Session) Profile() string {
	if s.shared == nil {
		return ""
	}
	return s.shared.Profile
}

// Source says where the credentials come from, without retrieving them.
func (s *Session) Source() Source { return s.source }

// Chain lists the SDK's credential sources, outermost last.
func (s *Session) Chain() []aws.CredentialSource { return slices.Clone(s.sources) }

// Credentials retrieves the credentials (bounded by ctx; the instance
// metadata service by its own short timeout). When the chain ended at the
// instance metadata service and that failed, the error is a
// *NoCredentialsError.
func (s *Session) Credentials(ctx context.Context) (aws.Credentials, error) {
	if isAnonymous(s.cfg.Credentials) {
		return aws.Credentials{}, &NoCredentialsError{Profile: s.Profile()}
	}
	c, err := s.cfg.Credentials.Retrieve(ctx)
	if err != nil && s.source.Kind == SourceInstanceRole && ctx.Err() == nil {
		return c, &NoCredentialsError{Profile: s.Profile(), Err: err}
	}
	return c, err
}

// STS returns the STS client.
func (s *Session) STS() *sts.Client { return s.sts() }

// IAM returns the IAM client.
func (s *Session) IAM() *iam.Client { return s.iam() }

// CodeCommit returns a CodeCommit client for region ("" for the session's).
func (s *Session) CodeCommit(region string) *codecommit.Client {
	return perRegion(s, s.cc, region, func(r string) *codecommit.Client {
		return codecommit.NewFromConfig(s.cfg, func(o *codecommit.Options) { o.Region = r })
	})
}

// KMS returns a KMS client for region ("" for the session's).
func (s *Session) KMS(region string) *kms.Client {
	return perRegion(s, s.kms, region, func(r string) *kms.Client {
		return kms.NewFromConfig(s.cfg, func(o *kms.Options) { o.Region = r })
	})
}

// perRegion returns the session's client for region from clients ("" for
// the session's region), building it once.
func perRegion[C any](s *Session, clients map[string]C, region string, build func(string) C) C {
	if region == "" {
		region = s.cfg.Region
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := clients[region]
	if !ok {
		c = build(region)
		clients[region] = c
	}
	return c
}
