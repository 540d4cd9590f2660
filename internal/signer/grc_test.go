package signer

import (
	"errors"
	"testing"
	"time"
)

// TestSignGRCMatchesGitRemoteCodeCommit checks SignGRC against the
// canonical request git-remote-codecommit builds itself
// ('GIT\n{path}\n\nhost:{hostname}\n\nhost\n'), hostname kept whole.
func TestSignGRCMatchesGitRemoteCodeCommit(t *testing.T) {
	c := Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}
	at := time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC)
	host := "git-codecommit.us-east-1.amazonaws.com:8443"
	_, pass := SignGRC(c, host, "/v1/repos/R", "us-east-1", at)
	want := "20261126T080000Z" + signature(c.SecretAccessKey, "20261126T080000", host, "/v1/repos/R", "us-east-1")
	if pass != want {
		t.Fatalf("SignGRC password = %q, want %q", pass, want)
	}
	if err := VerifyGRC(c, host, "/v1/repos/R", "us-east-1", pass, at, 0); err != nil {
		t.Fatalf("VerifyGRC refused its own password: %v", err)
	}
	// The AWS helper's verification drops the port: a grc password with a
	// port in the host does not pass it, and the reverse.
	if err := Verify(c, host, "/v1/repos/R", "us-east-1", pass, at, 0); !errors.Is(err, ErrSignatureMismatch) {
		t.Fatalf("Verify of a with-port grc password = %v, want a mismatch", err)
	}
	_, helperPass := Sign(c, host, "/v1/repos/R", "us-east-1", at)
	if err := VerifyGRC(c, host, "/v1/repos/R", "us-east-1", helperPass, at, 0); !errors.Is(err, ErrSignatureMismatch) {
		t.Fatalf("VerifyGRC of a helper password = %v, want a mismatch", err)
	}
	// Without a port both sign the same.
	_, a := SignGRC(c, "git-codecommit.us-east-1.amazonaws.com", "/v1/repos/R", "us-east-1", at)
	_, b := Sign(c, "git-codecommit.us-east-1.amazonaws.com", "/v1/repos/R", "us-east-1", at)
	if a != b {
		t.Fatal("SignGRC and Sign differ for a host without port")
	}
	if err := VerifyGRC(c, host, "/v1/repos/R", "us-east-1", pass, at.Add(time.Hour), 0); !errors.Is(err, ErrPasswordExpired) {
		t.Fatalf("VerifyGRC an hour later = %v, want expired", err)
	}
}
