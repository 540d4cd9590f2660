package chain_test

import (
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/chain"
	"github.com/codecommit-doctor/codecommit-doctor/checks/checkstest"
	"github.com/codecommit-doctor/codecommit-doctor/internal/gitcred"
	"github.com/codecommit-doctor/codecommit-doctor/internal/version"
)

const credTestURL = "https://git-codecommit.us-east-2.amazonaws.com/v1/repos/MyDemoRepo"

func TestSectionURL(t *testing.T) {
	tests := []struct {
		host     string
		urlmatch bool
		want     string
	}{
		{"git-codecommit.us-east-2.amazonaws.com", true, "https://git-codecommit.*.amazonaws.com"},
		{"git-codecommit.us-east-2.amazonaws.com", false, "https://git-codecommit.us-east-2.amazonaws.com"},
		{"git-codecommit-fips.us-gov-west-1.amazonaws.com", true, "https://git-codecommit-fips.*.amazonaws.com"},
		{"vpce-0123-abcd.git-codecommit.eu-west-1.vpce.amazonaws.com", true, "https://vpce-0123-abcd.git-codecommit.*.vpce.amazonaws.com"},
		{"git-codecommit.cn-north-1.amazonaws.com.cn", true, "https://git-codecommit.*.amazonaws.com.cn"},
		{"git-codecommit.us-east-2.amazonaws.com:8443", true, "https://git-codecommit.*.amazonaws.com:8443"},
		{"git.example.com", true, "https://git.example.com"},
	}
	for _, tc := range tests {
		req := gitcred.Request{Protocol: "https", Host: tc.host, Path: "v1/repos/r"}
		f := chain.NewFixer(&checks.Env{Sys: checkstest.Sys{}}, &chain.Facts{Request: req, Features: gitcred.Features{HelperReset: true, URLMatch: tc.urlmatch}})
		got := f.SectionURL()
		if got != tc.want {
			t.Errorf("SectionURL(%s, %v) = %s, want %s", tc.host, tc.urlmatch, got, tc.want)
		}
		if !gitcred.SectionMatches(got, req, gitcred.Features{HelperReset: true, URLMatch: tc.urlmatch}) {
			t.Errorf("%s does not match %s", got, tc.host)
		}
	}
}

func TestReplaceCommand(t *testing.T) {
	w := checkstest.NewGitWorld(t, "linux")
	env := w.EnvFor(credTestURL, "2.39.5")
	mk := func(scope, file string) gitcred.Entry {
		return gitcred.Entry{Scope: scope, Origin: "file:" + file, Key: "credential.helper", Value: "aws codecommit credential-helper $@"}
	}
	newV, v229 := "!aws codecommit credential-helper $@", "2.29.0"
	tests := []struct {
		e    gitcred.Entry
		git  string
		want string
		ok   bool
	}{
		{mk(gitcred.ScopeGlobal, w.Home+"/.gitconfig"), "2.39.5",
			`git config --global --fixed-value --replace-all credential.helper '!aws codecommit credential-helper $@' 'aws codecommit credential-helper $@'`, true},
		{mk(gitcred.ScopeGlobal, w.Home+"/.gitconfig"), v229,
			`git config --global --replace-all credential.helper '!aws codecommit credential-helper $@' '^aws codecommit credential-helper \$@$'`, true},
		{mk(gitcred.ScopeGlobal, w.Home+"/.config/git/extra.inc"), "2.39.5",
			`git config --file ~/.config/git/extra.inc --fixed-value --replace-all credential.helper '!aws codecommit credential-helper $@' 'aws codecommit credential-helper $@'`, true},
		{mk(gitcred.ScopeSystem, w.Dir+"/sysconfig"), "2.39.5",
			`sudo git config --system --fixed-value --replace-all credential.helper '!aws codecommit credential-helper $@' 'aws codecommit credential-helper $@'`, true},
		{mk(gitcred.ScopeLocal, "/src/app/.git/config"), "2.39.5",
			`git config --local --fixed-value --replace-all credential.helper '!aws codecommit credential-helper $@' 'aws codecommit credential-helper $@'`, true},
		{mk(gitcred.ScopeSystem, "/Library/Developer/CommandLineTools/usr/share/git-core/gitconfig"), "2.39.5", "", false},
		{gitcred.Entry{Scope: gitcred.ScopeCommand, Origin: "command line:", Key: "credential.helper", Value: "x"}, "2.39.5", "", false},
	}
	for _, tc := range tests {
		v, _ := version.ParseGit("git version " + tc.git)
		f := chain.NewFixer(env, &chain.Facts{GitVersion: v.Version, Features: gitcred.AllFeatures()})
		got, ok := f.ReplaceCommand(tc.e, newV)
		if got != tc.want || ok != tc.ok {
			t.Errorf("replaceCommand(%+v, git %s) =\n  %s %v\nwant\n  %s %v", tc.e, tc.git, got, ok, tc.want, tc.ok)
		}
	}
}

func TestFixScope(t *testing.T) {
	e := func(scope string) gitcred.Entry {
		return gitcred.Entry{Scope: scope, Key: "credential.helper", Value: "x"}
	}
	tests := []struct {
		in      []gitcred.Entry
		want    string
		cmdline int
	}{
		{nil, gitcred.ScopeGlobal, 0},
		{[]gitcred.Entry{e(gitcred.ScopeSystem)}, gitcred.ScopeGlobal, 0},
		{[]gitcred.Entry{e(gitcred.ScopeUnknown), e(gitcred.ScopeGlobal)}, gitcred.ScopeGlobal, 0},
		{[]gitcred.Entry{e(gitcred.ScopeSystem), e(gitcred.ScopeLocal)}, gitcred.ScopeLocal, 0},
		{[]gitcred.Entry{e(gitcred.ScopeWorktree), e(gitcred.ScopeLocal)}, gitcred.ScopeWorktree, 0},
		{[]gitcred.Entry{e(gitcred.ScopeCommand), e(gitcred.ScopeGlobal)}, gitcred.ScopeGlobal, 1},
	}
	for _, tc := range tests {
		got, cmd := chain.FixScope(tc.in)
		if got != tc.want || len(cmd) != tc.cmdline {
			t.Errorf("chain.FixScope(%v) = %s, %d command-line; want %s, %d", tc.in, got, len(cmd), tc.want, tc.cmdline)
		}
	}
}
