package moto

import (
	"fmt"
	"strings"
	"time"
)

// Who answered a recorded request.
const (
	AnsweredByMoto      = "moto"
	AnsweredBySimulator = "simulator"
	AnsweredByFault     = "fault"
)

// Request is one request the proxy saw. It never holds a secret key, a
// session token or a signature.
type Request struct {
	Time   time.Time
	Method string
	Path   string
	// Service, Region and KeyID come from the Authorization header's
	// credential scope ("" when the request was not signed).
	Service string
	Region  string
	KeyID   string
	// HasSessionToken reports whether X-Amz-Security-Token was sent.
	HasSessionToken bool
	// Action is the API operation: the form's Action (query protocol: STS,
	// IAM) or the part of X-Amz-Target after the dot (JSON: CodeCommit).
	Action string
	// AfterEnforce is true for requests that arrived after Enforce.
	AfterEnforce bool
	// AnsweredBy is AnsweredByMoto, AnsweredBySimulator or AnsweredByFault.
	AnsweredBy string
	// Status is the HTTP status sent back.
	Status int
}

// String renders the request in one line for test failure messages.
func (r Request) String() string {
	return fmt.Sprintf("%s:%s key=%s status=%d by=%s", r.Service, r.Action, r.KeyID, r.Status, r.AnsweredBy)
}

// Requests returns a copy of every request recorded so far, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// ClientRequests returns the requests recorded after Enforce: the ones the
// program under test made.
func (s *Server) ClientRequests() []Request {
	var out []Request
	for _, r := range s.Requests() {
		if r.AfterEnforce {
			out = append(out, r)
		}
	}
	return out
}

// IsReadAction reports whether an API operation only reads: its name starts
// with Get, List, Describe or Simulate (iam:SimulatePrincipalPolicy
// evaluates, it changes nothing).
func IsReadAction(action string) bool {
	for _, p := range []string{"Get", "List", "Describe", "Simulate"} {
		if strings.HasPrefix(action, p) {
			return true
		}
	}
	return false
}

// WriteRequests returns the recorded client requests (after Enforce) whose
// action is not a read (see IsReadAction).
func (s *Server) WriteRequests() []Request {
	var out []Request
	for _, r := range s.ClientRequests() {
		if !IsReadAction(r.Action) {
			out = append(out, r)
		}
	}
	return out
}

func (s *Server) record(r Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r.AfterEnforce = s.enforced
	s.requests = append(s.requests, r)
}
