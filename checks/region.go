package checks

import (
	"context"
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsconfig"
	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
)

// maxConfigFile bounds what is read of an AWS config or credentials file.
const maxConfigFile = 1 << 20

const regionsDocs = "https://docs.aws.amazon.com/codecommit/latest/userguide/regions.html"

type regionCheck struct{}

// NewRegion returns the `region` check.
func NewRegion() Check { return regionCheck{} }

func (regionCheck) Info() Info {
	return Info{
		ID:    "region",
		Title: "The repository's region has CodeCommit and matches the signing region",
		Description: "Reads the region the URL names and works out the region the credential helper " +
			"signs with, as the AWS CLI does: the host first (git-codecommit[-fips].REGION.amazonaws.com), " +
			"else --region in the helper command, else the profile's region, else AWS_REGION (CLI v2) or " +
			"AWS_DEFAULT_REGION. Checks that CodeCommit exists in that region (29 regions, FIPS hosts only " +
			"where they exist, .amazonaws.com.cn for China) and that the two regions agree.",
		After: []string{"remote", "aws-cli", "credential-helper"},
		Needs: Needs{Target: true},
		Findings: []FindingDoc{
			{Code: "region-unsupported", Severity: Fail, Meaning: "CodeCommit does not exist in the region the URL (or the signing configuration) names.", Remediation: []string{"Use a region from " + regionsDocs}},
			{Code: "region-missing", Severity: Fail, Meaning: "Nothing names a region: the helper cannot sign.", Remediation: []string{"aws configure set region REGION --profile PROFILE"}},
			{Code: "region-mismatch", Severity: Fail, Meaning: "The helper would sign for another region than the repository's: the service answers 403.", Remediation: []string{"git remote set-url origin https://git-codecommit.REGION.amazonaws.com/v1/repos/NAME"}},
			{Code: "region-not-in-host", Severity: Fail, Meaning: "A CodeCommit-looking host that names no region."},
			{Code: "fips-unavailable", Severity: Fail, Meaning: "A FIPS host in a region without a FIPS endpoint."},
			{Code: "china-host-mismatch", Severity: Fail, Meaning: "A China region without .amazonaws.com.cn, or the reverse."},
		},
	}
}

// SigningHints is what the credential-helper check may know about the AWS
// helper command git runs: its --profile and --region arguments.
type SigningHints interface {
	HelperProfile() string
	HelperRegion() string
}

func (regionCheck) Run(ctx context.Context, env *Env) (Result, error) {
	t := env.TargetOf()
	if t == nil {
		return Skipped(NoTargetReason), nil
	}
	u := t.URL
	if u.Scheme != ccurl.SchemeHTTPS && u.Scheme != ccurl.SchemeCodeCommit {
		return Skipped(fmt.Sprintf("skipped: %s is not an HTTPS or codecommit:// URL", u.Display)), nil
	}
	var res Result
	res.Status = Pass
	for _, p := range u.Problems {
		if regionProblem(p.Code) {
			res.Add(Finding{Code: p.Code, Severity: Fail, Message: p.Message, Remediation: regionFix(u, t), Docs: []string{regionsDocs}})
		}
	}
	repoRegion, repoSource := u.Region, "the URL"
	if repoRegion == "" && env.Options.Region != "" {
		repoRegion, repoSource = env.Options.Region, "--region"
	}
	sign, err := signingRegion(env, u)
	if err != nil {
		return res, err
	}
	res.AddEvidence("repository_region", repoRegion)
	res.AddEvidence("repository_region_source", repoSource)
	res.AddEvidence("signing_region", sign.region)
	res.AddEvidence("signing_region_source", sign.source)
	if repoRegion == "" {
		repoRegion, repoSource = sign.region, sign.source
	}
	switch {
	case repoRegion == "":
		res.Add(Finding{Code: "region-missing", Severity: Fail,
			Message:     "No region is named anywhere: not in the URL, the helper command, the profile " + quoteProfile(sign.profile) + " or the environment.",
			Remediation: []string{"aws configure set region us-east-1 --profile " + shellQuote(sign.profile) + "   # the repository's region"},
			Docs:        []string{regionsDocs}})
		res.Summary = "no region"
		return res, nil
	case !ccurl.RegionSupported(repoRegion) && !res.has("region-unsupported"):
		res.Add(Finding{Code: "region-unsupported", Severity: Fail,
			Message:     fmt.Sprintf("CodeCommit does not exist in %q (named by %s).", repoRegion, repoSource),
			Remediation: []string{"Use one of: " + strings.Join(ccurl.Regions(), ", ")}, Docs: []string{regionsDocs}})
	}
	if sign.region != "" && sign.region != repoRegion {
		res.Add(Finding{Code: "region-mismatch", Severity: Fail,
			Message: fmt.Sprintf("The repository is in %s but the credential helper would sign for %s (from %s): CodeCommit answers 403.",
				repoRegion, sign.region, sign.source),
			Remediation: mismatchFix(u, t, repoRegion), Docs: []string{regionsDocs}})
	}
	if res.Status == Pass {
		res.Summary = fmt.Sprintf("%s has CodeCommit; requests are signed for %s (from %s)", repoRegion, sign.region, sign.source)
		if sign.region == "" {
			res.Summary = fmt.Sprintf("%s has CodeCommit", repoRegion)
		}
	} else {
		res.Summary = fmt.Sprintf("region problem for %s", u.Display)
	}
	return res, nil
}

