package gitendpoint

import "time"

// AuthOutcome says what the emulator concluded about a request's credentials.
type AuthOutcome string

// Authentication and authorisation outcomes recorded for each request.
const (
	// AuthNotChecked: the path is not a repository path; nothing was checked.
	AuthNotChecked AuthOutcome = "not-checked"
	// AuthMissing: no (usable) Basic Authorization header; answered 401.
	AuthMissing AuthOutcome = "missing"
	// AuthMalformedPassword: the password is not "<ts>Z<64 hex>"; 403.
	AuthMalformedPassword AuthOutcome = "malformed-password"
	// AuthUnknownKey: the access key id is not in the table; 403.
	AuthUnknownKey AuthOutcome = "unknown-key"
	// AuthBadSessionToken: the username's session token is missing, extra
	// or different from the one registered with AddKey; 403.
	AuthBadSessionToken AuthOutcome = "bad-session-token"
	// AuthExpired: the password's timestamp is outside the validity window; 403.
	AuthExpired AuthOutcome = "expired"
	// AuthBadSignature: the signature does not match (wrong secret, region,
	// host or path); 403.
	AuthBadSignature AuthOutcome = "bad-signature"
	// AuthDenied: the credentials are valid but a Deny/DenyAction applies; 403.
	AuthDenied AuthOutcome = "denied"
	// AuthInjectedFault: a fault set with FailNext answered instead.
	AuthInjectedFault AuthOutcome = "injected-fault"
	// AuthOK: authenticated and authorised.
	AuthOK AuthOutcome = "ok"
)

// Request is one recorded request. It never holds the password or the
// session token.
type Request struct {
	// Time is when the request arrived, on the emulator's (shifted) clock.
	Time time.Time
	// Method, Host (as sent, with port), Path and Query (raw) of the request.
	Method, Host, Path, Query string
	// Repo is the repository name parsed from the path ("" if none).
	Repo string
	// Action is the IAM action the request needs: ActionGitPull or
	// ActionGitPush ("" if not a repository path).
	Action string
	// KeyID is the access key id from the username ("" if none).
	KeyID string
	// HasSessionToken reports whether the username carried a session token.
	HasSessionToken bool
	// Auth is the authentication/authorisation outcome.
	Auth AuthOutcome
	// Reason explains a rejection (never contains secrets).
	Reason string
	// Status is the HTTP status code sent.
	Status int
}

// Requests returns a copy of every request recorded so far, oldest first.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// ResetRequests forgets the recorded requests.
func (s *Server) ResetRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = nil
}

func (s *Server) record(r Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests = append(s.requests, r)
}
