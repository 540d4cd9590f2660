package awsclient

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/processcreds"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/codecommit-doctor/codecommit-doctor/internal/redact"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// ProcessRunner runs a program through the doctor's door to the machine;
// *sys.Machine is one. When Load's Env is one too (or LoadOptions.Runner
// is set), credential_process runs through it instead of the SDK's own
// exec: stdin closed, stdout and stderr captured (stderr never reaches the
// doctor's), a deadline, its process group killed when it ends, memory
// capped.
type ProcessRunner interface {
	Run(ctx context.Context, c sys.Command) (sys.Output, error)
}

// DefaultProcessTimeout bounds one run of credential_process (the SDK's
// own default is a minute, and it ignores cancellation).
const DefaultProcessTimeout = 30 * time.Second

// maxProcessOutput caps what credential_process may print: the JSON it
// owes is a few kilobytes even with a long session token.
const maxProcessOutput = 256 << 10

// maxShownCommand bounds the command line quoted in errors.
const maxShownCommand = 160

// ProcessError says why credential_process gave no credentials. Command
// and Stderr are redacted; the process's stdout is never quoted (it may
// hold half-printed keys). It is wrapped in a *processcreds.ProviderError,
// so Classify says ProblemProcessFailed (ProblemTimeout when it did not
// finish).
type ProcessError struct {
	Command  string        // the command line, redacted and bounded
	Timeout  time.Duration // when it did not finish: the time it was allowed
	ExitCode int           // its exit status when it failed (0 otherwise)
	Stderr   string        // the last line it wrote to stderr, redacted and bounded
	Reason   string        // what was wrong with its output, when it exited 0
	Err      error         // the underlying error (context.DeadlineExceeded, a *sys.MemoryLimitError, ...)
}

func (e *ProcessError) Error() string {
	name := "credential_process `" + e.Command + "`"
	switch {
	case e.Timeout > 0:
		return fmt.Sprintf("%s did not finish in %s", name, roundDuration(e.Timeout))
	case sys.IsMemoryLimit(e.Err):
		return fmt.Sprintf("%s ran out of memory under the doctor's cap", name)
	case e.ExitCode != 0 && e.Stderr != "":
		return fmt.Sprintf("%s failed with exit status %d: %s", name, e.ExitCode, e.Stderr)
	case e.ExitCode != 0:
		return fmt.Sprintf("%s failed with exit status %d", name, e.ExitCode)
	case e.Reason != "":
		return fmt.Sprintf("%s %s", name, e.Reason)
	case e.Err != nil:
		return fmt.Sprintf("%s could not run: %v", name, e.Err)
	}
	return name + " failed"
}

// Unwrap returns the underlying error.
func (e *ProcessError) Unwrap() error { return e.Err }

func roundDuration(d time.Duration) time.Duration {
	if d >= time.Second {
		return d.Round(time.Second)
	}
	return d.Round(time.Millisecond)
}

// processProvider runs credential_process through a ProcessRunner.
type processProvider struct {
	runner  ProcessRunner
	command string
	timeout time.Duration
	sources []aws.CredentialSource
}

// Retrieve runs the command once, within ctx and the provider's timeout.
func (p *processProvider) Retrieve(ctx context.Context) (aws.Credentials, error) {
	ctx, cancel := context.WithTimeout(ctx, p.timeout)
	defer cancel()
	allowed := p.timeout
	if dl, ok := ctx.Deadline(); ok {
		allowed = time.Until(dl)
	}
	shown := shownCommand(p.command)
	name, args := "sh", []string{"-c", p.command}
	if runtime.GOOS == "windows" {
		name, args = "cmd.exe", []string{"/C", p.command}
	}
	out, err := p.runner.Run(ctx, sys.Command{
		Name: name, Args: args, MaxOutput: maxProcessOutput,
		Display: "credential_process " + shown,
	})
	fail := func(pe *ProcessError) (aws.Credentials, error) {
		pe.Command = shown
		return aws.Credentials{Source: processcreds.ProviderName}, &processcreds.ProviderError{Err: pe}
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return fail(&ProcessError{Timeout: allowed, Err: err})
	case err != nil:
		return fail(&ProcessError{ExitCode: out.ExitCode, Stderr: lastLine(out.Stderr), Err: err})
	case out.ExitCode != 0:
		return fail(&ProcessError{ExitCode: out.ExitCode, Stderr: lastLine(out.Stderr)})
	case out.Truncated:
		return fail(&ProcessError{Reason: fmt.Sprintf("printed more than %d KiB, far more than the credentials JSON", maxProcessOutput>>10)})
	}
	var resp processcreds.CredentialProcessResponse
	if err := json.Unmarshal([]byte(out.Stdout), &resp); err != nil {
		return fail(&ProcessError{Reason: "printed something that is not the credentials JSON the AWS CLI expects"})
	}
	switch {
	case resp.Version != 1:
		return fail(&ProcessError{Reason: fmt.Sprintf(`printed "Version": %d; the AWS CLI expects 1`, resp.Version)})
	case resp.AccessKeyID == "":
		return fail(&ProcessError{Reason: "printed no AccessKeyId"})
	case resp.SecretAccessKey == "":
		return fail(&ProcessError{Reason: "printed no SecretAccessKey"})
	}
	c := aws.Credentials{
		Source:          processcreds.ProviderName,
		AccessKeyID:     resp.AccessKeyID,
		SecretAccessKey: resp.SecretAccessKey,
		SessionToken:    resp.SessionToken,
		AccountID:       resp.AccountID,
	}
	if resp.Expiration != nil {
		c.CanExpire = true
		c.Expires = *resp.Expiration
	}
	return c, nil
}

