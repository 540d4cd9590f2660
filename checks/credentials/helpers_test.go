package credentials

import (
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/chain"
	"github.com/codecommit-doctor/codecommit-doctor/checks/checkstest"
	"github.com/codecommit-doctor/codecommit-doctor/checks/signing"
	"github.com/codecommit-doctor/codecommit-doctor/internal/gitcred"
)

// awsEnv builds an Env with the given variables, options and facts, and
// the signing provider's facts worked out from them.
func awsEnv(t *testing.T, vars map[string]string, opts checks.Options, facts ...checks.Fact) *checks.Env {
	e := (&checks.Env{Sys: checkstest.Sys{Env: vars}, Options: opts}).WithFacts(facts...)
	return checkstest.Provide(t, e, signing.New())
}

// helperFact is the chain when git runs the AWS helper value v.
func helperFact(v string) checks.Fact {
	return chain.Key.Fact(&chain.Facts{Real: true, Chain: gitcred.Chain{Helpers: []gitcred.Helper{{Value: gitcred.ParseHelper(v, "linux")}}}})
}
