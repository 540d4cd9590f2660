package checks

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeCheck is a check whose behaviour a test sets.
type fakeCheck struct {
	info Info
	run  func(ctx context.Context, env *Env) (Result, error)
}

func (f fakeCheck) Info() Info { return f.info }
func (f fakeCheck) Run(ctx context.Context, env *Env) (Result, error) {
	return f.run(ctx, env)
}

// world hands out one key per fake check, so producers and consumers
// share it.
type world struct{ keys map[string]*Key[int] }

func newWorld() *world { return &world{keys: map[string]*Key[int]{}} }

func (w *world) key(id string) *Key[int] {
	if k, ok := w.keys[id]; ok {
		return k
	}
	k := NewKey[int](id)
	w.keys[id] = k
	return k
}

// fake is a check that gives its own key and requires those of prereqs.
func (w *world) fake(id string, prereqs []string, run func(ctx context.Context, env *Env) (Result, error)) Check {
	info := Info{ID: id, Title: id, Description: id, Gives: []KeyRef{w.key(id)}}
	for _, p := range prereqs {
		info.Requires = append(info.Requires, w.key(p))
	}
	return fakeCheck{info: info, run: run}
}

// run runs a valid list.
func run(t *testing.T, r Runner, list []Check, env *Env) []Outcome {
	t.Helper()
	out, err := r.Run(context.Background(), list, env)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func passAfter(d time.Duration) func(context.Context, *Env) (Result, error) {
	return func(ctx context.Context, _ *Env) (Result, error) {
		select {
		case <-time.After(d):
			return Result{Status: Pass, Summary: "ok"}, nil
		case <-ctx.Done():
			return Result{}, fmt.Errorf("waiting: %w", ctx.Err())
		}
	}
}

func TestRunnerKeepsOrderWhateverFinishesFirst(t *testing.T) {
	w := newWorld()
	list := []Check{
		w.fake("slow", nil, passAfter(60*time.Millisecond)),
		w.fake("fast", nil, passAfter(0)),
		w.fake("middle", nil, passAfter(30*time.Millisecond)),
	}
	var mu sync.Mutex
	var finished []string
	r := Runner{OnDone: func(o Outcome) {
		mu.Lock()
		defer mu.Unlock()
		finished = append(finished, o.Info.ID)
	}}
	out := run(t, r, list, &Env{})
	var got []string
	for _, o := range out {
		got = append(got, o.Info.ID)
	}
	if strings.Join(got, ",") != "slow,fast,middle" {
		t.Fatalf("report order = %v, want the given order", got)
	}
	if strings.Join(finished, ",") != "fast,middle,slow" {
		t.Fatalf("completion order = %v, want fast,middle,slow (checks must run concurrently)", finished)
	}
}

func TestRunnerPrerequisites(t *testing.T) {
	w := newWorld()
	var sawDep bool
	list := []Check{
		w.fake("base", nil, func(context.Context, *Env) (Result, error) {
			res := Result{Status: Pass, Summary: "base ok"}
			w.key("base").Set(&res, 42)
			return res, nil
		}),
		w.fake("broken", nil, func(context.Context, *Env) (Result, error) {
			return Result{Status: Fail, Summary: "broken"}, nil
		}),
		w.fake("uses-base", []string{"base"}, func(_ context.Context, env *Env) (Result, error) {
			v, ok := w.key("base").Get(env)
			sawDep = ok && v == 42
			return Result{Status: Pass, Summary: "ok"}, nil
		}),
		w.fake("uses-broken", []string{"broken"}, func(context.Context, *Env) (Result, error) {
			t.Error("a check whose prerequisite failed must not run")
			return Result{Status: Pass}, nil
		}),
	}
	out := run(t, Runner{}, list, &Env{})
	if !sawDep {
		t.Error("the dependent check did not see its prerequisite's facts")
	}
	got := out[3].Result
	if got.Status != Skip || !strings.Contains(got.Summary, `"broken"`) {
		t.Errorf("uses-broken = %v %q, want skip naming the failed prerequisite", got.Status, got.Summary)
	}
}

// A producer that says why its dependents cannot look turns them into
// errors that say it, and the reason travels down the chain.
func TestRunnerBlockedPrerequisiteIsAnError(t *testing.T) {
	w := newWorld()
	list := []Check{
		w.fake("broken", nil, func(context.Context, *Env) (Result, error) {
			return Result{Status: Fail, Summary: "broken", Blocks: "git cannot parse ~/.gitconfig line 3"}, nil
		}),
		w.fake("uses-broken", []string{"broken"}, func(context.Context, *Env) (Result, error) {
			t.Error("a check whose prerequisite failed must not run")
			return Result{Status: Pass}, nil
		}),
		w.fake("uses-uses", []string{"uses-broken"}, func(context.Context, *Env) (Result, error) {
			t.Error("a check whose prerequisite erred must not run")
			return Result{Status: Pass}, nil
		}),
	}
	out := run(t, Runner{}, list, &Env{})
	for _, got := range out[1:] {
		if got.Result.Status != Error || !strings.Contains(got.Result.Summary, "could not look: git cannot parse ~/.gitconfig line 3") {
			t.Errorf("%s = %v %q, want an error naming why it could not look", got.Info.ID, got.Result.Status, got.Result.Summary)
		}
	}
}

func TestRunnerTimeoutIsErrorNamingTheCommand(t *testing.T) {
	w := newWorld()
	list := []Check{w.fake("hangs", nil, func(ctx context.Context, _ *Env) (Result, error) {
		<-ctx.Done()
		return Result{}, fmt.Errorf("running `aws --version`: %w", ctx.Err())
	})}
	out := run(t, Runner{Timeout: 50 * time.Millisecond}, list, &Env{})
	got := out[0].Result
	want := "timed out after 50ms while running `aws --version`"
	if got.Status != Error || got.Summary != want {
		t.Fatalf("got %v %q, want error %q", got.Status, got.Summary, want)
	}
}

func TestRunnerAbandonsACheckThatIgnoresItsDeadline(t *testing.T) {
	w := newWorld()
	block := make(chan struct{})
	defer close(block)
	list := []Check{w.fake("stuck", nil, func(context.Context, *Env) (Result, error) {
		<-block
		return Result{Status: Pass}, nil
	})}
	out := run(t, Runner{Timeout: 10 * time.Millisecond}, list, &Env{})
	if got := out[0].Result; got.Status != Error || !strings.Contains(got.Summary, "timed out after 10ms") {
		t.Fatalf("got %v %q, want a timeout error", got.Status, got.Summary)
	}
}

func TestRunnerPanicBecomesError(t *testing.T) {
	w := newWorld()
	list := []Check{w.fake("boom", nil, func(context.Context, *Env) (Result, error) {
		var m map[string]int
		m["x"] = 1 //lint:ignore SA5000 a real runtime panic is the point of the test
		return Result{}, nil
	})}
	for _, verbose := range []bool{false, true} {
		out := run(t, Runner{}, list, &Env{Options: Options{Verbose: verbose}})
		got := out[0].Result
		if got.Status != Error || !strings.Contains(got.Summary, "the check crashed: assignment to entry in nil map") {
			t.Fatalf("got %v %q, want error with the panic's reason", got.Status, got.Summary)
		}
		_, hasStack := got.Evidence["stack"]
		if hasStack != verbose {
			t.Errorf("verbose=%v: stack in evidence = %v", verbose, hasStack)
		}
	}
}

func TestRunnerErrorAndOffline(t *testing.T) {
	w := newWorld()
	list := []Check{
		w.fake("fails-to-run", nil, func(context.Context, *Env) (Result, error) {
			return Result{}, errors.New("reading ~/.gitconfig: permission denied")
		}),
		fakeCheck{info: Info{ID: "net", Title: "net", Description: "net", Needs: Needs{Network: true}}, run: func(context.Context, *Env) (Result, error) {
			t.Error("a network check ran with --offline")
			return Result{Status: Pass}, nil
		}},
	}
	out := run(t, Runner{}, list, &Env{Options: Options{Offline: true}})
	if got := out[0].Result; got.Status != Error || got.Summary != "reading ~/.gitconfig: permission denied" {
		t.Errorf("error result = %v %q", got.Status, got.Summary)
	}
	if got := out[1].Result; got.Status != Skip || !strings.Contains(got.Summary, "--offline") {
		t.Errorf("network check with --offline = %v %q, want skip saying --offline", got.Status, got.Summary)
	}
}

func TestRunnerSortsFindingsAndRaisesStatus(t *testing.T) {
	w := newWorld()
	list := []Check{w.fake("x", nil, func(context.Context, *Env) (Result, error) {
		return Result{Status: Pass, Findings: []Finding{
			{Code: "a", Severity: Warn}, {Code: "b", Severity: Fail}, {Code: "c", Severity: Warn},
		}}, nil
	})}
	got := run(t, Runner{}, list, &Env{})[0].Result
	if got.Status != Fail {
		t.Errorf("status = %v, want fail (the worst finding)", got.Status)
	}
	var codes []string
	for _, f := range got.Findings {
		codes = append(codes, f.Code)
	}
	if strings.Join(codes, "") != "bac" {
		t.Errorf("findings order = %v, want most severe first, stable", codes)
	}
}

func TestSelect(t *testing.T) {
	w := newWorld()
	all := []Check{
		w.fake("git", nil, nil), w.fake("aws-cli", nil, nil), w.fake("remote", []string{"git"}, nil),
	}
	ids := func(cs []Check) string {
		var s []string
		for _, c := range cs {
			s = append(s, c.Info().ID)
		}
		return strings.Join(s, ",")
	}
	tests := []struct {
		only, skip []string
		want, err  string
	}{
		{want: "git,aws-cli,remote"},
		{only: []string{"remote"}, want: "git,remote"},
		{only: []string{"remote"}, skip: []string{"git"}, want: "remote"},
		{skip: []string{"aws-cli"}, want: "git,remote"},
		{only: []string{"git"}, skip: []string{"git"}, err: "leaves no check to run"},
		{only: []string{"nope", "git"}, err: `unknown check id "nope"; valid ids: git, aws-cli, remote`},
		{skip: []string{"zzz"}, err: `unknown check id "zzz"`},
	}
	for _, tt := range tests {
		got, err := Select(all, tt.only, tt.skip)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Select(%v, %v) error = %v, want %q", tt.only, tt.skip, err, tt.err)
			}
			continue
		}
		if err != nil || ids(got) != tt.want {
			t.Errorf("Select(%v, %v) = %s, %v; want %s", tt.only, tt.skip, ids(got), err, tt.want)
		}
	}
}

