package ccurl

import (
	"net/url"
	"strings"
)

// CanonicalURL is the HTTPS clone URL a remote should have, with what its
// Problems name put right: user info, port, query, trailing slash and
// ".git" suffix dropped, the host in lower case, http:// made https://,
// the CodeCommit API host replaced by the Git endpoint of its region. It is
// "" whenever no URL can be promised to be better: the repository name is
// missing or breaks CodeCommit's naming rules (encoding it would only hide
// the same name), the host is not CodeCommit's (a custom name, a
// look-alike), or the region is unknown or has no CodeCommit. A VPC
// endpoint host is kept as it is (lower-cased): a clone in a VPC may reach
// nothing else.
func CanonicalURL(r Remote) string {
	if r.Scheme == SchemeCodeCommit || r.Repository == "" || !ValidRepositoryName(r.Repository) {
		return ""
	}
	host := canonicalHost(r)
	if host == "" {
		return ""
	}
	return "https://" + host + "/v1/repos/" + url.PathEscape(r.Repository)
}

func canonicalHost(r Remote) string {
	lower := strings.ToLower(r.Host)
	if m := apiHostRE.FindStringSubmatch(lower); m != nil {
		if !RegionSupported(m[2]) {
			return ""
		}
		return Host(m[2], m[1] != "" && FIPSAvailable(m[2]))
	}
	if !gitHostRE.MatchString(lower) || !RegionSupported(r.Region) {
		return ""
	}
	if r.VPCEndpoint {
		if r.HasProblem(CodeBadVPCEHost) {
			return ""
		}
		return lower
	}
	return Host(r.Region, r.FIPS && FIPSAvailable(r.Region))
}
