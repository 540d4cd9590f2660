package credentials

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/awscli"
	"github.com/codecommit-doctor/codecommit-doctor/checks/chain"
	"github.com/codecommit-doctor/codecommit-doctor/checks/proxy"
	"github.com/codecommit-doctor/codecommit-doctor/checks/signing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/codecommit"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
	"github.com/codecommit-doctor/codecommit-doctor/internal/neterr"
	"github.com/codecommit-doctor/codecommit-doctor/internal/redact"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/shellword"
)

// ID is the check's id.
const ID = "credentials"

// Key is what the credentials check tells the checks that depend on it.
var Key = checks.NewKey[*Facts](ID)

// NoNetworkKey is published when the check found that the machine has no
// network, which it then said in full: later network checks say it short.
var NoNetworkKey = checks.NewKey[*neterr.Seen](ID)

// Facts are who the credentials belong to, how they were found, and the
// AWS clients and policy reader to share. When AWS or the configuration
// rejects the credentials, the check fails and publishes Facts with only
// Rejected and the profile set.
type Facts struct {
	// Rejected is true when the credentials are missing or AWS does not
	// accept them (unknown key, wrong secret, expired session or sign-in).
	Rejected bool
	Identity awsclient.Identity
	// Profile is the profile the credentials were loaded for ("" when none
	// applies, e.g. environment variables) and ProfileSource who chose it.
	Profile       string
	ProfileSource string
	// Region is the region the clients use.
	Region string
	Source awsclient.Source
	// SessionCredentials is true for temporary credentials (with a
	// session token).
	SessionCredentials bool
	// Clients are built once per run; Policies reads the identity's
	// policies once, for every check that asks.
	Clients  AWSClients
	Policies *awsclient.PolicyCache
	// Principal are the facts of --principal (nil without it): its
	// identity and policy cache with the caller's clients, for the checks
	// that decide access. PrincipalErr says why it could not be resolved.
	Principal    *Facts
	PrincipalErr error
	// Caller is set on Principal facts: whose credentials make the calls.
	Caller *awsclient.Identity
	// session resolved the credentials; later checks that sign requests
	// themselves reuse it instead of loading the configuration again.
	session awsSession
}

// Credentials returns the credentials this check resolved (the SDK caches
// them, so no second SSO, role or process call is made).
func (f *Facts) Credentials(ctx context.Context) (aws.Credentials, error) {
	if f.session == nil {
		return aws.Credentials{}, fmt.Errorf("the credentials check kept no session")
	}
	return f.session.Credentials(ctx)
}

// AWSClients are the AWS clients the credentials check shares.
type AWSClients interface {
	IAM() awsclient.IAMAPI
	CodeCommit(region string) RepositoryGetter
	// KMS reads the repository's key: DescribeKey, GetKeyPolicy, ListGrants.
	KMS(region string) awsclient.KMSAPI
}

// RepositoryGetter reads a CodeCommit repository's metadata.
type RepositoryGetter interface {
	GetRepository(context.Context, *codecommit.GetRepositoryInput, ...func(*codecommit.Options)) (*codecommit.GetRepositoryOutput, error)
}

// awsSession is what the credentials check needs from a loaded AWS
// configuration (an *awsclient.Session in production).
type awsSession interface {
	Credentials(ctx context.Context) (aws.Credentials, error)
	Source() awsclient.Source
	Profile() string
	Region() string
	CallerIdentity(ctx context.Context) (*sts.GetCallerIdentityOutput, error)
	Clients() AWSClients
}

type sessionLoader func(ctx context.Context, env *checks.Env, o awsclient.LoadOptions) (awsSession, error)

type credentialsCheck struct{ load sessionLoader }

// New returns the `credentials` check.
func New() checks.Check { return credentialsCheck{load: loadSDKSession} }

// stsTimeout bounds sts:GetCallerIdentity within the check's own budget.
const stsTimeout = 15 * time.Second

