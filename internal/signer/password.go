package signer

import (
	"errors"
	"fmt"
	"time"
)

// passwordPrefixLen is len("YYYYMMDDTHHMMSSZ").
const passwordPrefixLen = len(timestampLayout) + 1

// signatureHexLen is the length of a hex SHA-256 HMAC.
const signatureHexLen = 64

// ErrMalformedPassword reports a password that is not "<YYYYMMDDTHHMMSS>Z<64 hex>".
// Errors wrapping it never contain the password.
var ErrMalformedPassword = errors.New("not a CodeCommit helper password")

// Password is a parsed helper password.
type Password struct {
	// Time is the signing time carried by the password (UTC).
	Time time.Time
	// Signature is the lower-case hex signature.
	Signature string
}

// PasswordTime returns the signing time embedded in a helper password: the
// "YYYYMMDDTHHMMSSZ" prefix, in UTC. Only the prefix is examined, so it also
// works on a password whose signature part is damaged. The error never
// contains the password.
func PasswordTime(password string) (time.Time, error) {
	if len(password) < passwordPrefixLen {
		return time.Time{}, fmt.Errorf("%w: %d characters, want at least %d", ErrMalformedPassword, len(password), passwordPrefixLen)
	}
	if password[len(timestampLayout)] != 'Z' {
		return time.Time{}, fmt.Errorf("%w: no 'Z' after the timestamp", ErrMalformedPassword)
	}
	ts := password[:len(timestampLayout)]
	for i := 0; i < len(ts); i++ {
		c := ts[i]
		if i == 8 {
			if c != 'T' {
				return time.Time{}, fmt.Errorf("%w: no 'T' in the timestamp", ErrMalformedPassword)
			}
			continue
		}
		if c < '0' || c > '9' {
			return time.Time{}, fmt.Errorf("%w: non-digit in the timestamp", ErrMalformedPassword)
		}
	}
	t, err := time.Parse(timestampLayout, ts)
	if err != nil {
		// ts has been checked to be digits and 'T' only, so the error
		// (which quotes it) reveals no more than a date.
		return time.Time{}, fmt.Errorf("%w: bad timestamp: %v", ErrMalformedPassword, err)
	}
	return t.UTC(), nil
}

// ParsePassword parses a complete helper password: timestamp, 'Z' and exactly
// 64 lower-case hex digits (what the AWS CLI prints). The error never contains
// the password.
func ParsePassword(password string) (Password, error) {
	t, err := PasswordTime(password)
	if err != nil {
		return Password{}, err
	}
	sig := password[passwordPrefixLen:]
	if len(sig) != signatureHexLen {
		return Password{}, fmt.Errorf("%w: signature has %d characters, want %d", ErrMalformedPassword, len(sig), signatureHexLen)
	}
	for i := 0; i < len(sig); i++ {
		c := sig[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return Password{}, fmt.Errorf("%w: signature is not lower-case hex", ErrMalformedPassword)
		}
	}
	return Password{Time: t, Signature: sig}, nil
}
