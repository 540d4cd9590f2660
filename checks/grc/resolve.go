package grc

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/credentials"
	"github.com/codecommit-doctor/codecommit-doctor/checks/signing"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/shellword"
	"github.com/codecommit-doctor/codecommit-doctor/internal/signer"
)

// endpointVariable overrides the host git-remote-codecommit connects to and
// signs for.
const endpointVariable = "CODE_COMMIT_ENDPOINT"

// grcContext is git-remote-codecommit's Context: what it signs with and for.
type grcContext struct {
	Profile, ProfileSource string
	Explicit               bool // the URL names the profile
	Region, RegionSource   string
	// Host is the host it connects to and signs for; Override is true when
	// CODE_COMMIT_ENDPOINT chose it.
	Host     string
	Override bool
	Path     string // /v1/repos/NAME
}

// resolve follows Context.from_url and git_url: the profile before '@',
// else botocore's AWS_DEFAULT_PROFILE, AWS_PROFILE, default (--profile does
// not reach git-remote-codecommit); the region of codecommit::REGION://,
// else AWS_DEFAULT_REGION, else the profile's.
func resolve(env *checks.Env, t *checks.Target, sf *signing.Facts) grcContext {
	c := grcContext{Explicit: t.URL.Profile != "", Path: "/v1/repos/" + t.URL.Repository}
	switch {
	case t.URL.Profile != "":
		c.Profile, c.ProfileSource = t.URL.Profile, "the codecommit:// URL"
	case env.Sys.Getenv("AWS_DEFAULT_PROFILE") != "":
		c.Profile, c.ProfileSource = env.Sys.Getenv("AWS_DEFAULT_PROFILE"), "AWS_DEFAULT_PROFILE"
	case env.Sys.Getenv("AWS_PROFILE") != "":
		c.Profile, c.ProfileSource = env.Sys.Getenv("AWS_PROFILE"), "AWS_PROFILE"
	default:
		c.Profile, c.ProfileSource = "default", "default"
	}
	switch {
	case t.URL.Region != "":
		c.Region, c.RegionSource = strings.ToLower(t.URL.Region), "the codecommit:: URL"
	case env.Sys.Getenv("AWS_DEFAULT_REGION") != "":
		c.Region, c.RegionSource = env.Sys.Getenv("AWS_DEFAULT_REGION"), "AWS_DEFAULT_REGION"
	case sf.Files != nil:
		if p, ok := sf.Files.Profile(c.Profile); ok && p.Get("region") != "" {
			c.Region, c.RegionSource = p.Get("region"), fmt.Sprintf("the region of profile %q", c.Profile)
		}
	}
	if h := env.Sys.Getenv(endpointVariable); h != "" {
		c.Host, c.Override = h, true
	} else if c.Region != "" {
		c.Host = grcHost(c.Region)
	}
	return c
}

// grcHost is website_domain_mapping: only cn-north-1 and cn-northwest-1
// get .amazonaws.com.cn.
func grcHost(region string) string {
	if region == "cn-north-1" || region == "cn-northwest-1" {
		return "git-codecommit." + region + ".amazonaws.com.cn"
	}
	return "git-codecommit." + region + ".amazonaws.com"
}

// profileFinding reports a profile named in the URL that botocore does not
// know (session.available_profiles: the config and credentials files).
func profileFinding(t *checks.Target, sf *signing.Facts) (checks.Finding, bool) {
	p := t.URL.Profile
	if p == "" || sf.Files == nil {
		return checks.Finding{}, false
	}
	if _, ok := sf.Files.Profile(p); ok {
		return checks.Finding{}, false
	}
	names := sf.Files.Names()
	sort.Strings(names)
	avail := "none"
	if len(names) > 0 {
		avail = strings.Join(names, ", ")
	}
	fix := []string{"aws configure --profile " + shellword.POSIX(p)}
	if len(names) > 0 {
		fix = append(fix, fmt.Sprintf("or name an existing profile in the URL: git remote set-url %s codecommit://PROFILE@%s   # PROFILE: one of %s", remoteName(t), t.URL.Repository, avail))
	}
	return checks.Finding{Code: codeProfileNotFound, Severity: checks.Fail,
		Message:     fmt.Sprintf("The URL names profile %q, which is in neither %s nor %s: git-remote-codecommit stops with \"The following profile was not found: %s\". Available profiles: %s.", p, sf.Files.Paths.Config, sf.Files.Paths.Credentials, p, avail),
		Remediation: fix, Docs: []string{remedy.GRCDocs}}, true
}

