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
		Title: "The identity may use the repository's KMS key, and no policy denies it",
		Description: "CodeCommit encrypts repositories with KMS on the caller's behalf (kms:Encrypt, kms:Decrypt, " +
			"kms:ReEncrypt*, kms:GenerateDataKey, kms:GenerateDataKeyWithoutPlaintext, kms:DescribeKey). With " +
			"the AWS-managed key aws/codecommit no Allow is needed, but an explicit Deny of any of them in the " +
			"identity's policies or permissions boundary breaks git. Evaluates the identity's policies locally " +
			"with kms:ViaService=codecommit.REGION.amazonaws.com, aws:ViaAWSService=true and " +
			"aws:RequestedRegion=REGION; a Deny whose conditions cannot be decided here is reported as a " +
			"possible deny. Then reads the repository's key (kms:DescribeKey): the AWS-managed key needs no Allow; a " +
			"customer managed key must be enabled, and its key policy (kms:GetKeyPolicy), the identity's IAM " +
			"policies (iam:SimulatePrincipalPolicy, else local evaluation, when the key policy allows the account " +
			"root) or a grant (kms:ListGrants) must allow each action. What could not be read is said, never " +
			"guessed.",
		Requires: []checks.KeyRef{credentials.Key},
		After:    []checks.KeyRef{checks.TargetKey, permissions.Key, proxy.Key},
		Gives:    []checks.KeyRef{Key},
		Needs:    checks.Needs{Network: true, Credentials: true},
		Findings: append([]checks.FindingDoc{
			{Code: "kms-explicit-deny", Severity: checks.Fail, Meaning: "A policy statement explicitly denies a KMS action CodeCommit performs: git pull and push fail with 403.", Remediation: []string{"Remove the actions from the Deny statement, or exempt CodeCommit with a condition StringNotEquals kms:ViaService codecommit.REGION.amazonaws.com."}},
			{Code: "kms-possible-deny", Severity: checks.Warn, Meaning: "A Deny statement covers a KMS action CodeCommit performs, under conditions that cannot be decided locally."},
			{Code: "kms-policies-unreadable", Severity: checks.Error, Meaning: "The identity may not read its own policies: whether one denies KMS is unknown.", Remediation: []string{"aws iam simulate-principal-policy --policy-source-arn ARN --action-names kms:Decrypt kms:GenerateDataKey --context-entries ContextKeyName=kms:ViaService,ContextKeyValues=codecommit.REGION.amazonaws.com,ContextKeyType=string   # run by an administrator"}},
			{Code: "kms-proxy-failed", Severity: checks.Error, Meaning: "Reading the identity's IAM policies failed, and the proxy the calls go through (HTTPS_PROXY; NO_PROXY exempts hosts) refuses the connection, never answers, wants credentials or refuses the tunnel to IAM.", Remediation: []string{"unset HTTPS_PROXY   # if this network needs no proxy", "or ask the proxy's administrator to allow CONNECT to iam.amazonaws.com:443"}},
			{Code: "kms-principal-unresolved", Severity: checks.Error, Meaning: "--principal names an instance profile whose role could not be read (iam:GetInstanceProfile): its KMS access was not decided."},
			{Code: "kms-policies-incomplete", Severity: checks.Warn, Meaning: "No explicit deny in the policies that could be read, but some could not be read."},
		}, keyDocs...),
	}
}

