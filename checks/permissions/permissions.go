package permissions

import (
	"context"
	"fmt"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/credentials"
	"github.com/codecommit-doctor/codecommit-doctor/checks/proxy"
	"github.com/codecommit-doctor/codecommit-doctor/checks/region"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/codecommit"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
	"github.com/codecommit-doctor/codecommit-doctor/internal/policy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/shellword"
)

// Repository states in Facts.
const (
	RepositoryExists  = "exists"
	RepositoryMissing = "missing"
	RepositoryUnknown = "unknown"
)

// Methods of deciding permissions.
const (
	MethodSimulated = "simulated by IAM"
	MethodLocal     = "evaluated locally"
)

// ID is the check's id.
const ID = "permissions"

// Key is what the permissions check tells later checks.
var Key = checks.NewKey[*Facts](ID)

// Facts is what the permissions check tells later checks.
type Facts struct {
	RepositoryARN string
	Region        string
	// Repository is RepositoryExists, RepositoryMissing or RepositoryUnknown.
	Repository string
	// KMSKeyID is the repository's key, when GetRepository could be read.
	KMSKeyID string
	// Method is MethodSimulated or MethodLocal ("" when undecided).
	Method string
	// Pull and Push are "allowed", "denied" or "unknown".
	Pull, Push string
}

type permissionsCheck struct{}

// New returns the `permissions` check.
func New() checks.Check { return permissionsCheck{} }

const ()

func (permissionsCheck) Info() checks.Info {
	return checks.Info{
		ID:    ID,
		Title: "The identity may pull and push the repository",
		Description: "Calls codecommit:GetRepository to tell a repository that does not exist in the region apart " +
			"from one the identity may not see. Then decides codecommit:GitPull and codecommit:GitPush on " +
			"arn:aws:codecommit:REGION:ACCOUNT:REPO with iam:SimulatePrincipalPolicy when the identity may " +
			"call it, otherwise by evaluating the identity's policies locally (user, group, role and " +
			"permissions boundary policies; managed policies at their default version). Local evaluation " +
			"cannot see service control policies, session policies or VPC endpoint policies, and says so. " +
			"With --principal ARN the same is decided for that role or user (an instance profile stands for its role) " +
			"instead of the caller: simulated when the caller may, else from its policies when the caller may read them. " +
			"Uses only read calls.",
		Requires: []checks.KeyRef{credentials.Key},
		After:    []checks.KeyRef{checks.TargetKey, proxy.Key, region.Key},
		Gives:    []checks.KeyRef{Key},
		Needs:    checks.Needs{Network: true, Credentials: true, Target: true},
		Findings: []checks.FindingDoc{
			{Code: "repository-not-found", Severity: checks.Fail, Meaning: "CodeCommit says the repository does not exist in that region and account.", Remediation: []string{"aws codecommit list-repositories --region REGION"}},
			{Code: "gitpull-denied", Severity: checks.Fail, Meaning: "The identity may not codecommit:GitPull the repository: every git operation fails with 403.", Remediation: []string{"aws iam attach-user-policy --user-name USER --policy-arn arn:aws:iam::aws:policy/AWSCodeCommitPowerUser   # run by an administrator"}},
			{Code: "gitpush-denied", Severity: checks.Warn, Meaning: "The identity may pull but not codecommit:GitPush: git push fails with 403. Read-only access may be intended."},
			{Code: "gitpull-conditional", Severity: checks.Warn, Meaning: "Whether GitPull is allowed depends on something not known here (a condition on the source IP, MFA, ...)."},
			{Code: "gitpush-branch-denied", Severity: checks.Warn, Meaning: "A branch rule — a Deny on codecommit:GitPush conditioned on codecommit:References — blocks pushes to some of the branches a push from here updates (the current branch and its upstream in a clone, else refs/heads/main and refs/heads/master); the finding names the blocked ones and the open ones.", Remediation: []string{"git push origin HEAD:refs/heads/pr/BRANCH   # a branch the rule leaves open, then a pull request", "aws iam get-user-policy --user-name USER --policy-name POLICY --query PolicyDocument --output json > fixed-policy.json   # an administrator removes the ref from codecommit:References, then put-user-policy"}},
			{Code: "gitpush-branch-allowed", Severity: checks.Pass, Meaning: "Branch rules (a Deny on codecommit:GitPush conditioned on codecommit:References) exist but do not block the branches a push from here updates; they are named."},
			{Code: "gitpush-conditional", Severity: checks.Warn, Meaning: "Whether GitPush is allowed depends on something not known here."},
			{Code: "gitpull-undecided", Severity: checks.Error, Meaning: "No readable policy allows GitPull, but some policies could not be read: whether git works is unknown.", Remediation: []string{"aws iam simulate-principal-policy --policy-source-arn ARN --action-names codecommit:GitPull --resource-arns REPOARN   # run by an administrator"}},
			{Code: "gitpush-undecided", Severity: checks.Warn, Meaning: "No readable policy allows GitPush, but some policies could not be read."},
			{Code: "policies-unreadable", Severity: checks.Error, Meaning: "The identity may neither read its own policies nor simulate them: whether it may pull or push is unknown.", Remediation: []string{"aws iam simulate-principal-policy --policy-source-arn ARN --action-names codecommit:GitPull codecommit:GitPush --resource-arns REPOARN   # run by an administrator"}},
			{Code: "policies-incomplete", Severity: checks.Warn, Meaning: "The policies that could be read allow access, but some could not be read and might deny it."},
			{Code: "evaluated-locally", Severity: checks.Pass, Meaning: "The decision comes from local evaluation, which cannot see service control policies, session policies or VPC endpoint policies."},
			{Code: ProxyFailedCode, Severity: checks.Error, Meaning: "A call to CodeCommit or IAM failed, and the proxy it goes through (HTTPS_PROXY; NO_PROXY exempts hosts) refuses the connection, never answers, wants credentials or refuses the tunnel to that endpoint.", Remediation: []string{"unset HTTPS_PROXY   # if this network needs no proxy", "or ask the proxy's administrator to allow CONNECT to the endpoint"}},
			{Code: "principal-unresolved", Severity: checks.Error, Meaning: "--principal names an instance profile whose role could not be read (iam:GetInstanceProfile): its access was not decided.", Remediation: []string{"aws iam get-instance-profile --instance-profile-name NAME --query 'InstanceProfile.Roles[0].Arn' --output text   # then pass the role's ARN to --principal"}},
			{Code: "root-allowed", Severity: checks.Pass, Meaning: "The root user may use every repository of its account (service control policies aside)."},
		},
	}
}

