package signer

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestVerify(t *testing.T) {
	creds := Credentials{AccessKeyID: "AKIACANARY", SecretAccessKey: "secretcanary"}
	const host = "git-codecommit.us-east-1.amazonaws.com"
	const path = "/v1/repos/MyDemoRepo"
	signedAt := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	_, pw := Sign(creds, host, path, "us-east-1", signedAt)

	tests := []struct {
		name    string
		creds   Credentials
		host    string
		path    string
		region  string
		pw      string
		now     time.Time
		window  time.Duration
		wantErr error
	}{
		{"valid", creds, host, path, "us-east-1", pw, signedAt.Add(time.Minute), 0, nil},
		{"valid with port in host", creds, host + ":4443", path, "us-east-1", pw, signedAt, 0, nil},
		{"exactly 15 minutes old", creds, host, path, "us-east-1", pw, signedAt.Add(15 * time.Minute), 0, nil},
		{"stale", creds, host, path, "us-east-1", pw, signedAt.Add(15*time.Minute + time.Second), 0, ErrPasswordExpired},
		{"from the future", creds, host, path, "us-east-1", pw, signedAt.Add(-20 * time.Minute), 0, ErrPasswordExpired},
		{"custom window", creds, host, path, "us-east-1", pw, signedAt.Add(2 * time.Minute), time.Minute, ErrPasswordExpired},
		{"wrong secret", Credentials{AccessKeyID: "AKIACANARY", SecretAccessKey: "other"}, host, path, "us-east-1", pw, signedAt, 0, ErrSignatureMismatch},
		{"wrong region", creds, host, path, "us-east-2", pw, signedAt, 0, ErrSignatureMismatch},
		{"wrong host", creds, "git-codecommit-fips.us-east-1.amazonaws.com", path, "us-east-1", pw, signedAt, 0, ErrSignatureMismatch},
		{"wrong path", creds, host, path + "/", "us-east-1", pw, signedAt, 0, ErrSignatureMismatch},
		{"malformed", creds, host, path, "us-east-1", "hunter2", signedAt, 0, ErrMalformedPassword},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Verify(tt.creds, tt.host, tt.path, tt.region, tt.pw, tt.now, tt.window)
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
				t.Fatalf("Verify = %v, want %v", err, tt.wantErr)
			}
			if err != nil {
				msg := err.Error()
				for _, secret := range []string{tt.creds.SecretAccessKey, pw[16:], "hunter2"} {
					if strings.Contains(msg, secret) {
						t.Fatalf("error %q leaks a secret", msg)
					}
				}
			}
		})
	}
}

func FuzzSignVerify(f *testing.F) {
	f.Add("secret", "git-codecommit.us-east-1.amazonaws.com:443", "/v1/repos/R", "us-east-1", int64(1767225600))
	f.Add("", "", "", "", int64(0))
	f.Add("s\x00\xff", "h:o:s:t", "//a?b", "r\n", int64(-62135596800))
	f.Fuzz(func(t *testing.T, secret, host, path, region string, unix int64) {
		// Keep the time inside the range a four-digit year can express.
		at := time.Unix(unix%253402300799, 0)
		if at.Year() < 1 || at.Year() > 9999 {
			return
		}
		c := Credentials{AccessKeyID: "AKIA", SecretAccessKey: secret}
		_, pw := Sign(c, host, path, region, at)
		if err := Verify(c, host, path, region, pw, at, 0); err != nil {
			t.Fatalf("Verify of a fresh password failed: %v", err)
		}
	})
}
