package git

import (
	"context"
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"

	"github.com/codecommit-doctor/codecommit-doctor/internal/configerr"
	"github.com/codecommit-doctor/codecommit-doctor/internal/safefile"
	"github.com/codecommit-doctor/codecommit-doctor/internal/shellword"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// isolated runs git without reading any configuration file, to learn
// whether git itself works when its configuration does not: GIT_CONFIG_*
// for Git 2.32+, HOME and XDG_CONFIG_HOME below a file for older Git
// (git skips a path it cannot reach through a file, ENOTDIR, as missing).
var isolated = []string{"GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_SYSTEM=/dev/null", "GIT_CONFIG_GLOBAL=/dev/null",
	"HOME=/dev/null/none", "XDG_CONFIG_HOME=/dev/null/none"}

func isolatedVersion(ctx context.Context, env *checks.Env) (sys.Output, checks.ProgramRun, error) {
	c := sys.Command{Name: "git", Args: []string{"--version"}, Env: isolated, Display: "git --version   # with no config files"}
	out, ev, _, err := checks.RunProgram(ctx, env, func(error) checks.Finding { return checks.Finding{} }, c)
	return out, ev, err
}

// WorkDir is where git ran for facts read in dir ("" : the doctor's
// working directory, from PWD).
func WorkDir(env *checks.Env, dir string) string {
	if dir == "" {
		return env.Sys.Getenv("PWD")
	}
	return dir
}

// ConfigFinding says what git's own message about a configuration file
// means and how to fix that file: the code's finding for the check that
// met it (dir is where git ran, for a relative path such as .git/config).
func ConfigFinding(env *checks.Env, code string, e *configerr.Error, dir string) checks.Finding {
	home, goos := env.Sys.HomeDir(), env.Sys.GOOS()
	e = e.In(dir)
	show := func(p string) string { return shellword.Path(p, home, goos) }
	msg := fmt.Sprintf("%s: every git command (clone, fetch, push, the credential helper) stops with `%s`.",
		upper(e.Describe(show)), env.Redact(firstLine(e.Quote)))
	var fix []string
	verify := ""
	switch e.Problem {
	case configerr.BadLine:
		fix = append(fix, fmt.Sprintf("Edit %s line %d: fix or delete that line (git reads `[section]` headers, `name = value` settings, and # or ; comments; quotes must close).", show(e.File), e.Line))
		verify = e.File
	case configerr.IncludeLoop:
		fix = append(fix, fmt.Sprintf("Edit %s: remove the [include] or [includeIf] path that leads to %s (it includes %s back, directly or through other files).", show(e.Includer), show(e.File), show(e.Includer)))
		verify = e.Includer
	case configerr.Inaccessible:
		if e.Includer != "" {
			where := show(e.Includer)
			if e.IncluderLine > 0 {
				where += fmt.Sprintf(" line %d", e.IncluderLine)
			}
			fix = append(fix, fmt.Sprintf("Edit %s: point the include at a readable file, or delete the line (%s: %s).", where, show(e.File), e.Reason))
			verify = e.Includer
		} else {
			fix = append(fix, fmt.Sprintf("Put a readable file (or nothing) at %s, which git cannot open (%s): move what is there away, e.g. mv %s %s.", show(e.File), e.Reason, show(e.File), show(e.File+".moved")))
			fix = append(fix, "git config --list --show-origin   # verify: lists the settings without an error")
		}
	case configerr.CommandLine:
		fix = append(fix, "Fix or remove the setting given with `git -c` or GIT_CONFIG_PARAMETERS / GIT_CONFIG_COUNT (`env | grep ^GIT_CONFIG` shows them).")
	default:
		fix = append(fix, fmt.Sprintf("Edit %s.", show(e.File)))
		verify = e.File
	}
	if verify != "" {
		fix = append(fix, fmt.Sprintf("git config --file %s --list   # verify: lists its settings without an error", show(verify)))
	}
	return checks.Finding{Code: code, Severity: checks.Fail, Message: msg, Remediation: fix}
}

// unreadableFinding is a git config file the doctor may not read: git
// skips such a file without a word (permission denied is not an error to
// git), so what it holds cannot be known from here.
func unreadableFinding(env *checks.Env, e *safefile.Error) checks.Finding {
	home, goos := env.Sys.HomeDir(), env.Sys.GOOS()
	show := shellword.Path(e.Path, home, goos)
	why := env.Redact(e.Error())
	if home != "" {
		why = strings.ReplaceAll(why, strings.TrimRight(home, "/")+"/", "~/")
	}
	msg := why + "."
	var fix []string
	if e.Kind == safefile.Unreadable {
		msg += " git skips a config file it may not read without a word, so the settings there (a credential helper, UseHttpPath) do not take effect, and the doctor cannot see them."
		fix = []string{"ls -l " + show + "   # who owns it and who may read it", "chmod u+r " + show + "   # when it is yours"}
	} else if e.Kind == safefile.TooLarge {
		// git reads a config file of any size: only the doctor cannot
		// see what it holds.
		msg += " git still reads it, but the doctor does not, so it cannot tell what the settings there do (a file this large is rarely written by hand: something appends to it?)."
		fix = []string{"ls -l " + show + "   # how large it is", "git config --file " + show + " --list | sort | uniq -c | sort -rn | head   # the settings repeated most"}
	} else {
		msg += " git cannot use it as a config file, and the doctor does not read it."
		fix = []string{"ls -l " + show + "   # what is there", "Put a regular file (or nothing) at " + show + "."}
	}
	return checks.Finding{Code: "git-config-unreadable", Severity: checks.Error, Message: msg, Remediation: fix}
}

func upper(s string) string {
	if s == "" {
		return s
	}
	if c := s[0]; c >= 'a' && c <= 'z' {
		return string(c-'a'+'A') + s[1:]
	}
	return s
}

func firstLine(s string) string { return checks.FirstLine(s) }
