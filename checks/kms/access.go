package kms

import (
	"context"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
	"github.com/codecommit-doctor/codecommit-doctor/internal/policy"
)

// Why an action on a customer managed key is denied or undecided.
const (
	gapNone        = iota
	gapKeyPolicy   // the key policy names neither the subject nor its account
	gapIAM         // the key policy leaves it to IAM, and no IAM policy allows it
	gapIAMDeny     // an identity policy denies it (reported as kms-explicit-deny)
	gapKeyDeny     // the key policy denies it
	gapUndecidable // something needed could not be seen or decided
)

// keyVerdict is the decision for one KMS action on the key.
type keyVerdict struct {
	action  string
	allowed bool
	gap     int
	// how says what allows it; why what denies it or could not be seen.
	how, why string
}

// subject is whose use of the key is decided: the caller, or --principal.
type subject struct {
	describe string
	// principal names it in key policies and grants.
	principal keyPrincipal
	// adminARN is the IAM ARN an administrator puts in a policy.
	adminARN string
	set      *awsclient.PolicySet
	// simulate asks IAM's simulator, nil when it cannot be asked.
	simulate func(ctx context.Context, actions []string, resource string, ctxKeys map[string][]string) ([]awsclient.Simulated, error)
}

// decideKey decides every action CodeCommit performs with the key.
func decideKey(ctx context.Context, k *keyView, s subject, ctxKeys map[string][]string) ([]keyVerdict, string) {
	actions := policy.CodeCommitKMSActions()
	iam, iamMethod := iamDecisions(ctx, k, s, actions, ctxKeys)
	out := make([]keyVerdict, 0, len(actions))
	for _, a := range actions {
		out = append(out, decideAction(k, s, a, iam[a], ctxKeys))
	}
	return out, iamMethod
}

// iamDecision is what the identity's own policies say about an action on
// the key.
type iamDecision struct {
	decision policy.Decision
	why      string
}

// iamDecisions asks the simulator, else evaluates the policies read.
func iamDecisions(ctx context.Context, k *keyView, s subject, actions []string, ctxKeys map[string][]string) (map[string]iamDecision, string) {
	out := map[string]iamDecision{}
	if s.simulate != nil {
		if sims, err := s.simulate(ctx, actions, k.arn, ctxKeys); err == nil {
			for _, sim := range sims {
				d := iamDecision{decision: policy.ImplicitDeny, why: "iam:SimulatePrincipalPolicy: " + sim.Decision}
				switch {
				case sim.Allowed():
					d.decision = policy.Allow
				case sim.Decision == "explicitDeny":
					d.decision = policy.ExplicitDeny
				case len(sim.MissingContext) > 0:
					d.decision = policy.Unknown
					d.why += " (depends on " + strings.Join(sim.MissingContext, ", ") + ")"
				}
				out[sim.Action] = d
			}
			return out, "simulated by IAM"
		}
	}
	if s.set == nil {
		for _, a := range actions {
			out[a] = iamDecision{decision: policy.Unknown, why: "the IAM policies of " + s.describe + " could not be read"}
		}
		return out, "not decided"
	}
	for _, a := range actions {
		ev := policy.Evaluate(policy.Request{Action: a, Resource: k.arn, Context: ctxKeys}, s.set.Identity, s.set.Boundary)
		d := iamDecision{decision: ev.Decision, why: strings.Join(ev.Reasons, "; ")}
		if ev.Decision == policy.ImplicitDeny && !s.set.Complete() {
			d.decision = policy.Unknown
			d.why = "no IAM policy that could be read allows it, and some could not be read"
		}
		out[a] = d
	}
	return out, "evaluated locally"
}

func decideAction(k *keyView, s subject, action string, iam iamDecision, ctxKeys map[string][]string) keyVerdict {
	v := keyVerdict{action: action}
	if iam.decision == policy.ExplicitDeny {
		v.gap, v.why = gapIAMDeny, "an identity policy denies it"
		return v
	}
	grant, grantUnknown := grantFor(k, s.principal, action)
	if grant != "" {
		v.allowed, v.how = true, "grant "+grant
		return v
	}
	if k.policy == nil {
		v.gap, v.why = gapUndecidable, "the key policy could not be read"
		return v
	}
	kv := k.policy.evaluate(action, k.arn, ctxKeys)
	switch {
	case kv.subject.Decision == policy.ExplicitDeny || kv.account.Decision == policy.ExplicitDeny:
		v.gap, v.why = gapKeyDeny, strings.Join(append(kv.subject.Reasons, kv.account.Reasons...), "; ")
		return v
	case kv.subject.Decision == policy.Allow && !otherAccountKey(k, s):
		v.allowed, v.how = true, "the key policy"
		return v
	case kv.account.Decision == policy.Allow || kv.subject.Decision == policy.Allow:
		// A key in another account needs an Allow in the key policy and in
		// the principal's own IAM policies.
		switch iam.decision {
		case policy.Allow:
			v.allowed, v.how = true, "the key policy, which leaves it to IAM, and an IAM policy"
		case policy.ImplicitDeny:
			v.gap, v.why = gapIAM, "the key policy leaves it to IAM policies, and none allows it"
		default:
			v.gap, v.why = gapUndecidable, "the key policy leaves it to IAM policies: "+iam.why
		}
		return v
	case kv.subject.Decision == policy.Unknown || kv.account.Decision == policy.Unknown:
		v.gap = gapUndecidable
		v.why = "a key policy statement might allow it, under conditions not decided here: " +
			strings.Join(append(kv.subject.Reasons, kv.account.Reasons...), "; ")
		return v
	case kv.unknownPrincipal:
		v.gap, v.why = gapUndecidable, "a key policy statement with NotPrincipal might allow it; NotPrincipal is not evaluated here"
		return v
	case grantUnknown != "":
		v.gap, v.why = gapUndecidable, grantUnknown
		return v
	}
	v.gap, v.why = gapKeyPolicy, "the key policy allows it neither to "+s.describe+" nor to its account"
	return v
}

// grantFor returns the id of a grant that lets p perform action without
// constraints, or why the grants leave it open.
func grantFor(k *keyView, p keyPrincipal, action string) (id, unknown string) {
	if k.grantsErr != nil {
		unknown = "the key's grants could not be listed (" + awsclient.Describe(k.grantsErr) + ")"
	}
	op := types.GrantOperation(strings.TrimPrefix(action, "kms:"))
	for _, g := range k.grants {
		if !slices.Contains(p.arns, aws.ToString(g.GranteePrincipal)) || !slices.Contains(g.Operations, op) {
			continue
		}
		if g.Constraints != nil {
			unknown = "grant " + aws.ToString(g.GrantId) + " has encryption context constraints, not evaluated here"
			continue
		}
		return aws.ToString(g.GrantId), ""
	}
	return "", unknown
}

// otherAccountKey reports whether the key belongs to another account than
// the subject: then its key policy alone does not allow anything.
func otherAccountKey(k *keyView, s subject) bool {
	parts := strings.SplitN(k.arn, ":", 6)
	return len(parts) == 6 && parts[4] != "" && parts[4] != s.principal.account
}