func (kmsCheck) Run(ctx context.Context, env *checks.Env) (checks.Result, error) {
	facts, ok := credentials.Key.Get(env)
	if !ok || facts.Rejected {
		return checks.Skipped("skipped: the credentials check found no identity"), nil
	}
	facts, err := credentials.Subject(env, facts)
	if err != nil {
		return permissions.PrincipalUnresolved(env, "kms-principal-unresolved", err), nil
	}
	region := permissions.RepositoryRegion(env, facts)
	keyARN, keyRef := "", ""
	if pf, ok := permissions.Key.Get(env); ok {
		region = pf.Region
		keyRef = pf.KMSKeyID
		if strings.HasPrefix(pf.KMSKeyID, "arn:") {
			keyARN = pf.KMSKeyID
		}
	}
	if region == "" {
		return checks.Skipped(permissions.RegionUnknownReason), nil
	}
	var res checks.Result
	res.Status = checks.Pass
	via := "codecommit." + region + ".amazonaws.com"
	res.AddEvidence("kms_via_service", via)
	var key *keyView
	if keyRef != "" && !awsManagedKey(keyRef) {
		k, err := describeKey(ctx, facts.Clients.KMS(region), keyRef)
		if err != nil {
			return res, err
		}
		key = k
		if k.arn != "" {
			keyARN = k.arn
		}
		if f, ok := keyStateFindings(env, k, region); ok {
			res.Add(f)
		}
	}
	if keyARN != "" {
		res.AddEvidence("repository_key", keyARN)
	}
	if facts.Identity.Type == awsclient.IdentityRoot {
		res.Summary = "the root user has no identity policies that could deny KMS (service control policies are not visible)"
		if key != nil && key.awsManaged {
			res.Summary += "; the repository uses the AWS-managed key " + key.label()
		}
		return res, nil
	}
	set, err := facts.ReadPolicies(ctx)
	if err != nil {
		if permissions.ProxyBlocked(ctx, env, &res, "kms-proxy-failed", "iam", region) {
			return res, nil
		}
		return res, fmt.Errorf("reading the IAM policies of %s: %w", facts.Identity.Describe(), err)
	}
	permissions.RecordPolicies(&res, set)
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
	unreadable := len(set.All()) == 0 && !set.Complete()
	if unreadable {
		res.Add(checks.Finding{Code: "kms-policies-unreadable", Severity: checks.Error,
			Message: fmt.Sprintf("%s, so whether one denies the KMS actions CodeCommit uses is unknown. Could not read: %s.",
				readerOf(facts), permissions.GapList(set)),
			Remediation: []string{"An administrator can find out: " + kmsSimulateCommand(facts, set, region)},
			Docs:        []string{remedy.KMSDocs, remedy.SimulateDocs}})
	} else {
		matches := policy.ExplicitDenies(set.All(), policy.CodeCommitKMSActions(), keyARN, ctxKeys)
		for _, g := range groupDenies(matches) {
			res.Add(kmsDenyFinding(set, g, region))
		}
		if len(matches) == 0 && !set.Complete() {
			res.Add(checks.Finding{Code: "kms-policies-incomplete", Severity: checks.Warn,
				Message:     "No policy that could be read denies the KMS actions CodeCommit uses, but some could not be read: " + permissions.GapList(set) + ".",
				Remediation: []string{"An administrator can find out: " + kmsSimulateCommand(facts, set, region)}})
		}
	}
	customer := key != nil && key.describeErr == nil && !key.awsManaged && (key.state == "" || key.state == "Enabled")
	if customer {
		s := subjectOf(facts, set)
		if unreadable {
			s.set = nil
		}
		if err := key.readAccess(ctx, facts.Clients.KMS(region), s.principal); err != nil {
			return res, err
		}
		vs, method := decideKey(ctx, key, s, ctxKeys)
		for _, f := range accessFindings(key, s, vs, region, method) {
			f.Message = env.Redact(f.Message)
			res.Add(f)
		}
	}
	principal := ""
	if facts.Caller != nil {
		principal = facts.Identity.Describe()
	}
	res.Summary = kmsSummary(res, key, keyRef, len(set.All()), unreadable, principal)
	Key.Set(&res, &Facts{ExplicitDeny: res.Has("kms-explicit-deny"), PossibleDeny: res.Has("kms-possible-deny")})
	return res, nil
}

