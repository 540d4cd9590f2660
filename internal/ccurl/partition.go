package ccurl

import (
	"net/url"
	"regexp"
	"strings"
)

// Partition IDs returned by Partition.
const (
	PartitionAWS      = "aws"
	PartitionChina    = "aws-cn"
	PartitionGovCloud = "aws-us-gov"
)

// partitionPattern pairs a partition ID with the shape of its region IDs.
type partitionPattern struct {
	id string
	re *regexp.Regexp
}

// partitionPatterns mirror the region regexes in the SDK's endpoint data
// (restricted to lower-case letters and digits). The patterns are disjoint.
// Never mutated.
var partitionPatterns = [...]partitionPattern{
	{PartitionAWS, regexp.MustCompile(`^(us|eu|ap|sa|ca|me|af|il|mx)-[a-z0-9]+-[0-9]+$`)},
	{PartitionChina, regexp.MustCompile(`^cn-[a-z0-9]+-[0-9]+$`)},
	{PartitionGovCloud, regexp.MustCompile(`^us-gov-[a-z0-9]+-[0-9]+$`)},
	{"aws-iso", regexp.MustCompile(`^us-iso-[a-z0-9]+-[0-9]+$`)},
	{"aws-iso-b", regexp.MustCompile(`^us-isob-[a-z0-9]+-[0-9]+$`)},
	{"aws-iso-e", regexp.MustCompile(`^eu-isoe-[a-z0-9]+-[0-9]+$`)},
	{"aws-iso-f", regexp.MustCompile(`^us-isof-[a-z0-9]+-[0-9]+$`)},
	{"aws-eusc", regexp.MustCompile(`^eusc-de-[a-z0-9]+-[0-9]+$`)},
}

// Partition returns the AWS partition a region ID belongs to: "aws",
// "aws-cn" or "aws-us-gov" (or "aws-iso", "aws-iso-b", "aws-iso-e",
// "aws-iso-f", "aws-eusc" for those closed partitions), judged by the shape of
// the ID, as the SDK does. It returns "" for a string that is not shaped like
// a region ID.
func Partition(region string) string {
	for _, p := range partitionPatterns {
		if p.re.MatchString(region) {
			return p.id
		}
	}
	return ""
}

// LooksLikeRegion reports whether s is shaped like an AWS region ID
// (e.g. "us-east-1", "cn-north-1", "us-gov-west-1"), whether or not
// CodeCommit is available there. Pseudo-regions such as "us-east-1-fips" and
// upper-case spellings are not region IDs.
func LooksLikeRegion(s string) bool {
	return Partition(s) != ""
}

// Host returns the CodeCommit Git endpoint host for region:
// git-codecommit.REGION.amazonaws.com, git-codecommit-fips.REGION.amazonaws.com
// when fips is set, and the .amazonaws.com.cn domain for China regions. It
// does not check that the region (or its FIPS endpoint) exists.
func Host(region string, fips bool) string {
	region = strings.ToLower(region)
	label := "git-codecommit"
	if fips {
		label = "git-codecommit-fips"
	}
	suffix := "amazonaws.com"
	if Partition(region) == PartitionChina {
		suffix = "amazonaws.com.cn"
	}
	return label + "." + region + "." + suffix
}

// HTTPSURL returns the canonical HTTPS clone URL for a repository:
// https://git-codecommit.REGION.amazonaws.com[.cn]/v1/repos/REPO.
func HTTPSURL(region, repo string) string {
	return "https://" + Host(region, false) + "/v1/repos/" + url.PathEscape(repo)
}