func TestValidateRejectsCycleUnknownKeyAndUndeclaredTarget(t *testing.T) {
	w := newWorld()
	stray := NewKey[int]("nobody")
	tests := []struct {
		name string
		list []Check
		want string
	}{
		{"cycle", []Check{w.fake("a", []string{"b"}, nil), w.fake("b", []string{"c"}, nil), w.fake("c", []string{"a"}, nil)},
			"cycle: a → b → c → a"},
		{"unknown key", []Check{fakeCheck{info: Info{ID: "x", Title: "x", Description: "x", After: []KeyRef{stray}}}},
			`check "x" reads int, but no check "nobody" is registered`},
		{"key not given", []Check{w.fake("p", nil, nil), fakeCheck{info: Info{ID: "q", Title: "q", Description: "q", After: []KeyRef{NewKey[string]("p")}}}},
			`check "q" reads string, which "p" does not list in Gives`},
		{"undeclared target", []Check{
			fakeCheck{info: Info{ID: TargetID, Title: "r", Description: "r", Gives: []KeyRef{TargetKey}}},
			fakeCheck{info: Info{ID: "needs", Title: "n", Description: "n", Needs: Needs{Target: true}}}},
			`check "needs" needs a target but does not list checks.TargetKey`},
		{"duplicate id", []Check{w.fake("d", nil, nil), w.fake("d", nil, nil)}, `check id "d" is used twice`},
		{"no title", []Check{fakeCheck{info: Info{ID: "bare"}}}, `check "bare" has no title or no description`},
	}
	for _, tt := range tests {
		err := Validate(tt.list)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Validate = %v, want an error containing %q", tt.name, err, tt.want)
		}
		// The runner refuses the list instead of deadlocking on it
		// (a selection may leave producers out, so only structure counts).
		if strings.HasPrefix(tt.name, "unknown") {
			continue
		}
		out, err := Runner{Timeout: time.Second}.Run(context.Background(), tt.list, &Env{})
		if err == nil || out != nil {
			t.Errorf("%s: Run = %v, %v; want an error and nothing run", tt.name, out, err)
		}
	}
}

