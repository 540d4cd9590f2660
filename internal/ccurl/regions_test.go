package ccurl

import (
	"slices"
	"testing"
)

func TestRegionsTable(t *testing.T) {
	rs := Regions()
	if len(rs) != 29 {
		t.Fatalf("len(Regions()) = %d, want 29", len(rs))
	}
	seen := map[string]bool{}
	for _, r := range rs {
		if seen[r] {
			t.Errorf("duplicate region %q", r)
		}
		seen[r] = true
		if !RegionSupported(r) {
			t.Errorf("RegionSupported(%q) = false for a listed region", r)
		}
		if !LooksLikeRegion(r) {
			t.Errorf("LooksLikeRegion(%q) = false for a listed region", r)
		}
	}
	for _, r := range []string{"cn-north-1", "cn-northwest-1", "us-gov-east-1", "us-gov-west-1", "il-central-1", "ap-south-2"} {
		if !seen[r] {
			t.Errorf("Regions() lacks %q", r)
		}
	}
	for _, r := range fipsRegions {
		if !seen[r] {
			t.Errorf("FIPS region %q is not in Regions()", r)
		}
	}
}

func TestRegionsReturnsCopy(t *testing.T) {
	a := Regions()
	a[0] = "mutated"
	if slices.Contains(Regions(), "mutated") {
		t.Fatal("Regions() shares its backing array")
	}
	if RegionSupported("mutated") {
		t.Fatal("mutating the result changed RegionSupported")
	}
}

func TestRegionSupported(t *testing.T) {
	tests := map[string]bool{
		"us-east-1": true, "eu-south-1": true, "me-central-1": true, "cn-northwest-1": true, "us-gov-west-1": true,
		"ap-southeast-5": false, "mx-central-1": false, "eu-south-2": false, "ca-west-1": false, "us-iso-east-1": false,
		"US-EAST-1": false, "us-east-1-fips": false, "": false, " us-east-1": false,
	}
	for r, want := range tests {
		if got := RegionSupported(r); got != want {
			t.Errorf("RegionSupported(%q) = %v, want %v", r, got, want)
		}
	}
}

func TestFIPSAvailable(t *testing.T) {
	tests := map[string]bool{
		"us-east-1": true, "us-east-2": true, "us-west-1": true, "us-west-2": true, "ca-central-1": true,
		"us-gov-east-1": true, "us-gov-west-1": true,
		"eu-west-1": false, "cn-north-1": false, "ap-northeast-1": false, "us-east-1-fips": false, "": false,
	}
	for r, want := range tests {
		if got := FIPSAvailable(r); got != want {
			t.Errorf("FIPSAvailable(%q) = %v, want %v", r, got, want)
		}
	}
}

func TestPartitionAndLooksLikeRegion(t *testing.T) {
	tests := []struct {
		region, partition string
	}{
		{"us-east-1", "aws"},
		{"ap-southeast-5", "aws"},
		{"mx-central-1", "aws"},
		{"il-central-1", "aws"},
		{"cn-north-1", "aws-cn"},
		{"us-gov-west-1", "aws-us-gov"},
		{"us-iso-east-1", "aws-iso"},
		{"us-isob-east-1", "aws-iso-b"},
		{"eu-isoe-west-1", "aws-iso-e"},
		{"us-isof-south-1", "aws-iso-f"},
		{"eusc-de-east-1", "aws-eusc"},
		{"US-EAST-1", ""},
		{"us-east-1-fips", ""},
		{"fips", ""},
		{"useast1", ""},
		{"zz-east-1", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Partition(tt.region); got != tt.partition {
			t.Errorf("Partition(%q) = %q, want %q", tt.region, got, tt.partition)
		}
		if got, want := LooksLikeRegion(tt.region), tt.partition != ""; got != want {
			t.Errorf("LooksLikeRegion(%q) = %v, want %v", tt.region, got, want)
		}
	}
}

func TestHostAndHTTPSURL(t *testing.T) {
	tests := []struct {
		region string
		fips   bool
		host   string
	}{
		{"us-east-2", false, "git-codecommit.us-east-2.amazonaws.com"},
		{"us-east-2", true, "git-codecommit-fips.us-east-2.amazonaws.com"},
		{"us-gov-west-1", true, "git-codecommit-fips.us-gov-west-1.amazonaws.com"},
		{"cn-north-1", false, "git-codecommit.cn-north-1.amazonaws.com.cn"},
		{"CN-NORTHWEST-1", false, "git-codecommit.cn-northwest-1.amazonaws.com.cn"},
	}
	for _, tt := range tests {
		if got := Host(tt.region, tt.fips); got != tt.host {
			t.Errorf("Host(%q, %v) = %q, want %q", tt.region, tt.fips, got, tt.host)
		}
	}
	if got, want := HTTPSURL("us-east-2", "MyDemoRepo"), "https://git-codecommit.us-east-2.amazonaws.com/v1/repos/MyDemoRepo"; got != want {
		t.Errorf("HTTPSURL = %q, want %q", got, want)
	}
	if got, want := HTTPSURL("cn-north-1", "a b"), "https://git-codecommit.cn-north-1.amazonaws.com.cn/v1/repos/a%20b"; got != want {
		t.Errorf("HTTPSURL = %q, want %q", got, want)
	}
}

// Every canonical URL built from the table parses back without problems.
func TestHTTPSURLRoundTrip(t *testing.T) {
	for _, region := range Regions() {
		for _, fips := range []bool{false, true} {
			if fips && !FIPSAvailable(region) {
				continue
			}
			raw := "https://" + Host(region, fips) + "/v1/repos/Repo"
			r := Parse(raw)
			if r.Scheme != SchemeHTTPS || r.Region != region || r.Repository != "Repo" || r.FIPS != fips || len(r.Problems) != 0 {
				t.Errorf("Parse(%q) = %+v", raw, r)
			}
			if got := regionOrEmpty(Host(region, fips)); got != region {
				t.Errorf("RegionFromHost(%q) = %q, want %q", Host(region, fips), got, region)
			}
			if !IsAWSHelperHost(Host(region, fips)) {
				t.Errorf("IsAWSHelperHost(%q) = false", Host(region, fips))
			}
		}
	}
}

// regionOrEmpty returns the region or "" when RegionFromHost fails.
func regionOrEmpty(host string) string {
	r, ok := RegionFromHost(host)
	if !ok {
		return ""
	}
	return r
}
