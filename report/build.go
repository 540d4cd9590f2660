package report

import (
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
)

// Meta is what a report says about the run besides the checks.
type Meta struct {
	Version   string
	Commit    string
	BuildDate string
	Distro    string
	Shell     string
	Env       map[string]string // see Report.Environment
	StartedAt time.Time
	Duration  time.Duration
	OS, Arch  string
	Target    *Target
	Strict    bool // warnings fail the run
	Scan      *Scan
}

// Build assembles the report of a run.
func Build(m Meta, outcomes []checks.Outcome) Report {
	r := Report{
		SchemaVersion: SchemaVersion,
		Tool:          Tool{Name: "codecommit-doctor", Version: m.Version, Commit: m.Commit, BuildDate: m.BuildDate},
		StartedAt:     m.StartedAt.UTC(),
		DurationMS:    m.Duration.Milliseconds(),
		Platform:      Platform{OS: m.OS, Arch: m.Arch, Distro: m.Distro, Shell: m.Shell},
		Target:        m.Target,
		Checks:        make([]Check, 0, len(outcomes)),
		Environment:   m.Env,
		Scan:          m.Scan,
	}
	var statuses []checks.Status
	for _, o := range outcomes {
		c := Check{
			ID:         o.Info.ID,
			Title:      o.Info.Title,
			Status:     o.Result.Status,
			Summary:    o.Result.Summary,
			Evidence:   o.Result.Evidence,
			DurationMS: o.Duration.Milliseconds(),
		}
		for _, f := range o.Result.Findings {
			c.Findings = append(c.Findings, Finding{Code: f.Code, Severity: f.Severity, Message: f.Message,
				Remediation: f.Remediation, Docs: f.Docs, Actions: f.Actions})
		}
		r.Checks = append(r.Checks, c)
		statuses = append(statuses, o.Result.Status)
		r.Summary.Counts.add(o.Result.Status)
	}
	r.Summary.Status = checks.Worst(statuses...)
	r.Summary.ExitCode = exitCode(r.Summary.Counts, m.Strict)
	r.FixPlan = buildPlan(r.Checks)
	r.Verdict = verdict(r)
	return r
}

func (c *Counts) add(s checks.Status) {
	switch s {
	case checks.Pass:
		c.Pass++
	case checks.Warn:
		c.Warn++
	case checks.Fail:
		c.Fail++
	case checks.Error:
		c.Error++
	default:
		c.Skip++
	}
}

func exitCode(c Counts, strict bool) int {
	switch {
	case c.Fail > 0, strict && c.Warn > 0:
		return ExitFail
	case c.Error > 0:
		return ExitCheckError
	case c.Pass+c.Warn == 0:
		// Every check was skipped: the run established nothing, and a
		// green exit would tell CI that all is well.
		return ExitCheckError
	default:
		return ExitOK
	}
}
