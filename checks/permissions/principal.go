package permissions

import (
	"fmt"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/credentials"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
	"github.com/codecommit-doctor/codecommit-doctor/internal/shellword"
)

// PrincipalUnresolved is the result of a check that decides access for
// --principal when its principal could not be worked out (an instance
// profile whose role could not be read); code is the check's finding code.
func PrincipalUnresolved(env *checks.Env, code string, err error) checks.Result {
	res := checks.Result{Status: checks.Error, Summary: "unknown: the --principal " + env.Options.Principal + " could not be resolved"}
	res.AddEvidence("principal", env.Options.Principal)
	res.Add(checks.Finding{Code: code, Severity: checks.Error,
		Message: fmt.Sprintf("Could not work out the principal --principal %s names: %s. Its access was not decided.", env.Options.Principal, env.Redact(err.Error())),
		Remediation: []string{
			"aws iam get-instance-profile --instance-profile-name " + profileName(env.Options.Principal) + " --query 'InstanceProfile.Roles[0].Arn' --output text   # run by an administrator, then pass that role's ARN to --principal",
		}})
	return res
}

// whose names whose policies were read: "the identity's own" for the
// caller, the principal's for --principal.
func whose(facts *credentials.Facts) string {
	if facts.Caller != nil {
		return "the policies of " + facts.Identity.Describe()
	}
	return "the identity's own policies"
}

// simulateWho says who may not call the simulator.
func simulateWho(facts *credentials.Facts) string {
	if facts.Caller != nil {
		return fmt.Sprintf("the caller %s may not call iam:SimulatePrincipalPolicy for it", facts.Caller.ARN)
	}
	return "the identity may not call iam:SimulatePrincipalPolicy"
}

// profileName is the instance profile's name in --principal, or NAME.
func profileName(arn string) string {
	if p, err := awsclient.ParsePrincipalARN(arn); err == nil && p.Kind == "instance-profile" {
		return shellword.POSIX(p.Name)
	}
	return "NAME"
}
