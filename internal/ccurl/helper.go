package ccurl

import (
	"regexp"
	"strings"
)

// helperRegionRE is the AWS CLI credential helper's own region regex
// (awscli/customizations/codecommit.py, CodeCommitGetCommand.extract_region).
// Python's re.match anchors at the start only, hence the leading ^ and no $.
// Go's leftmost-first submatch semantics pick the same groups as Python's
// backtracking engine.
var helperRegionRE = regexp.MustCompile(`^(vpce-.+\.)?git-codecommit(-fips)?\.([^.]+)\.(vpce\.)?amazonaws\.com`)

// RegionFromHost returns the region the AWS CLI credential helper signs for
// when git hands it this host, exactly as the helper computes it: a
// case-sensitive match, anchored at the start of the host only, of
// (vpce-.+\.)?git-codecommit(-fips)?\.([^.]+)\.(vpce\.)?amazonaws\.com.
// When ok is false the helper falls back to --region, then to the profile's
// region.
func RegionFromHost(host string) (region string, ok bool) {
	m := helperRegionRE.FindStringSubmatch(host)
	if m == nil {
		return "", false
	}
	return m[3], true
}

// IsAWSHelperHost reports whether the AWS CLI credential helper
// (`aws codecommit credential-helper get`) produces credentials for this
// host. Like the helper, it is a case-sensitive substring test for
// "amazon.com" or "amazonaws.com" on the host exactly as git sends it
// (including any :port). For any other host the helper prints nothing and
// git moves on to the next helper or prompts.
func IsAWSHelperHost(host string) bool {
	return strings.Contains(host, "amazon.com") || strings.Contains(host, "amazonaws.com")
}
