package gitcred

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readFixture(t *testing.T, name string) string {
	t.Helper()
	if name == "" {
		return ""
	}
	b, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "gitconfig", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestFixtures reads the real-world configs from fixtures/gitconfig with
// the real git and checks the chain the doctor computes for them.
func TestFixtures(t *testing.T) {
	req := Request{Protocol: "https", Host: "git-codecommit.us-east-1.amazonaws.com", Path: "v1/repos/r"}
	tests := []struct {
		system, global string
		kinds          string // helper kinds in order
		problems       string // problem codes of the helpers, in order
		useHTTPPath    bool
		firstAWS       int
		fatal          bool
	}{
		{system: "apple-clt-system.gitconfig", global: "user-docs-setup.gitconfig", kinds: "osxkeychain,aws-cli", useHTTPPath: true, firstAWS: 1},
		{system: "apple-clt-system.gitconfig", global: "user-fixed-wildcard.gitconfig", kinds: "aws-cli", useHTTPPath: true, firstAWS: 0},
		{system: "apple-clt-system.gitconfig", global: "user-fixed-exact-host.gitconfig", kinds: "aws-cli", useHTTPPath: true, firstAWS: 0},
		{system: "git-for-windows-system.gitconfig", global: "user-docs-setup.gitconfig", kinds: "manager,aws-cli", useHTTPPath: true, firstAWS: 1},
		{system: "git-for-windows-core-system.gitconfig", global: "user-windows-aws-cmd.gitconfig", kinds: "manager-core,aws-cli", useHTTPPath: true, firstAWS: 1},
		{system: "git-for-windows-system.gitconfig", global: "user-fixed-wildcard.gitconfig", kinds: "aws-cli", useHTTPPath: true, firstAWS: 0},
		{global: "user-store-before-aws.gitconfig", kinds: "store,aws-cli", useHTTPPath: true, firstAWS: 1},
		{global: "user-cache-after-aws.gitconfig", kinds: "aws-cli,cache", useHTTPPath: true, firstAWS: 0},
		{global: "user-missing-usehttppath.gitconfig", kinds: "aws-cli", useHTTPPath: false, firstAWS: 0},
		{global: "user-missing-bang.gitconfig", kinds: "aws-cli", problems: ProblemMissingBang, useHTTPPath: true, firstAWS: -1},
		{global: "user-single-quoted.gitconfig", kinds: "aws-cli", problems: ProblemQuotedValue, useHTTPPath: true, firstAWS: -1},
		{global: "user-double-quoted.gitconfig", kinds: "aws-cli", useHTTPPath: true, firstAWS: 0},
		{global: "user-profile-unquoted.gitconfig", kinds: "aws-cli", problems: ProblemProfileUnquoted, useHTTPPath: true, firstAWS: -1},
		{global: "user-profile-quoted.gitconfig", kinds: "aws-cli", useHTTPPath: true, firstAWS: 0},
		{global: "user-usehttppath-off-later.gitconfig", kinds: "aws-cli", useHTTPPath: false, firstAWS: 0},
		{global: "user-bare-helper.gitconfig", fatal: true, firstAWS: -1},
	}
	for _, tc := range tests {
		t.Run(tc.system+"+"+tc.global, func(t *testing.T) {
			w := newGitWorld(t)
			w.write("sysconfig", readFixture(t, tc.system))
			w.write("home/.gitconfig", readFixture(t, tc.global))
			c := w.computed(req, nil)
			var kinds, problems []string
			for _, h := range c.Helpers {
				kinds = append(kinds, string(h.Value.Kind))
				for _, p := range h.Value.Problems {
					problems = append(problems, p.Code)
				}
			}
			if strings.Join(kinds, ",") != tc.kinds || strings.Join(problems, ",") != tc.problems {
				t.Errorf("kinds %v problems %v; want %s / %s", kinds, problems, tc.kinds, tc.problems)
			}
			if c.UseHTTPPath != tc.useHTTPPath || c.FirstAWS() != tc.firstAWS || (c.Fatal != nil) != tc.fatal {
				t.Errorf("useHttpPath %v, FirstAWS %d, fatal %v; want %v, %d, %v", c.UseHTTPPath, c.FirstAWS(), c.Fatal, tc.useHTTPPath, tc.firstAWS, tc.fatal)
			}
			for _, h := range c.Helpers {
				if h.Entry.Scope == ScopeSystem && h.Entry.File() != filepath.Join(w.dir, "sysconfig") {
					t.Errorf("system helper from %q", h.Entry.Origin)
				}
			}
		})
	}
}
