package fix

import (
	"strings"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/internal/action"
)

func TestBuildRefusesWhatFixNeverDoes(t *testing.T) {
	acts := []action.Action{
		{Kind: action.GitUnset, Scope: action.ScopeSystem, File: "/etc/gitconfig", Key: "credential.helper"},
		{Kind: action.GitSet, Scope: action.ScopeInclude, File: "/Library/Developer/CommandLineTools/usr/share/git-core/gitconfig", Key: "credential.helper", Value: ""},
		{Kind: action.GitSet, Scope: action.ScopeLocal, File: "/home/u/src/r/.git/config", Key: "credential.UseHttpPath", Value: "true"},
		{Kind: action.GitReplace, Scope: action.ScopeGlobal, File: "/home/u/.gitconfig", Key: "credential.helper", Old: "x", Value: "!/opt/homebrew/Cellar/awscli/2.15.0/bin/aws codecommit credential-helper $@"},
		{Kind: action.KeychainErase, Host: "git-codecommit.us-east-1.amazonaws.com"},
		{Kind: action.Manual, Text: "Upgrade Git"},
		{Kind: action.GitSet, Scope: action.ScopeGlobal, File: "/home/u/.gitconfig", Key: "credential.UseHttpPath", Value: "true"},
	}
	out := []checks.Outcome{{Info: checks.Info{ID: "credential-helper"}, Result: checks.Result{Findings: []checks.Finding{
		{Code: "helper-before-aws", Severity: checks.Fail, Actions: acts},
		{Code: "only-system", Severity: checks.Fail, Actions: acts[:1], Remediation: []string{"sudo git config --system --unset-all credential.helper"}},
		{Code: "passing", Severity: checks.Pass, Actions: acts[6:]},
	}}}}
	pl := Places{GOOS: "linux", Provable: func(string) (bool, string) { return true, "" }, Resolve: func(f string) (string, error) { return f, nil }}
	p, err := Build(out, pl)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Files) != 1 || p.Files[0].Path != "/home/u/.gitconfig" || len(p.Files[0].Actions) != 1 {
		t.Fatalf("files: %+v", p.Files)
	}
	var why []string
	for _, r := range p.Refused {
		why = append(why, r.Why)
	}
	all := strings.Join(why, "\n")
	for _, want := range []string{"fix --system", "updates overwrite", "the clone's own config", "versioned path", "not this system's credential store"} {
		if !strings.Contains(all, want) {
			t.Errorf("no refusal saying %q:\n%s", want, all)
		}
	}
	if len(p.Manual) != 1 || len(p.Stores) != 0 {
		t.Errorf("manual %d, stores %d", len(p.Manual), len(p.Stores))
	}
	if len(p.Targets) != 1 || p.Targets[0].Code != "helper-before-aws" || len(p.Unfixable) != 1 || p.Unfixable[0].Code != "only-system" {
		t.Errorf("targets %v, unfixable %v", p.Targets, p.Unfixable)
	}
	if got := p.Steps[Ref{"credential-helper", "only-system"}]; len(got) != 1 || !strings.HasPrefix(got[0], "sudo git config --system") {
		t.Errorf("the unfixable finding's steps: %q", got)
	}
	pl.System = true
	p, _ = Build(out, pl)
	if len(p.Files) != 2 {
		t.Errorf("--system: %d files", len(p.Files))
	}
}
