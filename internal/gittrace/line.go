package gittrace

import (
	"regexp"
	"strings"
)

// traceLine matches git's trace prefix: a time of day with microseconds,
// the source location, padding, then the message.
var traceLine = regexp.MustCompile(`^\d{2}:\d{2}:\d{2}\.\d{6}\s+[\w./\\-]+:\d+\s+(.*)$`)

// lineKind says what a line of stderr is.
type lineKind int

const (
	lineOutput     lineKind = iota // not a trace line: a program's own output
	lineRunCommand                 // trace: run_command: ...
	lineBuiltin                    // trace: built-in / exec / other "trace:" lines
	lineCurlInfo                   // == Info: ...
	lineSendHeader                 // => Send header: ...
	lineRecvHeader                 // <= Recv header: ...
	lineOtherTrace                 // any other trace line (byte counts, data)
)

// classify splits one line into its kind and the text that matters.
func classify(line string) (lineKind, string) {
	m := traceLine.FindStringSubmatch(line)
	if m == nil {
		return lineOutput, line
	}
	msg := m[1]
	switch {
	case strings.HasPrefix(msg, "trace: run_command: "):
		return lineRunCommand, strings.TrimPrefix(msg, "trace: run_command: ")
	case strings.HasPrefix(msg, "trace: "):
		return lineBuiltin, strings.TrimPrefix(msg, "trace: ")
	case strings.HasPrefix(msg, "== Info: "):
		return lineCurlInfo, strings.TrimSpace(strings.TrimPrefix(msg, "== Info: "))
	case strings.HasPrefix(msg, "=> Send header: "):
		return lineSendHeader, strings.TrimPrefix(msg, "=> Send header: ")
	case strings.HasPrefix(msg, "<= Recv header: "):
		return lineRecvHeader, strings.TrimPrefix(msg, "<= Recv header: ")
	}
	return lineOtherTrace, msg
}
