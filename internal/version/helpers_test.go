package version

import (
	"errors"
	"strings"
	"testing"
	"unicode"
)

// checkParseError asserts the properties every parse error must have.
func checkParseError(t *testing.T, err error, wantSubstr string) {
	t.Helper()
	if err == nil {
		t.Fatal("expected an error, got nil")
	}
	if !errors.Is(err, ErrUnrecognized) {
		t.Errorf("error %q does not wrap ErrUnrecognized", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, wantSubstr) {
		t.Errorf("error %q does not contain %q", msg, wantSubstr)
	}
	if !strings.Contains(msg, "expected") {
		t.Errorf("error %q does not say what was expected", msg)
	}
	for _, r := range msg {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			t.Errorf("error %q contains control character %U", msg, r)
		}
	}
	if len([]rune(msg)) > 320 {
		t.Errorf("error is %d runes long, want a bounded excerpt: %q", len([]rune(msg)), msg)
	}
}

// utf16LE encodes s as PowerShell 5 redirection does: BOM plus UTF-16LE.
func utf16LE(s string) string {
	var b strings.Builder
	b.WriteString("\xff\xfe")
	for _, r := range s {
		b.WriteByte(byte(r))
		b.WriteByte(byte(r >> 8))
	}
	return b.String()
}