// A check that waits for the target sees it; without a target it is
// skipped saying so, once the producer has finished.
func TestRunnerWaitsForTheTarget(t *testing.T) {
	remote := fakeCheck{info: Info{ID: TargetID, Title: "r", Description: "r", Gives: []KeyRef{TargetKey}}, run: func(context.Context, *Env) (Result, error) {
		time.Sleep(20 * time.Millisecond)
		res := Result{Status: Pass}
		TargetKey.Set(&res, &Target{Source: "argument"})
		return res, nil
	}}
	var saw *Target
	user := fakeCheck{info: Info{ID: "user", Title: "u", Description: "u", After: []KeyRef{TargetKey}, Needs: Needs{Target: true}}, run: func(_ context.Context, env *Env) (Result, error) {
		saw = env.TargetOf()
		return Result{Status: Pass}, nil
	}}
	out := run(t, Runner{}, []Check{user, remote}, &Env{})
	if saw == nil || saw.Source != "argument" || out[0].Result.Status != Pass {
		t.Fatalf("the target check saw %+v (%v), want the target", saw, out[0].Result)
	}
}

// Hidden fact providers run and are read, but are not reported.
func TestRunnerHidesProviders(t *testing.T) {
	k := NewKey[string]("provider")
	provider := fakeCheck{info: Info{ID: "provider", Hidden: true, Gives: []KeyRef{k}}, run: func(context.Context, *Env) (Result, error) {
		res := Result{Status: Pass}
		k.Set(&res, "fact")
		return res, nil
	}}
	var got string
	reader := fakeCheck{info: Info{ID: "reader", Title: "r", Description: "r", After: []KeyRef{k}}, run: func(_ context.Context, env *Env) (Result, error) {
		got, _ = k.Get(env)
		return Result{Status: Pass}, nil
	}}
	out := run(t, Runner{}, []Check{reader, provider}, &Env{})
	if len(out) != 1 || out[0].Info.ID != "reader" || got != "fact" {
		t.Fatalf("outcomes %v, fact %q: want only the reader, which saw the fact", out, got)
	}
	sel, err := Select([]Check{reader, provider}, []string{"reader"}, nil)
	if err != nil || len(sel) != 2 {
		t.Fatalf("Select(--only reader) = %d checks, %v; want the reader and its provider", len(sel), err)
	}
	if _, err := Select([]Check{reader, provider}, []string{"provider"}, nil); err == nil {
		t.Error("a hidden provider was selectable by id")
	}
}
