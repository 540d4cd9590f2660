package version

import (
	"slices"
	"testing"

	"github.com/Masterminds/semver/v3"
)

func TestGitFeatures(t *testing.T) {
	all := []string{FeatureCredentialHelper, FeatureConfigGetURLMatch, FeatureConfigShowOrigin,
		FeatureHelperReset, FeatureCredentialURLWildcard, FeatureConfigShowScope}
	tests := []struct {
		version string // "" means nil
		want    []string
	}{
		{"", nil},
		{"1.7.1", nil},
		{"1.7.9", all[:1]},
		{"1.8.5", all[:2]},
		{"2.8.0", all[:3]},
		{"2.9.0", all[:4]},
		{"2.25.5", all[:4]},
		{"2.26.0-rc0", all},
		{"2.26.0", all},
		{"2.39.5", all},
		{"3.0.0", all},
	}
	for _, tt := range tests {
		t.Run(tt.version, func(t *testing.T) {
			var v *semver.Version
			if tt.version != "" {
				v = semver.MustParse(tt.version)
			}
			fs := GitFeatures(v)
			var got []string
			for _, f := range fs {
				if f.Available {
					got = append(got, f.Name)
				}
				if HasGitFeature(v, f.Name) != f.Available {
					t.Errorf("HasGitFeature(%s) disagrees with GitFeatures", f.Name)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("available = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestGitFeatureTable(t *testing.T) {
	fs := GitFeatures(nil)
	want := map[string]string{
		FeatureCredentialHelper:      "1.7.9",
		FeatureHelperReset:           "2.9.0",
		FeatureCredentialURLWildcard: "2.26.0",
		FeatureConfigShowScope:       "2.26.0",
		FeatureConfigShowOrigin:      "2.8.0",
		FeatureConfigGetURLMatch:     "1.8.5",
	}
	if len(fs) != len(want) {
		t.Fatalf("got %d features, want %d", len(fs), len(want))
	}
	for _, f := range fs {
		if want[f.Name] != f.MinVersion {
			t.Errorf("%s: MinVersion = %q, want %q", f.Name, f.MinVersion, want[f.Name])
		}
		if !AtLeast(semver.MustParse(f.MinVersion), f.MinVersion) {
			t.Errorf("%s: MinVersion %q is not readable", f.Name, f.MinVersion)
		}
		if f.Why == "" {
			t.Errorf("%s: no Why", f.Name)
		}
	}
	// The table is rebuilt per call: changing one result must not leak.
	fs[0].Available = true
	if GitFeatures(nil)[0].Available {
		t.Error("GitFeatures shares state between calls")
	}
	if HasGitFeature(semver.MustParse("9.9.9"), "no-such-feature") {
		t.Error("unknown feature reported available")
	}
}
