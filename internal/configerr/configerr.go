// Package configerr reads the errors git and the AWS CLI print when they
// cannot read one of their own configuration files, so that the doctor
// names the file and the line to fix instead of calling a working
// installation broken.
package configerr

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// Problem says what the tool found wrong with the file.
type Problem string

// Problems a tool reports about a configuration file.
const (
	BadLine      Problem = "bad-line"     // a line the parser rejects
	IncludeLoop  Problem = "include-loop" // includes that never end
	Inaccessible Problem = "inaccessible" // the file cannot be opened (a directory, permission denied)
	Unparseable  Problem = "unparseable"  // the parser gave up (no line known)
	CommandLine  Problem = "command-line" // a bad -c or GIT_CONFIG_PARAMETERS setting
)

// Error is a configuration file a tool could not read, as the tool said it.
type Error struct {
	Tool    string  // "git" or "aws"
	File    string  // the file the tool named ("" for the command line)
	Line    int     // the line the tool (or the doctor) blamed; 0 when unknown
	Problem Problem // what is wrong
	// Includer is, for IncludeLoop, the file whose include led to File
	// and, for Inaccessible met through an include, the including file.
	Includer string
	// IncluderLine is the line of the include in Includer, when git said.
	IncluderLine int
	// Reason is the system's reason for Inaccessible ("Is a directory",
	// "Permission denied").
	Reason string
	// Quote is the tool's own message, as evidence, its fatal line first.
	Quote string
}

func (e *Error) Error() string {
	s := e.Describe(func(p string) string { return p })
	if q, _, _ := strings.Cut(e.Quote, "\n"); q != "" {
		s += " (" + q + ")"
	}
	return s
}

// Describe says in words what is wrong, writing paths with show (which
// may abbreviate the home directory).
func (e *Error) Describe(show func(string) string) string {
	tool := "git"
	if e.Tool == "aws" {
		tool = "the AWS CLI"
	}
	switch e.Problem {
	case BadLine:
		return fmt.Sprintf("%s cannot parse %s line %d", tool, show(e.File), e.Line)
	case IncludeLoop:
		return fmt.Sprintf("%s includes %s, which leads back to it: git stops after 10 nested includes", show(e.Includer), show(e.File))
	case Inaccessible:
		s := fmt.Sprintf("%s cannot read %s: %s", tool, show(e.File), strings.ToLower(e.Reason))
		if e.Includer != "" {
			s += fmt.Sprintf(" (included from %s", show(e.Includer))
			if e.IncluderLine > 0 {
				s += fmt.Sprintf(" line %d", e.IncluderLine)
			}
			s += ")"
		}
		return s
	case CommandLine:
		return fmt.Sprintf("%s rejects a setting given on its command line (-c or GIT_CONFIG_PARAMETERS)", tool)
	default:
		if e.Line > 0 {
			return fmt.Sprintf("%s cannot parse %s (line %d)", tool, show(e.File), e.Line)
		}
		return fmt.Sprintf("%s cannot parse %s", tool, show(e.File))
	}
}

// In returns a copy whose relative paths (git names the clone's own
// config .git/config) are made absolute from dir, where the tool ran.
func (e *Error) In(dir string) *Error {
	c := *e
	abs := func(p string) string {
		if p != "" && dir != "" && !filepath.IsAbs(p) {
			return filepath.Join(dir, p)
		}
		return p
	}
	c.File, c.Includer = abs(c.File), abs(c.Includer)
	return &c
}

// EditTarget is the file and line a person should edit to fix the
// problem ("" when it is not a file).
func (e *Error) EditTarget() (string, int) {
	switch e.Problem {
	case IncludeLoop:
		return e.Includer, e.IncluderLine
	case CommandLine:
		return "", 0
	}
	return e.File, e.Line
}

