package gitendpoint

import "time"

// IAM actions the emulator distinguishes.
const (
	// ActionGitPull is needed by ls-remote, clone and fetch (git-upload-pack).
	ActionGitPull = "codecommit:GitPull"
	// ActionGitPush is needed by push (git-receive-pack).
	ActionGitPush = "codecommit:GitPush"
)

// key is one entry of the credential table.
type key struct {
	secret string
	token  string
}

// denial is a configured authorisation failure; action "" applies to all.
type denial struct {
	action string
	reason string
}

// fault is an injected failure for the next requests.
type fault struct {
	remaining int
	status    int
	body      string
}

// AddKey registers (or replaces) credentials the emulator accepts. When
// sessionToken is non-empty the username must be "keyID%sessionToken";
// when it is empty the username must be the bare key id.
func (s *Server) AddKey(keyID, secret, sessionToken string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys[keyID] = key{secret: secret, token: sessionToken}
}

// RemoveKey forgets keyID, as if it had been deleted or deactivated.
func (s *Server) RemoveKey(keyID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.keys, keyID)
}

// Deny makes every request authenticated with keyID fail with 403 and body
// reason (a default "not authorized to perform" message when empty), e.g. to
// emulate a missing codecommit:GitPull allow or an explicit KMS deny.
func (s *Server) Deny(keyID, reason string) { s.DenyAction(keyID, "", reason) }

// DenyAction is Deny for one action only (ActionGitPull or ActionGitPush),
// e.g. read-only access that fails on push.
func (s *Server) DenyAction(keyID, action, reason string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.denials[keyID] = append(s.denials[keyID], denial{action: action, reason: reason})
}

// Allow removes every denial for keyID.
func (s *Server) Allow(keyID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.denials, keyID)
}

// FailNext makes the next n repository requests (before any authentication)
// answer with status and body, e.g. 429 "Rate exceeded" or 503.
func (s *Server) FailNext(n, status int, body string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.fault = fault{remaining: n, status: status, body: body}
}

// SetClockOffset shifts the emulator's clock by d (positive: the emulator is
// ahead of the client, so the client's passwords look old).
func (s *Server) SetClockOffset(d time.Duration) { s.clockOffset.Store(int64(d)) }

// Now returns the emulator's current time (Options.Now plus the offset).
func (s *Server) Now() time.Time {
	return s.opts.Now().Add(time.Duration(s.clockOffset.Load()))
}

// lookup returns the key for keyID, the denial that applies to action (if
// any) and whether the key exists.
func (s *Server) lookup(keyID, action string) (key, *denial, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k, ok := s.keys[keyID]
	if !ok {
		return key{}, nil, false
	}
	for _, d := range s.denials[keyID] {
		if d.action == "" || d.action == action {
			return k, &d, true
		}
	}
	return k, nil, true
}

// takeFault consumes one injected fault, if any.
func (s *Server) takeFault() (fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fault.remaining <= 0 {
		return fault{}, false
	}
	s.fault.remaining--
	return s.fault, true
}
