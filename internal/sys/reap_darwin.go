package sys

import (
	"context"
	"fmt"
	"os"
	"syscall"
	"time"

	"golang.org/x/sys/unix"
)

// BecomeSubreaper does nothing on macOS, which has no subreapers: a
// descendant whose parent died belongs to launchd, out of ReapAll's reach;
// Machine.Run's process-group kill covers everything that stayed in the
// group.
func BecomeSubreaper() error { return nil }

// ReapAll kills every descendant of the doctor still alive (found through
// the kernel's process table) and reaps the doctor's own children.
func ReapAll(ctx context.Context) error {
	self := int32(os.Getpid())
	for {
		procs, err := unix.SysctlKinfoProcSlice("kern.proc.all")
		if err != nil {
			return fmt.Errorf("ending the doctor's leftover processes: listing processes: %w", err)
		}
		kids := map[int32][]int32{}
		for _, p := range procs {
			kids[p.Eproc.Ppid] = append(kids[p.Eproc.Ppid], p.Proc.P_pid)
		}
		var alive []int
		queue := []int32{self}
		for len(queue) > 0 {
			parent := queue[0]
			queue = queue[1:]
			for _, c := range kids[parent] {
				if c != self {
					alive = append(alive, int(c))
					queue = append(queue, c)
				}
			}
		}
		for _, pid := range alive {
			_ = syscall.Kill(pid, syscall.SIGKILL)
			var ws syscall.WaitStatus
			_, _ = syscall.Wait4(pid, &ws, syscall.WNOHANG, nil)
		}
		if len(alive) == 0 {
			return nil
		}
		t := time.NewTimer(10 * time.Millisecond)
		select {
		case <-ctx.Done():
			t.Stop()
			return &ReapError{Alive: alive, Err: ctx.Err()}
		case <-t.C:
		}
	}
}
