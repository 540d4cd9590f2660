package shellword

import (
	"fmt"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// CheckCommand reports whether a printed command is well formed for the
// shell of goos: on POSIX systems it must parse as sh (mvdan.cc/sh); on
// Windows, whose shells do not read single quotes, its double quotes must
// balance and no word may be single-quoted.
func CheckCommand(cmd, goos string) error {
	if goos == "windows" {
		return checkWindows(cmd)
	}
	if _, err := syntax.NewParser(syntax.Variant(syntax.LangPOSIX)).Parse(strings.NewReader(cmd), ""); err != nil {
		return fmt.Errorf("not a valid POSIX shell command: %w", err)
	}
	return nil
}

func checkWindows(cmd string) error {
	in := false
	for i := 0; i < len(cmd); i++ {
		switch cmd[i] {
		case '\\':
			if i+1 < len(cmd) && cmd[i+1] == '"' {
				i++
			}
		case '"':
			in = !in
		case '\'':
			if !in && (i == 0 || cmd[i-1] == ' ') && !strings.HasPrefix(cmd[i:], "'s ") {
				return fmt.Errorf("a single-quoted word at byte %d: cmd.exe and PowerShell do not read it as sh does", i)
			}
		case '#':
			if !in && i > 0 && cmd[i-1] == ' ' {
				return nil // a trailing comment, for the reader
			}
		}
	}
	if in {
		return fmt.Errorf("an unclosed double quote")
	}
	return nil
}
