package sys

import (
	"context"
	"fmt"
	"time"
)

// ReapTimeout is how long Sealed gives ReapAll before the doctor exits.
const ReapTimeout = 5 * time.Second

// Sealed runs main as the doctor's whole life and returns its exit code:
// the process first becomes the ancestor of record of everything it starts
// (BecomeSubreaper), and before returning every descendant still alive is
// ended and reaped (ReapAll), so that nothing the doctor started outlives
// it. cmd/codecommit-doctor calls it from main.
func Sealed(main func() int) int {
	_ = BecomeSubreaper() // best effort: without it ReapAll still ends the descendants it can see
	code := main()
	ctx, cancel := context.WithTimeout(context.Background(), ReapTimeout)
	defer cancel()
	_ = ReapAll(ctx) // nothing to report to: the report is already written
	return code
}

// Close ends and reaps every descendant of the doctor still alive (see
// ReapAll). The Machine stays usable; Close is for the end of a run.
func (m *Machine) Close(ctx context.Context) error { return ReapAll(ctx) }

// ReapError says descendants were still alive when ReapAll gave up.
type ReapError struct {
	Alive []int // their pids
	Err   error // why ReapAll stopped (the context's error)
}

func (e *ReapError) Error() string {
	return fmt.Sprintf("ending the doctor's leftover processes: %d still alive (pids %v): %v", len(e.Alive), e.Alive, e.Err)
}

func (e *ReapError) Unwrap() error { return e.Err }
