package redact

import (
	"strings"
	"testing"
)

// Example values from the AWS documentation.
const (
	exampleKeyID  = "AKIAIOSFODNN7EXAMPLE"
	exampleSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	gitSHA        = "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12"
	sigHex        = "fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024"
)

// exampleToken is shaped like an STS session token (base64, > 100 chars).
var exampleToken = "IQoJb3JpZ2luX2VjEB0aCXVzLWVhc3QtMSJHMEUCIQD" + strings.Repeat("aB3+/x", 12) + "=="

type redactCase struct {
	name string
	in   string
	want string
}

// runCases checks r.String against every case, and that the result is a
// fixed point.
func runCases(t *testing.T, r *Redactor, cases []redactCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := r.String(tc.in)
			if got != tc.want {
				t.Errorf("String(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
			if again := r.String(got); again != got {
				t.Errorf("not idempotent: %q -> %q", got, again)
			}
		})
	}
}
