package cli

import (
	"context"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/remote"
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

// doctorTargets are the targets of a doctor run, nil for a run over one
// target (the remote check then finds it, as it always did): several URL
// arguments, or without one and without --remote, a clone whose
// CodeCommit remotes and submodules make more than one target. The note
// names the clone's remotes that are not CodeCommit.
func doctorTargets(ctx context.Context, s *session, repoURLs []string) ([]checks.TargetSpec, string, error) {
	if !selectsTarget(s.selected) {
		// No check reads a target (--only git, --skip remote): every
		// check runs once.
		return nil, "", nil
	}
	if len(repoURLs) > 1 {
		specs := make([]checks.TargetSpec, 0, len(repoURLs))
		for _, u := range repoURLs {
			specs = append(specs, checks.TargetSpec{URL: u, Source: "argument"})
		}
		return specs, "", nil
	}
	if len(repoURLs) == 1 || s.o.remote != "" {
		return nil, "", nil
	}
	ctx, cancel := context.WithTimeout(ctx, s.o.timeout)
	defer cancel()
	res, err := remote.Resolve(ctx, s.env, "", false)
	if err != nil || len(res.Targets) < 2 {
		// One target, or git cannot read the clone: the remote check
		// finds the target, or says why there is none.
		return nil, "", nil
	}
	note := ""
	if len(res.Other) > 0 {
		note = "Not diagnosed (not CodeCommit): " + strings.Join(res.Other, ", ") + ".\n"
	}
	return res.Targets, note, nil
}

// selectsTarget reports whether the selection has the target's producer:
// without it (--skip remote) every check runs once, as before.
func selectsTarget(list []checks.Check) bool {
	for _, c := range list {
		if c.Info().ID == checks.TargetID {
			return true
		}
	}
	return false
}

// targetInputs turns each target's run into the report's input (its
// clone's path with the home directory as ~, so that tables align), and
// returns the repository names the redaction keeps.
func targetInputs(runs []checks.TargetRun, home string) ([]report.TargetInput, []string) {
	var names []string
	inputs := make([]report.TargetInput, 0, len(runs))
	for _, run := range runs {
		in := report.TargetInput{URL: ccurl.Parse(run.Spec.URL).Display, Remote: run.Spec.RemoteName,
			Source: run.Spec.Source, Dir: shortenHome(run.Spec.Dir, home), Outcomes: run.Outcomes}
		if t := reportTarget(run.Outcomes); t != nil {
			in.Target, in.URL = t, t.URL
		}
		names = append(names, publicNames(run.Outcomes)...)
		inputs = append(inputs, in)
	}
	return inputs, names
}
