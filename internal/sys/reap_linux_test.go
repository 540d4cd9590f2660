package sys

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// procState is the state letter of pid in /proc, or "" when it is gone.
func procState(t *testing.T, pid int) string {
	t.Helper()
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if errors.Is(err, os.ErrNotExist) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	p, err := parseStat(pid, string(b))
	if err != nil {
		t.Fatal(err)
	}
	if p.zombie {
		return "Z"
	}
	return "alive"
}

// settledState is procState once a killed process has had up to two
// seconds to finish exiting (SIGKILL is delivered asynchronously).
func settledState(t *testing.T, pid int) string {
	t.Helper()
	deadline := time.Now().Add(2 * time.Second)
	for {
		st := procState(t, pid)
		if st != "alive" || time.Now().After(deadline) {
			return st
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func pidFrom(t *testing.T, s string) int {
	t.Helper()
	pid, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		t.Fatalf("no pid in %q", s)
	}
	return pid
}

func reap(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := ReapAll(ctx); err != nil {
		t.Fatalf("ReapAll: %v", err)
	}
}

func TestRunKillsWhatTheProgramLeftBehind(t *testing.T) {
	m, dir := machineWith(t)
	// An `aws` that leaves a `sleep` behind and exits normally.
	script(t, dir, "aws", "sleep 300 &\necho $!\n")
	out, err := m.Run(context.Background(), Command{Name: "aws"})
	if err != nil {
		t.Fatal(err)
	}
	pid := pidFrom(t, out.Stdout)
	// The sleep held stdout, so Run returned once it was killed and had
	// closed its files; the kernel may still be finishing its exit (it
	// closes files before it becomes a zombie), so allow it that moment.
	// At most a zombie is left, which ReapAll reaps.
	if st := settledState(t, pid); st == "alive" {
		t.Fatalf("the background child %d is still alive after Run returned", pid)
	}
	reap(t)
	if st := procState(t, pid); st != "" {
		t.Fatalf("child %d is %s after ReapAll", pid, st)
	}
}

func TestReapAllEndsSetsidDescendants(t *testing.T) {
	if _, err := exec.LookPath("setsid"); err != nil {
		t.Skip("setsid not installed")
	}
	m, dir := machineWith(t)
	// The daemon leaves the process group and the session, and closes the
	// pipes: only the subreaper and ReapAll can still find it.
	script(t, dir, "daemonize", daemonScript(dir, "</dev/null >/dev/null 2>&1"))
	out, err := m.Run(context.Background(), Command{Name: "daemonize"})
	if err != nil {
		t.Fatal(err)
	}
	pid := pidFrom(t, out.Stdout)
	if st := procState(t, pid); st != "alive" {
		t.Fatalf("setsid child %d: %q, want it alive before ReapAll (test premise)", pid, st)
	}
	reap(t)
	if st := procState(t, pid); st != "" {
		t.Fatalf("setsid child %d is %s after ReapAll", pid, st)
	}
}

// daemonScript starts `sleep 300` in a session of its own and prints its
// pid once it is there (the fifo orders it: the script exits only after
// setsid happened, so the group kill cannot catch the daemon early).
func daemonScript(dir, redirect string) string {
	fifo := dir + "/ready"
	return "rm -f " + fifo + "; mkfifo " + fifo + "\n" +
		"setsid sh -c 'echo $$ >" + fifo + "; exec sleep 300 " + redirect + "' &\n" +
		"cat " + fifo + "\n"
}

func TestRunReturnsWhileASetsidDescendantHoldsTheOutput(t *testing.T) {
	if _, err := exec.LookPath("setsid"); err != nil {
		t.Skip("setsid not installed")
	}
	m, dir := machineWith(t)
	script(t, dir, "holds", daemonScript(dir, ""))
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := m.Run(ctx, Command{Name: "holds"})
	if err != nil {
		t.Fatal(err)
	}
	pid := pidFrom(t, out.Stdout)
	reap(t)
	if st := procState(t, pid); st != "" {
		t.Fatalf("child %d is %s after ReapAll", pid, st)
	}
}

func TestRunCapsMemory(t *testing.T) {
	m, dir := machineWith(t)
	// The script reads stdin first: the doctor writes it only after the
	// cap is set, so the limits it reads are the capped ones.
	script(t, dir, "limits", "read x\ncat /proc/$$/limits\n")
	out, err := m.Run(context.Background(), Command{Name: "limits", Stdin: "go\n", MaxMemory: 300 << 20})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.Stdout, "Max address space         314572800") {
		t.Errorf("the program's limits lack the cap:\n%s", out.Stdout)
	}
}

func TestRunReportsAProgramThatHitTheMemoryCap(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	m, dir := machineWith(t)
	script(t, dir, "greedy", "read x\nexec "+python+" -c 'b = bytearray(250 << 20)'\n")
	_, err = m.Run(context.Background(), Command{Name: "greedy", Stdin: "go\n", MaxMemory: 150 << 20})
	var me *MemoryLimitError
	if !errors.As(err, &me) {
		t.Fatalf("err = %v, want a *MemoryLimitError", err)
	}
	if me.Limit != 150<<20 || !strings.Contains(err.Error(), "running `greedy`: it ran out of memory under the doctor's cap of 150 MiB") {
		t.Errorf("err = %v", err)
	}
	// The same program without a cap succeeds.
	if _, err := m.Run(context.Background(), Command{Name: "greedy", Stdin: "go\n", MaxMemory: -1}); err != nil {
		t.Errorf("uncapped: %v", err)
	}
}

func TestParseStatAndDescendants(t *testing.T) {
	p, err := parseStat(42, "42 (a (weird) name) S 7 42 42 0 -1")
	if err != nil || p.ppid != 7 || p.zombie {
		t.Fatalf("parseStat = %+v, %v", p, err)
	}
	if p, _ := parseStat(43, "43 (x) Z 1 1"); !p.zombie {
		t.Error("Z must be a zombie")
	}
	if _, err := parseStat(1, "1 no-paren"); err == nil {
		t.Error("want an error for a line without the command field")
	}
	procs := []proc{
		{pid: 10, ppid: 1},  // us
		{pid: 11, ppid: 10}, // child
		{pid: 12, ppid: 11}, // grandchild
		{pid: 13, ppid: 10, zombie: true},
		{pid: 14, ppid: 1},  // unrelated
		{pid: 15, ppid: 12}, // great-grandchild
	}
	alive, children := descendants(procs, 10)
	if strings.Trim(strings.Join(strings.Fields(strconvs(alive)), ","), ",") != "11,12,15" {
		t.Errorf("alive = %v", alive)
	}
	if strconvs(children) != "11 13" {
		t.Errorf("children = %v", children)
	}
}

func strconvs(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, " ")
}

func FuzzParseStat(f *testing.F) {
	f.Add("42 (a (weird) name) S 7 42 42 0 -1")
	f.Add("1 (init) S 0 1 1")
	f.Add("9 () Z")
	f.Fuzz(func(t *testing.T, line string) {
		p, err := parseStat(5, line)
		if err != nil {
			return
		}
		if p.pid != 5 {
			t.Fatalf("pid %d", p.pid)
		}
		// What follows the last ')' decides: the command name cannot fake it.
		if _, err := parseStat(5, "5 ("+line+") S 1"); err != nil {
			t.Fatalf("a command name holding %q broke the parse: %v", line, err)
		}
	})
}
