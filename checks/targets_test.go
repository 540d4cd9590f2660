package checks

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// targetWorld is a small graph like the real one: "git" shared, the
// target's producer, a check that reads the target, one that requires git
// and reads the target, and "clock" reading nothing.
func targetWorld(counts map[string]*atomic.Int32, seen *sync.Map) []Check {
	git := NewKey[int]("git")
	count := func(id string) *atomic.Int32 {
		if counts[id] == nil {
			counts[id] = &atomic.Int32{}
		}
		return counts[id]
	}
	pass := func(id string, read func(*Env)) func(context.Context, *Env) (Result, error) {
		c := count(id)
		return func(_ context.Context, env *Env) (Result, error) {
			c.Add(1)
			if read != nil {
				read(env)
			}
			var res Result
			res.Status, res.Summary = Pass, id
			if id == "git" {
				git.Set(&res, 239)
			}
			return res, nil
		}
	}
	targetCount := count(TargetID) // made before the runs: they only read the map
	target := fakeCheck{info: Info{ID: TargetID, Title: "t", Description: "t", Gives: []KeyRef{TargetKey}},
		run: func(_ context.Context, env *Env) (Result, error) {
			targetCount.Add(1)
			var res Result
			res.Status, res.Summary = Pass, env.Options.Target.URL
			TargetKey.Set(&res, &Target{Source: env.Options.Target.Source})
			return res, nil
		}}
	return []Check{
		fakeCheck{info: Info{ID: "git", Title: "g", Description: "g", Gives: []KeyRef{git}}, run: pass("git", nil)},
		target,
		fakeCheck{info: Info{ID: "region", Title: "r", Description: "r", After: []KeyRef{TargetKey}, Needs: Needs{Target: true}},
			run: pass("region", nil)},
		fakeCheck{info: Info{ID: "reproduce", Title: "p", Description: "p", Requires: []KeyRef{git}, After: []KeyRef{TargetKey}},
			run: pass("reproduce", func(env *Env) {
				v, _ := git.Get(env)
				seen.Store(env.TargetOf().Source, v)
			})},
		fakeCheck{info: Info{ID: "clock", Title: "c", Description: "c"}, run: pass("clock", nil)},
	}
}

func TestRunTargetsRunsSharedChecksOnceAndTargetChecksPerTarget(t *testing.T) {
	counts := map[string]*atomic.Int32{}
	var seen sync.Map
	list := targetWorld(counts, &seen)
	targets := []TargetSpec{{URL: "u1", Source: "s1"}, {URL: "u2", Source: "s2"}, {URL: "u3", Source: "s3"}}
	var mu sync.Mutex
	var done int
	r := Runner{OnDone: func(Outcome) { mu.Lock(); done++; mu.Unlock() }}
	shared, runs, err := r.RunTargets(context.Background(), list, &Env{}, targets, 2)
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]int32{"git": 1, "clock": 1, TargetID: 3, "region": 3, "reproduce": 3} {
		if got := counts[id].Load(); got != want {
			t.Errorf("%s ran %d times, want %d", id, got, want)
		}
	}
	if len(shared) != 2 || shared[0].Info.ID != "git" || shared[1].Info.ID != "clock" {
		t.Fatalf("shared outcomes = %+v, want git and clock", shared)
	}
	if len(runs) != 3 {
		t.Fatalf("got %d target runs, want 3", len(runs))
	}
	for i, run := range runs {
		if run.Spec != targets[i] {
			t.Errorf("run %d is for %+v, want %+v", i, run.Spec, targets[i])
		}
		var ids []string
		for _, o := range run.Outcomes {
			ids = append(ids, o.Info.ID)
		}
		if len(ids) != 3 || ids[0] != TargetID || ids[1] != "region" || ids[2] != "reproduce" {
			t.Errorf("target %d ran %v, want remote, region, reproduce", i, ids)
		}
		if run.Outcomes[0].Result.Summary != targets[i].URL {
			t.Errorf("target %d's remote check saw %q, want its own target %q", i, run.Outcomes[0].Result.Summary, targets[i].URL)
		}
		// reproduce requires git, which ran once before: it sees its facts.
		if v, ok := seen.Load(targets[i].Source); !ok || v.(int) != 239 {
			t.Errorf("target %d: reproduce saw git's fact %v (%v), want 239", i, v, ok)
		}
	}
	if done != 2+3*3 {
		t.Errorf("OnDone called %d times, want %d", done, 2+3*3)
	}
}

func TestRunTargetsBoundsConcurrency(t *testing.T) {
	var running, peak atomic.Int32
	slow := fakeCheck{info: Info{ID: TargetID, Title: "t", Description: "t", Gives: []KeyRef{TargetKey}},
		run: func(context.Context, *Env) (Result, error) {
			n := running.Add(1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			time.Sleep(20 * time.Millisecond)
			running.Add(-1)
			return Result{Status: Pass}, nil
		}}
	targets := make([]TargetSpec, 9)
	if _, _, err := (Runner{}).RunTargets(context.Background(), []Check{slow}, &Env{}, targets, 3); err != nil {
		t.Fatal(err)
	}
	if p := peak.Load(); p > 3 || p < 2 {
		t.Errorf("at most %d targets ran at once, want between 2 and 3", p)
	}
}

func TestTargetDependentFollowsTransitiveWaits(t *testing.T) {
	a, b := NewKey[int]("a"), NewKey[int]("b")
	list := []Check{
		fakeCheck{info: Info{ID: TargetID, Gives: []KeyRef{TargetKey}}},
		fakeCheck{info: Info{ID: "a", Gives: []KeyRef{a}, After: []KeyRef{TargetKey}}},
		fakeCheck{info: Info{ID: "b", Gives: []KeyRef{b}, Requires: []KeyRef{a}}},
		fakeCheck{info: Info{ID: "c", Requires: []KeyRef{b}}},
		fakeCheck{info: Info{ID: "d"}},
	}
	got := TargetDependent(list)
	for id, want := range map[string]bool{TargetID: true, "a": true, "b": true, "c": true, "d": false} {
		if got[id] != want {
			t.Errorf("TargetDependent[%s] = %v, want %v", id, got[id], want)
		}
	}
}