func (credentialsCheck) Info() checks.Info {
	return checks.Info{
		ID:    ID,
		Title: "AWS credentials resolve and are valid",
		Description: "Loads AWS configuration and credentials the way the AWS CLI does for the profile the " +
			"credential helper uses (--profile, else the helper command's --profile, else AWS_PROFILE, else " +
			"default): environment variables, the shared config and credentials files, IAM Identity Center " +
			"(SSO), credential_process, web identity, role assumption and the instance role. Calls " +
			"sts:GetCallerIdentity and reports the account and the kind of identity, and where the " +
			"credentials came from (never their values).",
		After: []checks.KeyRef{checks.TargetKey, signing.Key, awscli.Key, chain.Key, proxy.Key},
		Gives: []checks.KeyRef{Key, NoNetworkKey},
		Needs: checks.Needs{Network: true, Credentials: true},
		Findings: []checks.FindingDoc{
			{Code: "credentials-not-found", Severity: checks.Fail, Meaning: "No credentials anywhere in the chain: the helper cannot sign.", Remediation: []string{"aws configure --profile PROFILE", "or for IAM Identity Center: aws configure sso --profile PROFILE"}},
			{Code: "profile-not-found", Severity: checks.Fail, Meaning: "The profile the helper uses does not exist in the shared config or credentials file.", Remediation: []string{"aws configure list-profiles", "aws configure --profile PROFILE"}},
			{Code: "aws-config-invalid", Severity: checks.Fail, Meaning: "The profile's configuration cannot be used (e.g. a role without a source, a broken SSO section)."},
			{Code: "sso-token-expired", Severity: checks.Fail, Meaning: "The IAM Identity Center (SSO) sign-in has expired or never happened.", Remediation: []string{"aws sso login --profile PROFILE"}},
			{Code: "credential-process-failed", Severity: checks.Fail, Meaning: "The profile's credential_process failed or printed something unusable.", Remediation: []string{"aws configure get credential_process --profile PROFILE   # then run that command yourself"}},
			{Code: "credential-process-timeout", Severity: checks.Error, Meaning: "The profile's credential_process did not finish within the time allowed and was stopped: it waits for something of its own (a prompt, a browser sign-in, a lock); the fix is in that program, whatever the network does.", Remediation: processTimeoutFix("PROFILE")},
			{Code: "secret-key-missing", Severity: checks.Fail, Meaning: "A profile in the shared credentials or config file holds only one half of an access key pair (aws_access_key_id without aws_secret_access_key, or the reverse): nothing can sign with it.", Remediation: []string{"aws configure --profile PROFILE   # enter the access key id and its secret access key"}},
			{Code: "session-token-expired", Severity: checks.Fail, Meaning: "STS says the session token has expired (ExpiredToken).", Remediation: []string{"Get new temporary credentials from the tool that issued them, or remove the stale AWS_SESSION_TOKEN / aws_session_token."}},
			{Code: "access-key-invalid", Severity: checks.Fail, Meaning: "STS does not know the access key id (InvalidClientTokenId): deleted, deactivated, or from another partition.", Remediation: []string{"aws configure --profile PROFILE   # with an active access key"}},
			{Code: "secret-key-mismatch", Severity: checks.Fail, Meaning: "The signature does not match (SignatureDoesNotMatch): the secret access key is wrong for this access key id.", Remediation: []string{"aws configure --profile PROFILE   # paste the secret again"}},
			{Code: "request-expired", Severity: checks.Fail, Meaning: "AWS rejected the request time (RequestExpired): the local clock is off.", Remediation: []string{"Synchronise the clock (e.g. sudo timedatectl set-ntp true)"}},
			{Code: "sts-access-denied", Severity: checks.Fail, Meaning: "STS refused GetCallerIdentity (AccessDenied), which needs no permission: the credentials are restricted."},
			{Code: "no-network", Severity: checks.Error, Meaning: "The machine has no network: DNS lookups fail because the resolver cannot be reached, or AWS's addresses are unreachable. Said once here; the other network checks refer to it.", Remediation: remedy.NoNetwork()},
			{Code: "sts-proxy-failed", Severity: checks.Error, Meaning: "The proxy AWS API calls go through (HTTPS_PROXY, https_proxy; NO_PROXY exempts hosts) refused the connection, never answered, wants credentials (407) or refused the tunnel to STS (403, 502), or is not a URL: the doctor did not call STS through it, so whether the credentials are valid is not known; the AWS CLI goes through the same proxy whenever it calls AWS.", Remediation: []string{"unset HTTPS_PROXY   # if this network needs no proxy", "or correct the proxy's address in HTTPS_PROXY"}},
			{Code: "sts-unreachable", Severity: checks.Error, Meaning: "The STS endpoint could not be reached (DNS, proxy, firewall).", Remediation: []string{"Check HTTPS_PROXY / NO_PROXY and AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_STS"}},
			{Code: "sts-timeout", Severity: checks.Error, Meaning: "Loading credentials or calling STS did not finish in time."},
			{Code: "credentials-error", Severity: checks.Error, Meaning: "Any other failure, quoted."},
			{Code: "login-expired", Severity: checks.Fail, Meaning: "The `aws login` session (login_session) of the profile has expired or was never made.", Remediation: []string{"aws login --profile PROFILE"}},
			{Code: "login-session-unsupported", Severity: checks.Fail, Meaning: "The profile signs in with `aws login` (login_session), which only AWS CLI v" + minLoginSessionV2 + " and later read: this AWS CLI is too old for it.", Remediation: remedy.InstallAWSCLI("linux")},
			{Code: "login-source-unchecked", Severity: checks.Error, Meaning: "The profile assumes a role with the credentials of a source_profile that signs in with `aws login` (login_session). The AWS CLI reads that chain; the AWS SDK for Go the doctor uses does not, so the doctor could not check these credentials.", Remediation: []string{"aws sts get-caller-identity --profile PROFILE   # checks them with the AWS CLI itself"}},
			{Code: "sso-session-unsupported", Severity: checks.Fail, Meaning: "The profile uses an [sso-session] section, which AWS CLI v1 " + minSSOSessionV1 + " and v2 " + minSSOSessionV2 + " and later read: this AWS CLI is too old for it.", Remediation: remedy.InstallAWSCLI("linux")},
			{Code: "source-profile-missing", Severity: checks.Fail, Meaning: "A role profile's source_profile names a profile that does not exist.", Remediation: []string{"aws configure --profile SOURCE_PROFILE", "or aws configure set source_profile EXISTING_PROFILE --profile PROFILE"}},
			{Code: "source-profile-loop", Severity: checks.Fail, Meaning: "The source_profile settings go round in a loop, so no profile in it supplies the first credentials.", Remediation: []string{"aws configure set source_profile PROFILE_WITH_KEYS --profile PROFILE"}},
			{Code: "mfa-prompt", Severity: checks.Fail, Meaning: "The profile assumes a role with mfa_serial (directly or through source_profile): the AWS CLI asks for the MFA code on the terminal, which the helper cannot do while git owns its stdin, and the AWS CLI's cache (~/.aws/cli/cache) holds no unexpired credentials for the role.", Remediation: mfaFix(profileChoice{name: "PROFILE"}, "PROFILE")},
			{Code: "mfa-cached", Severity: checks.Warn, Meaning: "The profile assumes a role with mfa_serial, which the helper cannot prompt for; it works while the AWS CLI's cache holds the role's credentials, and fails once they expire.", Remediation: mfaFix(profileChoice{name: "PROFILE"}, "PROFILE")},
			{Code: "cli-auto-prompt", Severity: checks.Fail, Meaning: "AWS CLI v2 auto-prompt is on (cli_auto_prompt = on or on-partial in the profile, or AWS_CLI_AUTO_PROMPT): the helper then fails with `Unknown options: protocol=https`. AWS CLI v1 ignores the setting.", Remediation: []string{"aws configure set cli_auto_prompt off --profile PROFILE --no-cli-auto-prompt", "or unset AWS_CLI_AUTO_PROMPT (Windows: set AWS_CLI_AUTO_PROMPT= in cmd.exe, Remove-Item Env:AWS_CLI_AUTO_PROMPT in PowerShell)"}},
			{Code: "profile-from-environment", Severity: checks.Warn, Meaning: "Only AWS_PROFILE chooses the profile: git started from a GUI, an IDE or a service does not inherit it and signs with the default profile.", Remediation: []string{"git config --global --fixed-value --replace-all credential.helper '!aws --profile PROFILE codecommit credential-helper $@' '!aws codecommit credential-helper $@'"}},
			{Code: "root-user", Severity: checks.Warn, Meaning: "The credentials are the account root user's: they work with the credential helper but not with Git credentials, and AWS advises against using root for everyday work.", Remediation: []string{"Create an IAM user or use IAM Identity Center, and use its credentials instead."}},
		},
	}
}

