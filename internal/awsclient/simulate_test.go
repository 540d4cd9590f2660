package awsclient

import (
	"context"

	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

func evalResult(action, resource string, d types.PolicyEvaluationDecisionType, matched []string, missing []string) types.EvaluationResult {
	r := types.EvaluationResult{EvalActionName: aws.String(action), EvalResourceName: aws.String(resource), EvalDecision: d, MissingContextValues: missing}
	for _, m := range matched {
		r.MatchedStatements = append(r.MatchedStatements, types.Statement{SourcePolicyId: aws.String(m)})
	}
	return r
}

func TestSimulate(t *testing.T) {
	var got *iam.SimulatePrincipalPolicyInput
	f := world()
	pages := 0
	f.Simulate = func(in *iam.SimulatePrincipalPolicyInput) (*iam.SimulatePrincipalPolicyOutput, error) {
		got = in
		pages++
		if in.Marker == nil {
			return &iam.SimulatePrincipalPolicyOutput{IsTruncated: true, Marker: aws.String("p2"), EvaluationResults: []types.EvaluationResult{
				evalResult("codecommit:GitPull", "r1", types.PolicyEvaluationDecisionTypeAllowed, []string{"AWSCodeCommitPowerUser"}, nil),
				evalResult("codecommit:GitPush", "r1", types.PolicyEvaluationDecisionTypeAllowed, []string{"AWSCodeCommitPowerUser"}, nil),
			}}, nil
		}
		return &iam.SimulatePrincipalPolicyOutput{EvaluationResults: []types.EvaluationResult{
			evalResult("codecommit:GitPush", "r2", types.PolicyEvaluationDecisionTypeExplicitDeny, []string{"deny-push"}, []string{"aws:SourceIp"}),
		}}, nil
	}
	res, err := Simulate(context.Background(), f, "arn:aws:iam::1:user/alice", []string{"codecommit:GitPull", "codecommit:GitPush"},
		"arn:aws:codecommit:us-east-1:1:repo", map[string][]string{"aws:RequestedRegion": {"us-east-1"}, "aws:SourceIp": {"10.0.0.1", "10.0.0.2"}})
	if err != nil {
		t.Fatal(err)
	}
	if pages != 2 {
		t.Errorf("%d pages read, want 2", pages)
	}
	if aws.ToString(got.PolicySourceArn) != "arn:aws:iam::1:user/alice" || len(got.ResourceArns) != 1 || len(got.ContextEntries) != 2 {
		t.Errorf("input %+v", got)
	}
	if k := got.ContextEntries[0]; aws.ToString(k.ContextKeyName) != "aws:RequestedRegion" || k.ContextKeyType != types.ContextKeyTypeEnumString {
		t.Errorf("first context entry %+v", k)
	}
	if k := got.ContextEntries[1]; k.ContextKeyType != types.ContextKeyTypeEnumStringList || len(k.ContextKeyValues) != 2 {
		t.Errorf("list context entry %+v", k)
	}
	if len(res) != 2 || !res[0].Allowed() || res[1].Allowed() || res[1].Decision != "explicitDeny" {
		t.Fatalf("results %+v", res)
	}
	if strings.Join(res[1].Matched, ",") != "AWSCodeCommitPowerUser,deny-push" || strings.Join(res[1].MissingContext, ",") != "aws:SourceIp" {
		t.Errorf("push result %+v", res[1])
	}

	// A simulator that says nothing about an action is an error, not an allow.
	f.Simulate = func(*iam.SimulatePrincipalPolicyInput) (*iam.SimulatePrincipalPolicyOutput, error) {
		return &iam.SimulatePrincipalPolicyOutput{EvaluationResults: []types.EvaluationResult{
			evalResult("codecommit:GitPull", "r", types.PolicyEvaluationDecisionTypeAllowed, nil, nil)}}, nil
	}
	if _, err := Simulate(context.Background(), f, "arn", []string{"codecommit:GitPull", "codecommit:GitPush"}, "", nil); err == nil {
		t.Error("missing action accepted")
	}
	// AccessDenied is returned, classified.
	f.Simulate = nil
	if _, err := Simulate(context.Background(), f, "arn", []string{"codecommit:GitPull"}, "", nil); Classify(err) != ProblemAccessDenied {
		t.Errorf("denied simulation: %v", err)
	}
}
