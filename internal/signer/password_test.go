package signer

import (
	"errors"
	"strings"
	"testing"
	"time"
)

const goodSig = "a65e1c7316c46466c73a462eb9fd7d4d94742a4d4f77bb5d51ac08f2531191a5"

func TestPasswordTime(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    time.Time
		wantErr bool
	}{
		{"full password", "20260102T030405Z" + goodSig, time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), false},
		{"prefix only", "20260102T030405Z", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), false},
		{"damaged signature still gives time", "20261231T235959Zxyz", time.Date(2026, 12, 31, 23, 59, 59, 0, time.UTC), false},
		{"empty", "", time.Time{}, true},
		{"too short", "20260102T0304", time.Time{}, true},
		{"no Z", "20260102T030405X" + goodSig, time.Time{}, true},
		{"no T", "20260102-030405Z" + goodSig, time.Time{}, true},
		{"sign in timestamp", "+0260102T030405Z" + goodSig, time.Time{}, true},
		{"month 13", "20261302T030405Z" + goodSig, time.Time{}, true},
		{"Feb 30", "20260230T030405Z" + goodSig, time.Time{}, true},
		{"git credential password", "abcdEFGHijklMNOPqrstUVWXyz0123456789+/ab=", time.Time{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := PasswordTime(tt.in)
			if tt.wantErr {
				if !errors.Is(err, ErrMalformedPassword) {
					t.Fatalf("err = %v, want ErrMalformedPassword", err)
				}
				if len(tt.in) > 16 && strings.Contains(err.Error(), tt.in[16:]) {
					t.Fatalf("error %q leaks the password", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Fatalf("got %v, want %v (UTC)", got, tt.want)
			}
		})
	}
}

func TestParsePassword(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantErr bool
	}{
		{"good", "20260102T030405Z" + goodSig, false},
		{"short signature", "20260102T030405Z" + goodSig[:63], true},
		{"long signature", "20260102T030405Z" + goodSig + "0", true},
		{"upper-case hex", "20260102T030405Z" + strings.ToUpper(goodSig), true},
		{"non-hex", "20260102T030405Z" + strings.Repeat("g", 64), true},
		{"bad time", "2026010xT030405Z" + goodSig, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParsePassword(tt.in)
			if tt.wantErr {
				if !errors.Is(err, ErrMalformedPassword) {
					t.Fatalf("err = %v, want ErrMalformedPassword", err)
				}
				if strings.Contains(err.Error(), goodSig[:20]) || strings.Contains(strings.ToLower(err.Error()), goodSig[:20]) {
					t.Fatalf("error %q leaks the signature", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if p.Signature != goodSig || !p.Time.Equal(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)) {
				t.Fatalf("got %+v", p)
			}
		})
	}
}

func FuzzParsePassword(f *testing.F) {
	for _, s := range []string{"", "20260102T030405Z" + goodSig, "20260102T030405Z", "99999999T999999Z", "00000000T000000Z" + goodSig, "20260230T030405Zff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, err := PasswordTime(s)
		if err == nil {
			if got := tm.Format(timestampLayout) + "Z"; got != s[:passwordPrefixLen] {
				t.Fatalf("time %v does not round-trip to %q (got %q)", tm, s[:passwordPrefixLen], got)
			}
		}
		p, err := ParsePassword(s)
		if err == nil {
			if len(s) != passwordPrefixLen+signatureHexLen || p.Signature != s[passwordPrefixLen:] {
				t.Fatalf("accepted %q as %+v", s, p)
			}
		} else if len(s) > passwordPrefixLen && len(s[passwordPrefixLen:]) >= 8 && strings.Contains(err.Error(), s[passwordPrefixLen:]) {
			t.Fatalf("error %q quotes the signature part", err)
		}
	})
}