// kmsSummary says what the check found, naming the key as far as it is
// known: it never claims the AWS-managed key unless that was seen.
func kmsSummary(res checks.Result, key *keyView, keyRef string, read int, unreadable bool, who string) string {
	subj := "the identity"
	if who != "" {
		subj = who
	}
	switch {
	case res.Has("kms-key-disabled"):
		return "the repository's key " + key.label() + " is disabled"
	case res.Has("kms-key-pending-deletion"):
		return "the repository's key " + key.label() + " is scheduled for deletion"
	case res.Has("kms-key-unavailable"):
		return "the repository's key " + key.label() + " cannot be used (" + string(key.state) + ")"
	case res.Has("kms-explicit-deny"):
		return "a policy explicitly denies KMS actions CodeCommit needs"
	case res.Has("kms-key-policy-no-access"):
		return "the key policy of the repository's key " + key.label() + " does not let " + subj + " use it"
	case res.Has("kms-key-iam-not-allowed"):
		return "no IAM policy lets " + subj + " use the repository's key " + key.label()
	case res.Has("kms-key-policy-denies"):
		return "the key policy of the repository's key " + key.label() + " denies " + subj
	case res.Has("kms-key-policy-unreadable"):
		return "unknown: the key policy of the repository's key " + key.label() + " could not be read"
	case res.Has("kms-key-unreadable"):
		return "unknown: kms:DescribeKey on the repository's key " + key.ref + " was refused"
	case res.Has("kms-key-access-undecided"):
		return "unknown: whether " + subj + " may use the repository's key " + key.label() + " is not decided"
	case unreadable && who != "":
		return "unknown: the policies of " + who + " cannot be read"
	case unreadable:
		return "unknown: the identity's policies cannot be read"
	case res.Status == checks.Warn && res.Has("kms-possible-deny"):
		return "a policy might deny KMS actions CodeCommit needs"
	case res.Has("kms-key-allowed"):
		return fmt.Sprintf("%s may use the repository's customer managed key %s, and no policy denies the KMS actions CodeCommit uses (%d read)", subj, key.label(), read)
	case key != nil && key.awsManaged || key == nil && awsManagedKey(keyRef):
		name := keyRef
		if key != nil {
			name = key.label()
		}
		return fmt.Sprintf("no policy explicitly denies the KMS actions CodeCommit uses (%d read); the repository uses the AWS-managed key %s (aws/codecommit), for which no Allow is needed, so an implicit deny is fine", read, name)
	case res.Status == checks.Warn:
		return "no policy that could be read denies the KMS actions CodeCommit uses, but some could not be read"
	}
	return fmt.Sprintf("no policy explicitly denies the KMS actions CodeCommit uses (%d read); the repository's key was not read: with the AWS-managed key aws/codecommit no Allow is needed, so an implicit deny is fine, a customer managed key also needs an Allow", read)
}

// keyStateFindings reports a key DescribeKey could not show, or one that
// cannot be used.
func keyStateFindings(env *checks.Env, k *keyView, region string) (checks.Finding, bool) {
	if k.describeErr != nil {
		return checks.Finding{Code: "kms-key-unreadable", Severity: checks.Error,
			Message: fmt.Sprintf("Could not call kms:DescribeKey on the repository's key %s (%s): whether it is the AWS-managed key aws/codecommit or a customer managed key, whether it is enabled, and whether the identity may use it are unknown.",
				k.ref, env.Redact(awsclient.Describe(k.describeErr))),
			Remediation: []string{fmt.Sprintf("aws kms describe-key --key-id %s --region %s   # run by someone who may read the key", k.ref, region)},
			Docs:        []string{remedy.KMSDocs}}, true
	}
	if k.awsManaged {
		return checks.Finding{}, false
	}
	return stateFinding(k, region)
}

// subjectOf is whose use of the key is decided: the caller, or
// --principal (facts are then the principal's).
func subjectOf(facts *credentials.Facts, set *awsclient.PolicySet) subject {
	id := facts.Identity
	admin := set.PrincipalARN
	if admin == "" && id.IsRole() {
		admin = fmt.Sprintf("arn:%s:iam::%s:role/%s", id.Partition, id.Account, id.Name)
	}
	if admin == "" {
		admin = id.ARN
	}
	s := subject{describe: id.Describe(), adminARN: admin, set: set,
		principal: keyPrincipal{arns: []string{id.ARN, admin}, account: id.Account}}
	if set.PrincipalARN != "" {
		arn := set.PrincipalARN
		s.simulate = func(ctx context.Context, actions []string, resource string, ctxKeys map[string][]string) ([]awsclient.Simulated, error) {
			return awsclient.Simulate(ctx, facts.Clients.IAM(), arn, actions, resource, ctxKeys)
		}
	}
	return s
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

// readerOf names who tried to read the policies: the identity itself, or
// the caller for --principal.
func readerOf(facts *credentials.Facts) string {
	if facts.Caller != nil {
		return "The caller " + facts.Caller.ARN + " may not read the IAM policies of " + facts.Identity.Describe()
	}
	return facts.Identity.Describe() + " may not read its own IAM policies"
}
