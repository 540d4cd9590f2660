package checks

import (
	"path/filepath"
	"regexp"
	"strings"
)

// credSafeArg is an argument that needs no quoting in sh, cmd or PowerShell.
var credSafeArg = regexp.MustCompile(`^[A-Za-z0-9_./:=@%+,-]+$`)

// credQuote quotes an argument for the shell the user pastes the command
// into: POSIX sh single quotes, or on Windows double quotes (understood by
// cmd.exe, PowerShell and Git Bash alike, as AWS documents). Arguments that
// need no quotes are left alone.
func credQuote(s, goos string) string {
	if credSafeArg.MatchString(s) {
		return s
	}
	if goos == "windows" {
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
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// credPath writes a file path for a pasted command. A path under the home
// directory is written from ~ (or "$HOME" when it needs quotes), so the
// command stays right when reports show the home directory as ~.
func credPath(path, home, goos string) string {
	if home != "" && goos != "windows" {
		if rest, ok := strings.CutPrefix(path, strings.TrimRight(home, "/")+"/"); ok {
			if credSafeArg.MatchString(rest) {
				return "~/" + rest
			}
			return `"$HOME/"` + credQuote(rest, goos)
		}
	}
	return credQuote(filepath.Clean(path), goos)
}

// credEREQuote escapes a literal for a POSIX extended regular expression,
// anchored, as `git config` value patterns are.
func credEREQuote(s string) string {
	return "^" + regexp.QuoteMeta(s) + "$"
}
