package permissions

import (
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/credentials"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
	"github.com/codecommit-doctor/codecommit-doctor/internal/policy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/shellword"
)

// verdictFinding describes a verdict that needs attention (none for a
// plain allow).
func verdictFinding(facts *credentials.Facts, set *awsclient.PolicySet, pf *Facts, v verdict) (checks.Finding, bool) {
	pull := v.action == policy.ActionGitPull
	verb := "push to"
	prefix := "gitpush"
	if pull {
		verb, prefix = "pull from", "gitpull"
	}
	who := facts.Identity.Describe()
	why := ""
	if len(v.reasons) > 0 {
		why = ": " + strings.Join(v.reasons, "; ")
	}
	method := v.method
	if v.branches != nil {
		return branchFinding(facts, set, pf, v), true
	}
	f := checks.Finding{Docs: []string{remedy.PermissionsDocs}}
	switch {
	case v.outcome == outcomeAllowed && !v.conditional:
		return f, false
	case v.outcome == outcomeAllowed, v.conditional:
		f.Code, f.Severity = prefix+"-conditional", checks.Warn
		f.Message = fmt.Sprintf("Whether %s may %s %s (%s) depends on values not known here (%s)%s.",
			who, verb, pf.RepositoryARN, v.action, method, why)
		f.Remediation = []string{adminSimulateCommand(facts, set, pf, v.action) + "   # add --context-entries for the keys named above"}
	case v.unread:
		f.Code, f.Severity = prefix+"-undecided", checks.Error
		if !pull {
			f.Severity = checks.Warn
		}
		f.Message = fmt.Sprintf("No policy that could be read allows %s %s %s (%s), but some policies could not be read: %s.",
			who, v.action, pf.RepositoryARN, method, GapList(set))
		f.Remediation = []string{adminSimulateCommand(facts, set, pf, v.action) + "   # run by an administrator"}
	default: // denied
		f.Code, f.Severity = prefix+"-denied", checks.Fail
		f.Message = fmt.Sprintf("%s may not %s the repository: %s on %s is denied (%s)%s.", who, verb, v.action, pf.RepositoryARN, method, why)
		if !pull {
			f.Severity = checks.Warn
			f.Message += " Read-only access may be intended; if not, git push fails with 403."
		}
		f.Remediation = denialFix(facts, set, pf, v)
	}
	return f, true
}

// denialFix says how to lift a denial: remove the deny statements, or
// grant the action.
func denialFix(facts *credentials.Facts, set *awsclient.PolicySet, pf *Facts, v verdict) []string {
	var steps []string
	for _, m := range v.denies {
		ref := set.Ref(m.Policy)
		steps = append(steps,
			fmt.Sprintf("Remove %s from the Deny in %s %s (an administrator): %s", v.action, ref.Label(), SidLabel(m.StatementRef), ref.ExportCommand()),
			"edit fixed-policy.json, then: "+ref.UpdateCommand())
	}
	if v.explicit && len(v.denies) == 0 {
		steps = append(steps, "An explicit Deny applies ("+strings.Join(v.matched, ", ")+"); an administrator can see which statement with: "+adminSimulateCommand(facts, set, pf, v.action))
	}
	if v.explicit {
		return steps
	}
	if v.action == policy.ActionGitPush {
		steps = append(steps, GrantActionFix(facts, pf.RepositoryARN, PushPolicyName(repoName(pf.RepositoryARN)), policy.ActionGitPush)...)
		return append(steps, "or, for every repository: "+grantFix(facts, false))
	}
	return append(steps, grantFix(facts, v.action == policy.ActionGitPull))
}

// repoName is the last part of a repository ARN.
func repoName(arn string) string {
	return arn[strings.LastIndex(arn, ":")+1:]
}

// PushPolicyName names the inline policy that grants push to repo.
func PushPolicyName(repo string) string { return "codecommit-push-" + repo }

