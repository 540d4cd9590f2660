package awsclient

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/iam/types"
)

// Simulated is IAM's policy simulator's answer for one action.
type Simulated struct {
	Action string
	// Decision is "allowed", "explicitDeny" or "implicitDeny".
	Decision string
	// Matched are the SourcePolicyId values of the statements that decided.
	Matched []string
	// MissingContext lists context keys the policies use that the
	// simulation was not given: the real outcome may differ.
	MissingContext []string
}

// Allowed reports whether the simulator allowed the action.
func (s Simulated) Allowed() bool {
	return s.Decision == string(types.PolicyEvaluationDecisionTypeAllowed)
}

// Simulate asks iam:SimulatePrincipalPolicy whether principalARN (an IAM
// user or role ARN, not a session ARN) may perform actions on resource,
// with the given context (string values). It returns one result per
// action, in the order asked.
func Simulate(ctx context.Context, api IAMAPI, principalARN string, actions []string, resource string, contextKeys map[string][]string) ([]Simulated, error) {
	in := &iam.SimulatePrincipalPolicyInput{
		PolicySourceArn: aws.String(principalARN),
		ActionNames:     actions,
	}
	if resource != "" {
		in.ResourceArns = []string{resource}
	}
	keys := make([]string, 0, len(contextKeys))
	for k := range contextKeys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		typ := types.ContextKeyTypeEnumString
		if len(contextKeys[k]) > 1 {
			typ = types.ContextKeyTypeEnumStringList
		}
		in.ContextEntries = append(in.ContextEntries, types.ContextEntry{
			ContextKeyName: aws.String(k), ContextKeyType: typ, ContextKeyValues: contextKeys[k]})
	}
	byAction := map[string]*Simulated{}
	p := iam.NewSimulatePrincipalPolicyPaginator(api, in)
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("simulating %v for %s: %w", actions, principalARN, err)
		}
		for _, r := range page.EvaluationResults {
			a := aws.ToString(r.EvalActionName)
			s := byAction[a]
			if s == nil {
				s = &Simulated{Action: a, Decision: string(r.EvalDecision)}
				byAction[a] = s
			} else if rank(string(r.EvalDecision)) > rank(s.Decision) {
				s.Decision = string(r.EvalDecision)
			}
			for _, m := range r.MatchedStatements {
				s.Matched = appendNew(s.Matched, aws.ToString(m.SourcePolicyId))
			}
			for _, k := range r.MissingContextValues {
				s.MissingContext = appendNew(s.MissingContext, k)
			}
		}
	}
	out := make([]Simulated, 0, len(actions))
	for _, a := range actions {
		if s, ok := byAction[a]; ok {
			out = append(out, *s)
		} else {
			return nil, fmt.Errorf("simulating %v for %s: the simulator said nothing about %s", actions, principalARN, a)
		}
	}
	return out, nil
}

// rank orders decisions so the most restrictive across resources wins.
func rank(decision string) int {
	switch decision {
	case string(types.PolicyEvaluationDecisionTypeExplicitDeny):
		return 2
	case string(types.PolicyEvaluationDecisionTypeImplicitDeny):
		return 1
	}
	return 0
}

func appendNew(ss []string, s string) []string {
	if slices.Contains(ss, s) {
		return ss
	}
	return append(ss, s)
}
