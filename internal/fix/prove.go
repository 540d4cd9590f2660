package fix

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"slices"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/internal/action"
)

// Proof is what the checks found with the plan applied to the copies.
type Proof struct {
	Outcomes []checks.Outcome
	Gone     []Ref // targeted findings no longer reported
	Left     []Ref // targeted findings still reported
	Added    []Ref // failures the copies have that the real files do not
	// Unprovable are targets whose only actions erase OS credential store
	// items, which no copy can stand in for.
	Unprovable []Ref
	// scratchHome and scratchDir are where the copies were, for showing
	// the copies' paths as the real ones.
	scratchHome, scratchDir string
	// copies are the copy of each file the plan changes, and the file it
	// stands in for.
	copies map[string]string
}

// OK reports whether the plan removes the failures it targets without
// adding any.
func (p *Proof) OK() bool { return len(p.Left) == 0 && len(p.Added) == 0 }

// prove applies the plan to scratch copies and runs the checks against
// them; it fills in each file's proven content.
func (f *Fixer) prove(ctx context.Context, plan *Plan, before []checks.Outcome) (*Proof, error) {
	dir, err := os.MkdirTemp(f.opts.ScratchDir, "codecommit-doctor-fix-")
	if err != nil {
		return nil, fmt.Errorf("making the scratch directory for the proof: %w", err)
	}
	defer os.RemoveAll(dir)
	sc := NewScratch(dir, f.opts.Home, f.getenv, f.opts.GOOS)
	ap := action.Applier{Run: f.opts.Run, GOOS: f.opts.GOOS}
	// The scratch home stands in for the real one whatever the plan
	// changes (a plan may change only files named by variables).
	if err := sc.ensureRoots(); err != nil {
		return nil, err
	}
	copies := map[*FilePlan]string{}
	for _, fp := range plan.Files {
		c, err := sc.Place(fp.Path, fp.Before)
		if err != nil {
			return nil, err
		}
		copies[fp] = c
	}
	for _, fp := range plan.Files {
		for _, a := range fp.Actions {
			if err := ap.Apply(ctx, a, copies[fp]); err != nil {
				return nil, fmt.Errorf("applying the plan to a copy of %s: %w", fp.Path, err)
			}
		}
		after, err := os.ReadFile(copies[fp])
		if err != nil && !os.IsNotExist(err) {
			return nil, fmt.Errorf("reading the changed copy of %s: %w", fp.Path, err)
		}
		after = sameLineEndings(fp.Before, after)
		if err := os.WriteFile(copies[fp], after, 0o600); err != nil {
			return nil, fmt.Errorf("writing the copy of %s: %w", fp.Path, err)
		}
		fp.After = after
	}
	outcomes, err := f.opts.Diagnose(ctx, sc.Environ(f.opts.Environ))
	if err != nil {
		return nil, fmt.Errorf("running the checks against the copies: %w", err)
	}
	pr := &Proof{Outcomes: outcomes, scratchHome: sc.env["HOME"], scratchDir: dir, copies: map[string]string{}}
	for fp, c := range copies {
		pr.copies[c] = fp.Path
	}
	storeOnly := storeOnlyTargets(plan)
	left := Remaining(outcomes)
	for _, t := range plan.Targets {
		switch {
		case slices.Contains(storeOnly, t):
			pr.Unprovable = append(pr.Unprovable, t)
		case slices.Contains(left, t):
			pr.Left = append(pr.Left, t)
		default:
			pr.Gone = append(pr.Gone, t)
		}
	}
	was := failures(before)
	for _, r := range failures(outcomes) {
		if !slices.Contains(was, r) {
			pr.Added = append(pr.Added, r)
		}
	}
	return pr, nil
}

// failures are the fail and error findings (and checks that fail or err
// without one).
func failures(outcomes []checks.Outcome) []Ref {
	var out []Ref
	for _, o := range outcomes {
		if o.Info.Hidden {
			continue
		}
		n := 0
		for _, f := range o.Result.Findings {
			if f.Severity == checks.Fail || f.Severity == checks.Error {
				out = append(out, Ref{o.Info.ID, f.Code})
				n++
			}
		}
		if n == 0 && (o.Result.Status == checks.Fail || o.Result.Status == checks.Error) {
			out = append(out, Ref{o.Info.ID, o.Result.Status.String()})
		}
	}
	return out
}

// storeOnlyTargets are targets whose every doable action is an OS store
// erase.
func storeOnlyTargets(plan *Plan) []Ref {
	var out []Ref
	for _, s := range plan.Stores {
		if !plan.inFiles[s.Finding] && !slices.Contains(out, s.Finding) {
			out = append(out, s.Finding)
		}
	}
	return out
}

// sameLineEndings gives after the line endings of before: git and its
// credential store write "\n", and a file written with "\r\n" (Windows
// editors) keeps them.
func sameLineEndings(before, after []byte) []byte {
	if after == nil || !bytes.Contains(before, []byte("\r\n")) || bytes.Count(before, []byte("\n")) != bytes.Count(before, []byte("\r\n")) {
		return after
	}
	lf := bytes.ReplaceAll(after, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n"))
}
