package configerr

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// INIError is the first line Python's configparser (which botocore reads
// the AWS shared files with) rejects, and why.
type INIError struct {
	Line   int
	Reason string
}

var (
	iniSection = regexp.MustCompile(`^\[(.+)\]`)
	iniOption  = regexp.MustCompile(`^(.*?)\s*([=:])\s*(.*)$`)
)

// BadINILine replays configparser.RawConfigParser's defaults (delimiters
// '=' and ':', '#' and ';' comments, strict, no options without a value,
// indented lines continue a value) over data and returns the first line it
// raises on, or nil when it reads the file.
func BadINILine(data []byte) *INIError {
	text := string(data)
	if !utf8.ValidString(text) {
		for i, line := range strings.SplitAfter(text, "\n") {
			if !utf8.ValidString(line) {
				return &INIError{Line: i + 1, Reason: "is not valid UTF-8 text"}
			}
		}
	}
	var (
		inSection  bool
		section    string
		option     string
		indent     = -1
		sections   = map[string]bool{}
		options    = map[[2]string]bool{}
		firstError *INIError
		lines      = splitLines(text)
		hasOption  bool
	)
	for i, line := range lines {
		n := i + 1
		stripped := strings.TrimSpace(line)
		comment := strings.HasPrefix(stripped, "#") || strings.HasPrefix(stripped, ";")
		if stripped == "" || comment {
			continue
		}
		cur := len(line) - len(strings.TrimLeft(line, " \t\f\v\r"))
		if inSection && hasOption && cur > indent {
			continue // a continuation line of the value
		}
		indent = cur
		if m := iniSection.FindStringSubmatch(stripped); m != nil {
			name := m[1]
			if sections[name] && name != "DEFAULT" {
				return &INIError{Line: n, Reason: fmt.Sprintf("repeats the section [%s]", name)}
			}
			sections[name] = true
			inSection, section, hasOption, option = true, name, false, ""
			continue
		}
		if !inSection {
			if strings.HasPrefix(line, "\ufeff") {
				return &INIError{Line: n, Reason: "starts with a byte-order mark (BOM), which the AWS CLI does not skip"}
			}
			if strings.HasPrefix(stripped, "[") {
				return &INIError{Line: n, Reason: "opens a [section] header that is never closed"}
			}
			return &INIError{Line: n, Reason: "comes before any [section] header"}
		}
		m := iniOption.FindStringSubmatch(stripped)
		if m == nil || m[1] == "" {
			if firstError == nil {
				reason := "is neither a [section] header nor a `name = value` setting"
				if strings.HasPrefix(stripped, "[") {
					reason = "opens a [section] header that is never closed"
				} else if m == nil {
					reason = "is a name with no `=` and no value"
				}
				firstError = &INIError{Line: n, Reason: reason}
			}
			if m == nil {
				continue
			}
		}
		option = strings.ToLower(strings.TrimRight(m[1], " \t"))
		key := [2]string{section, option}
		if options[key] {
			return &INIError{Line: n, Reason: fmt.Sprintf("repeats %s in [%s]", option, section)}
		}
		options[key] = true
		hasOption = option != ""
	}
	return firstError
}

// splitLines splits like Python's universal newlines (\n, \r\n, \r).
func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}
