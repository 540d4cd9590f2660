package sys

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// DefaultMaxOutput caps what is captured of each of stdout and stderr.
const DefaultMaxOutput = 1 << 20

// waitDelay bounds how long Run waits for a killed program's children to
// release its output pipes (the AWS CLI helper started by git, say).
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
}

// String is the command line as shown to users.
func (c Command) String() string {
	parts := append([]string{c.Name}, c.Args...)
	for i, p := range parts {
		if p == "" || strings.ContainsAny(p, " \t\"'$") {
			parts[i] = fmt.Sprintf("%q", p)
		}
	}
	return strings.Join(parts, " ")
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
func (m *Machine) Run(ctx context.Context, c Command) (Output, error) {
	path, err := m.LookPath(c.Name)
	if err != nil {
		return Output{}, fmt.Errorf("running `%s`: %w", c, err)
	}
	limit := c.MaxOutput
	if limit <= 0 {
		limit = DefaultMaxOutput
	}
	stdout := &capped{limit: limit}
	stderr := &capped{limit: limit}
	cmd := exec.CommandContext(ctx, path, c.Args...)
	cmd.Dir = c.Dir
	cmd.Env = m.commandEnv(c.Env)
	cmd.Stdin = strings.NewReader(c.Stdin)
	cmd.Stdout = stdout
	cmd.Stderr = stderr
	cmd.WaitDelay = waitDelay
	setProcessGroup(cmd)
	start := time.Now()
	runErr := cmd.Run()
	out := Output{
		Path:      path,
		Stdout:    stdout.buf.String(),
		Stderr:    stderr.buf.String(),
		Truncated: stdout.truncated || stderr.truncated,
		Duration:  time.Since(start),
	}
	if cmd.ProcessState != nil {
		out.ExitCode = cmd.ProcessState.ExitCode()
	}
	if ctxErr := ctx.Err(); ctxErr != nil {
		return out, fmt.Errorf("running `%s`: %w", c, ctxErr)
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
