package ccurl

import (
	"fmt"
	"regexp"
	"strings"
)

// gitHostRE is the strict shape of every CodeCommit Git endpoint host
// (lower-cased): regional, FIPS, VPC endpoint (vpce-ID.git-codecommit[-fips].
// REGION.vpce.amazonaws.com) and China (.amazonaws.com.cn).
var gitHostRE = regexp.MustCompile(`^(vpce-[a-z0-9-]+\.)?git-codecommit(-fips)?\.([a-z0-9-]+)\.(vpce\.)?amazonaws\.com(\.cn)?$`)

// regionlessHostRE matches CodeCommit-looking hosts that name no region.
var regionlessHostRE = regexp.MustCompile(`^(vpce-[a-z0-9-]+\.)?git-codecommit(-fips)?\.(vpce\.)?amazonaws\.com(\.cn)?$`)

// apiHostRE matches the CodeCommit API endpoint, which is not a Git endpoint.
var apiHostRE = regexp.MustCompile(`^codecommit(-fips)?\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$`)

// analyzeHost classifies a Git endpoint host and records host, region and
// endpoint-kind fields and Problems. hostname has no port or brackets;
// hostport is the host as git sends it to credential helpers. helper is true
// when git would ask credential helpers for this URL (http and https).
func analyzeHost(r *Remote, hostname, hostport string, helper bool) {
	r.Host = hostname
	if hostname == "" {
		r.addProblem(CodeNotCodeCommitHost, "the URL has no host; CodeCommit Git hosts look like git-codecommit.REGION.amazonaws.com")
		return
	}
	lower := strings.ToLower(hostname)
	if helper && lower != hostname {
		r.addProblem(CodeUppercaseHost, fmt.Sprintf("the host %q has upper-case letters: git hands it to credential helpers as written, and the AWS CLI helper's host check and region regex are case-sensitive, so it either answers nothing (git prompts) or signs for the wrong region (403); write the host in lower case", hostname))
	}
	if m := gitHostRE.FindStringSubmatch(lower); m != nil {
		classifyGitHost(r, m)
	} else {
		describeForeignHost(r, hostname, lower)
	}
	if helper && !IsAWSHelperHost(hostport) {
		r.addProblem(CodeHelperIgnoresHost, fmt.Sprintf("the AWS CLI credential helper only answers for hosts containing \"amazonaws.com\" or \"amazon.com\" (case-sensitive); for %q it prints nothing and git prompts for a user name and password instead", hostport))
	}
}

// classifyGitHost handles a host matching gitHostRE; m is the submatch.
func classifyGitHost(r *Remote, m []string) {
	vpcePrefix, fips, region, vpceLabel, china := m[1] != "", m[2] != "", m[3], m[4] != "", m[5] != ""
	r.Region = region
	r.FIPS = fips
	r.VPCEndpoint = vpcePrefix || vpceLabel
	r.China = china
	if vpcePrefix != vpceLabel {
		r.addProblem(CodeBadVPCEHost, "a VPC endpoint host needs both the vpce-ID. prefix and the .vpce. label: vpce-ID.git-codecommit.REGION.vpce.amazonaws.com")
	}
	if !RegionSupported(region) {
		if LooksLikeRegion(region) {
			r.addProblem(CodeRegionUnsupported, fmt.Sprintf("CodeCommit is not available in %s", region))
		} else {
			r.addProblem(CodeRegionUnsupported, fmt.Sprintf("%q in the host is not an AWS region ID", region))
		}
		return
	}
	isCN := Partition(region) == PartitionChina
	switch {
	case isCN && !china:
		r.addProblem(CodeChinaHostMismatch, fmt.Sprintf("China regions are served from .amazonaws.com.cn: use %s", Host(region, fips)))
	case china && !isCN:
		r.addProblem(CodeChinaHostMismatch, fmt.Sprintf("only the China regions use .amazonaws.com.cn: use %s", Host(region, fips)))
	}
	if fips && !FIPSAvailable(region) {
		r.addProblem(CodeFIPSUnavailable, fmt.Sprintf("CodeCommit has no FIPS endpoint in %s: use %s", region, Host(region, false)))
	}
}

// describeForeignHost explains a host that is not a CodeCommit Git endpoint.
func describeForeignHost(r *Remote, hostname, lower string) {
	if regionlessHostRE.MatchString(lower) {
		r.addProblem(CodeRegionNotInHost, fmt.Sprintf("%q names no region; CodeCommit Git hosts are git-codecommit.REGION.amazonaws.com, and without a region in the host the AWS CLI helper signs for the profile's region", hostname))
		return
	}
	if m := apiHostRE.FindStringSubmatch(lower); m != nil {
		r.Region = m[2]
		r.addProblem(CodeNotCodeCommitHost, fmt.Sprintf("%q is the CodeCommit API endpoint, not the Git endpoint: use %s", hostname, Host(m[2], m[1] != "")))
		return
	}
	if region, ok := RegionFromHost(lower); ok {
		// Not a real endpoint, but the helper would still sign for this region.
		r.Region = region
	}
	r.addProblem(CodeNotCodeCommitHost, fmt.Sprintf("%q is not a CodeCommit Git endpoint (git-codecommit.REGION.amazonaws.com); a custom DNS name or proxy in front of CodeCommit breaks both the AWS CLI helper and the request signature", hostname))
}

// IsCodeCommit reports whether the remote is a CodeCommit one: a
// codecommit:// URL, or a URL whose host has the shape of a CodeCommit Git
// endpoint (regional, FIPS, VPC endpoint or China, in any case, also
// without a region). Any other host (github.com, a custom DNS name, the
// CodeCommit API endpoint) is not, and neither is a local path.
func (r Remote) IsCodeCommit() bool {
	if r.Scheme == SchemeCodeCommit {
		return true
	}
	h := strings.ToLower(r.Host)
	return h != "" && (gitHostRE.MatchString(h) || regionlessHostRE.MatchString(h))
}