// profileChoice is the profile the helper would use, and who chose it.
type profileChoice struct {
	name, source string
	explicit     bool // named outright: the profile wins over environment credentials
}

func (c credentialsCheck) Run(ctx context.Context, env *checks.Env) (checks.Result, error) {
	var res checks.Result
	sf, ok := signing.Key.Get(env)
	if !ok {
		return res, fmt.Errorf("the profile to load was not worked out")
	}
	pc := profileChoice{sf.Profile, sf.ProfileSource, sf.Explicit}
	res.AddEvidence("profile", pc.name)
	res.AddEvidence("profile_chosen_by", pc.source)
	for _, k := range []string{"AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_IAM", "AWS_ENDPOINT_URL_CODECOMMIT"} {
		if v := env.Sys.Getenv(k); v != "" {
			res.AddEvidence(k, env.Redact(v))
		}
	}
	local, stop := profileFindings(env, sf, pc)
	for _, f := range local {
		res.Add(f)
	}
	if stop {
		res.Status = checks.Pass
		last := local[len(local)-1]
		res.Summary = fmt.Sprintf("%s (profile %q)", strings.ReplaceAll(last.Code, "-", " "), pc.name)
		return res, nil
	}
	opts := awsclient.LoadOptions{Region: sf.ClientRegion}
	if pc.explicit {
		opts.Profile = pc.name
	}
	sess, err := c.load(ctx, env, opts)
	if err != nil {
		return credentialFailure(ctx, env, res, pc, nil, err, "loading the AWS configuration")
	}
	src := sess.Source()
	res.AddEvidence("source", src.String())
	res.AddEvidence("region", sess.Region())
	creds, err := sess.Credentials(ctx)
	if err != nil {
		return credentialFailure(ctx, env, res, pc, &src, err, "getting credentials from "+src.String())
	}
	res.AddEvidence("access_key_id", redact.MaskAccessKeyID(creds.AccessKeyID))
	res.AddEvidence("session_credentials", creds.SessionToken != "")
	if creds.CanExpire {
		res.AddEvidence("expires", creds.Expires.UTC().Format(time.RFC3339))
	}
	if pf, ok := proxy.Key.Get(env); ok {
		if v := pf.AWS(ctx); v.Broken() {
			return proxyFailure(env, res, pc, v), nil
		}
	}
	callCtx, cancel := context.WithTimeout(ctx, stsTimeout)
	defer cancel()
	out, err := sess.CallerIdentity(callCtx)
	if err != nil {
		return credentialFailure(ctx, env, res, pc, &src, err, "calling sts:GetCallerIdentity with the credentials from "+src.String())
	}
	id := awsclient.ParseIdentity(aws.ToString(out.Arn), aws.ToString(out.Account))
	res.AddEvidence("arn", id.ARN)
	res.AddEvidence("account", id.Account)
	res.AddEvidence("identity_type", string(id.Type))
	profile := sess.Profile()
	if src.Kind == awsclient.SourceEnvironment || src.Kind == awsclient.SourceContainer || src.Kind == awsclient.SourceInstanceRole {
		profile = ""
	}
	facts := &Facts{
		Identity: id, Profile: profile, ProfileSource: pc.source, Region: sess.Region(), Source: src,
		SessionCredentials: creds.SessionToken != "", Clients: sess.Clients(), Policies: awsclient.NewPolicyCache(),
		session: sess,
	}
	res.Status = checks.Pass
	res.Summary = fmt.Sprintf("%s in account %s, from %s", id.Describe(), id.Account, src.String())
	if p := env.Options.Principal; p != "" {
		facts.Principal, facts.PrincipalErr = principalFacts(ctx, facts, p)
		res.AddEvidence("principal", p)
		if facts.Principal != nil && facts.Principal.Identity.ARN != p {
			res.AddEvidence("principal_role", facts.Principal.Identity.ARN)
		}
		if facts.PrincipalErr != nil {
			res.AddEvidence("principal_unresolved", env.Redact(facts.PrincipalErr.Error()))
		}
		res.Summary += fmt.Sprintf("; as the caller %s, not the principal %s (--principal: permissions and kms decide for it)", id.ARN, p)
	}
	Key.Set(&res, facts)
	if id.Type == awsclient.IdentityRoot {
		res.Add(checks.Finding{Code: "root-user", Severity: checks.Warn,
			Message: fmt.Sprintf("These are the root user's credentials of account %s. They work with the AWS CLI credential helper, "+
				"but root cannot have Git credentials (HTTPS user name and password), and AWS advises against using the root user for everyday work.", id.Account),
			Remediation: []string{
				"Create an IAM user with AWSCodeCommitPowerUser (or sign in with IAM Identity Center) and configure its credentials: aws configure --profile " + shellword.POSIX(pc.name),
			},
			Docs: []string{"https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html"}})
	}
	return res, nil
}

// loadSDKSession loads configuration with the AWS SDK.
func loadSDKSession(ctx context.Context, env *checks.Env, o awsclient.LoadOptions) (awsSession, error) {
	s, err := awsclient.Load(ctx, env.Sys, o)
	if err != nil {
		return nil, err
	}
	return sdkSession{s}, nil
}

// sdkSession adapts *awsclient.Session to what the checks consume.
type sdkSession struct{ *awsclient.Session }

func (s sdkSession) CallerIdentity(ctx context.Context) (*sts.GetCallerIdentityOutput, error) {
	return s.STS().GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
}

func (s sdkSession) Clients() AWSClients { return sdkClients{s.Session} }

type sdkClients struct{ s *awsclient.Session }

func (c sdkClients) IAM() awsclient.IAMAPI { return c.s.IAM() }

func (c sdkClients) CodeCommit(region string) RepositoryGetter { return c.s.CodeCommit(region) }

func (c sdkClients) KMS(region string) awsclient.KMSAPI { return c.s.KMS(region) }
