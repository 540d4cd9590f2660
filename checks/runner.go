package checks

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/neterr"
)

// DefaultTimeout is the per-check time budget when none is given.
const DefaultTimeout = 30 * time.Second

// abandonGrace is how long the runner waits past a check's deadline for the
// check to return before it reports the timeout itself.
const abandonGrace = 2 * time.Second

// Runner runs checks concurrently, honouring prerequisites.
type Runner struct {
	Timeout time.Duration // per check; DefaultTimeout when zero
	// OnStart and OnDone, when set, are called as checks start and finish
	// (never concurrently with each other), e.g. to show progress.
	OnStart func(Info)
	OnDone  func(Outcome)
}

// Run runs the checks and returns the outcomes of the reported ones (hidden
// fact providers left out) in the order given, whatever order they finish
// in. The list is validated first (see Validate; producers left out of a
// selection are allowed): an invalid graph is an error and nothing runs. Every check starts as soon as the producers it
// waits for have finished; a check whose required producer did not pass or
// warn is skipped, naming it.
func (r Runner) Run(ctx context.Context, list []Check, env *Env) ([]Outcome, error) {
	if err := validateSelection(list); err != nil {
		return nil, fmt.Errorf("invalid set of checks: %w", err)
	}
	return reported(r.run(ctx, list, env, nil)), nil
}

// run runs the checks of a validated list and returns every outcome,
// hidden ones included. seed holds the results of producers that ran
// before (the shared checks of a run over several targets): a check waiting
// for one of them sees its result.
func (r Runner) run(ctx context.Context, list []Check, env *Env, seed map[string]Result) []Outcome {
	timeout := r.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	n := len(list)
	outcomes := make([]Outcome, n)
	done := make(map[string]chan struct{}, n)
	index := make(map[string]int, n)
	for i, c := range list {
		id := c.Info().ID
		done[id] = make(chan struct{})
		index[id] = i
	}
	var mu sync.Mutex // serialises callbacks
	notify := func(f func()) {
		mu.Lock()
		defer mu.Unlock()
		f()
	}
	var wg sync.WaitGroup
	for i, c := range list {
		wg.Go(func() {
			info := c.Info()
			defer close(done[info.ID])
			deps := map[string]Result{}
			for _, p := range info.Waits() {
				ch, ok := done[p]
				if !ok {
					if res, seeded := seed[p]; seeded {
						deps[p] = res
					}
					continue
				}
				<-ch
				deps[p] = outcomes[index[p]].Result
			}
			if r.OnStart != nil && !info.Hidden {
				notify(func() { r.OnStart(info) })
			}
			start := time.Now()
			res := r.runOne(ctx, c, info, env.withDeps(deps), timeout)
			outcomes[i] = Outcome{Info: info, Result: res, Duration: time.Since(start)}
			if r.OnDone != nil && !info.Hidden {
				notify(func() { r.OnDone(outcomes[i]) })
			}
		})
	}
	wg.Wait()
	return outcomes
}

// reported leaves out the hidden fact providers.
func reported(outcomes []Outcome) []Outcome {
	out := outcomes[:0:0]
	for _, o := range outcomes {
		if !o.Info.Hidden {
			out = append(out, o)
		}
	}
	return out
}

func (r Runner) runOne(ctx context.Context, c Check, info Info, env *Env, timeout time.Duration) Result {
	if blocked, ok := blockedBy(info, env); ok {
		return blocked
	}
	if reason := gate(info, env); reason != "" {
		return Skipped(reason)
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	ch := make(chan Result, 1)
	go func() { ch <- protect(ctx, c, env, timeout) }()
	select {
	case res := <-ch:
		return Normalize(res)
	case <-time.After(timeout + abandonGrace):
		return Result{Status: Error, Summary: fmt.Sprintf("timed out after %s and did not stop", timeout)}
	}
}

// blockedBy returns the error result of a check whose required producer
// failed or erred and said why the checks reading its facts cannot look
// (Result.Blocks): such a check could not look, which is not "nothing to
// see".
func blockedBy(info Info, env *Env) (Result, bool) {
	for _, k := range info.Requires {
		p := k.Producer()
		dep, ok := env.deps[p]
		if !ok || dep.Blocks == "" || (dep.Status != Fail && dep.Status != Error) {
			continue
		}
		return Result{Status: Error, Summary: fmt.Sprintf("could not look: %s (see %q)", dep.Blocks, p), Blocks: dep.Blocks}, true
	}
	return Result{}, false
}

// gate decides whether a check may run at all.
func gate(info Info, env *Env) string {
	for _, k := range info.Requires {
		p := k.Producer()
		dep, ok := env.deps[p]
		if !ok {
			continue
		}
		switch dep.Status {
		case Pass, Warn:
		case Skip:
			return fmt.Sprintf("skipped: prerequisite %q was skipped (%s)", p, strings.TrimPrefix(dep.Summary, "skipped: "))
		default:
			return fmt.Sprintf("skipped: prerequisite %q ended in %s", p, dep.Status)
		}
	}
	if info.Needs.Target && info.ID != TargetID && env.TargetOf() == nil {
		if n, ok := NoTargetKey.Get(env); ok && n != nil {
			return n.SkipReason()
		}
		return NoTargetReason
	}
	if info.Needs.Network && env.Options.Offline {
		return "skipped: --offline was given and this check needs the network"
	}
	return ""
}

// protect runs the check, turning a panic or an error into an error result.
func protect(ctx context.Context, c Check, env *Env, timeout time.Duration) (res Result) {
	defer func() {
		if p := recover(); p != nil {
			res = Result{Status: Error, Summary: fmt.Sprintf("the check crashed: %v", p)}
			if env.Options.Verbose {
				res.AddEvidence("stack", string(debug.Stack()))
			}
		}
	}()
	res, err := c.Run(ctx, env)
	if err != nil {
		return errorResult(err, timeout)
	}
	return res
}

func errorResult(err error, timeout time.Duration) Result {
	if errors.Is(err, context.DeadlineExceeded) {
		what := strings.TrimSuffix(err.Error(), ": "+context.DeadlineExceeded.Error())
		if what == context.DeadlineExceeded.Error() {
			return Result{Status: Error, Summary: fmt.Sprintf("timed out after %s", timeout)}
		}
		return Result{Status: Error, Summary: fmt.Sprintf("timed out after %s while %s", timeout, what)}
	}
	// Said in words; what the libraries said stays in the evidence.
	res := Result{Status: Error, Summary: neterr.Plain(err)}
	if res.Summary != err.Error() {
		res.AddEvidence("raw_error", err.Error())
	}
	return res
}

// Normalize sorts findings most severe first and makes the status at least
// as severe as the worst finding.
func Normalize(res Result) Result {
	sort.SliceStable(res.Findings, func(i, j int) bool {
		return res.Findings[i].Severity > res.Findings[j].Severity
	})
	for _, f := range res.Findings {
		if f.Severity > res.Status {
			res.Status = f.Severity
		}
	}
	if res.Summary == "" {
		res.Summary = res.Status.String()
	}
	return res
}
