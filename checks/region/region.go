package region

import (
	"context"
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/signing"

	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/shellword"
)

// ID is the check's id.
const ID = "region"

// Key is what the region check tells later checks.
var Key = checks.NewKey[*Facts](ID)

// Facts are the repository's region and the region requests are signed
// for, as this check judged them.
type Facts struct {
	RepositoryRegion, SigningRegion string
	// Mismatch is true when the two differ.
	Mismatch bool
}

type regionCheck struct{}

// New returns the `region` check.
func New() checks.Check { return regionCheck{} }

func (regionCheck) Info() checks.Info {
	return checks.Info{
		ID:    ID,
		Title: "The repository's region has CodeCommit and matches the signing region",
		Description: "Reads the region the URL names and works out the region the credential helper " +
			"signs with, as the AWS CLI does: the host first (git-codecommit[-fips].REGION.amazonaws.com), " +
			"else --region in the helper command, else the profile's region, else AWS_REGION (CLI v2) or " +
			"AWS_DEFAULT_REGION. Checks that CodeCommit exists in that region (29 regions, FIPS hosts only " +
			"where they exist, .amazonaws.com.cn for China) and that the two regions agree.",
		After: []checks.KeyRef{checks.TargetKey, signing.Key},
		Gives: []checks.KeyRef{Key},
		Needs: checks.Needs{Target: true},
		Findings: []checks.FindingDoc{
			{Code: "region-unsupported", Severity: checks.Fail, Meaning: "CodeCommit does not exist in the region the URL (or the signing configuration) names.", Remediation: []string{"Use a region from " + remedy.RegionsDocs}},
			{Code: "region-missing", Severity: checks.Fail, Meaning: "Nothing names a region: the helper cannot sign.", Remediation: []string{"aws configure set region REGION --profile PROFILE"}},
			{Code: "region-mismatch", Severity: checks.Fail, Meaning: "The helper would sign for another region than the repository's: the service answers 403.", Remediation: []string{"git remote set-url origin https://git-codecommit.REGION.amazonaws.com/v1/repos/NAME"}},
			{Code: "region-not-in-host", Severity: checks.Fail, Meaning: "A CodeCommit-looking host that names no region."},
			{Code: "fips-unavailable", Severity: checks.Fail, Meaning: "A FIPS host in a region without a FIPS endpoint."},
			{Code: "china-host-mismatch", Severity: checks.Fail, Meaning: "A China region without .amazonaws.com.cn, or the reverse."},
		},
	}
}

func (regionCheck) Run(ctx context.Context, env *checks.Env) (checks.Result, error) {
	t := env.TargetOf()
	if t == nil {
		return checks.Skipped(checks.NoTargetReason), nil
	}
	u := t.URL
	if u.Scheme != ccurl.SchemeHTTPS && u.Scheme != ccurl.SchemeCodeCommit {
		return checks.Skipped(fmt.Sprintf("skipped: %s is not an HTTPS or codecommit:// URL", u.Display)), nil
	}
	var res checks.Result
	res.Status = checks.Pass
	for _, p := range u.Problems {
		if ccurl.IsRegionProblem(p.Code) {
			res.Add(checks.Finding{Code: p.Code, Severity: checks.Fail, Message: p.Message, Remediation: regionFix(u, t), Docs: []string{remedy.RegionsDocs}})
		}
	}
	repoRegion, repoSource := u.Region, "the URL"
	if repoRegion == "" && env.Options.Region != "" {
		repoRegion, repoSource = env.Options.Region, "--region"
	}
	sf, ok := signing.Key.Get(env)
	if !ok {
		return res, fmt.Errorf("the signing region was not worked out")
	}
	sign := struct{ region, source, profile string }{sf.Region, sf.RegionSource, sf.Profile}
	if sf.FilesErr != nil && !fromURLOrHelper(sf.RegionSource) {
		return res, sf.FilesErr
	}
	res.AddEvidence("repository_region", repoRegion)
	res.AddEvidence("repository_region_source", repoSource)
	res.AddEvidence("signing_region", sign.region)
	res.AddEvidence("signing_region_source", sign.source)
	if repoRegion == "" {
		repoRegion, repoSource = sign.region, sign.source
	}
	switch {
	case repoRegion == "" && u.Scheme == ccurl.SchemeCodeCommit:
		res.Add(grcRegionMissing(env, t, sign.profile))
		res.Summary = "no region"
		return res, nil
	case repoRegion == "":
		res.Add(checks.Finding{Code: "region-missing", Severity: checks.Fail,
			Message:     "No region is named anywhere: not in the URL, the helper command, the profile " + quoteProfile(sign.profile) + " or the environment.",
			Remediation: []string{"aws configure set region REGION --profile " + shellword.POSIX(sign.profile) + "   # REGION: the repository's region, as in its clone URL git-codecommit.REGION.amazonaws.com"},
			Docs:        []string{remedy.RegionsDocs}})
		res.Summary = "no region"
		return res, nil
	case !ccurl.RegionSupported(repoRegion) && !res.Has("region-unsupported"):
		res.Add(checks.Finding{Code: "region-unsupported", Severity: checks.Fail,
			Message:     fmt.Sprintf("CodeCommit does not exist in %q (named by %s).", repoRegion, repoSource),
			Remediation: []string{"Use one of: " + strings.Join(ccurl.Regions(), ", ")}, Docs: []string{remedy.RegionsDocs}})
	}
	if sign.region != "" && sign.region != repoRegion {
		res.Add(checks.Finding{Code: "region-mismatch", Severity: checks.Fail,
			Message: fmt.Sprintf("The repository is in %s but the credential helper would sign for %s (from %s): CodeCommit answers 403.",
				repoRegion, sign.region, sign.source),
			Remediation: mismatchFix(u, t, repoRegion), Docs: []string{remedy.RegionsDocs}})
	}
	Key.Set(&res, &Facts{RepositoryRegion: repoRegion, SigningRegion: sign.region, Mismatch: sign.region != "" && sign.region != repoRegion})
	if res.Status == checks.Pass {
		res.Summary = fmt.Sprintf("%s has CodeCommit; requests are signed for %s (from %s)", repoRegion, sign.region, sign.source)
		if sign.region == "" {
			res.Summary = fmt.Sprintf("%s has CodeCommit", repoRegion)
		}
	} else {
		res.Summary = fmt.Sprintf("region problem for %s", u.Display)
	}
	return res, nil
}

// fromURLOrHelper reports whether the signing region was decided before
// the AWS files were needed.
func fromURLOrHelper(source string) bool {
	return strings.HasPrefix(source, "the host") || strings.HasPrefix(source, "the codecommit") || strings.HasPrefix(source, "--region")
}

func regionFix(u ccurl.Remote, t *checks.Target) []string {
	if u.Region == "" || u.Repository == "" || !ccurl.RegionSupported(u.Region) {
		return []string{"Use the URL the CodeCommit console shows for the repository (Clone URL, HTTPS)."}
	}
	return mismatchFix(u, t, u.Region)
}

func mismatchFix(u ccurl.Remote, t *checks.Target, region string) []string {
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
