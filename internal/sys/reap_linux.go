package sys

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// BecomeSubreaper makes the doctor a child subreaper (Linux
// PR_SET_CHILD_SUBREAPER): a process it started that dies leaves its own
// children to the doctor instead of to init, so that even a descendant
// that called setsid stays findable by ReapAll. Calling it again is
// harmless.
func BecomeSubreaper() error {
	if err := unix.Prctl(unix.PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0); err != nil {
		return fmt.Errorf("becoming a child subreaper: %w", err)
	}
	return nil
}

// ReapAll kills every descendant of the doctor still alive — whatever its
// process group or session — and reaps those that are (or became) the
// doctor's children. It walks /proc for processes whose parent chain leads
// to the doctor, repeating until none is left or ctx ends. It is meant for
// the end of a run: a program Machine.Run is still waiting for is killed
// too.
func ReapAll(ctx context.Context) error {
	self := os.Getpid()
	pause := time.Millisecond
	for {
		procs, err := readProcs()
		if err != nil {
			return fmt.Errorf("ending the doctor's leftover processes: %w", err)
		}
		alive, children := descendants(procs, self)
		for _, pid := range alive {
			_ = unix.Kill(pid, unix.SIGKILL)
		}
		for _, pid := range children {
			var ws unix.WaitStatus
			_, _ = unix.Wait4(pid, &ws, unix.WNOHANG, nil)
		}
		if len(alive) == 0 && len(children) == 0 {
			return nil
		}
		t := time.NewTimer(pause)
		select {
		case <-ctx.Done():
			t.Stop()
			return &ReapError{Alive: alive, Err: ctx.Err()}
		case <-t.C:
		}
		pause = min(2*pause, 50*time.Millisecond)
	}
}

// proc is what ReapAll needs of /proc/PID/stat.
type proc struct {
	pid, ppid int
	zombie    bool
}

func readProcs() ([]proc, error) {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil, fmt.Errorf("listing processes: %w", err)
	}
	out := make([]proc, 0, len(entries))
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue // gone meanwhile
		}
		p, err := parseStat(pid, string(b))
		if err != nil {
			continue
		}
		out = append(out, p)
	}
	return out, nil
}

// parseStat reads "PID (COMM) STATE PPID ..."; COMM may hold spaces and
// parentheses, so the fields start after the last ')'.
func parseStat(pid int, s string) (proc, error) {
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return proc{}, errors.New("no command field")
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 2 {
		return proc{}, errors.New("short stat line")
	}
	ppid, err := strconv.Atoi(f[1])
	if err != nil {
		return proc{}, fmt.Errorf("parent pid: %w", err)
	}
	return proc{pid: pid, ppid: ppid, zombie: f[0] == "Z" || f[0] == "X"}, nil
}

// descendants returns the live descendants of root to kill and root's own
// children (live or zombie) to reap.
func descendants(procs []proc, root int) (alive, children []int) {
	kids := make(map[int][]proc, len(procs))
	for _, p := range procs {
		kids[p.ppid] = append(kids[p.ppid], p)
	}
	queue := []int{root}
	for len(queue) > 0 {
		parent := queue[0]
		queue = queue[1:]
		for _, c := range kids[parent] {
			if c.pid == root {
				continue
			}
			if parent == root {
				children = append(children, c.pid)
			}
			if !c.zombie {
				alive = append(alive, c.pid)
			}
			queue = append(queue, c.pid)
		}
	}
	return alive, children
}
