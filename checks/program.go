package checks

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// ProgramRun is one program run as evidence: the command, where the program
// was found, its exit code and a short excerpt of what it printed.
type ProgramRun struct {
	Command  string `json:"command"`
	Path     string `json:"path,omitempty"`
	ExitCode *int   `json:"exit_code,omitempty"` // absent when the program did not run
	Output   string `json:"output,omitempty"`
	Error    string `json:"error,omitempty"`
}

// MaxExcerpt bounds how much program output a finding quotes.
const MaxExcerpt = 200

// excerpt returns a printable, bounded excerpt of program output.
func Excerpt(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case unicode.IsControl(r) || r == unicode.ReplacementChar:
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	return Cut(s, MaxExcerpt)
}

// Cut bounds s to n bytes, cutting on a UTF-8 boundary and marking the cut
// with "…".
func Cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}

// RunProgram runs a program through the machine door and records it as
// evidence. A missing or non-executable program is returned as a finding
// (the check failed); anything that stopped the run is returned as an error
// (the check could not finish).
func RunProgram(ctx context.Context, env *Env, missing func(err error) Finding, c sys.Command) (sys.Output, ProgramRun, *Finding, error) {
	ev := ProgramRun{Command: c.String()}
	out, err := env.Sys.Run(ctx, c)
	ev.Path = out.Path
	ev.Output = Excerpt(env.Redact(out.Combined()))
	if err != nil {
		ev.Error = err.Error()
		if sys.IsNotFound(err) || sys.IsNotExecutable(err) {
			f := missing(err)
			return out, ev, &f, nil
		}
		return out, ev, nil, err
	}
	code := out.ExitCode
	ev.ExitCode = &code
	return out, ev, nil, nil
}

// ExitFinding describes a program that ran but exited non-zero.
func ExitFinding(code string, ev ProgramRun, fix []string) Finding {
	msg := fmt.Sprintf("`%s` exited with status %d", ev.Command, ExitStatus(ev))
	if ev.Output != "" {
		msg += ": " + FirstLine(ev.Output)
	}
	return Finding{Code: code, Severity: Fail, Message: msg, Remediation: fix}
}

func FirstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

// ExitStatus is the exit code of a program that ran (-1 when it did not).
func ExitStatus(ev ProgramRun) int {
	if ev.ExitCode == nil {
		return -1
	}
	return *ev.ExitCode
}
