package signer

import (
	"fmt"
	"strings"
)

// Credentials are the AWS credentials the helper signs with. Formatting a
// Credentials value (or a pointer to one, or a struct holding one in an
// exported field) with any fmt verb never reveals the secret key or the
// session token. fmt cannot call methods on unexported struct fields, so do
// not print a struct that keeps Credentials in an unexported field.
type Credentials struct {
	// AccessKeyID is the access key id (AKIA... or ASIA...); it becomes the
	// username.
	AccessKeyID string
	// SecretAccessKey is the secret used to derive the signing key.
	SecretAccessKey string
	// SessionToken is the optional session token of temporary credentials; it
	// is appended to the username after a '%'.
	SessionToken string
}

// redacted describes c without its secrets.
func (c Credentials) redacted() string {
	var b strings.Builder
	b.WriteString("{AccessKeyID:")
	b.WriteString(c.AccessKeyID)
	b.WriteString(" SecretAccessKey:")
	b.WriteString(presence(c.SecretAccessKey))
	b.WriteString(" SessionToken:")
	b.WriteString(presence(c.SessionToken))
	b.WriteString("}")
	return b.String()
}

func presence(s string) string {
	if s == "" {
		return "<empty>"
	}
	return "<redacted>"
}

// String returns a description of c with the secret key and the session token
// redacted.
func (c Credentials) String() string { return c.redacted() }

// GoString is used by %#v; it redacts like String.
func (c Credentials) GoString() string { return "signer.Credentials" + c.redacted() }

// Format implements fmt.Formatter so that every verb (%v, %+v, %#v, %s, %q,
// %x, ...) prints the redacted form.
func (c Credentials) Format(f fmt.State, verb rune) {
	s := c.redacted()
	if verb == 'v' && f.Flag('#') {
		s = c.GoString()
	}
	_, _ = fmt.Fprint(f, s)
}