// ProviderSources is the credential chain, as the SDK's provider says it.
func (p *processProvider) ProviderSources() []aws.CredentialSource { return p.sources }

// shownCommand is the command line as errors quote it: redacted (a token
// on the command line is a secret like any other), one line, bounded.
func shownCommand(cmd string) string {
	s := strings.Join(strings.Fields(redact.New().String(cmd)), " ")
	return bound(s, maxShownCommand)
}

// lastLine is the last non-empty line of a program's stderr, redacted and
// bounded: where the reason for a failure usually is.
func lastLine(stderr string) string {
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	last := strings.TrimSpace(lines[len(lines)-1])
	return bound(redact.New().String(strings.Join(strings.Fields(last), " ")), maxShownCommand)
}

func bound(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}

// processCache keeps the credentials until shortly before they expire.
// Unlike aws.CredentialsCache it passes the caller's context on, so that
// the caller's deadline bounds the process too.
type processCache struct {
	inner *processProvider
	sem   chan struct{}
	creds aws.Credentials
	have  bool
}

func newProcessCache(p *processProvider) *processCache {
	return &processCache{inner: p, sem: make(chan struct{}, 1)}
}

// Retrieve returns the cached credentials or runs the process; concurrent
// callers wait for one run (or for their own context).
func (c *processCache) Retrieve(ctx context.Context) (aws.Credentials, error) {
	select {
	case c.sem <- struct{}{}:
	case <-ctx.Done():
		return aws.Credentials{}, fmt.Errorf("waiting for credential_process: %w", ctx.Err())
	}
	defer func() { <-c.sem }()
	if c.have && !(c.creds.CanExpire && time.Now().Add(time.Minute).After(c.creds.Expires)) {
		return c.creds, nil
	}
	creds, err := c.inner.Retrieve(ctx)
	if err != nil {
		return creds, err
	}
	c.creds, c.have = creds, true
	return creds, nil
}

// ProviderSources is the credential chain.
func (c *processCache) ProviderSources() []aws.CredentialSource { return c.inner.sources }

// sealProcess replaces the SDK's credential_process provider (which runs
// the program itself with the doctor's stdin and stderr, and ignores
// cancellation) with one running through runner, rebuilding the role
// assumptions above it the way the SDK does (role_arn with
// source_profile, at any depth). It reports whether it replaced anything.
func (s *Session) sealProcess(runner ProcessRunner, timeout time.Duration) bool {
	if runner == nil || s.shared == nil || !containsSource(s.sources, aws.CredentialSourceProcess) {
		return false
	}
	levels := []*config.SharedConfig{s.shared}
	for cur := s.shared; cur.Source != nil; cur = cur.Source {
		levels = append(levels, cur.Source)
	}
	bottom := levels[len(levels)-1]
	if bottom.CredentialProcess == "" || bottom.Credentials.HasKeys() {
		return false
	}
	var p aws.CredentialsProvider = newProcessCache(&processProvider{
		runner: runner, command: bottom.CredentialProcess, timeout: timeout, sources: s.sources,
	})
	assumed := false
	for i := len(levels) - 1; i >= 0; i-- {
		sc := levels[i]
		if sc.RoleARN == "" {
			continue
		}
		cfg := s.cfg.Copy()
		cfg.Credentials = p
		p = stscreds.NewAssumeRoleProvider(sts.NewFromConfig(cfg), sc.RoleARN, func(o *stscreds.AssumeRoleOptions) {
			o.RoleSessionName = sc.RoleSessionName
			if sc.RoleDurationSeconds != nil && *sc.RoleDurationSeconds/time.Minute > 15 {
				o.Duration = *sc.RoleDurationSeconds
			}
			if sc.ExternalID != "" {
				o.ExternalID = aws.String(sc.ExternalID)
			}
			o.CredentialSources = s.sources
		})
		assumed = true
	}
	if assumed {
		p = aws.NewCredentialsCache(p)
	}
	s.cfg.Credentials = p
	return true
}

func containsSource(list []aws.CredentialSource, want aws.CredentialSource) bool {
	return slices.Contains(list, want)
}
