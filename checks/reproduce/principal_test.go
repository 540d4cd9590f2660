package reproduce

import (
	"strings"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/checkstest"
	"github.com/codecommit-doctor/codecommit-doctor/checks/credentials"
	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
)

// With --principal, reproduce says it ran as the caller; without, nothing.
func TestReproduceSaysItRanAsTheCaller(t *testing.T) {
	const role = "arn:aws:iam::123456789012:role/service-role/codebuild-app"
	caller := credentials.Key.Fact(&credentials.Facts{Identity: awsclient.ParseIdentity("arn:aws:iam::123456789012:user/admin", "")})
	env := (&checks.Env{Sys: checkstest.Sys{}, Options: checks.Options{Principal: role}}).WithFacts(caller)
	res := asCaller(env, checks.Result{Status: checks.Pass, Summary: "git ls-remote works"})
	want := "git ls-remote works (as the caller arn:aws:iam::123456789012:user/admin, not the principal " + role + ")"
	if res.Summary != want {
		t.Errorf("summary %q, want %q", res.Summary, want)
	}
	if !strings.Contains(checkstest.Text(res), "principal="+role) {
		t.Errorf("no principal evidence:\n%s", checkstest.Text(res))
	}
	plain := asCaller((&checks.Env{Sys: checkstest.Sys{}}).WithFacts(caller), checks.Result{Summary: "git ls-remote works"})
	if plain.Summary != "git ls-remote works" || strings.Contains(checkstest.Text(plain), "principal") {
		t.Errorf("without --principal: %s", checkstest.Text(plain))
	}
}
