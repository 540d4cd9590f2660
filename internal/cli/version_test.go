package cli

import (
	"runtime/debug"
	"testing"
)

func TestBuildInfoResolve(t *testing.T) {
	fromSource := func() (*debug.BuildInfo, bool) {
		return &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "104d9ba0123456789abcdef"},
			{Key: "vcs.time", Value: "2026-11-26T08:00:00Z"},
			{Key: "vcs.modified", Value: "true"},
		}}, true
	}
	installed := func() (*debug.BuildInfo, bool) {
		return &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, true
	}
	none := func() (*debug.BuildInfo, bool) { return nil, false }
	for _, tc := range []struct {
		name string
		in   BuildInfo
		read readBuildInfo
		want string
	}{
		{"release ldflags win", BuildInfo{Version: "1.4.0", Commit: "abc1234", Date: "2026-11-01T10:00:00Z"}, fromSource,
			"1.4.0 (commit abc1234, built 2026-11-01T10:00:00Z)"},
		{"go build in a clone", BuildInfo{}, fromSource, "dev (commit 104d9ba01234-dirty, built 2026-11-26T08:00:00Z)"},
		{"go install @version", BuildInfo{}, installed, "v1.2.3"},
		{"nothing known", BuildInfo{}, none, "dev"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.in.Resolve(tc.read).Long(); got != tc.want {
				t.Fatalf("Long() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestTrimIDs(t *testing.T) {
	got := trimIDs([]string{" git", "aws-cli ", "", "  "})
	if len(got) != 2 || got[0] != "git" || got[1] != "aws-cli" {
		t.Fatalf("trimIDs = %q", got)
	}
}
