package ccurl

import "testing"

func TestRegionFromHost(t *testing.T) {
	tests := []struct {
		host, region string
		ok           bool
	}{
		{"git-codecommit.us-east-1.amazonaws.com", "us-east-1", true},
		{"git-codecommit-fips.us-gov-west-1.amazonaws.com", "us-gov-west-1", true},
		{"vpce-0123abcd-xyz.git-codecommit.eu-west-1.vpce.amazonaws.com", "eu-west-1", true},
		{"vpce-0123abcd-xyz.git-codecommit-fips.us-east-2.vpce.amazonaws.com", "us-east-2", true},
		// Anchored at the start only, like Python's re.match.
		{"git-codecommit.cn-north-1.amazonaws.com.cn", "cn-north-1", true},
		{"git-codecommit.us-east-1.amazonaws.com:443", "us-east-1", true},
		{"git-codecommit.us-east-1.amazonaws.com.example.net", "us-east-1", true},
		{"foo.git-codecommit.us-east-1.amazonaws.com", "", false},
		// Case-sensitive.
		{"GIT-CODECOMMIT.US-EAST-1.AMAZONAWS.COM", "", false},
		{"git-codecommit.US-EAST-1.amazonaws.com", "US-EAST-1", true},
		// Any label is taken as the region.
		{"git-codecommit.nowhere.amazonaws.com", "nowhere", true},
		{"git-codecommit.amazonaws.com", "", false},
		{"codecommit.us-east-1.amazonaws.com", "", false},
		{"github.com", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		region, ok := RegionFromHost(tt.host)
		if region != tt.region || ok != tt.ok {
			t.Errorf("RegionFromHost(%q) = %q, %v; want %q, %v", tt.host, region, ok, tt.region, tt.ok)
		}
	}
}

func TestIsAWSHelperHost(t *testing.T) {
	tests := map[string]bool{
		"git-codecommit.us-east-1.amazonaws.com":      true,
		"git-codecommit.us-east-1.amazonaws.com:443":  true,
		"git-codecommit.cn-north-1.amazonaws.com.cn":  true,
		"codecommit.example.amazon.com":               true,
		"git-codecommit.us-east-1.amazonaws.com.evil": true,
		"GIT-CODECOMMIT.US-EAST-1.AMAZONAWS.COM":      false,
		"git.example.com":                             false,
		"github.com":                                  false,
		"amazonaws.co":                                false,
		"":                                            false,
	}
	for host, want := range tests {
		if got := IsAWSHelperHost(host); got != want {
			t.Errorf("IsAWSHelperHost(%q) = %v, want %v", host, got, want)
		}
	}
}
