package kms

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/credentials"
	"github.com/codecommit-doctor/codecommit-doctor/checks/permissions"
	"github.com/codecommit-doctor/codecommit-doctor/checks/proxy"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
	"github.com/codecommit-doctor/codecommit-doctor/internal/policy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
)

// ID is the check's id.
const ID = "kms"

// Key is what the kms check tells later checks.
var Key = checks.NewKey[*Facts](ID)

// Facts say whether a policy explicitly denies a KMS action CodeCommit
// performs.
type Facts struct {
	ExplicitDeny, PossibleDeny bool
}

type kmsCheck struct{}

// New returns the `kms` check.
func New() checks.Check { return kmsCheck{} }

func (kmsCheck) Info() checks.Info {
	return checks.Info{
		ID:    ID,
		Title: "No policy denies the KMS actions CodeCommit needs",
		Description: "CodeCommit encrypts repositories with KMS on the caller's behalf (kms:Encrypt, kms:Decrypt, " +
			"kms:ReEncrypt*, kms:GenerateDataKey, kms:GenerateDataKeyWithoutPlaintext, kms:DescribeKey). With " +
			"the AWS-managed key aws/codecommit no Allow is needed, but an explicit Deny of any of them in the " +
			"identity's policies or permissions boundary breaks git. Evaluates the identity's policies locally " +
			"with kms:ViaService=codecommit.REGION.amazonaws.com, aws:ViaAWSService=true and " +
			"aws:RequestedRegion=REGION; a Deny whose conditions cannot be decided here is reported as a " +
			"possible deny. Key policies and grants of customer managed keys are not checked.",
		Requires: []checks.KeyRef{credentials.Key},
		After:    []checks.KeyRef{checks.TargetKey, permissions.Key, proxy.Key},
		Gives:    []checks.KeyRef{Key},
		Needs:    checks.Needs{Network: true, Credentials: true},
		Findings: []checks.FindingDoc{
			{Code: "kms-explicit-deny", Severity: checks.Fail, Meaning: "A policy statement explicitly denies a KMS action CodeCommit performs: git pull and push fail with 403.", Remediation: []string{"Remove the actions from the Deny statement, or exempt CodeCommit with a condition StringNotEquals kms:ViaService codecommit.REGION.amazonaws.com."}},
			{Code: "kms-possible-deny", Severity: checks.Warn, Meaning: "A Deny statement covers a KMS action CodeCommit performs, under conditions that cannot be decided locally."},
			{Code: "kms-policies-unreadable", Severity: checks.Error, Meaning: "The identity may not read its own policies: whether one denies KMS is unknown.", Remediation: []string{"aws iam simulate-principal-policy --policy-source-arn ARN --action-names kms:Decrypt kms:GenerateDataKey --context-entries ContextKeyName=kms:ViaService,ContextKeyValues=codecommit.REGION.amazonaws.com,ContextKeyType=string   # run by an administrator"}},
			{Code: "kms-proxy-failed", Severity: checks.Error, Meaning: "Reading the identity's IAM policies failed, and the proxy the calls go through (HTTPS_PROXY; NO_PROXY exempts hosts) refuses the connection, never answers, wants credentials or refuses the tunnel to IAM.", Remediation: []string{"unset HTTPS_PROXY   # if this network needs no proxy", "or ask the proxy's administrator to allow CONNECT to iam.amazonaws.com:443"}},
			{Code: "kms-policies-incomplete", Severity: checks.Warn, Meaning: "No explicit deny in the policies that could be read, but some could not be read."},
		},
	}
}