// GrantActionFix is what an administrator runs to allow actions on the
// repository: the exact inline policy, and the command that puts it on the
// identity (or where to add it when IAM cannot change the identity).
func GrantActionFix(facts *credentials.Facts, repoARN, policyName string, actions ...string) []string {
	action := `"` + strings.Join(actions, `","`) + `"`
	if len(actions) > 1 {
		action = "[" + action + "]"
	}
	doc := fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":%s,"Resource":"%s"}]}`, action, repoARN)
	id := facts.Identity
	switch id.Type {
	case awsclient.IdentityIAMUser:
		return []string{fmt.Sprintf("aws iam put-user-policy --user-name %s --policy-name %s --policy-document %s   # run by an administrator",
			shellword.POSIX(id.Name), shellword.POSIX(policyName), shellword.POSIX(doc))}
	case awsclient.IdentityAssumedRole:
		return []string{fmt.Sprintf("aws iam put-role-policy --role-name %s --policy-name %s --policy-document %s   # run by an administrator",
			shellword.POSIX(id.Name), shellword.POSIX(policyName), shellword.POSIX(doc))}
	case awsclient.IdentitySSORole:
		return []string{"Add this inline policy to the permission set behind " + id.Name + " in IAM Identity Center (its AWSReservedSSO_ roles cannot be changed in IAM): " + doc}
	}
	return []string{"Allow this on the IAM user or role behind " + id.ARN + " (an administrator): " + doc}
}

// grantFix is the command that grants CodeCommit access to the identity.
func grantFix(facts *credentials.Facts, pullOnly bool) string {
	id := facts.Identity
	managed := "AWSCodeCommitPowerUser"
	if pullOnly {
		managed = "AWSCodeCommitPowerUser   # or AWSCodeCommitReadOnly for pull only"
	}
	arn := fmt.Sprintf("arn:%s:iam::aws:policy/%s", partitionOf(id), managed)
	switch id.Type {
	case awsclient.IdentityIAMUser:
		return fmt.Sprintf("aws iam attach-user-policy --user-name %s --policy-arn %s", shellword.POSIX(id.Name), arn)
	case awsclient.IdentityAssumedRole, awsclient.IdentityRole:
		return fmt.Sprintf("aws iam attach-role-policy --role-name %s --policy-arn %s", shellword.POSIX(id.Name), arn)
	case awsclient.IdentitySSORole:
		return "Add codecommit:GitPull and codecommit:GitPush (e.g. the AWSCodeCommitPowerUser managed policy) to the permission set behind " + id.Name + " in IAM Identity Center; its AWSReservedSSO_ roles cannot be changed in IAM."
	}
	return "Grant codecommit:GitPull and codecommit:GitPush to the IAM user or role behind " + id.ARN + "."
}

func partitionOf(id awsclient.Identity) string {
	if id.Partition == "" {
		return "aws"
	}
	return id.Partition
}

// adminSimulateCommand is the command an administrator runs to find out.
func adminSimulateCommand(facts *credentials.Facts, set *awsclient.PolicySet, pf *Facts, actions ...string) string {
	return fmt.Sprintf("aws iam simulate-principal-policy --policy-source-arn %s --action-names %s --resource-arns %s",
		PrincipalForAdmin(facts, set), strings.Join(actions, " "), pf.RepositoryARN)
}

// PrincipalForAdmin is the IAM ARN to simulate: the one read, else the
// user's ARN, else the role's ARN without its (unknown) path.
func PrincipalForAdmin(facts *credentials.Facts, set *awsclient.PolicySet) string {
	if set != nil && set.PrincipalARN != "" {
		return set.PrincipalARN
	}
	id := facts.Identity
	if id.IsRole() {
		return fmt.Sprintf("\"$(aws iam get-role --role-name %s --query Role.Arn --output text)\"", shellword.POSIX(id.Name))
	}
	return id.ARN
}

