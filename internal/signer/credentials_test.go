package signer

import (
	"fmt"
	"strings"
	"testing"
)

func TestCredentialsFormattingRedacts(t *testing.T) {
	c := Credentials{AccessKeyID: "AKIACANARY", SecretAccessKey: "SECRETCANARY123", SessionToken: "TOKENCANARY456"}
	type wrapper struct {
		Creds Credentials
		Ptr   *Credentials
	}
	w := wrapper{Creds: c, Ptr: &c}
	formats := []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%10.3v", "%d"}
	for _, format := range formats {
		for _, arg := range []any{c, &c, w, []Credentials{c}, map[string]Credentials{"k": c}} {
			out := fmt.Sprintf(format, arg)
			if strings.Contains(out, "SECRETCANARY") || strings.Contains(out, "TOKENCANARY") ||
				strings.Contains(strings.ToLower(out), strings.ToLower(fmt.Sprintf("%x", "SECRETCANARY"))) {
				t.Errorf("Sprintf(%q, %T) leaks a secret: %s", format, arg, out)
			}
		}
	}
	if got := c.String(); !strings.Contains(got, "AKIACANARY") || !strings.Contains(got, "<redacted>") {
		t.Errorf("String() = %q, want key id and <redacted>", got)
	}
	if got := (Credentials{AccessKeyID: "A"}).String(); !strings.Contains(got, "SecretAccessKey:<empty>") {
		t.Errorf("String() of empty secret = %q", got)
	}
	if got := fmt.Sprintf("%#v", c); !strings.HasPrefix(got, "signer.Credentials{") {
		t.Errorf("%%#v = %q", got)
	}
}
