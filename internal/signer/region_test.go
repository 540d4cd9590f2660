package signer

import (
	"strings"
	"testing"
)

// Expected values were produced with Python's re.match and the AWS CLI's
// pattern (awscli/customizations/codecommit.py).
func TestRegionFromHost(t *testing.T) {
	tests := []struct {
		host   string
		want   string
		wantOK bool
	}{
		{"git-codecommit.us-east-1.amazonaws.com", "us-east-1", true},
		{"git-codecommit.us-east-1.amazonaws.com:8443", "us-east-1", true},
		{"git-codecommit-fips.us-gov-west-1.amazonaws.com", "us-gov-west-1", true},
		{"vpce-0123456789abcdef0-abcdefgh.git-codecommit.eu-west-1.vpce.amazonaws.com", "eu-west-1", true},
		{"vpce-0123-ab.git-codecommit-fips.ca-central-1.vpce.amazonaws.com", "ca-central-1", true},
		{"git-codecommit.cn-north-1.amazonaws.com.cn", "cn-north-1", true},
		{"vpce-a.git-codecommit.x.git-codecommit.us-east-1.amazonaws.com", "us-east-1", true},
		{"vpce-a.git-codecommit.x.y.amazonaws.com.git-codecommit.us-west-2.amazonaws.com", "us-west-2", true},
		{"GIT-CODECOMMIT.us-east-1.amazonaws.com", "", false},
		{"xgit-codecommit.us-east-1.amazonaws.com", "", false},
		{"git-codecommit.us-east-1.amazonaws.community", "us-east-1", true},
		{"git-codecommit..amazonaws.com", "", false},
		{"127.0.0.1:8443", "", false},
		{"git-codecommit.us-east-1.vpce.amazonaws.com", "us-east-1", true},
		{"git-codecommit.vpce.vpce.amazonaws.com", "vpce", true},
		{"vpce-.git-codecommit.a.vpce.amazonaws.com", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := RegionFromHost(tt.host)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("RegionFromHost(%q) = %q, %v; want %q, %v", tt.host, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestHelperAnswersHost(t *testing.T) {
	tests := []struct {
		host string
		want bool
	}{
		{"git-codecommit.us-east-1.amazonaws.com", true},
		{"git-codecommit.cn-north-1.amazonaws.com.cn", true},
		{"codecommit.internal.amazon.com", true},
		{"git.example.com", false},
		{"127.0.0.1:8443", false},
	}
	for _, tt := range tests {
		if got := HelperAnswersHost(tt.host); got != tt.want {
			t.Errorf("HelperAnswersHost(%q) = %v, want %v", tt.host, got, tt.want)
		}
	}
}

func FuzzRegionFromHost(f *testing.F) {
	for _, s := range []string{"git-codecommit.us-east-1.amazonaws.com", "vpce-1.git-codecommit-fips.eu-west-1.vpce.amazonaws.com", "", "vpce-.git-codecommit..", "git-codecommit.\n.amazonaws.com"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, host string) {
		region, ok := RegionFromHost(host)
		if !ok {
			if region != "" {
				t.Fatalf("no match but region %q", region)
			}
			return
		}
		if region == "" || strings.Contains(region, ".") || !strings.Contains(host, "git-codecommit") {
			t.Fatalf("RegionFromHost(%q) = %q", host, region)
		}
	})
}