// unreadableFinding: nothing could be read or simulated.
func unreadableFinding(facts *credentials.Facts, set *awsclient.PolicySet, pf *Facts) checks.Finding {
	return checks.Finding{Code: "policies-unreadable", Severity: checks.Error,
		Message: unreadableMessage(facts, set, pf),
		Remediation: []string{
			"An administrator can find out: " + adminSimulateCommand(facts, set, pf, policy.ActionGitPull, policy.ActionGitPush),
			readAccessFix(facts),
		},
		Docs: []string{remedy.SimulateDocs}}
}

// incompleteFinding: allowed by what was read, but not everything was.
func incompleteFinding(set *awsclient.PolicySet) checks.Finding {
	return checks.Finding{Code: "policies-incomplete", Severity: checks.Warn,
		Message: "The policies that could be read allow access, but some could not be read and might deny it: " + GapList(set) + "."}
}

func GapList(set *awsclient.PolicySet) string {
	if set == nil || len(set.Gaps) == 0 {
		return "nothing"
	}
	parts := make([]string, len(set.Gaps))
	for i, g := range set.Gaps {
		parts[i] = g.String()
	}
	return strings.Join(parts, "; ")
}

func SidLabel(r policy.StatementRef) string {
	if r.Sid != "" {
		return fmt.Sprintf("statement %q", r.Sid)
	}
	return fmt.Sprintf("Statement[%d]", r.Index)
}

func permissionsSummary(who, repo string, pull, push verdict, method string) string {
	if bv := push.branches; bv != nil && pull.outcome == outcomeAllowed && len(bv.blocked()) > 0 {
		var refs []string
		for _, r := range bv.blocked() {
			refs = append(refs, r.Ref)
		}
		return fmt.Sprintf("%s may pull %s; a branch rule blocks push to %s (%s)", who, repo, strings.Join(refs, ", "), method)
	}
	switch {
	case pull.outcome == outcomeAllowed && push.outcome == outcomeAllowed:
		return fmt.Sprintf("%s may pull and push %s (%s)", who, repo, method)
	case pull.outcome == outcomeAllowed && push.outcome == outcomeDenied:
		return fmt.Sprintf("%s may pull but not push %s (%s)", who, repo, method)
	case pull.outcome == outcomeAllowed:
		return fmt.Sprintf("%s may pull %s; push is undecided (%s)", who, repo, method)
	case pull.outcome == outcomeDenied:
		return fmt.Sprintf("%s may not pull %s (%s)", who, repo, method)
	}
	return fmt.Sprintf("whether %s may pull %s is undecided (%s)", who, repo, method)
}

