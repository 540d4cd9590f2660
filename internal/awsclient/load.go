package awsclient

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"
	"github.com/aws/smithy-go/logging"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsconfig"
)

// Env is the part of the machine Load reads.
type Env interface {
	Getenv(key string) string
	HomeDir() string
}

// Defaults for LoadOptions.
const (
	DefaultIMDSTimeout      = time.Second
	DefaultRetryMaxAttempts = 2
	// FallbackRegion is used for STS and IAM when nothing names a region.
	FallbackRegion = "us-east-1"
)

// LoadOptions choose the profile and region.
type LoadOptions struct {
	// Profile is a profile named explicitly (--profile, the helper
	// command's --profile, a codecommit://PROFILE@ URL). With one, the
	// profile's settings win over credential environment variables, as
	// with `aws --profile`. Leave it empty for AWS_PROFILE or the default
	// profile: the SDK then reads AWS_PROFILE itself and, like the AWS CLI,
	// prefers AWS_ACCESS_KEY_ID and friends when they are set.
	Profile string
	// Region for the clients; "" means the profile's or AWS_REGION, else
	// FallbackRegion.
	Region string
	// IMDSTimeout bounds the whole instance-metadata lookup
	// (DefaultIMDSTimeout when zero).
	IMDSTimeout time.Duration
	// RetryMaxAttempts for every call (DefaultRetryMaxAttempts when zero):
	// a diagnosis should fail fast rather than retry for long.
	RetryMaxAttempts int
	// Runner runs credential_process; nil means the Env when it is a
	// ProcessRunner (a *sys.Machine is), else the SDK runs it itself.
	Runner ProcessRunner
	// ProcessTimeout bounds one run of credential_process
	// (DefaultProcessTimeout when zero); the caller's context bounds it too.
	ProcessTimeout time.Duration
}

// Load resolves configuration and the credential chain like the AWS CLI,
// without retrieving credentials or calling AWS (except that a web
// identity or SSO configuration may be validated). Errors name the
// problem: see Classify.
//
// Before the SDK reads anything, the shared config and credentials files
// (and the CA bundle and token files they or the environment name) are
// inspected with internal/safefile: a FIFO, a device, a directory, a
// symbolic link loop or a file over MaxSharedFileSize (1 MiB; 4 MiB for the
// CA bundle and token files) gives a *safefile.Error (Classify:
// ProblemUnsafeFile) at once instead of a hang or unbounded memory.
func Load(ctx context.Context, env Env, o LoadOptions) (*Session, error) {
	paths := awsconfig.DefaultPaths(env.Getenv, env.HomeDir())
	if err := CheckFiles(env, o.Profile); err != nil {
		return nil, fmt.Errorf("loading the AWS configuration: %w", err)
	}
	attempts := o.RetryMaxAttempts
	if attempts <= 0 {
		attempts = DefaultRetryMaxAttempts
	}
	opts := []func(*config.LoadOptions) error{
		config.WithSharedConfigFiles([]string{paths.Config}),
		config.WithSharedCredentialsFiles([]string{paths.Credentials}),
		config.WithRetryMaxAttempts(attempts),
		// The SDK logs warnings (e.g. "falling back to IMDSv1") to stderr;
		// the doctor reports what matters itself.
		config.WithLogger(logging.Nop{}),
	}
	if o.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(o.Profile))
	}
	if o.Region != "" {
		opts = append(opts, config.WithRegion(o.Region))
	}
	if strings.EqualFold(strings.TrimSpace(env.Getenv("AWS_EC2_METADATA_DISABLED")), "true") {
		opts = append(opts, config.WithEC2IMDSClientEnableState(imds.ClientDisabled))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("loading the AWS configuration: %w", err)
	}
	s := &Session{cfg: cfg}
	s.regionDefaulted = cfg.Region == ""
	if s.regionDefaulted {
		s.cfg.Region = FallbackRegion
	}
	for _, src := range cfg.ConfigSources {
		switch c := src.(type) {
		case config.EnvConfig:
			if s.envCfg == nil {
				s.envCfg = &c
			}
		case config.SharedConfig:
			if s.shared == nil {
				s.shared = &c
			}
		}
	}
	if ps, ok := cfg.Credentials.(aws.CredentialProviderSource); ok {
		s.sources = ps.ProviderSources()
	}
	s.source = describeSource(s.sources, s.envCfg, s.shared)
	runner := o.Runner
	if runner == nil {
		runner, _ = env.(ProcessRunner)
	}
	processTimeout := o.ProcessTimeout
	if processTimeout <= 0 {
		processTimeout = DefaultProcessTimeout
	}
	s.sealProcess(runner, processTimeout)
	if slices.Contains(s.sources, aws.CredentialSourceIMDS) && !isAnonymous(cfg.Credentials) {
		timeout := o.IMDSTimeout
		if timeout <= 0 {
			timeout = DefaultIMDSTimeout
		}
		s.cfg.Credentials = aws.NewCredentialsCache(boundedProvider{inner: cfg.Credentials, timeout: timeout})
	}
	s.init()
	return s, nil
}

// boundedProvider gives a provider a deadline of its own, so that the
// instance metadata service, absent on laptops, cannot add seconds.
type boundedProvider struct {
	inner   aws.CredentialsProvider
	timeout time.Duration
}

func (p boundedProvider) Retrieve(ctx context.Context) (aws.Credentials, error) {
	ctx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	c, err := p.inner.Retrieve(ctx)
	if err != nil {
		return c, fmt.Errorf("asking the instance metadata service (allowed %s): %w", p.timeout, err)
	}
	return c, nil
}
