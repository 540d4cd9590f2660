package cli

import (
	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
	"github.com/codecommit-doctor/codecommit-doctor/report"
)

// reportTarget is the report's target: what the `remote` check found.
func reportTarget(outcomes []checks.Outcome) *report.Target {
	for _, o := range outcomes {
		t, ok := checks.TargetKey.In(o.Result)
		if !ok || t == nil {
			continue
		}
		u := t.URL
		return &report.Target{
			URL:        u.Display,
			Scheme:     u.Scheme,
			Host:       optional(u.Host),
			Region:     optional(u.Region),
			Repository: optional(u.Repository),
			Profile:    optional(u.Profile),
			Source:     t.Source,
		}
	}
	return nil
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// publicNames are the names the run established that are not secrets, for
// the redaction pass to keep: the repository being diagnosed, when it is a
// valid CodeCommit name (a long one looks like a session token).
func publicNames(outcomes []checks.Outcome) []string {
	for _, o := range outcomes {
		if t, ok := checks.TargetKey.In(o.Result); ok && t != nil && ccurl.ValidRepositoryName(t.URL.Repository) {
			return []string{t.URL.Repository}
		}
	}
	return nil
}
