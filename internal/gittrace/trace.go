package gittrace

import "strings"

// Limits on what a Trace keeps, so that a runaway program cannot make it
// large.
const (
	maxInfo     = 400
	maxMessages = 200
	maxOutput   = 20 // lines kept per helper run
	maxLineLen  = 500
)

// Trace is what one git command's trace says happened.
type Trace struct {
	// Helpers are the credential helper runs, in order.
	Helpers []HelperRun
	// Exchanges are the HTTP requests git (curl) sent and their statuses.
	Exchanges []Exchange
	// Info are curl's "== Info:" messages, in order.
	Info []string
	// Messages are the lines that are not trace lines: git's own messages
	// ("fatal: ...") and whatever helpers printed, in order.
	Messages []string
	// Fatal is git's last "fatal: " (or, failing that, "error: ") line, as
	// printed; "" when there is none.
	Fatal string
}

// HelperRun is one run of a credential helper.
type HelperRun struct {
	// Command is the helper command as git ran it, without the action,
	// e.g. "git credential-store" or "aws codecommit credential-helper $@".
	Command string
	// Action is get, store or erase.
	Action string
	// Name is a short name for people: store, cache, osxkeychain,
	// manager, wincred, libsecret, "aws" for the AWS CLI helper, or the
	// program's base name.
	Name string
	// Output holds the lines the helper printed on stderr (git passes them
	// through), e.g. `'path'` when the AWS CLI helper crashes.
	Output []string
}

// IsAWS reports whether the helper is the AWS CLI's CodeCommit helper.
func (h HelperRun) IsAWS() bool { return h.Name == "aws" }

// Exchange is one HTTP request and the status that answered it.
type Exchange struct {
	// Method and Target are from the request line: "GET",
	// "/v1/repos/R/info/refs?service=git-upload-pack".
	Method, Target string
	// Host is the Host header (with the port when the URL has one).
	Host string
	// Authenticated is true when the request carried an Authorization
	// header.
	Authenticated bool
	// User is the user name curl said it used (only the part before a
	// '%': never a session token); "" when unknown.
	User string
	// Status and Reason are the response's status code and reason phrase;
	// Status is 0 when no response was seen.
	Status int
	Reason string
	// Helper is the index in Trace.Helpers of the helper whose credentials
	// the request carried, or -1 (unauthenticated, or credentials that did
	// not come from a helper, such as a password in the URL).
	Helper int
}

// Path is Target without the query.
func (e Exchange) Path() string {
	p, _, _ := strings.Cut(e.Target, "?")
	return p
}

// Answered returns the helper whose credentials git sent first, and
// whether there is one.
func (t *Trace) Answered() (HelperRun, bool) {
	for _, e := range t.Exchanges {
		if e.Authenticated && e.Helper >= 0 && e.Helper < len(t.Helpers) {
			return t.Helpers[e.Helper], true
		}
	}
	return HelperRun{}, false
}

// AuthenticatedWithoutHelper reports whether git sent credentials that no
// helper gave it (a user name and password in the URL, for example).
func (t *Trace) AuthenticatedWithoutHelper() bool {
	for _, e := range t.Exchanges {
		if e.Authenticated {
			return e.Helper < 0
		}
	}
	return false
}

// Gets returns the helper runs with action "get", in order.
func (t *Trace) Gets() []HelperRun {
	var out []HelperRun
	for _, h := range t.Helpers {
		if h.Action == "get" {
			out = append(out, h)
		}
	}
	return out
}

// Statuses returns the status of every exchange that got one, in order.
func (t *Trace) Statuses() []int {
	var out []int
	for _, e := range t.Exchanges {
		if e.Status != 0 {
			out = append(out, e.Status)
		}
	}
	return out
}

// LastAuthenticated returns the last authenticated exchange that got a
// response, and whether there is one.
func (t *Trace) LastAuthenticated() (Exchange, bool) {
	for i := len(t.Exchanges) - 1; i >= 0; i-- {
		if e := t.Exchanges[i]; e.Authenticated && e.Status != 0 {
			return e, true
		}
	}
	return Exchange{}, false
}

// FinalStatus returns the status of the last exchange that got one (0 when
// none did).
func (t *Trace) FinalStatus() int {
	s := t.Statuses()
	if len(s) == 0 {
		return 0
	}
	return s[len(s)-1]
}

func clip(s string) string {
	if len(s) <= maxLineLen {
		return s
	}
	cut := maxLineLen
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	return s[:cut] + "…"
}
