package sys

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"
)

// DefaultMaxOutput caps what is captured of each of stdout and stderr.
const DefaultMaxOutput = 1 << 20

// DefaultMaxMemory caps the address space of every program the doctor runs
// (Linux only; see Command.MaxMemory). The AWS CLI, git and the credential
// helpers need a small fraction of it.
const DefaultMaxMemory = 4 << 30

// waitDelay bounds how long Run waits, once the program has exited and its
// process group is killed, for a descendant that left the group (setsid)
// to release the output pipes.
const waitDelay = 2 * time.Second

// Command is one program run.
type Command struct {
	Name  string   // program name, looked up on the machine's PATH
	Args  []string // arguments
	Env   []string // extra KEY=VALUE pairs, applied after the machine's environment
	Stdin string   // data for stdin; stdin is closed after it (empty: closed at once)
	Dir   string   // working directory ("" = current)
	// MaxOutput caps each captured stream; 0 means DefaultMaxOutput.
	MaxOutput int
	// MaxMemory caps the program's address space in bytes (Linux:
	// RLIMIT_AS, inherited by what it starts); 0 means DefaultMaxMemory,
	// a negative value no cap.
	MaxMemory int64
	// Display, when set, is how the command is named in errors instead of
	// String (e.g. a redacted credential_process command line).
	Display string
}

// String is the command line as shown to users.
func (c Command) String() string {
	if c.Display != "" {
		return c.Display
	}
	parts := append([]string{c.Name}, c.Args...)
	for i, p := range parts {
		if p == "" || strings.ContainsAny(p, " \t\"'$") {
			parts[i] = fmt.Sprintf("%q", p)
		}
	}
	return strings.Join(parts, " ")
}

func (c Command) maxMemory() int64 {
	if c.MaxMemory == 0 {
		return DefaultMaxMemory
	}
	return c.MaxMemory
}

// Output is what a finished program left behind. A non-zero exit status is
// not an error: callers read ExitCode.
type Output struct {
	Path      string
	Stdout    string
	Stderr    string
	ExitCode  int
	Truncated bool
	Duration  time.Duration
}

// Combined is stdout followed by stderr.
func (o Output) Combined() string {
	if o.Stderr == "" {
		return o.Stdout
	}
	if o.Stdout == "" {
		return o.Stderr
	}
	return o.Stdout + "\n" + o.Stderr
}

// noPrompt is forced on every program: nothing may wait for a person.
var noPrompt = []string{
	"GIT_TERMINAL_PROMPT=0",
	"GCM_INTERACTIVE=never",
	"GIT_ASKPASS=",
	"SSH_ASKPASS=",
	"AWS_PAGER=",
	"GIT_PAGER=cat",
	"PAGER=cat",
	"LC_ALL=C",
	"LANG=C",
}

