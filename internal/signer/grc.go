package signer

import (
	"crypto/hmac"
	"errors"
	"fmt"
	"time"
)

// SignGRC returns the user name and password git-remote-codecommit puts in
// the URL it hands `git remote-http`. It signs like Sign with one
// difference: the host is signed exactly as given, port included, because
// git-remote-codecommit signs its hostname (git-codecommit.REGION.amazonaws.com,
// or CODE_COMMIT_ENDPOINT verbatim) where the AWS CLI helper drops the port
// of the host git sent.
func SignGRC(c Credentials, host, path, region string, t time.Time) (username, password string) {
	ts := t.UTC().Format(timestampLayout)
	return Username(c), ts + "Z" + signature(c.SecretAccessKey, ts, host, path, region)
}

// VerifyGRC is Verify for a password signed by SignGRC: the host is taken
// as it is, port included.
func VerifyGRC(c Credentials, host, path, region, password string, now time.Time, window time.Duration) error {
	p, err := ParsePassword(password)
	if err != nil {
		return fmt.Errorf("verifying password: %w", err)
	}
	if err := Verify(c, "", path, region, password, now, window); err != nil && !errors.Is(err, ErrSignatureMismatch) {
		return err // malformed or expired: the host does not matter
	}
	want := signature(c.SecretAccessKey, p.Time.Format(timestampLayout), host, path, region)
	if !hmac.Equal([]byte(want), []byte(p.Signature)) {
		return fmt.Errorf("verifying password: %w", ErrSignatureMismatch)
	}
	return nil
}
