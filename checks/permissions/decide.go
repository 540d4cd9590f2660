package permissions

import (
	"context"
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/credentials"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
	"github.com/codecommit-doctor/codecommit-doctor/internal/policy"
)

// Outcomes of a verdict.
const (
	outcomeAllowed = "allowed"
	outcomeDenied  = "denied"
	outcomeUnknown = "unknown"
)

// verdict is the decision for one action.
type verdict struct {
	action  string
	outcome string // outcomeAllowed, outcomeDenied, outcomeUnknown
	// explicit: an explicit Deny decided it.
	explicit bool
	// conditional: it depends on request values not known here.
	conditional bool
	// unread: unknown because some policies could not be read.
	unread  bool
	reasons []string
	// denies are the Deny statements that certainly apply (local only).
	denies []policy.Match
	// matched names the policies the simulator reported.
	matched []string
	method  string // MethodSimulated or MethodLocal
	// branches is GitPush decided ref by ref (branch rules), or nil.
	branches *branchVerdict
}

// decide asks IAM's simulator, else evaluates the policies locally. An
// empty method means neither was possible.
func decide(ctx context.Context, env *checks.Env, facts *credentials.Facts, set *awsclient.PolicySet, pf *Facts, res *checks.Result) ([]verdict, string, error) {
	actions := []string{policy.ActionGitPull, policy.ActionGitPush}
	if set.PrincipalARN != "" {
		sims, err := awsclient.Simulate(ctx, facts.Clients.IAM(), set.PrincipalARN, actions, pf.RepositoryARN,
			map[string][]string{"aws:RequestedRegion": {pf.Region}})
		if err == nil {
			res.AddEvidence("simulation", "iam:SimulatePrincipalPolicy for "+set.PrincipalARN)
			return simulatedVerdicts(sims), MethodSimulated, nil
		}
		if ctx.Err() != nil {
			return nil, "", fmt.Errorf("calling iam:SimulatePrincipalPolicy: %w", err)
		}
		res.AddEvidence("simulation", "not available: "+env.Redact(awsclient.Describe(err)))
	}
	if len(set.All()) == 0 && !set.Complete() {
		return nil, "", nil
	}
	reqCtx := requestContext(facts, pf.Region, set.PrincipalARN)
	var vs []verdict
	for _, a := range actions {
		ev := policy.Evaluate(policy.Request{Action: a, Resource: pf.RepositoryARN, Context: reqCtx}, set.Identity, set.Boundary)
		v := localVerdict(a, ev, set)
		if a == policy.ActionGitPush {
			if bv := evaluateBranches(set, pf.RepositoryARN, reqCtx, ev, func() []branchRef { return pushRefs(ctx, env, env.TargetOf()) }); bv != nil {
				v = branchPushVerdict(v, bv)
			}
		}
		vs = append(vs, v)
	}
	return vs, MethodLocal, nil
}

func simulatedVerdicts(sims []awsclient.Simulated) []verdict {
	vs := make([]verdict, 0, len(sims))
	for _, s := range sims {
		v := verdict{action: s.Action, matched: s.Matched, method: MethodSimulated}
		switch {
		case s.Allowed():
			v.outcome = outcomeAllowed
		case s.Decision == "explicitDeny":
			v.outcome, v.explicit = outcomeDenied, true
			v.reasons = append(v.reasons, "explicit deny")
		default:
			v.outcome = outcomeDenied
			v.reasons = append(v.reasons, "implicit deny: no policy allows it")
		}
		if len(s.Matched) > 0 {
			v.reasons = append(v.reasons, "decided by "+strings.Join(s.Matched, ", "))
		}
		if len(s.MissingContext) > 0 {
			v.conditional = true
			v.reasons = append(v.reasons, "the policies test "+strings.Join(s.MissingContext, ", ")+", which the simulation could not know")
			if v.outcome == outcomeDenied {
				v.outcome = outcomeUnknown
			}
		}
		vs = append(vs, v)
	}
	return vs
}

func localVerdict(action string, ev policy.Evaluation, set *awsclient.PolicySet) verdict {
	v := verdict{action: action, reasons: ev.Reasons, method: MethodLocal}
	switch ev.Decision {
	case policy.Allow:
		v.outcome = outcomeAllowed
	case policy.ExplicitDeny:
		v.outcome, v.explicit = outcomeDenied, true
		for _, m := range ev.Matched {
			if m.Effect == "Deny" && m.Certain {
				v.denies = append(v.denies, m)
			}
		}
	case policy.ImplicitDeny:
		v.outcome = outcomeDenied
		if !set.Complete() {
			v.outcome, v.unread = outcomeUnknown, true
		}
	default:
		v.outcome, v.conditional = outcomeUnknown, true
	}
	return v
}

// requestContext is what is known about a git request over HTTPS made by
// this identity, for local evaluation. Keys not known (the source IP, for
// one) are left out, so conditions on them stay undecided.
func requestContext(facts *credentials.Facts, region, principalARN string) map[string][]string {
	id := facts.Identity
	m := map[string][]string{
		"aws:RequestedRegion":  {region},
		"aws:SecureTransport":  {"true"},
		"aws:PrincipalAccount": {id.Account},
		"aws:ViaAWSService":    {"false"},
		"aws:CalledVia":        {},
	}
	if principalARN != "" {
		m["aws:PrincipalArn"] = []string{principalARN}
	}
	switch {
	case id.Type == awsclient.IdentityIAMUser:
		m["aws:username"] = []string{id.Name}
		m["aws:PrincipalType"] = []string{"User"}
		if !facts.SessionCredentials {
			// Long-term access keys carry no MFA information.
			m["aws:MultiFactorAuthPresent"] = []string{}
			m["aws:MultiFactorAuthAge"] = []string{}
		}
	case id.IsRole():
		m["aws:PrincipalType"] = []string{"AssumedRole"}
	case id.Type == awsclient.IdentityFederatedUser:
		m["aws:PrincipalType"] = []string{"FederatedUser"}
	}
	// aws:SourceVpce stays unknown even for a regional host name: private
	// DNS can route it through a VPC endpoint.
	return m
}

// branchPushVerdict turns a GitPush verdict that depended on
// codecommit:References into one decided ref by ref.
func branchPushVerdict(v verdict, bv *branchVerdict) verdict {
	v.branches, v.conditional = bv, false
	blocked, open, unknown := bv.blocked(), bv.open(), bv.undecided()
	switch {
	case len(blocked) == 0 && len(unknown) == 0:
		v.outcome = outcomeAllowed
	case len(open) == 0 && len(unknown) == 0:
		v.outcome = outcomeDenied
	default:
		v.outcome = outcomeUnknown
	}
	v.reasons, v.denies = nil, nil
	for _, r := range blocked {
		v.denies = append(v.denies, r.denies...)
	}
	return v
}