var (
	// config.c: "bad config line %d in file %s" (also blob, standard
	// input, submodule-blob, command line); before Git 2.13 "bad config
	// file line %d in %s".
	gitBadLine    = regexp.MustCompile(`(?m)^fatal: bad config line (\d+) in (file|blob|standard input|submodule-blob|command line)(?: (.+?))?\s*$`)
	gitBadLineOld = regexp.MustCompile(`(?m)^fatal: bad config file line (\d+) in (.+?)\s*$`)
	gitDepth      = regexp.MustCompile(`(?s)fatal: exceeded maximum include depth \((\d+)\) while including\s*\n\t(.+?)\s*\nfrom\s*\n\t(.+?)\s*\n`)
	gitAccess     = regexp.MustCompile(`(?m)^(?:warning|fatal|error): unable to (?:access|read config file) '(.+)': (.+?)\s*$`)
	gitCmdline    = regexp.MustCompile(`(?m)^(?:fatal|error): (?:unable to parse command-line config|bogus format in GIT_CONFIG_PARAMETERS)`)
)

// Git recognises git's own message about a configuration file it cannot
// read in stderr, or returns nil.
func Git(stderr string) *Error {
	stderr = strings.ReplaceAll(stderr, "\r\n", "\n")
	var access *Error
	// git says "unable to access 'https://…'" of a URL too: only a path
	// is a config file.
	if m := gitAccess.FindStringSubmatch(stderr); m != nil && !strings.Contains(m[1], "://") {
		access = &Error{Tool: "git", File: m[1], Problem: Inaccessible, Reason: m[2], Quote: m[0]}
	}
	if m := gitDepth.FindStringSubmatch(stderr + "\n"); m != nil {
		return &Error{Tool: "git", File: m[2], Includer: m[3], Problem: IncludeLoop,
			Quote: fmt.Sprintf("fatal: exceeded maximum include depth (%s) while including %s from %s", m[1], m[2], m[3])}
	}
	if m := gitBadLine.FindStringSubmatch(stderr); m != nil {
		n, _ := strconv.Atoi(m[1])
		if m[2] == "command line" {
			return &Error{Tool: "git", Line: n, Problem: CommandLine, Quote: m[0]}
		}
		if access != nil && access.File != m[3] {
			// An include git could not open is blamed on the include line.
			access.Includer, access.IncluderLine = m[3], n
			access.Quote = m[0] + "\n" + access.Quote
			return access
		}
		return &Error{Tool: "git", File: m[3], Line: n, Problem: BadLine, Quote: m[0]}
	}
	if m := gitBadLineOld.FindStringSubmatch(stderr); m != nil {
		n, _ := strconv.Atoi(m[1])
		return &Error{Tool: "git", File: m[2], Line: n, Problem: BadLine, Quote: m[0]}
	}
	if access != nil && strings.Contains(stderr, "fatal: ") {
		if strings.Contains(stderr, "error processing config file") {
			access.Quote = "fatal: error processing config file(s)\n" + access.Quote
		}
		return access
	}
	if gitCmdline.MatchString(stderr) {
		return &Error{Tool: "git", Problem: CommandLine, Quote: strings.TrimSpace(gitCmdline.FindString(stderr))}
	}
	return nil
}

// botocore: "botocore.exceptions.ConfigParseError: Unable to parse config
// file: /home/me/.aws/config", anywhere in a traceback.
var botoParse = regexp.MustCompile(`(?m)ConfigParseError: Unable to parse config file: (.+?)\s*$`)

// Botocore recognises botocore's ConfigParseError anywhere in the AWS
// CLI's output (it is the last line of a traceback), or returns nil. The
// line is not in botocore's message: callers find it with BadINILine.
func Botocore(output string) *Error {
	m := botoParse.FindStringSubmatch(strings.ReplaceAll(output, "\r\n", "\n"))
	if m == nil {
		return nil
	}
	return &Error{Tool: "aws", File: m[1], Problem: Unparseable, Quote: strings.TrimSpace(m[0])}
}
