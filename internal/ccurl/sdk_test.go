package ccurl

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/codecommit"
)

// The SDK's exported v1-style resolver is the oracle for partitions, DNS
// suffixes and FIPS endpoints. (It cannot say whether CodeCommit exists in a
// region: see regions.go.)
func TestPartitionMatchesSDK(t *testing.T) {
	resolver := codecommit.NewDefaultEndpointResolver()
	regions := append(Regions(), "ap-southeast-5", "mx-central-1", "us-iso-east-1", "us-isob-east-1", "eu-isoe-west-1", "us-isof-south-1", "eusc-de-east-1")
	for _, region := range regions {
		ep, err := resolver.ResolveEndpoint(region, codecommit.EndpointResolverOptions{})
		if err != nil {
			t.Fatalf("resolving %s: %v", region, err)
		}
		if got := Partition(region); got != ep.PartitionID {
			t.Errorf("Partition(%q) = %q, SDK says %q", region, got, ep.PartitionID)
		}
		if RegionSupported(region) {
			apiHost := strings.TrimPrefix(ep.URL, "https://codecommit.")
			gitHost := strings.TrimPrefix(Host(region, false), "git-codecommit.")
			if apiHost != gitHost {
				t.Errorf("DNS suffix for %s: SDK %q, Host %q", region, apiHost, gitHost)
			}
		}
	}
}

// The SDK's endpoint table has an explicit "REGION-fips" entry, signing for
// REGION, exactly where CodeCommit has a FIPS endpoint; unknown pseudo-regions
// fall through to a template that signs for the pseudo-region itself.
func TestFIPSMatchesSDK(t *testing.T) {
	resolver := codecommit.NewDefaultEndpointResolver()
	for _, region := range Regions() {
		ep, err := resolver.ResolveEndpoint(region+"-fips", codecommit.EndpointResolverOptions{})
		if err != nil {
			t.Fatalf("resolving %s-fips: %v", region, err)
		}
		sdkHasFIPS := ep.SigningRegion == region
		if got := FIPSAvailable(region); got != sdkHasFIPS {
			t.Errorf("FIPSAvailable(%q) = %v, SDK endpoint table says %v (%s)", region, got, sdkHasFIPS, ep.URL)
		}
	}
}
