package signer

import (
	"regexp"
	"strings"
)

// hostRegion is the AWS CLI helper's pattern, applied like Python's re.match:
// anchored at the start only, so ".amazonaws.com.cn" hosts (and a host that
// merely starts like a CodeCommit host) match too. Go's regexp picks the same
// submatches as Python's backtracking engine for this pattern.
var hostRegion = regexp.MustCompile(`^(?:vpce-.+\.)?git-codecommit(?:-fips)?\.([^.]+)\.(?:vpce\.)?amazonaws\.com`)

// RegionFromHost returns the signing region the AWS CLI helper derives from
// the host git sent (a port is allowed), and whether the host matched the
// CodeCommit pattern. When it does not match the helper falls back to
// --region, then the profile's region.
func RegionFromHost(host string) (string, bool) {
	m := hostRegion.FindStringSubmatch(host)
	if m == nil {
		return "", false
	}
	return m[1], true
}

// HelperAnswersHost reports whether the AWS CLI helper produces credentials
// for host at all without --ignore-host-check: it answers only when the host
// contains "amazon.com" or "amazonaws.com" and otherwise prints nothing, so
// git falls through to the next helper or a prompt.
func HelperAnswersHost(host string) bool {
	return strings.Contains(host, "amazon.com") || strings.Contains(host, "amazonaws.com")
}
