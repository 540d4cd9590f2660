package checks

import (
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// programRun is one program run as evidence: the command, where the program
// was found, its exit code and a short excerpt of what it printed.
type programRun struct {
	Command  string `json:"command"`
	Path     string `json:"path,omitempty"`
	ExitCode *int   `json:"exit_code,omitempty"` // absent when the program did not run
	Output   string `json:"output,omitempty"`
	Error    string `json:"error,omitempty"`
}

// maxExcerpt bounds how much program output a finding quotes.
const maxExcerpt = 200

// excerpt returns a printable, bounded excerpt of program output.
func excerpt(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case unicode.IsControl(r) || r == unicode.ReplacementChar:
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	if len(s) > maxExcerpt {
		cut := maxExcerpt
		for cut > 0 && !utf8Boundary(s, cut) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

func utf8Boundary(s string, i int) bool { return i == len(s) || s[i]&0xC0 != 0x80 }

// runProgram runs a program through the machine door and records it as
// evidence. A missing or non-executable program is returned as a finding
// (the check failed); anything that stopped the run is returned as an error
// (the check could not finish).
func runProgram(ctx context.Context, env *Env, missing func(err error) Finding, c sys.Command) (sys.Output, programRun, *Finding, error) {
	ev := programRun{Command: c.String()}
	out, err := env.Sys.Run(ctx, c)
	ev.Path = out.Path
	ev.Output = excerpt(env.Redact(out.Combined()))
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

// exitFinding describes a program that ran but exited non-zero.
func exitFinding(code string, ev programRun, fix []string) Finding {
	msg := fmt.Sprintf("`%s` exited with status %d", ev.Command, exitStatus(ev))
	if ev.Output != "" {
		msg += ": " + firstLine(ev.Output)
	}
	return Finding{Code: code, Severity: Fail, Message: msg, Remediation: fix}
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

// exitStatus is the exit code of a program that ran (-1 when it did not).
func exitStatus(ev programRun) int {
	if ev.ExitCode == nil {
		return -1
	}
	return *ev.ExitCode
}
