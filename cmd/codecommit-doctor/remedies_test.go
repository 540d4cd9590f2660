package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/internal/shellword"
	"github.com/codecommit-doctor/codecommit-doctor/report"
)

// remedyProblems walks every remediation line and fix-plan step of a JSON
// report and returns what is wrong with the commands among them: a command
// that does not parse for the shell of the report's OS, or one holding
// masked text (a command with **** in it cannot be run as printed). Every
// JSON report a scenario validates goes through it, so each finding any
// scenario produces is checked.
func remedyProblems(out string) ([]string, error) {
	var rep struct {
		OS      string `json:"os"`
		FixPlan []struct {
			Command string `json:"command"`
		} `json:"fix_plan"`
		Checks []struct {
			ID       string `json:"id"`
			Findings []struct {
				Code        string   `json:"code"`
				Remediation []string `json:"remediation"`
			} `json:"findings"`
		} `json:"checks"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		return nil, fmt.Errorf("report is not JSON: %w", err)
	}
	var problems []string
	lint := func(where, step string) {
		if !report.IsCommand(step) {
			return
		}
		if strings.Contains(step, "****") {
			problems = append(problems, fmt.Sprintf("%s: the command holds masked text: %s", where, step))
		}
		if err := shellword.CheckCommand(step, rep.OS); err != nil {
			problems = append(problems, fmt.Sprintf("%s: %v: %s", where, err, step))
		}
	}
	for _, c := range rep.Checks {
		for _, f := range c.Findings {
			for _, r := range f.Remediation {
				lint(c.ID+"/"+f.Code, r)
			}
		}
	}
	for i, s := range rep.FixPlan {
		lint(fmt.Sprintf("fix plan step %d", i+1), s.Command)
	}
	return problems, nil
}
