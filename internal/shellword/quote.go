// Package shellword quotes words for the shell a user pastes a printed
// command into: POSIX sh (with mvdan.cc/sh's quoter, the parser git's own
// `sh -c` agrees with) and Windows, where cmd.exe, PowerShell and Git Bash
// all accept double quotes as AWS documents them. One place for every
// command the doctor prints.
package shellword

import (
	"path/filepath"
	"regexp"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// safe is a word that needs no quoting in sh, cmd or PowerShell.
var safe = regexp.MustCompile(`^[A-Za-z0-9_./:=@%+,-]+$`)

// Quote quotes s for the shell of goos ("windows" or any POSIX system).
// Words that need no quotes are left alone.
func Quote(s, goos string) string {
	if safe.MatchString(s) {
		return s
	}
	if goos == "windows" {
		return windows(s)
	}
	return POSIX(s)
}

// POSIX quotes s for a POSIX shell.
func POSIX(s string) string {
	if safe.MatchString(s) {
		return s
	}
	// mvdan.cc/sh's quoter decides; it picks double quotes for a word
	// with a single quote, where an interactive bash would still expand
	// `!` and a pasted `$` sequence is easy to misread, so such words (and
	// control characters, which POSIX sh cannot escape) get single quotes
	// with '\'' for each quote, which every POSIX shell reads literally.
	if q, err := syntax.Quote(s, syntax.LangPOSIX); err == nil && strings.HasPrefix(q, "'") {
		return q
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// windows quotes s in double quotes with the backslash rules of the
// Microsoft C runtime (what git.exe and aws.exe parse).
func windows(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	backslashes := 0
	for _, r := range s {
		switch r {
		case '\\':
			backslashes++
			b.WriteRune(r)
			continue
		case '"':
			b.WriteString(strings.Repeat(`\`, backslashes+1))
		}
		backslashes = 0
		b.WriteRune(r)
	}
	b.WriteString(strings.Repeat(`\`, backslashes))
	b.WriteByte('"')
	return b.String()
}

// Path writes a file path for a pasted command. A path under the home
// directory is written from ~ (or "$HOME" when it needs quotes), so the
// command stays right when reports show the home directory as ~.
func Path(path, home, goos string) string {
	if home != "" && goos != "windows" {
		if rest, ok := strings.CutPrefix(path, strings.TrimRight(home, "/")+"/"); ok {
			if safe.MatchString(rest) {
				return "~/" + rest
			}
			return `"$HOME/"` + Quote(rest, goos)
		}
	}
	return Quote(filepath.Clean(path), goos)
}

// ERE escapes a literal for a POSIX extended regular expression, anchored,
// as `git config` value patterns are.
func ERE(s string) string {
	return "^" + regexp.QuoteMeta(s) + "$"
}

// Parse splits a command as sh would before running it, for reading a
// credential helper value (git runs it with `sh -c`). Parameters are not
// expanded ("$@" stays "$@"). complex is true when the command is more than
// one simple command (pipes, lists, redirections, subshells, functions).
func Parse(cmd string) (words []string, complex bool, err error) {
	f, err := syntax.NewParser(syntax.Variant(syntax.LangPOSIX)).Parse(strings.NewReader(cmd), "")
	if err != nil {
		return nil, false, err
	}
	if len(f.Stmts) != 1 {
		return nil, len(f.Stmts) > 1, nil
	}
	st := f.Stmts[0]
	call, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || len(st.Redirs) > 0 || st.Background || st.Negated || len(call.Assigns) > 0 {
		complex = true
		if !ok {
			return nil, true, nil
		}
	}
	for _, w := range call.Args {
		words = append(words, literal(w))
	}
	return words, complex, nil
}

// literal is a word with its quotes removed and parameters kept as written.
func literal(w *syntax.Word) string {
	var b strings.Builder
	var walk func(parts []syntax.WordPart)
	walk = func(parts []syntax.WordPart) {
		for _, p := range parts {
			switch p := p.(type) {
			case *syntax.Lit:
				b.WriteString(unescape(p.Value))
			case *syntax.SglQuoted:
				b.WriteString(p.Value)
			case *syntax.DblQuoted:
				walk(p.Parts)
			default:
				var sb strings.Builder
				_ = syntax.NewPrinter().Print(&sb, p.(syntax.Node))
				b.WriteString(sb.String())
			}
		}
	}
	walk(w.Parts)
	return b.String()
}

// unescape removes the backslashes sh removes from an unquoted literal.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			if s[i] == '\n' {
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