func (kmsCheck) Run(ctx context.Context, env *checks.Env) (checks.Result, error) {
	facts, ok := credentials.Key.Get(env)
	if !ok || facts.Rejected {
		return checks.Skipped("skipped: the credentials check found no identity"), nil
	}
	region := permissions.RepositoryRegion(env, facts)
	keyARN, keyID := "", ""
	if pf, ok := permissions.Key.Get(env); ok {
		region = pf.Region
		keyID = pf.KMSKeyID
		if strings.HasPrefix(pf.KMSKeyID, "arn:") {
			keyARN = pf.KMSKeyID
		}
	}
	var res checks.Result
	res.Status = checks.Pass
	via := "codecommit." + region + ".amazonaws.com"
	res.AddEvidence("kms_via_service", via)
	if keyARN != "" {
		res.AddEvidence("repository_key", keyARN)
	}
	if facts.Identity.Type == awsclient.IdentityRoot {
		res.Summary = "the root user has no identity policies that could deny KMS (service control policies are not visible)"
		return res, nil
	}
	set, err := facts.Policies.Get(ctx, func(ctx context.Context) (*awsclient.PolicySet, error) {
		return awsclient.CollectPolicies(ctx, facts.Clients.IAM(), facts.Identity)
	})
	if err != nil {
		if permissions.ProxyBlocked(ctx, env, &res, "kms-proxy-failed", "iam", region) {
			return res, nil
		}
		return res, fmt.Errorf("reading the IAM policies of %s: %w", facts.Identity.Describe(), err)
	}
	permissions.RecordPolicies(&res, set)
	if len(set.All()) == 0 && !set.Complete() {
		res.Add(checks.Finding{Code: "kms-policies-unreadable", Severity: checks.Error,
			Message: fmt.Sprintf("%s may not read its own IAM policies, so whether one denies the KMS actions CodeCommit uses is unknown. Could not read: %s.",
				facts.Identity.Describe(), permissions.GapList(set)),
			Remediation: []string{"An administrator can find out: " + kmsSimulateCommand(facts, set, region)},
			Docs:        []string{remedy.KMSDocs, remedy.SimulateDocs}})
		res.Summary = "unknown: the identity's policies cannot be read"
		return res, nil
	}
	ctxKeys := map[string][]string{
		"kms:ViaService":       {via},
		"kms:CallerAccount":    {facts.Identity.Account},
		"aws:ViaAWSService":    {"true"},
		"aws:RequestedRegion":  {region},
		"aws:PrincipalAccount": {facts.Identity.Account},
	}
	if set.PrincipalARN != "" {
		ctxKeys["aws:PrincipalArn"] = []string{set.PrincipalARN}
	}
	matches := policy.ExplicitDenies(set.All(), policy.CodeCommitKMSActions(), keyARN, ctxKeys)
	for _, g := range groupDenies(matches) {
		res.Add(kmsDenyFinding(set, g, region))
	}
	if len(matches) == 0 && !set.Complete() {
		res.Add(checks.Finding{Code: "kms-policies-incomplete", Severity: checks.Warn,
			Message:     "No policy that could be read denies the KMS actions CodeCommit uses, but some could not be read: " + permissions.GapList(set) + ".",
			Remediation: []string{"An administrator can find out: " + kmsSimulateCommand(facts, set, region)}})
	}
	switch {
	case res.Status == checks.Pass && awsManagedKey(keyID):
		res.Summary = fmt.Sprintf("no policy explicitly denies the KMS actions CodeCommit uses (%d read); the repository uses the AWS-managed key aws/codecommit, for which no Allow is needed, so an implicit deny is fine", len(set.All()))
	case res.Status == checks.Pass && keyID != "":
		res.Summary = fmt.Sprintf("no policy explicitly denies the KMS actions CodeCommit uses on the repository's key %s (%d read); "+
			"whether that is the AWS-managed key aws/codecommit (no Allow needed) or a customer managed key (its key policy, IAM policies or a grant must allow them) was not checked", keyID, len(set.All()))
	case res.Status == checks.Pass:
		res.Summary = fmt.Sprintf("no policy explicitly denies the KMS actions CodeCommit uses (%d read); the repository's key was not read: with the AWS-managed key aws/codecommit no Allow is needed, so an implicit deny is fine, a customer managed key also needs an Allow", len(set.All()))
	case res.Status == checks.Fail:
		res.Summary = "a policy explicitly denies KMS actions CodeCommit needs"
	default:
		res.Summary = "a policy might deny KMS actions CodeCommit needs"
	}
	Key.Set(&res, &Facts{ExplicitDeny: res.Has("kms-explicit-deny"), PossibleDeny: res.Has("kms-possible-deny")})
	return res, nil
}

// denyGroup is one statement and the KMS actions it (possibly) denies.
type denyGroup struct {
	ref     policy.StatementRef
	certain bool
	actions []string
	detail  string
	reasons []string
}

// groupDenies folds matches into one group per statement and certainty,
// in the order found.
func groupDenies(ms []policy.Match) []*denyGroup {
	var out []*denyGroup
	index := map[string]*denyGroup{}
	for _, m := range ms {
		key := fmt.Sprintf("%s\x00%d\x00%v", m.Policy, m.Index, m.Certain)
		g := index[key]
		if g == nil {
			g = &denyGroup{ref: m.StatementRef, certain: m.Certain, detail: m.Detail}
			index[key] = g
			out = append(out, g)
		}
		g.actions = append(g.actions, m.Action)
		for _, r := range m.Reasons {
			if !contains(g.reasons, r) {
				g.reasons = append(g.reasons, r)
			}
		}
	}
	return out
}

func contains(ss []string, s string) bool {
	return slices.Contains(ss, s)
}

// kmsSimulateCommand is the command an administrator runs to check KMS.
func kmsSimulateCommand(facts *credentials.Facts, set *awsclient.PolicySet, region string) string {
	return fmt.Sprintf("aws iam simulate-principal-policy --policy-source-arn %s --action-names %s --context-entries ContextKeyName=kms:ViaService,ContextKeyValues=codecommit.%s.amazonaws.com,ContextKeyType=string",
		permissions.PrincipalForAdmin(facts, set), strings.Join(policy.CodeCommitKMSActions(), " "), region)
}

// awsManagedKey reports whether the repository's key is named as the
// AWS-managed key (its alias, by name or ARN). A key ARN (key/ID) cannot
// be told apart from a customer managed key without kms:DescribeKey.
func awsManagedKey(id string) bool {
	return id == "alias/aws/codecommit" || strings.HasSuffix(id, ":alias/aws/codecommit")
}