func remoteName(t *checks.Target) string {
	if t.RemoteName == "" {
		return "origin"
	}
	return t.RemoteName
}

// hostFindings are about the host: CODE_COMMIT_ENDPOINT, and China with a
// git-remote-codecommit that predates its .amazonaws.com.cn support (1.1).
func hostFindings(in *install, c grcContext) []checks.Finding {
	var out []checks.Finding
	want := grcHost(c.Region)
	if c.Override {
		host := strings.ToLower(c.Host)
		if h, _, _ := strings.Cut(host, ":"); h != want {
			out = append(out, checks.Finding{Code: codeEndpointWrong, Severity: checks.Fail,
				Message: fmt.Sprintf("%s=%s: git-remote-codecommit connects to and signs for that host, but signs for region %s (%s), whose git endpoint is %s: the service refuses the signature.",
					endpointVariable, c.Host, c.Region, c.RegionSource, want),
				Remediation: []string{"unset " + endpointVariable}, Docs: []string{remedy.GRCDocs}})
		} else {
			out = append(out, checks.Finding{Code: codeEndpoint, Severity: checks.Warn,
				Message: fmt.Sprintf("%s=%s: git-remote-codecommit connects to and signs for that host instead of the one it would choose (%s); the same host here, so it only matters if the variable outlives this setup.", endpointVariable, c.Host, want)})
		}
		return out
	}
	if ccurl.Partition(c.Region) != ccurl.PartitionChina {
		return out
	}
	fix := []string{"PYTHON -m pip install --upgrade git-remote-codecommit   # PYTHON: " + orPython(in),
		"or: export " + endpointVariable + "=" + want}
	switch {
	case in.Version != "" && versionBefore(in.Version, 1, 1):
		out = append(out, checks.Finding{Code: codeChinaOld, Severity: checks.Fail,
			Message:     fmt.Sprintf("git-remote-codecommit %s signs for git-codecommit.%s.amazonaws.com; %s is in the China partition, whose endpoint is %s (supported from git-remote-codecommit 1.1).", in.Version, c.Region, c.Region, want),
			Remediation: fix, Docs: []string{remedy.GRCDocs}})
	case in.Version == "":
		out = append(out, checks.Finding{Code: codeChinaOld, Severity: checks.Warn,
			Message:     fmt.Sprintf("%s is in the China partition: git-remote-codecommit signs for %s only from version 1.1 (older ones use .amazonaws.com and are refused), and its version could not be read.", c.Region, want),
			Remediation: fix, Docs: []string{remedy.GRCDocs}})
	}
	return out
}

func orPython(in *install) string {
	if in.Interpreter != "" {
		return "the Python that runs it, " + in.pythonCommand()
	}
	return "the Python that runs it"
}

// grcCredentials are the credentials git-remote-codecommit signs with: the
// credentials check's when it resolved the same profile, else loaded for
// it (a profile in the URL wins over credentials in the environment, as
// botocore drops its environment provider for an explicit profile).
func grcCredentials(ctx context.Context, env *checks.Env, c grcContext) (signer.Credentials, error) {
	if f, ok := credentials.Key.Get(env); ok && !f.Rejected && f.Profile == c.Profile {
		if cr, err := f.Credentials(ctx); err == nil {
			return signer.Credentials{AccessKeyID: cr.AccessKeyID, SecretAccessKey: cr.SecretAccessKey, SessionToken: cr.SessionToken}, nil
		}
	}
	opts := awsclient.LoadOptions{Region: c.Region}
	if c.Explicit {
		opts.Profile = c.Profile
	}
	sess, err := awsclient.Load(ctx, env.Sys, opts)
	if err != nil {
		return signer.Credentials{}, err
	}
	cr, err := sess.Credentials(ctx)
	if err != nil {
		return signer.Credentials{}, fmt.Errorf("getting credentials from %s: %w", sess.Source().String(), err)
	}
	if cr.AccessKeyID == "" || cr.SecretAccessKey == "" {
		return signer.Credentials{}, fmt.Errorf("the profile resolves to no access key")
	}
	return signer.Credentials{AccessKeyID: cr.AccessKeyID, SecretAccessKey: cr.SecretAccessKey, SessionToken: cr.SessionToken}, nil
}
