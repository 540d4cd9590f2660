package main

import (
	"strings"
	"testing"
)

// The walker finds what it is for: a masked command, a command that does
// not parse for the report's shell, on POSIX and on Windows alike.
func TestRemedyProblemsFindsBrokenCommands(t *testing.T) {
	for _, c := range []struct {
		os, step, want string
	}{
		{"linux", `git config --global 'unclosed`, "not a valid POSIX shell command"},
		{"linux", `git remote set-url origin https://AKIA****MPLE@h/v1/repos/R`, "masked text"},
		{"windows", `git config --global --add 'credential.helper' x`, "single-quoted"},
	} {
		out := `{"os":"` + c.os + `","checks":[{"id":"x","findings":[{"code":"c","remediation":["Prose is not linted.",` + jsonString(c.step) + `]}]}]}`
		problems, err := remedyProblems(out)
		if err != nil {
			t.Fatal(err)
		}
		if len(problems) != 1 || !strings.Contains(problems[0], c.want) {
			t.Errorf("%s %q: problems %q, want one saying %q", c.os, c.step, problems, c.want)
		}
	}
	clean := `{"os":"linux","fix_plan":[{"command":"git config --global 'credential.https://x.UseHttpPath' true"}],"checks":[]}`
	if problems, err := remedyProblems(clean); err != nil || len(problems) != 0 {
		t.Errorf("a good command: %q %v", problems, err)
	}
}

func jsonString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}
