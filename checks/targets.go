package checks

import (
	"context"
	"fmt"
	"slices"
	"sync"
)

// DefaultTargetParallel is how many targets a run over several diagnoses at
// once when the runner is not told.
const DefaultTargetParallel = 4

// TargetSpec is one repository of a run over several targets, found before
// the run (URL arguments, a clone's CodeCommit remotes and submodules, the
// clones a scan finds). The `remote` check diagnoses it instead of looking
// for a target itself.
type TargetSpec struct {
	URL        string // as git fetches from it (insteadOf applied); may hold a secret
	Source     string // "argument", "remote:NAME", "submodule:PATH"
	RemoteName string // the git remote it came from, if any
	Dir        string // the clone (or submodule checkout) it belongs to, if any
}

// TargetRun is what the target-dependent checks said about one target.
type TargetRun struct {
	Spec     TargetSpec
	Outcomes []Outcome // reported checks only, in the order given
}

// TargetDependent returns the ids of the checks that depend on the target:
// the target's producer and every check that waits for it, directly or
// through another check.
func TargetDependent(list []Check) map[string]bool {
	infos := make(map[string]Info, len(list))
	for _, c := range list {
		infos[c.Info().ID] = c.Info()
	}
	memo := map[string]bool{}
	var visiting map[string]bool
	var dep func(id string) bool
	dep = func(id string) bool {
		if v, ok := memo[id]; ok {
			return v
		}
		if id == TargetID {
			return true
		}
		if visiting[id] {
			return false // a cycle: Validate reports it
		}
		visiting[id] = true
		v := slices.ContainsFunc(infos[id].Waits(), dep)
		memo[id] = v
		return v
	}
	out := map[string]bool{}
	for id := range infos {
		visiting = map[string]bool{}
		if dep(id) {
			out[id] = true
		}
	}
	return out
}

// RunTargets runs the checks that do not depend on the target once, then,
// for each target, the checks that do, with an Env that sees the shared
// results and whose Options.Target is that target. At most parallel targets
// run at once (DefaultTargetParallel when not positive). It returns the
// shared outcomes and one TargetRun per target, in the order given,
// reported checks only. OnStart and OnDone are called for every check of
// every target, never concurrently.
func (r Runner) RunTargets(ctx context.Context, list []Check, env *Env, targets []TargetSpec, parallel int) ([]Outcome, []TargetRun, error) {
	if err := validateSelection(list); err != nil {
		return nil, nil, fmt.Errorf("invalid set of checks: %w", err)
	}
	if parallel <= 0 {
		parallel = DefaultTargetParallel
	}
	dependent := TargetDependent(list)
	var shared, perTarget []Check
	for _, c := range list {
		if dependent[c.Info().ID] {
			perTarget = append(perTarget, c)
		} else {
			shared = append(shared, c)
		}
	}
	var mu sync.Mutex // one lock for the callbacks of every target's run
	if r.OnStart != nil {
		start := r.OnStart
		r.OnStart = func(i Info) { mu.Lock(); defer mu.Unlock(); start(i) }
	}
	if r.OnDone != nil {
		done := r.OnDone
		r.OnDone = func(o Outcome) { mu.Lock(); defer mu.Unlock(); done(o) }
	}
	sharedOut := r.run(ctx, shared, env, nil)
	seed := make(map[string]Result, len(sharedOut))
	for _, o := range sharedOut {
		seed[o.Info.ID] = o.Result
	}
	runs := make([]TargetRun, len(targets))
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for i, t := range targets {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			tenv := *env
			tenv.Options.Target = &t
			runs[i] = TargetRun{Spec: t, Outcomes: reported(r.run(ctx, perTarget, &tenv, seed))}
		})
	}
	wg.Wait()
	return reported(sharedOut), runs, nil
}
