package gittrace

import (
	"regexp"
	"strconv"
	"strings"
)

var (
	requestLine = regexp.MustCompile(`^([A-Z]+) (\S+) HTTP/[0-9.]+$`)
	statusLine  = regexp.MustCompile(`^HTTP/[0-9.]+ (\d{3})(?: (.*))?$`)
	serverAuth  = regexp.MustCompile(`^Server auth using \S+ with user '(.*)'$`)
)

// parser holds the state of one Parse.
type parser struct {
	t          Trace
	pendingGet int    // the last helper "get" not yet followed by an authenticated request
	credFrom   int    // the helper whose credentials the latest authenticated request carried
	pendingUsr string // user from curl's "Server auth using" message
	helperOut  int    // the helper run whose output lines follow, or -1
}

// Parse reads git's stderr produced with GIT_TRACE=1, GIT_TRACE_CURL=1 and
// GIT_TRACE_CURL_NO_DATA=1. It accepts any text: lines it does not
// recognise are kept as messages.
func Parse(stderr string) *Trace {
	p := parser{pendingGet: -1, credFrom: -1, helperOut: -1}
	for line := range strings.SplitSeq(strings.ReplaceAll(stderr, "\r\n", "\n"), "\n") {
		p.line(line)
	}
	return &p.t
}

func (p *parser) line(line string) {
	kind, text := classify(line)
	if kind != lineOutput {
		p.helperOut = -1
	}
	switch kind {
	case lineOutput:
		p.output(text)
	case lineRunCommand:
		p.runCommand(text)
	case lineCurlInfo:
		if len(p.t.Info) < maxInfo {
			p.t.Info = append(p.t.Info, clip(text))
		}
		if m := serverAuth.FindStringSubmatch(text); m != nil {
			p.pendingUsr, _, _ = strings.Cut(m[1], "%")
		}
	case lineSendHeader:
		p.sendHeader(text)
	case lineRecvHeader:
		p.recvHeader(text)
	}
}

func (p *parser) output(text string) {
	text = strings.TrimRight(text, " \t")
	if strings.TrimSpace(text) == "" {
		return
	}
	text = clip(text)
	if len(p.t.Messages) < maxMessages {
		p.t.Messages = append(p.t.Messages, text)
	}
	own := gitsOwn(text)
	switch {
	case strings.HasPrefix(text, "fatal: "):
		p.t.Fatal = text
	case strings.HasPrefix(text, "error: ") && !strings.HasPrefix(p.t.Fatal, "fatal: "):
		p.t.Fatal = text
	}
	if !own && p.helperOut >= 0 {
		h := &p.t.Helpers[p.helperOut]
		if len(h.Output) < maxOutput {
			h.Output = append(h.Output, text)
		}
	}
}

// gitsOwn reports whether a line is one of git's own messages rather than
// a helper's.
func gitsOwn(text string) bool {
	for _, prefix := range []string{"fatal: ", "error: ", "warning: ", "hint: ", "remote: "} {
		if strings.HasPrefix(text, prefix) {
			return true
		}
	}
	return false
}

func (p *parser) runCommand(text string) {
	h, ok := parseHelper(text)
	if !ok {
		return
	}
	p.t.Helpers = append(p.t.Helpers, h)
	idx := len(p.t.Helpers) - 1
	p.helperOut = idx
	if h.Action == "get" {
		p.pendingGet = idx
	}
}

func (p *parser) sendHeader(text string) {
	if m := requestLine.FindStringSubmatch(text); m != nil {
		p.t.Exchanges = append(p.t.Exchanges, Exchange{Method: m[1], Target: clip(m[2]), Helper: -1})
		return
	}
	if len(p.t.Exchanges) == 0 {
		return
	}
	e := &p.t.Exchanges[len(p.t.Exchanges)-1]
	name, value, ok := strings.Cut(text, ":")
	if !ok {
		return
	}
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "host":
		e.Host = clip(strings.TrimSpace(value))
	case "authorization":
		if e.Authenticated {
			return
		}
		e.Authenticated = true
		if p.pendingGet >= 0 {
			p.credFrom, p.pendingGet = p.pendingGet, -1
		}
		e.Helper = p.credFrom
		e.User, p.pendingUsr = clip(p.pendingUsr), ""
	}
}

func (p *parser) recvHeader(text string) {
	m := statusLine.FindStringSubmatch(text)
	if m == nil || len(p.t.Exchanges) == 0 {
		return
	}
	code, err := strconv.Atoi(m[1])
	if err != nil || code < 200 {
		return // 1xx: the final status follows
	}
	e := &p.t.Exchanges[len(p.t.Exchanges)-1]
	if e.Status == 0 {
		e.Status, e.Reason = code, clip(m[2])
	}
}