func (permissionsCheck) Run(ctx context.Context, env *checks.Env) (checks.Result, error) {
	facts, ok := credentials.Key.Get(env)
	if !ok || facts.Rejected {
		return checks.Skipped("skipped: the credentials check found no identity"), nil
	}
	facts, err := credentials.Subject(env, facts)
	if err != nil {
		return PrincipalUnresolved(env, "principal-unresolved", err), nil
	}
	if facts == nil {
		return checks.Skipped("skipped: the credentials check found no identity"), nil
	}
	t := env.TargetOf()
	if t == nil {
		return checks.Skipped(checks.NoTargetReason), nil
	}
	u := t.URL
	if u.Scheme != ccurl.SchemeHTTPS && u.Scheme != ccurl.SchemeCodeCommit {
		return checks.Skipped(fmt.Sprintf("skipped: %s is not an HTTPS or codecommit:// URL", u.Display)), nil
	}
	if u.Repository == "" {
		return checks.Skipped("skipped: the URL names no repository"), nil
	}
	region := RepositoryRegion(env, facts)
	if region == "" {
		return checks.Skipped(RegionUnknownReason), nil
	}
	pf := &Facts{Region: region, Repository: RepositoryUnknown,
		RepositoryARN: fmt.Sprintf("arn:%s:codecommit:%s:%s:%s", ccurl.Partition(region), region, facts.Identity.Account, u.Repository)}
	var res checks.Result
	Key.Set(&res, pf)
	res.Status = checks.Pass
	res.AddEvidence("repository_arn", pf.RepositoryARN)
	if facts.Caller != nil {
		res.AddEvidence("principal", facts.Identity.ARN)
		res.AddEvidence("caller", facts.Caller.ARN)
	}
	who := facts.Identity.Describe()

	done, err := checkRepository(ctx, env, facts, pf, u.Repository, &res)
	if err != nil || done {
		return res, err
	}
	if facts.Identity.Type == awsclient.IdentityRoot {
		pf.Pull, pf.Push = "allowed", "allowed"
		res.Add(checks.Finding{Code: "root-allowed", Severity: checks.Pass,
			Message: "The root user may use every repository in its own account; only a service control policy could deny it, and those are not visible here."})
		res.Summary = "the root user may pull and push " + u.Repository
		return res, nil
	}
	set, err := facts.ReadPolicies(ctx)
	if err != nil {
		if ProxyBlocked(ctx, env, &res, ProxyFailedCode, "iam", pf.Region) {
			return res, nil
		}
		return res, fmt.Errorf("reading the IAM policies of %s: %w", who, err)
	}
	RecordPolicies(&res, set)
	vs, method, err := decide(ctx, env, facts, set, pf, &res)
	if err != nil {
		return res, err
	}
	if method == "" {
		res.Add(unreadableFinding(facts, set, pf))
		res.Summary = fmt.Sprintf("unknown: %s may not read its own policies or simulate them", who)
		if facts.Caller != nil {
			res.Summary = fmt.Sprintf("unknown: the caller may neither read the policies of %s nor simulate them", who)
		}
		return res, nil
	}
	pf.Method = method
	pull, push := vs[0], vs[1]
	pf.Pull, pf.Push = pull.outcome, push.outcome
	for _, v := range vs {
		if f, ok := verdictFinding(facts, set, pf, v); ok {
			res.Add(f)
		}
	}
	if method == MethodLocal {
		if !set.Complete() && pull.outcome == "allowed" {
			res.Add(incompleteFinding(set))
		}
		res.Add(checks.Finding{Code: "evaluated-locally", Severity: checks.Pass,
			Message: "Decided by evaluating " + whose(facts) + " locally (" + simulateWho(facts) + "). " +
				"Not visible from here: service control policies, session policies, VPC endpoint policies, and conditions on values such as the source IP address.",
			Remediation: []string{adminSimulateCommand(facts, set, pf, policy.ActionGitPull, policy.ActionGitPush)},
			Docs:        []string{remedy.SimulateDocs}})
	}
	res.Summary = permissionsSummary(who, u.Repository, pull, push, method)
	return res, nil
}

