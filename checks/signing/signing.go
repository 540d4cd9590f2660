// Package signing is a hidden fact provider: the profile the AWS CLI helper
// signs with, the region it signs for and the region AWS clients use, each
// with who chose it, and the AWS shared config files read once. The region,
// credentials, credential-helper and reproduce checks read it, so they can
// never disagree on these choices.
package signing

import (
	"context"
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/awscli"
	"github.com/codecommit-doctor/codecommit-doctor/checks/chain"
	"github.com/codecommit-doctor/codecommit-doctor/internal/awsconfig"
	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
)

// ID is the provider's id.
const ID = "signing"

// Key is the signing context.
var Key = checks.NewKey[*Facts](ID)

// Facts are the choices the AWS CLI helper (or git-remote-codecommit) makes.
type Facts struct {
	// Profile is the profile whose credentials sign, ProfileSource who
	// chose it; Explicit is true when it is named outright (then it wins
	// over credentials in the environment).
	Profile, ProfileSource string
	Explicit               bool
	// Region is the region requests to the target are signed for ("" when
	// nothing names one), RegionSource who chose it.
	Region, RegionSource string
	// ClientRegion is the region AWS API clients use: the repository's,
	// else --region, else the helper's --region; "" lets the profile decide.
	ClientRegion string
	// Files are the AWS CLI's config and credentials files; FilesErr says
	// why they could not be read.
	Files    *awsconfig.Files
	FilesErr error
}

type provider struct{}

// New returns the provider.
func New() checks.Check { return provider{} }

func (provider) Info() checks.Info {
	return checks.Info{
		ID:     ID,
		Title:  "the profile and region the helper signs with",
		Hidden: true,
		After:  []checks.KeyRef{checks.TargetKey, chain.Key, awscli.Key},
		Gives:  []checks.KeyRef{Key},
	}
}

func (provider) Run(_ context.Context, env *checks.Env) (checks.Result, error) {
	var res checks.Result
	f := &Facts{}
	f.Files, f.FilesErr = loadAWSFiles(env)
	h := helperArgs(env)
	f.Profile, f.ProfileSource, f.Explicit = chooseProfile(env, h)
	f.ClientRegion = clientRegion(env, h)
	f.Region, f.RegionSource = signingRegion(env, f, h)
	Key.Set(&res, f)
	res.Status = checks.Pass
	return res, nil
}

// helper is what the AWS helper command git runs names.
type helper struct{ profile, region string }

func helperArgs(env *checks.Env) helper {
	c, ok := chain.Key.Get(env)
	if !ok || !c.Real {
		return helper{}
	}
	return helper{profile: c.HelperProfile(), region: c.HelperRegion()}
}

// chooseProfile follows the credential helper: --profile, the helper
// command's --profile, a codecommit://PROFILE@ URL, AWS_PROFILE, default.
func chooseProfile(env *checks.Env, h helper) (name, source string, explicit bool) {
	if p := env.Options.Profile; p != "" {
		return p, "--profile", true
	}
	if h.profile != "" {
		return h.profile, "--profile in the credential helper command", true
	}
	if t := env.TargetOf(); t != nil && t.URL.Profile != "" {
		return t.URL.Profile, "the codecommit:// URL", true
	}
	if isGRC(env) {
		// botocore, which git-remote-codecommit runs on, reads
		// AWS_DEFAULT_PROFILE before AWS_PROFILE.
		if p := env.Sys.Getenv("AWS_DEFAULT_PROFILE"); p != "" {
			return p, "AWS_DEFAULT_PROFILE", false
		}
	}
	if p := env.Sys.Getenv("AWS_PROFILE"); p != "" {
		return p, "AWS_PROFILE", false
	}
	return "default", "default", false
}

func clientRegion(env *checks.Env, h helper) string {
	if t := env.TargetOf(); t != nil && t.URL.Region != "" && ccurl.RegionSupported(t.URL.Region) {
		return t.URL.Region
	}
	if env.Options.Region != "" {
		return env.Options.Region
	}
	return h.region
}

// signingRegion works out the region the helper (or git-remote-codecommit)
// signs with: the host, the codecommit:: URL, the helper's --region, the
// profile's region, the environment.
func signingRegion(env *checks.Env, f *Facts, h helper) (region, source string) {
	if t := env.TargetOf(); t != nil {
		u := t.URL
		if u.Scheme == ccurl.SchemeHTTPS {
			if r, ok := ccurl.RegionFromHost(u.Host); ok {
				return r, "the host " + u.Host
			}
		} else if u.Region != "" {
			return u.Region, "the codecommit:: URL"
		}
	}
	if isGRC(env) {
		return grcRegion(env, f)
	}
	if h.region != "" {
		return h.region, "--region in the helper command"
	}
	if f.Files != nil {
		if p, ok := f.Files.Profile(f.Profile); ok && p.Get("region") != "" {
			return p.Get("region"), fmt.Sprintf("the region of profile %q in %s", f.Profile, strings.Join(p.Sources, ", "))
		}
	}
	for _, k := range regionVariables(env) {
		if v := env.Sys.Getenv(k); v != "" {
			return v, k
		}
	}
	return "", ""
}

// isGRC reports whether the target is a git-remote-codecommit URL.
func isGRC(env *checks.Env) bool {
	t := env.TargetOf()
	return t != nil && t.URL.Scheme == ccurl.SchemeCodeCommit
}

// grcRegion is the region git-remote-codecommit signs for when its URL
// names none: botocore's session region, which is AWS_DEFAULT_REGION, else
// the profile's region. It never reads AWS_REGION, and the AWS helper's
// --region does not apply to it.
func grcRegion(env *checks.Env, f *Facts) (region, source string) {
	if v := env.Sys.Getenv("AWS_DEFAULT_REGION"); v != "" {
		return v, "AWS_DEFAULT_REGION"
	}
	if f.Files != nil {
		if p, ok := f.Files.Profile(f.Profile); ok && p.Get("region") != "" {
			return p.Get("region"), fmt.Sprintf("the region of profile %q in %s", f.Profile, strings.Join(p.Sources, ", "))
		}
	}
	return "", ""
}

// regionVariables are the environment variables the AWS CLI reads for the
// region: v2 reads AWS_REGION first, v1 only AWS_DEFAULT_REGION.
func regionVariables(env *checks.Env) []string {
	if f, ok := awscli.Key.Get(env); ok && f.Major == 1 {
		return []string{"AWS_DEFAULT_REGION"}
	}
	return []string{"AWS_REGION", "AWS_DEFAULT_REGION"}
}

// maxConfigFile bounds what is read of an AWS config or credentials file.
const maxConfigFile = 1 << 20

// loadAWSFiles reads the AWS CLI's shared config and credentials files
// through the machine door. Missing files are empty.
func loadAWSFiles(env *checks.Env) (*awsconfig.Files, error) {
	paths := awsconfig.DefaultPaths(env.Sys.Getenv, env.Sys.HomeDir())
	read := func(p string) ([]byte, error) {
		if !env.Sys.FileExists(p) {
			return nil, nil
		}
		b, err := env.Sys.ReadFile(p, maxConfigFile)
		if err != nil {
			return nil, fmt.Errorf("reading the AWS configuration: %w", err)
		}
		return b, nil
	}
	cfg, err := read(paths.Config)
	if err != nil {
		return nil, err
	}
	creds, err := read(paths.Credentials)
	if err != nil {
		return nil, err
	}
	return awsconfig.Parse(paths, cfg, creds), nil
}