// branchFinding names the branches a GitPush rule on codecommit:References
// blocks and the ones it leaves open.
func branchFinding(facts *credentials.Facts, set *awsclient.PolicySet, pf *Facts, v verdict) checks.Finding {
	bv := v.branches
	who := facts.Identity.Describe()
	label := func(rs []branchOutcome) string {
		parts := make([]string, len(rs))
		for i, r := range rs {
			parts[i] = r.Ref + " (" + strings.Join(r.Why, "; ") + ")"
		}
		return strings.Join(parts, ", ")
	}
	var rules, blockedRefs []string
	for _, r := range bv.blocked() {
		blockedRefs = append(blockedRefs, r.Ref)
	}
	seen := map[string]bool{}
	var fix []string
	for _, r := range bv.blocked() {
		for _, m := range r.denies {
			ref := set.Ref(m.Policy)
			where := ref.Label() + " " + SidLabel(m.StatementRef)
			if !seen[where] {
				seen[where] = true
				rules = append(rules, where)
				fix = append(fix, fmt.Sprintf("To lift the rule (an administrator): %s", ref.ExportCommand()),
					fmt.Sprintf("edit fixed-policy.json: remove %s from %s in %s, then: %s",
						strings.Join(blockedRefs, ", "), ReferencesKey, SidLabel(m.StatementRef), ref.UpdateCommand()))
			}
		}
	}
	blocked, open, unknown := bv.blocked(), bv.open(), bv.undecided()
	f := checks.Finding{Docs: []string{remedy.PermissionsDocs, remedy.BranchRulesDocs}}
	rule := "a branch rule"
	if len(rules) > 0 {
		rule = strings.Join(rules, " and ")
	}
	var b strings.Builder
	if len(blocked) == 0 {
		f.Code, f.Severity = "gitpush-branch-allowed", checks.Pass
		fmt.Fprintf(&b, "Branch rules on %s (a Deny on codecommit:GitPush conditioned on %s) do not block the branches a push from here updates: %s may push to %s (%s).",
			pf.RepositoryARN, ReferencesKey, who, label(open), v.method)
	} else {
		f.Code, f.Severity = "gitpush-branch-denied", checks.Warn
		fmt.Fprintf(&b, "%s blocks %s from pushing to %s of %s: git push to %s is refused (%s).",
			rule, who, label(blocked), pf.RepositoryARN, plural(len(blocked), "that branch", "those branches"), v.method)
		if len(open) > 0 {
			fmt.Fprintf(&b, " Not blocked: %s.", label(open))
		}
		for _, r := range blocked {
			if len(r.reasons) > 0 {
				fmt.Fprintf(&b, " For %s: %s.", r.Ref, strings.Join(r.reasons, "; "))
				break
			}
		}
		if bv.suggest != "" {
			fix = append([]string{fmt.Sprintf("git push origin HEAD:%s   # a branch the rule leaves open; then open a pull request into the protected branch", bv.suggest)}, fix...)
		}
	}
	if len(unknown) > 0 {
		fmt.Fprintf(&b, " Undecided (other conditions): %s.", label(unknown))
	}
	switch bv.advert {
	case policy.Allow:
		b.WriteString(" A request that names no branch (such as GET info/refs?service=git-receive-pack, the first request of a push) is not blocked.")
	case policy.ExplicitDeny, policy.ImplicitDeny:
		fmt.Fprintf(&b, " Note: evaluated with %s absent, the rule denies too (...IfExists matches a missing key), so a request that names no "+
			"branch may be refused as well; AWS's example rule adds \"Null\": {\"%s\": \"false\"} to apply only when references are named.", ReferencesKey, ReferencesKey)
	}
	f.Message, f.Remediation = b.String(), fix
	return f
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func unreadableMessage(facts *credentials.Facts, set *awsclient.PolicySet, pf *Facts) string {
	who := facts.Identity.Describe()
	if facts.Caller != nil {
		return fmt.Sprintf("The caller %s may neither read the IAM policies of %s nor call iam:SimulatePrincipalPolicy for it, so whether %s may pull (codecommit:GitPull) "+
			"or push (codecommit:GitPush) %s cannot be seen from here. Could not read: %s.", facts.Caller.ARN, who, who, pf.RepositoryARN, GapList(set))
	}
	return fmt.Sprintf("%s may not read its own IAM policies and may not call iam:SimulatePrincipalPolicy, so whether it may pull (codecommit:GitPull) "+
		"or push (codecommit:GitPush) %s is unknown. Could not read: %s.", who, pf.RepositoryARN, GapList(set))
}

// readAccessFix says what would let the doctor decide next time.
func readAccessFix(facts *credentials.Facts) string {
	if facts.Caller != nil {
		return "or let the caller " + facts.Caller.ARN + " read the policies of " + facts.Identity.Describe() +
			" (iam:GetRole, iam:ListRolePolicies, iam:GetRolePolicy, iam:ListAttachedRolePolicies, iam:GetPolicy, iam:GetPolicyVersion) or call iam:SimulatePrincipalPolicy on it, then run the doctor again."
	}
	return "or let the identity read its own policies (iam:GetUser, iam:GetRole, iam:List*Policies, iam:Get*Policy, iam:ListGroupsForUser, iam:GetPolicy, iam:GetPolicyVersion) and call iam:SimulatePrincipalPolicy on itself, then run the doctor again."
}