// Run runs a program and waits for it, within ctx's deadline.
//
// The program runs in a process group of its own (Unix). When it exits —
// normally, or killed because ctx ended — the whole group is killed, so
// nothing it started in the background survives it; a descendant that left
// the group (setsid) is ended by ReapAll. On Linux the program's address
// space is capped (Command.MaxMemory); a program that ran out of memory
// under the cap is reported as a *MemoryLimitError.
func (m *Machine) Run(ctx context.Context, c Command) (Output, error) {
	path, err := m.LookPath(c.Name)
	if err != nil {
		return Output{}, fmt.Errorf("running `%s`: %w", c, err)
	}
	m.seal.Do(func() { _ = BecomeSubreaper() })
	limit := c.MaxOutput
	if limit <= 0 {
		limit = DefaultMaxOutput
	}
	cmd := exec.CommandContext(ctx, path, c.Args...)
	cmd.Dir = c.Dir
	cmd.Env = m.commandEnv(c.Env)
	cmd.WaitDelay = waitDelay
	setProcessGroup(cmd)

	// The pipes are the doctor's own (not exec's copying goroutines), so
	// that Wait returns when the program exits, even while something it
	// left behind still holds them; the group is killed right after.
	stdout, err := newCapture(limit)
	if err != nil {
		return Output{}, fmt.Errorf("running `%s`: %w", c, err)
	}
	stderr, err := newCapture(limit)
	if err != nil {
		stdout.abandon()
		return Output{}, fmt.Errorf("running `%s`: %w", c, err)
	}
	cmd.Stdout, cmd.Stderr = stdout.w, stderr.w
	var stdinW *os.File
	if c.Stdin != "" {
		r, w, err := os.Pipe()
		if err != nil {
			stdout.abandon()
			stderr.abandon()
			return Output{}, fmt.Errorf("running `%s`: stdin pipe: %w", c, err)
		}
		cmd.Stdin, stdinW = r, w
		defer r.Close() // closed again at once after Start: the program has its copy
	} // else exec gives the program the null device: EOF at once.

	start := time.Now()
	if err := cmd.Start(); err != nil {
		stdout.abandon()
		stderr.abandon()
		if stdinW != nil {
			stdinW.Close()
		}
		return Output{}, fmt.Errorf("running `%s`: %w", c, err)
	}
	stdout.started()
	stderr.started()
	if r, ok := cmd.Stdin.(*os.File); ok {
		r.Close()
	}
	limitErr := limitMemory(cmd.Process.Pid, c.maxMemory())
	if stdinW != nil {
		go func() {
			// A program that does not read its input gets EPIPE or the
			// close below; either way the writer ends.
			_, _ = io.WriteString(stdinW, c.Stdin)
			stdinW.Close()
		}()
	}
	var runErr error
	if awaitExit(cmd.Process.Pid) {
		killGroup(cmd)
		runErr = cmd.Wait()
	} else {
		runErr = cmd.Wait()
		killGroup(cmd)
	}
	if stdinW != nil {
		stdinW.Close()
	}
	drainCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), waitDelay)
	stdout.finish(drainCtx)
	stderr.finish(drainCtx)
	cancel()

	out := Output{
		Path:      path,
		Stdout:    stdout.String(),
		Stderr:    stderr.String(),
		Truncated: stdout.truncated() || stderr.truncated(),
		Duration:  time.Since(start),
	}
	if cmd.ProcessState != nil {
		out.ExitCode = cmd.ProcessState.ExitCode()
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		return out, fmt.Errorf("running `%s`: %w", c, ctxErr)
	}
	if limitErr == nil && c.maxMemory() > 0 && ranOutOfMemory(cmd.ProcessState, out.Stderr) {
		return out, &MemoryLimitError{Command: c.String(), Limit: c.maxMemory(), ExitCode: out.ExitCode}
	}
	if runErr == nil {
		return out, nil
	}
	var exitErr *exec.ExitError
	if errors.As(runErr, &exitErr) {
		if exitErr.ExitCode() < 0 {
			return out, fmt.Errorf("running `%s`: killed (%v)", c, exitErr.ProcessState)
		}
		return out, nil
	}
	if errors.Is(runErr, exec.ErrWaitDelay) {
		return out, nil
	}
	return out, fmt.Errorf("running `%s`: %w", c, runErr)
}

func (m *Machine) commandEnv(extra []string) []string {
	merged := make(map[string]string, len(m.env)+len(noPrompt)+len(extra))
	order := make([]string, 0, len(m.env)+len(noPrompt)+len(extra))
	set := func(kv string) {
		k, v, _ := strings.Cut(kv, "=")
		if _, ok := merged[k]; !ok {
			order = append(order, k)
		}
		merged[k] = v
	}
	for k, v := range m.env {
		set(k + "=" + v)
	}
	for _, kv := range noPrompt {
		set(kv)
	}
	for _, kv := range extra {
		set(kv)
	}
	env := make([]string, 0, len(order))
	for _, k := range order {
		env = append(env, k+"="+merged[k])
	}
	return env
}

// capture is one output pipe of a program and what was read from it.
type capture struct {
	r, w *os.File
	done chan struct{}
	mu   sync.Mutex
	buf  capped
}

func newCapture(limit int) (*capture, error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("output pipe: %w", err)
	}
	return &capture{r: r, w: w, done: make(chan struct{}), buf: capped{limit: limit}}, nil
}

// started closes the doctor's copy of the write end and reads until every
// writer is gone (or finish gives up).
func (c *capture) started() {
	c.w.Close()
	go func() {
		defer close(c.done)
		b := make([]byte, 32*1024)
		for {
			n, err := c.r.Read(b)
			c.mu.Lock()
			_, _ = c.buf.Write(b[:n])
			c.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
}

// finish waits for the end of the output until ctx ends, then closes the
// read end: a writer still holding the pipe gets EPIPE. What was read so
// far is kept; the reader ends with the close.
func (c *capture) finish(ctx context.Context) {
	select {
	case <-c.done:
	case <-ctx.Done():
	}
	c.r.Close()
}

// abandon releases a pipe that was never given to a program.
func (c *capture) abandon() {
	c.r.Close()
	c.w.Close()
}

func (c *capture) String() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.buf.String()
}

func (c *capture) truncated() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf.truncated
}

// capped keeps the first limit bytes written to it and drops the rest.
type capped struct {
	buf       bytes.Buffer
	limit     int
	truncated bool
}

func (c *capped) Write(p []byte) (int, error) {
	room := c.limit - c.buf.Len()
	if room <= 0 {
		c.truncated = c.truncated || len(p) > 0
		return len(p), nil
	}
	if len(p) > room {
		c.buf.Write(p[:room])
		c.truncated = true
		return len(p), nil
	}
	c.buf.Write(p)
	return len(p), nil
}