// RepositoryRegion is the repository's region: the URL's, else --region,
// else for a codecommit:// URL the one the region check found (as
// git-remote-codecommit does: AWS_DEFAULT_REGION, else the profile's; ""
// when none, never the SDK's fallback), else the one the credentials
// check used.
func RepositoryRegion(env *checks.Env, facts *credentials.Facts) string {
	t := env.TargetOf()
	if t != nil && t.URL.Region != "" {
		return t.URL.Region
	}
	if env.Options.Region != "" {
		return env.Options.Region
	}
	if t != nil && t.URL.Scheme == ccurl.SchemeCodeCommit {
		if rf, ok := region.Key.Get(env); ok {
			return rf.RepositoryRegion
		}
		return ""
	}
	return facts.Region
}

// RegionUnknownReason is why a check that needs the repository's region
// skips when nothing names it.
const RegionUnknownReason = "skipped: nothing names the repository's region (see the region check)"

// checkRepository calls codecommit:GetRepository. done is true when the
// repository does not exist (nothing more to say).
func checkRepository(ctx context.Context, env *checks.Env, facts *credentials.Facts, pf *Facts, repo string, res *checks.Result) (bool, error) {
	out, err := facts.Clients.CodeCommit(pf.Region).GetRepository(ctx, &codecommit.GetRepositoryInput{RepositoryName: aws.String(repo)})
	switch p := awsclient.Classify(err); p {
	case awsclient.ProblemNone:
		pf.Repository = RepositoryExists
		if out.RepositoryMetadata != nil {
			pf.KMSKeyID = aws.ToString(out.RepositoryMetadata.KmsKeyId)
			if arn := aws.ToString(out.RepositoryMetadata.Arn); arn != "" {
				pf.RepositoryARN = arn
			}
		}
		res.AddEvidence("repository", "exists")
		return false, nil
	case awsclient.ProblemNotFound:
		pf.Repository = RepositoryMissing
		res.Add(checks.Finding{Code: "repository-not-found", Severity: checks.Fail,
			Message: fmt.Sprintf("Repository %q does not exist in %s for account %s: CodeCommit answers git with 403 or \"repository not found\". Names are case-sensitive.",
				repo, pf.Region, facts.Identity.Account),
			Remediation: []string{"aws codecommit list-repositories --region " + pf.Region + profileFlag(facts),
				"then use the exact name and region in the URL: " + ccurl.HTTPSURL(pf.Region, repo)},
			Docs: []string{"https://docs.aws.amazon.com/codecommit/latest/userguide/how-to-view-repository-details.html"}})
		res.Summary = fmt.Sprintf("repository %s does not exist in %s", repo, pf.Region)
		return true, nil
	case awsclient.ProblemAccessDenied:
		res.AddEvidence("repository", "unknown: not allowed to call codecommit:GetRepository ("+env.Redact(awsclient.Describe(err))+")")
		return false, nil
	case awsclient.ProblemTimeout, awsclient.ProblemUnreachable:
		if ProxyBlocked(ctx, env, res, ProxyFailedCode, "codecommit", pf.Region) {
			return true, nil
		}
		return false, fmt.Errorf("calling codecommit:GetRepository in %s: %w", pf.Region, err)
	default:
		// No answer from CodeCommit itself: a proxy may refuse the tunnel.
		if awsclient.ErrorCode(err) == "" && ProxyBlocked(ctx, env, res, ProxyFailedCode, "codecommit", pf.Region) {
			return true, nil
		}
		res.AddEvidence("repository", "unknown: codecommit:GetRepository failed: "+env.Redact(awsclient.Describe(err)))
		return false, nil
	}
}

// profileFlag is " --profile NAME" when the credentials came from a
// profile other than default.
func profileFlag(facts *credentials.Facts) string {
	if facts.Profile == "" || facts.Profile == "default" {
		return ""
	}
	return " --profile " + shellword.POSIX(facts.Profile)
}

func RecordPolicies(res *checks.Result, set *awsclient.PolicySet) {
	var read []string
	for _, d := range set.All() {
		read = append(read, set.Ref(d.Name()).Label())
	}
	if len(read) > 0 {
		res.AddEvidence("policies_read", read)
	}
	if len(set.Gaps) > 0 {
		var gaps []string
		for _, g := range set.Gaps {
			gaps = append(gaps, g.String())
		}
		res.AddEvidence("policies_unreadable", gaps)
	}
	if set.PrincipalARN != "" {
		res.AddEvidence("principal_arn", set.PrincipalARN)
	}
}
