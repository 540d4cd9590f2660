package report

import (
	"slices"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
)

// A warning that comes first in the report (an AWS CLI upgrade) does not
// put its steps ahead of the failure's (a stale password): the plan fixes
// what breaks git first, and each finding's own order still holds.
func TestPlanPutsFailuresBeforeWarnings(t *testing.T) {
	cs := []Check{
		{ID: "aws-cli", Status: checks.Warn, Findings: []Finding{{Code: "aws-cli-v1-maintenance", Severity: checks.Warn,
			Remediation: []string{"sudo install-v2", "aws --version"}}}},
		{ID: "credential-helper", Status: checks.Fail, Findings: []Finding{{Code: "helper-before-aws", Severity: checks.Fail,
			Remediation: []string{"git config --global --unset credential.helper store", "git config --global --add credential.helper aws"}}}},
		{ID: "keychain", Status: checks.Fail, Findings: []Finding{{Code: "stored-password-stale", Severity: checks.Fail,
			Remediation: []string{"git credential-store erase", "git config --global --unset credential.helper store"}}}},
	}
	var got []string
	for _, s := range buildPlan(cs) {
		got = append(got, s.Command)
	}
	want := []string{
		"git credential-store erase",
		"git config --global --unset credential.helper store",
		"git config --global --add credential.helper aws",
		"sudo install-v2",
		"aws --version",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("plan:\n%q\nwant:\n%q", got, want)
	}
	if steps := cs[0].Findings[0].PlanSteps; !slices.Equal(steps, []int{4, 5}) {
		t.Errorf("the warning refers to steps %v, want [4 5]", steps)
	}
}