func (r *Result) has(code string) bool {
	for _, f := range r.Findings {
		if f.Code == code {
			return true
		}
	}
	return false
}

type signing struct {
	region, source, profile string
}

// signingRegion works out the region the helper (or git-remote-codecommit)
// signs with.
func signingRegion(env *Env, u ccurl.Remote) (signing, error) {
	var hints SigningHints
	if dep, ok := env.Dep("credential-helper"); ok {
		hints, _ = dep.Facts.(SigningHints)
	}
	profile := chooseProfile(env).name
	s := signing{profile: profile}
	if u.Scheme == ccurl.SchemeHTTPS {
		if r, ok := ccurl.RegionFromHost(u.Host); ok {
			s.region, s.source = r, "the host "+u.Host
			return s, nil
		}
	} else if u.Region != "" {
		s.region, s.source = u.Region, "the codecommit:: URL"
		return s, nil
	}
	if hints != nil && hints.HelperRegion() != "" {
		s.region, s.source = hints.HelperRegion(), "--region in the helper command"
		return s, nil
	}
	files, err := loadAWSFiles(env)
	if err != nil {
		return s, err
	}
	if p, ok := files.Profile(profile); ok && p.Get("region") != "" {
		s.region = p.Get("region")
		s.source = fmt.Sprintf("the region of profile %q in %s", profile, strings.Join(p.Sources, ", "))
		return s, nil
	}
	for _, k := range regionVariables(env) {
		if v := env.Sys.Getenv(k); v != "" {
			s.region, s.source = v, k
			return s, nil
		}
	}
	return s, nil
}

// regionVariables are the environment variables the AWS CLI reads for the
// region: v2 reads AWS_REGION first, v1 only AWS_DEFAULT_REGION.
func regionVariables(env *Env) []string {
	if dep, ok := env.Dep("aws-cli"); ok {
		if f, ok := dep.Facts.(AWSCLIFacts); ok && f.Major == 1 {
			return []string{"AWS_DEFAULT_REGION"}
		}
	}
	return []string{"AWS_REGION", "AWS_DEFAULT_REGION"}
}

// loadAWSFiles reads the AWS CLI's shared config and credentials files
// through the machine door. Missing files are empty.
func loadAWSFiles(env *Env) (*awsconfig.Files, error) {
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

func regionFix(u ccurl.Remote, t *Target) []string {
	if u.Region == "" || u.Repository == "" || !ccurl.RegionSupported(u.Region) {
		return []string{"Use the URL the CodeCommit console shows for the repository (Clone URL, HTTPS)."}
	}
	return mismatchFix(u, t, u.Region)
}

func mismatchFix(u ccurl.Remote, t *Target, region string) []string {
	if u.Scheme == ccurl.SchemeCodeCommit || u.Repository == "" {
		return []string{fmt.Sprintf("Name the region in the URL: codecommit::%s://%s", region, u.Repository)}
	}
	url := ccurl.HTTPSURL(region, u.Repository)
	if t.RemoteName != "" {
		return []string{"git remote set-url " + t.RemoteName + " " + url}
	}
	return []string{"Use the URL " + url}
}

func quoteProfile(p string) string { return fmt.Sprintf("%q", p) }

// shellQuote quotes a word for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"\\$`!*?[]{}()<>|&;#~") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
