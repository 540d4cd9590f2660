package signer

import (
	"crypto/hmac"
	"errors"
	"fmt"
	"time"
)

// DefaultValidity is how far the password's timestamp may be from the
// verifier's clock, in either direction, before CodeCommit rejects it.
const DefaultValidity = 15 * time.Minute

var (
	// ErrSignatureMismatch reports a well-formed password whose signature does
	// not match the one computed for the given credentials, host, path and
	// region (wrong secret, region, host or path).
	ErrSignatureMismatch = errors.New("signature does not match")
	// ErrPasswordExpired reports a password whose timestamp is outside the
	// validity window (stale cached password or clock skew).
	ErrPasswordExpired = errors.New("password timestamp outside the validity window")
)

// Verify checks password the way the CodeCommit git endpoint does: it must be
// well formed, its timestamp within window of now (either direction; window
// <= 0 means DefaultValidity), and its signature must equal the one computed
// from c, host (port dropped), path and region at the embedded time. The
// error wraps ErrMalformedPassword, ErrPasswordExpired or
// ErrSignatureMismatch and never contains a secret or the password.
func Verify(c Credentials, host, path, region, password string, now time.Time, window time.Duration) error {
	p, err := ParsePassword(password)
	if err != nil {
		return fmt.Errorf("verifying password: %w", err)
	}
	if window <= 0 {
		window = DefaultValidity
	}
	skew := now.Sub(p.Time)
	if skew > window || skew < -window {
		return fmt.Errorf("verifying password: %w: signed at %s, %s from the verifier's clock (allowed ±%s)",
			ErrPasswordExpired, p.Time.Format(time.RFC3339), skew.Round(time.Second), window)
	}
	want := signature(c.SecretAccessKey, p.Time.Format(timestampLayout), CanonicalHost(host), path, region)
	if !hmac.Equal([]byte(want), []byte(p.Signature)) {
		return fmt.Errorf("verifying password: %w", ErrSignatureMismatch)
	}
	return nil
}
