package cli

import (
	"github.com/codecommit-doctor/codecommit-doctor/internal/redact"
)

// secretVariables hold secrets whose exact values must never be printed,
// even where no pattern would recognise them.
var secretVariables = []string{
	"AWS_SECRET_ACCESS_KEY",
	"AWS_SESSION_TOKEN",
	"AWS_SECURITY_TOKEN",
	"AWS_BEARER_TOKEN_BEDROCK",
	"AWS_CONTAINER_AUTHORIZATION_TOKEN",
}

// getenver is the part of the machine the redactor needs.
type getenver interface{ Getenv(string) string }

// newRedactor builds the one redactor applied to everything printed.
func newRedactor(m getenver) *redact.Redactor {
	var literals []string
	for _, k := range secretVariables {
		if v := m.Getenv(k); v != "" {
			literals = append(literals, v)
		}
	}
	return redact.New(literals...)
}
