package ccurl

// Why a hand-written table: the AWS SDK for Go v2 cannot answer "does
// CodeCommit exist in this region?" through any public API.
//   - codecommit.NewDefaultEndpointResolver (exported, returning the internal
//     endpoints.Resolver) resolves every string: a region matching a
//     partition's regex, or anything else by falling back to the "aws"
//     partition, gets a templated URL and no error (ap-southeast-5 and even
//     "nonsense" resolve). The per-region list it holds is unexported.
//   - codecommit.NewDefaultEndpointResolverV2 is a rules engine that builds
//     codecommit.{region}.{dnsSuffix} for any region; its partition data
//     (aws-sdk-go-v2/internal/endpoints/awsrulesfn) is internal to the SDK
//     module and carries no per-service region list either.
// The one per-service fact the exported resolver does reveal is which
// regions have an explicit "REGION-fips" entry (its signing region is then
// the real region); sdk_test.go uses that to check FIPSAvailable.
//
// The list below is the 29 regions from the design notes (CodeCommit user
// guide, "Regions and Git connection endpoints"), which also match the
// regions the SDK's internal endpoint table names for CodeCommit.

// supportedRegions is never mutated; Regions returns a copy.
var supportedRegions = [...]string{
	// aws
	"af-south-1",
	"ap-east-1",
	"ap-northeast-1",
	"ap-northeast-2",
	"ap-northeast-3",
	"ap-south-1",
	"ap-south-2",
	"ap-southeast-1",
	"ap-southeast-2",
	"ap-southeast-3",
	"ca-central-1",
	"eu-central-1",
	"eu-north-1",
	"eu-south-1",
	"eu-west-1",
	"eu-west-2",
	"eu-west-3",
	"il-central-1",
	"me-central-1",
	"me-south-1",
	"sa-east-1",
	"us-east-1",
	"us-east-2",
	"us-west-1",
	"us-west-2",
	// aws-cn
	"cn-north-1",
	"cn-northwest-1",
	// aws-us-gov
	"us-gov-east-1",
	"us-gov-west-1",
}

// fipsRegions are the regions with git-codecommit-fips endpoints. Never
// mutated.
var fipsRegions = [...]string{
	"ca-central-1",
	"us-east-1",
	"us-east-2",
	"us-gov-east-1",
	"us-gov-west-1",
	"us-west-1",
	"us-west-2",
}

// Regions returns the AWS Regions where CodeCommit is available: the aws
// partition alphabetically, then aws-cn, then aws-us-gov. The caller owns the
// returned slice.
func Regions() []string {
	out := make([]string, len(supportedRegions))
	copy(out, supportedRegions[:])
	return out
}

// RegionSupported reports whether CodeCommit is available in region. The
// comparison is exact: region IDs are lower-case ("US-EAST-1" is not one).
func RegionSupported(region string) bool {
	for _, r := range supportedRegions {
		if r == region {
			return true
		}
	}
	return false
}

// FIPSAvailable reports whether CodeCommit has a FIPS endpoint
// (git-codecommit-fips.REGION.amazonaws.com) in region.
func FIPSAvailable(region string) bool {
	for _, r := range fipsRegions {
		if r == region {
			return true
		}
	}
	return false
}
