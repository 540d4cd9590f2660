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

func fake(id string, prereqs []string, run func(ctx context.Context, env *Env) (Result, error)) Check {
	return fakeCheck{info: Info{ID: id, Title: id, Prerequisites: prereqs}, run: run}
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
	list := []Check{
		fake("slow", nil, passAfter(60*time.Millisecond)),
		fake("fast", nil, passAfter(0)),
		fake("middle", nil, passAfter(30*time.Millisecond)),
	}
	var mu sync.Mutex
	var finished []string
	r := Runner{OnDone: func(o Outcome) {
		mu.Lock()
		defer mu.Unlock()
		finished = append(finished, o.Info.ID)
	}}
	out := r.Run(context.Background(), list, &Env{})
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
	var sawDep bool
	list := []Check{
		fake("base", nil, func(context.Context, *Env) (Result, error) {
			return Result{Status: Pass, Summary: "base ok", Facts: 42}, nil
		}),
		fake("broken", nil, func(context.Context, *Env) (Result, error) {
			return Result{Status: Fail, Summary: "broken"}, nil
		}),
		fake("uses-base", []string{"base"}, func(_ context.Context, env *Env) (Result, error) {
			dep, ok := env.Dep("base")
			sawDep = ok && dep.Facts == 42
			return Result{Status: Pass, Summary: "ok"}, nil
		}),
		fake("uses-broken", []string{"broken"}, func(context.Context, *Env) (Result, error) {
			t.Error("a check whose prerequisite failed must not run")
			return Result{Status: Pass}, nil
		}),
	}
	out := Runner{}.Run(context.Background(), list, &Env{})
	if !sawDep {
		t.Error("the dependent check did not see its prerequisite's facts")
	}
	got := out[3].Result
	if got.Status != Skip || !strings.Contains(got.Summary, `"broken"`) {
		t.Errorf("uses-broken = %v %q, want skip naming the failed prerequisite", got.Status, got.Summary)
	}
}

func TestRunnerTimeoutIsErrorNamingTheCommand(t *testing.T) {
	list := []Check{fake("hangs", nil, func(ctx context.Context, _ *Env) (Result, error) {
		<-ctx.Done()
		return Result{}, fmt.Errorf("running `aws --version`: %w", ctx.Err())
	})}
	out := Runner{Timeout: 50 * time.Millisecond}.Run(context.Background(), list, &Env{})
	got := out[0].Result
	want := "timed out after 50ms while running `aws --version`"
	if got.Status != Error || got.Summary != want {
		t.Fatalf("got %v %q, want error %q", got.Status, got.Summary, want)
	}
}

func TestRunnerAbandonsACheckThatIgnoresItsDeadline(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	list := []Check{fake("stuck", nil, func(context.Context, *Env) (Result, error) {
		<-block
		return Result{Status: Pass}, nil
	})}
	out := Runner{Timeout: 10 * time.Millisecond}.Run(context.Background(), list, &Env{})
	if got := out[0].Result; got.Status != Error || !strings.Contains(got.Summary, "timed out after 10ms") {
		t.Fatalf("got %v %q, want a timeout error", got.Status, got.Summary)
	}
}

func TestRunnerPanicBecomesError(t *testing.T) {
	list := []Check{fake("boom", nil, func(context.Context, *Env) (Result, error) {
		var m map[string]int
		m["x"] = 1 // a real runtime panic
		return Result{}, nil
	})}
	for _, verbose := range []bool{false, true} {
		out := Runner{}.Run(context.Background(), list, &Env{Options: Options{Verbose: verbose}})
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
	list := []Check{
		fake("fails-to-run", nil, func(context.Context, *Env) (Result, error) {
			return Result{}, errors.New("reading ~/.gitconfig: permission denied")
		}),
		fakeCheck{info: Info{ID: "net", Needs: Needs{Network: true}}, run: func(context.Context, *Env) (Result, error) {
			t.Error("a network check ran with --offline")
			return Result{Status: Pass}, nil
		}},
	}
	out := Runner{}.Run(context.Background(), list, &Env{Options: Options{Offline: true}})
	if got := out[0].Result; got.Status != Error || got.Summary != "reading ~/.gitconfig: permission denied" {
		t.Errorf("error result = %v %q", got.Status, got.Summary)
	}
	if got := out[1].Result; got.Status != Skip || !strings.Contains(got.Summary, "--offline") {
		t.Errorf("network check with --offline = %v %q, want skip saying --offline", got.Status, got.Summary)
	}
}

func TestRunnerSortsFindingsAndRaisesStatus(t *testing.T) {
	list := []Check{fake("x", nil, func(context.Context, *Env) (Result, error) {
		return Result{Status: Pass, Findings: []Finding{
			{Code: "a", Severity: Warn}, {Code: "b", Severity: Fail}, {Code: "c", Severity: Warn},
		}}, nil
	})}
	got := Runner{}.Run(context.Background(), list, &Env{})[0].Result
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
	all := []Check{
		fake("git", nil, nil), fake("aws-cli", nil, nil), fake("remote", []string{"git"}, nil),
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
