package permissions

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/checkstest"
	"github.com/codecommit-doctor/codecommit-doctor/checks/credentials"
	"github.com/codecommit-doctor/codecommit-doctor/checks/credentials/credentialstest"
	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient/awsfake"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/tools"
)

const (
	readOnlyDoc   = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["codecommit:GitPull"],"Resource":"*"}]}`
	denyPushDoc   = `{"Version":"2012-10-17","Statement":[{"Sid":"NoPush","Effect":"Deny","Action":"codecommit:GitPush","Resource":"*"}]}`
	denyPullDoc   = `{"Version":"2012-10-17","Statement":[{"Sid":"Freeze","Effect":"Deny","Action":"codecommit:Git*","Resource":"arn:aws:codecommit:us-east-1:111122223333:MyDemoRepo"}]}`
	officeOnlyDoc = `{"Version":"2012-10-17","Statement":[{"Sid":"OfficeOnly","Effect":"Deny","Action":"*","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"192.0.2.0/24"}}}]}`
	// protectMainDoc is AWS's branch rule example: no push to main.
	protectMainDoc = `{"Version":"2012-10-17","Statement":[{"Sid":"ProtectMain","Effect":"Deny","Action":["codecommit:GitPush","codecommit:Merge*"],"Resource":"*",` +
		`"Condition":{"StringEqualsIfExists":{"codecommit:References":["refs/heads/main","refs/heads/prod"]},"Null":{"codecommit:References":"false"}}}]}`
	// protectBothDoc blocks both usual default branches, with
	// StringEqualsIfExists alone.
	protectBothDoc = `{"Version":"2012-10-17","Statement":[{"Sid":"Frozen","Effect":"Deny","Action":"codecommit:GitPush","Resource":"*",` +
		`"Condition":{"StringEqualsIfExists":{"codecommit:References":["refs/heads/main","refs/heads/master"]}}}]}`
	// protectDevDoc blocks a branch a push from here does not update.
	protectDevDoc = `{"Version":"2012-10-17","Statement":[{"Sid":"Dev","Effect":"Deny","Action":"codecommit:GitPush","Resource":"*",` +
		`"Condition":{"StringLike":{"codecommit:References":"refs/heads/dev*"}}}]}`
	mfaDoc = `{"Version":"2012-10-17","Statement":[{"Sid":"RequireMFA","Effect":"Deny","NotAction":"iam:*","Resource":"*","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}}]}`
)

// simulated answers SimulatePrincipalPolicy for one principal.
func simulated(principal string, pull, push types.PolicyEvaluationDecisionType, missing ...string) func(*iam.SimulatePrincipalPolicyInput) (*iam.SimulatePrincipalPolicyOutput, error) {
	return func(in *iam.SimulatePrincipalPolicyInput) (*iam.SimulatePrincipalPolicyOutput, error) {
		if aws.ToString(in.PolicySourceArn) != principal || len(in.ResourceArns) != 1 || in.ResourceArns[0] != credentialstest.RepoARN {
			return nil, fmt.Errorf("unexpected simulation %s on %v", aws.ToString(in.PolicySourceArn), in.ResourceArns)
		}
		res := func(a string, d types.PolicyEvaluationDecisionType) types.EvaluationResult {
			return types.EvaluationResult{EvalActionName: aws.String(a), EvalDecision: d, MissingContextValues: missing,
				MatchedStatements: []types.Statement{{SourcePolicyId: aws.String("some-policy")}}}
		}
		return &iam.SimulatePrincipalPolicyOutput{EvaluationResults: []types.EvaluationResult{
			res("codecommit:GitPull", pull), res("codecommit:GitPush", push)}}, nil
	}
}

func TestPermissionsCheck(t *testing.T) {
	allowed, implicit, explicit := types.PolicyEvaluationDecisionTypeAllowed, types.PolicyEvaluationDecisionTypeImplicitDeny, types.PolicyEvaluationDecisionTypeExplicitDeny
	tests := []struct {
		name       string
		arn        string
		iam        func() *awsfake.IAM
		cc         func() *awsfake.CodeCommit
		status     checks.Status
		codes      string
		text       []string
		pull, push string
		method     string
		noIAM      bool // no IAM call at all
	}{
		{name: "simulated: allowed", iam: func() *awsfake.IAM {
			f := credentialstest.Alice(nil, credentialstest.PowerUser)
			f.Simulate = simulated(credentialstest.AliceARN, allowed, allowed)
			return f
		}, status: checks.Pass, text: []string{"IAM user alice may pull and push MyDemoRepo (simulated by IAM)", "repository=exists"},
			pull: "allowed", push: "allowed", method: MethodSimulated},
		{name: "simulated: pull only", iam: func() *awsfake.IAM {
			f := credentialstest.Alice(nil, credentialstest.PowerUser)
			f.Simulate = simulated(credentialstest.AliceARN, allowed, implicit)
			return f
		}, status: checks.Warn, codes: "gitpush-denied", text: []string{"may pull but not push", "Read-only access may be intended",
			"aws iam attach-user-policy --user-name alice --policy-arn arn:aws:iam::aws:policy/AWSCodeCommitPowerUser"},
			pull: "allowed", push: "denied", method: MethodSimulated},
		{name: "simulated: explicit deny", iam: func() *awsfake.IAM {
			f := credentialstest.Alice(nil, credentialstest.PowerUser)
			f.Simulate = simulated(credentialstest.AliceARN, explicit, explicit)
			return f
		}, status: checks.Fail, codes: "gitpull-denied,gitpush-denied", text: []string{"explicit deny", "some-policy",
			"aws iam simulate-principal-policy --policy-source-arn " + credentialstest.AliceARN + " --action-names codecommit:GitPull --resource-arns " + credentialstest.RepoARN},
			pull: "denied", push: "denied", method: MethodSimulated},
		{name: "simulated: depends on the source IP", iam: func() *awsfake.IAM {
			f := credentialstest.Alice(nil, credentialstest.PowerUser)
			f.Simulate = simulated(credentialstest.AliceARN, explicit, explicit, "aws:SourceIp")
			return f
		}, status: checks.Warn, codes: "gitpull-conditional,gitpush-conditional", text: []string{"aws:SourceIp"}, pull: "unknown", push: "unknown", method: MethodSimulated},
		{name: "local: allowed by a managed policy", iam: func() *awsfake.IAM { return credentialstest.Alice(nil, credentialstest.PowerUser) },
			status: checks.Pass, codes: "evaluated-locally", text: []string{"(evaluated locally)", "service control policies", "simulation=not available: AccessDenied"},
			pull: "allowed", push: "allowed", method: MethodLocal},
		{name: "local: nothing allows", iam: func() *awsfake.IAM {
			return credentialstest.Alice(map[string]string{"other": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`})
		},
			status: checks.Fail, codes: "gitpull-denied,gitpush-denied,evaluated-locally", text: []string{"implicit deny",
				"aws iam attach-user-policy --user-name alice --policy-arn arn:aws:iam::aws:policy/AWSCodeCommitPowerUser   # or AWSCodeCommitReadOnly for pull only"},
			pull: "denied", push: "denied", method: MethodLocal},
		{name: "local: read-only", iam: func() *awsfake.IAM { return credentialstest.Alice(map[string]string{"ro": readOnlyDoc}) },
			status: checks.Warn, codes: "gitpush-denied,evaluated-locally", pull: "allowed", push: "denied", method: MethodLocal},
		{name: "local: explicit deny in an inline policy", iam: func() *awsfake.IAM {
			return credentialstest.Alice(map[string]string{"freeze": denyPullDoc}, credentialstest.PowerUser)
		},
			status: checks.Fail, codes: "gitpull-denied,gitpush-denied,evaluated-locally", text: []string{
				`inline policy "freeze" of user "alice" statement "Freeze"`,
				"aws iam get-user-policy --user-name alice --policy-name freeze --query PolicyDocument --output json > fixed-policy.json",
				"aws iam put-user-policy --user-name alice --policy-name freeze --policy-document file://fixed-policy.json"},
			pull: "denied", push: "denied", method: MethodLocal},
		{name: "local: push denied", iam: func() *awsfake.IAM {
			return credentialstest.Alice(map[string]string{"no-push": denyPushDoc}, credentialstest.PowerUser)
		},
			status: checks.Warn, codes: "gitpush-denied,evaluated-locally", text: []string{`statement "NoPush"`}, pull: "allowed", push: "denied", method: MethodLocal},
		{name: "local: long-term keys have no MFA", iam: func() *awsfake.IAM {
			return credentialstest.Alice(map[string]string{"mfa": mfaDoc}, credentialstest.PowerUser)
		},
			status: checks.Fail, codes: "gitpull-denied,gitpush-denied,evaluated-locally", text: []string{`statement "RequireMFA"`}, pull: "denied", push: "denied", method: MethodLocal},
		{name: "local: depends on the source IP", iam: func() *awsfake.IAM {
			return credentialstest.Alice(map[string]string{"office": officeOnlyDoc}, credentialstest.PowerUser)
		},
			status: checks.Warn, codes: "gitpull-conditional,gitpush-conditional,evaluated-locally", text: []string{"aws:SourceIp"}, pull: "unknown", push: "unknown", method: MethodLocal},
		{name: "local: allowed but groups unreadable", iam: func() *awsfake.IAM {
			f := credentialstest.Alice(nil, credentialstest.PowerUser)
			f.Denied["ListGroupsForUser"] = true
			return f
		}, status: checks.Warn, codes: "policies-incomplete,evaluated-locally", text: []string{"iam:ListGroupsForUser"}, pull: "allowed", push: "allowed", method: MethodLocal},
		{name: "local: nothing readable allows, and some unreadable", iam: func() *awsfake.IAM {
			f := credentialstest.Alice(map[string]string{"ro-s3": `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`})
			f.Denied["ListAttachedUserPolicies"] = true
			return f
		}, status: checks.Error, codes: "gitpull-undecided,gitpush-undecided,evaluated-locally", text: []string{"iam:ListAttachedUserPolicies",
			"aws iam simulate-principal-policy --policy-source-arn " + credentialstest.AliceARN}, pull: "unknown", push: "unknown", method: MethodLocal},
		{name: "nothing readable", iam: func() *awsfake.IAM {
			f := credentialstest.Alice(nil, credentialstest.PowerUser)
			for _, a := range []string{"GetUser", "ListUserPolicies", "ListAttachedUserPolicies", "ListGroupsForUser"} {
				f.Denied[a] = true
			}
			return f
		}, status: checks.Error, codes: "policies-unreadable", text: []string{
			"may not read its own IAM policies and may not call iam:SimulatePrincipalPolicy",
			"aws iam simulate-principal-policy --policy-source-arn " + credentialstest.AliceARN + " --action-names codecommit:GitPull codecommit:GitPush --resource-arns " + credentialstest.RepoARN}},
		{name: "repository missing", iam: func() *awsfake.IAM { return credentialstest.Alice(nil, credentialstest.PowerUser) },
			cc: func() *awsfake.CodeCommit {
				c := credentialstest.Repos()
				delete(c.Repos, "MyDemoRepo")
				return c
			}, status: checks.Fail, codes: "repository-not-found", text: []string{"aws codecommit list-repositories --region us-east-1"}, noIAM: true},
		{name: "repository not readable", iam: func() *awsfake.IAM { return credentialstest.Alice(nil, credentialstest.PowerUser) },
			cc: func() *awsfake.CodeCommit {
				c := credentialstest.Repos()
				c.Err = awsfake.APIError("AccessDeniedException", "not authorized to perform: codecommit:GetRepository")
				return c
			}, status: checks.Pass, codes: "evaluated-locally", text: []string{"repository=unknown: not allowed to call codecommit:GetRepository"}, pull: "allowed", push: "allowed", method: MethodLocal},
		{name: "root", arn: "arn:aws:iam::111122223333:root", iam: func() *awsfake.IAM { return credentialstest.Alice(nil) },
			status: checks.Pass, codes: "root-allowed", pull: "allowed", push: "allowed", noIAM: true},
		{name: "role: simulated with the ARN from GetRole", arn: "arn:aws:sts::111122223333:assumed-role/deploy/ci", iam: func() *awsfake.IAM {
			f := credentialstest.Alice(nil)
			f.Simulate = simulated("arn:aws:iam::111122223333:role/team/deploy", allowed, allowed)
			return f
		}, status: checks.Pass, text: []string{"assumed role deploy (session ci) may pull and push MyDemoRepo (simulated by IAM)"}, pull: "allowed", push: "allowed", method: MethodSimulated},
		{name: "SSO role without permission", arn: "arn:aws:sts::111122223333:assumed-role/AWSReservedSSO_Dev_1/jane", iam: func() *awsfake.IAM {
			f := credentialstest.Alice(nil)
			f.Roles["AWSReservedSSO_Dev_1"] = &awsfake.Principal{ARN: "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Dev_1"}
			return f
		}, status: checks.Fail, codes: "gitpull-denied,gitpush-denied,evaluated-locally", text: []string{"permission set behind AWSReservedSSO_Dev_1 in IAM Identity Center"},
			pull: "denied", push: "denied", method: MethodLocal},
		{name: "local: a branch rule blocks main, not master", iam: func() *awsfake.IAM {
			return credentialstest.Alice(map[string]string{"protect": protectMainDoc}, credentialstest.PowerUser)
		}, status: checks.Warn, codes: "gitpush-branch-denied,evaluated-locally", text: []string{
			`inline policy "protect" of user "alice" statement "ProtectMain" blocks IAM user alice from pushing to refs/heads/main (a usual default branch)`,
			"Not blocked: refs/heads/master (a usual default branch).",
			"names no branch (such as GET info/refs?service=git-receive-pack, the first request of a push) is not blocked",
			"aws iam get-user-policy --user-name alice --policy-name protect",
			"remove refs/heads/main from codecommit:References in statement \"ProtectMain\"",
			"git push origin HEAD:refs/heads/pr/my-change",
			"may pull MyDemoRepo; a branch rule blocks push to refs/heads/main",
			"aws iam put-user-policy --user-name alice --policy-name protect --policy-document file://fixed-policy.json",
		}, pull: "allowed", push: "unknown", method: MethodLocal},
		{name: "local: a branch rule blocks both default branches", iam: func() *awsfake.IAM {
			return credentialstest.Alice(map[string]string{"freeze": protectBothDoc}, credentialstest.PowerUser)
		}, status: checks.Warn, codes: "gitpush-branch-denied,evaluated-locally", text: []string{
			"refs/heads/main (a usual default branch), refs/heads/master (a usual default branch)",
			"git push origin HEAD:refs/heads/pr/my-change",
			"may pull MyDemoRepo; a branch rule blocks push to refs/heads/main, refs/heads/master",
			`adds "Null": {"codecommit:References": "false"}`,
		}, pull: "allowed", push: "denied", method: MethodLocal},
		{name: "local: a branch rule on other branches", iam: func() *awsfake.IAM {
			return credentialstest.Alice(map[string]string{"dev": protectDevDoc}, credentialstest.PowerUser)
		}, status: checks.Pass, codes: "gitpush-branch-allowed,evaluated-locally", text: []string{
			"do not block the branches a push from here updates: IAM user alice may push to refs/heads/main (a usual default branch), refs/heads/master",
			"may pull and push MyDemoRepo",
		}, pull: "allowed", push: "allowed", method: MethodLocal},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			arn := tc.arn
			if arn == "" {
				arn = credentialstest.AliceARN
			}
			f := tc.iam()
			cc := credentialstest.Repos()
			if tc.cc != nil {
				cc = tc.cc()
			}
			facts := credentialstest.Facts(arn, f, cc)
			env := awsEnv(credentials.Key.Fact(facts), checkstest.Target(credentialstest.RepoURL))
			res, err := permissionsCheck{}.Run(context.Background(), env)
			if err != nil {
				t.Fatal(err)
			}
			res = checks.Normalize(res)
			text := checkstest.Text(res)
			if res.Status != tc.status || checkstest.Codes(res) != tc.codes {
				t.Fatalf("status %s codes %q, want %s %q\n%s", res.Status, checkstest.Codes(res), tc.status, tc.codes, text)
			}
			for _, s := range tc.text {
				if !strings.Contains(text, s) {
					t.Errorf("result lacks %q:\n%s", s, text)
				}
			}
			pf, _ := Key.In(res)
			if pf == nil || pf.Pull != tc.pull || pf.Push != tc.push || pf.Method != tc.method {
				t.Errorf("facts %+v, want pull %q push %q method %q", pf, tc.pull, tc.push, tc.method)
			}
			if tc.noIAM && len(f.Calls()) > 0 {
				t.Errorf("IAM calls %v", f.Calls())
			}
			for _, c := range f.Calls() {
				if !strings.HasPrefix(c, "Get") && !strings.HasPrefix(c, "List") && c != "SimulatePrincipalPolicy" {
					t.Errorf("non-read IAM call %s", c)
				}
			}
		})
	}
}

func TestPermissionsFactsRepository(t *testing.T) {
	f := credentialstest.Alice(nil, credentialstest.PowerUser)
	facts := credentialstest.Facts(credentialstest.AliceARN, f, credentialstest.Repos())
	env := awsEnv(credentials.Key.Fact(facts), checkstest.Target(credentialstest.RepoURL))
	res, err := permissionsCheck{}.Run(context.Background(), env)
	if err != nil {
		t.Fatal(err)
	}
	pf, _ := Key.In(res)
	if pf.Repository != RepositoryExists || pf.KMSKeyID != credentialstest.KMSKey || pf.RepositoryARN != credentialstest.RepoARN || pf.Region != "us-east-1" {
		t.Errorf("facts %+v", pf)
	}
}

func TestPermissionsSkipsAndErrors(t *testing.T) {
	f := credentialstest.Alice(nil, credentialstest.PowerUser)
	facts := credentialstest.Facts(credentialstest.AliceARN, f, credentialstest.Repos())
	tests := []struct {
		name string
		deps []checks.Fact
		want string
	}{
		{"no credentials facts", []checks.Fact{checkstest.Target(credentialstest.RepoURL)}, "found no identity"},
		{"no target", []checks.Fact{credentials.Key.Fact(facts)}, checks.NoTargetReason},
		{"ssh", []checks.Fact{credentials.Key.Fact(facts), checkstest.Target("ssh://git-codecommit.us-east-1.amazonaws.com/v1/repos/r")}, "not an HTTPS"},
	}
	for _, tc := range tests {
		res, err := permissionsCheck{}.Run(context.Background(), awsEnv(tc.deps...))
		if err != nil || res.Status != checks.Skip || !strings.Contains(res.Summary, tc.want) {
			t.Errorf("%s: %v %s %q", tc.name, err, res.Status, res.Summary)
		}
	}
	// A network failure reading the repository stops the check with an error.
	cc := credentialstest.Repos()
	cc.Err = fmt.Errorf("send: %w", &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("refused")})
	facts = credentialstest.Facts(credentialstest.AliceARN, credentialstest.Alice(nil), cc)
	_, err := permissionsCheck{}.Run(context.Background(), awsEnv(credentials.Key.Fact(facts), checkstest.Target(credentialstest.RepoURL)))
	if err == nil || !strings.Contains(err.Error(), "codecommit:GetRepository") {
		t.Errorf("network failure: %v", err)
	}
}

func TestPermissionsInfoDocumentsEveryCode(t *testing.T) {
	documented := map[string]bool{}
	for _, f := range New().Info().Findings {
		documented[f.Code] = true
	}
	for _, code := range []string{"repository-not-found", "gitpull-denied", "gitpush-denied", "gitpull-conditional", "gitpush-conditional",
		"gitpull-undecided", "gitpush-undecided", "policies-unreadable", "policies-incomplete", "evaluated-locally", "root-allowed"} {
		if !documented[code] {
			t.Errorf("finding %s is not documented for explain", code)
		}
	}
}

// awsEnv is an environment that sees the given facts.
func awsEnv(facts ...checks.Fact) *checks.Env {
	return (&checks.Env{Sys: checkstest.Sys{}}).WithFacts(facts...)
}

// TestPushRefsInAClone reads the current branch and its upstream with real
// git; outside a clone the usual default branches are asked about.
func TestPushRefsInAClone(t *testing.T) {
	git := tools.RequireTool(t, "git")
	dir := t.TempDir()
	for _, args := range [][]string{{"init", "-q", "-b", "feature"}, {"config", "branch.feature.remote", "origin"},
		{"config", "branch.feature.merge", "refs/heads/main"}} {
		if out, err := exec.Command(git, append([]string{"-C", dir}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	env := (&checks.Env{Sys: sys.New(append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "HOME="+t.TempDir()), "")})
	got := pushRefs(t.Context(), env, &checks.Target{Dir: dir, RemoteName: "origin"})
	want := []branchRef{{Ref: "refs/heads/feature", Why: []string{"the current branch"}}, {Ref: "refs/heads/main", Why: []string{"the upstream of feature"}}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("in a clone: %v, want %v", got, want)
	}
	if got := pushRefs(t.Context(), env, &checks.Target{Dir: dir, RemoteName: "upstream"}); len(got) != 1 || got[0].Ref != "refs/heads/feature" {
		t.Errorf("another remote's upstream was used: %v", got)
	}
	if got := pushRefs(t.Context(), env, &checks.Target{}); fmt.Sprint(got) != fmt.Sprint([]branchRef{
		{Ref: "refs/heads/main", Why: []string{"a usual default branch"}}, {Ref: "refs/heads/master", Why: []string{"a usual default branch"}}}) {
		t.Errorf("outside a clone: %v", got)
	}
}
