package credentials

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/proxy"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
	"github.com/codecommit-doctor/codecommit-doctor/internal/neterr"
	"github.com/codecommit-doctor/codecommit-doctor/internal/proxyprobe"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/shellword"
)

const (
	ssoDocs       = "https://docs.aws.amazon.com/cli/latest/userguide/sso-configure-profile-token.html"
	accessKeyDocs = "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html"
)

// problemLoginExpired is the SDK's "please reauthenticate" for an `aws
// login` session: no token file, or an expired or changed session.
const problemLoginExpired awsclient.Problem = "login-expired"

// problemProcessTimeout is a credential_process that did not finish.
const problemProcessTimeout awsclient.Problem = "credential-process-timeout"

const processDocs = "https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sourcing-external.html"

// processTimeoutFix has the user run the program and see what it waits
// for.
func processTimeoutFix(prof string) []string {
	return []string{
		"aws configure get credential_process --profile " + prof + "   # prints the command: run it yourself in a terminal and see what it waits for (a prompt, a browser sign-in, a lock)",
		"Make the command print the credentials JSON without waiting (sign in first, or give it a cached token), then run the doctor again.",
	}
}

// credentialFailure turns an error from loading credentials or from STS
// into the finding that says what to do. doing says what was attempted.
// src is nil when the configuration could not even be loaded.
func credentialFailure(ctx context.Context, env *checks.Env, res checks.Result, pc profileChoice, src *awsclient.Source, err error, doing string) (checks.Result, error) {
	why := env.Redact(awsclient.Describe(err))
	prof := shellword.POSIX(pc.name)
	fromEnv := src != nil && src.Kind == awsclient.SourceEnvironment
	res.AddEvidence("error", why)
	if k, _ := neterr.Describe(err); k != "" {
		// A network failure is said in words; the library's own stays
		// evidence (never a service message, which may quote a secret).
		res.AddEvidence("raw_error", env.Redact(err.Error()))
	}
	f := checks.Finding{Severity: checks.Fail}
	summary := ""
	problem := awsclient.Classify(err)
	var procErr *awsclient.ProcessError
	if errors.As(err, &procErr) && procErr.Timeout > 0 {
		problem = problemProcessTimeout
	}
	if src != nil && src.Kind == awsclient.SourceLogin && strings.Contains(why, "please reauthenticate") {
		problem = problemLoginExpired
	}
	if pf, ok := proxy.Key.Get(env); ok && ctx.Err() == nil && (problem == awsclient.ProblemUnreachable || problem == awsclient.ProblemTimeout) {
		// A call that could not go out may have met a broken proxy (the
		// probe needs time left in the check's budget to tell).
		if v := pf.AWS(ctx); v.Broken() {
			return proxyFailure(env, res, pc, v), nil
		}
	}
	half := ""
	switch problem {
	case awsclient.ProblemOther, awsclient.ProblemConfigInvalid, awsclient.ProblemNoCredentials:
		half = halfKeyPair(env, pc)
	}
	netKind, _ := neterr.Describe(err)
	switch {
	case netKind == neterr.NoNetwork:
		// Said once, here; the network checks after this one refer to it.
		f.Code, f.Severity = "no-network", checks.Error
		f.Message = fmt.Sprintf("Could not reach AWS while %s: %s.", doing, why)
		f.Remediation = remedy.NoNetwork()
		summary = "no network: DNS lookups fail"
		if strings.Contains(why, "cannot be reached (network is unreachable)") {
			summary = "no network: AWS cannot be reached"
		}
		NoNetworkKey.Set(&res, &neterr.Seen{Check: ID})
	case half != "":
		f.Code = "secret-key-missing"
		f.Message = half + ": the AWS CLI and the SDKs need both to sign, so the credential helper has no credentials."
		f.Remediation = []string{"aws configure --profile " + prof + "   # enter the access key id and its secret access key"}
		f.Docs = []string{accessKeyDocs}
		summary = fmt.Sprintf("half an access key pair in profile %q", pc.name)
	default:
		credentialProblem(env, &res, &f, &summary, pc, src, problem, procErr, err, why, doing, fromEnv)
	}
	res.Add(f)
	switch f.Code {
	case "access-key-invalid", "secret-key-mismatch", "secret-key-missing", "session-token-expired", "credentials-not-found", "sso-token-expired", "login-expired":
		Key.Set(&res, &Facts{Rejected: true, Profile: pc.name, ProfileSource: pc.source})
	}
	// The finding carries the explanation; the check's line names it.
	if summary != "" {
		res.Summary = summary
		return res, nil
	}
	res.Summary = fmt.Sprintf("%s (profile %q)", strings.ReplaceAll(strings.ReplaceAll(f.Code, "sts-", "STS "), "-", " "), pc.name)
	return res, nil
}

// credentialProblem fills in the finding for the problem Classify named.
func credentialProblem(env *checks.Env, res *checks.Result, f *checks.Finding, summary *string, pc profileChoice, src *awsclient.Source, problem awsclient.Problem,
	procErr *awsclient.ProcessError, err error, why, doing string, fromEnv bool) {
	prof := shellword.POSIX(pc.name)
	switch problem {
	case awsclient.ProblemProfileNotFound:
		f.Code = "profile-not-found"
		f.Message = fmt.Sprintf("Profile %q (chosen by %s) is not defined in the AWS config or credentials file, so the credential helper has no credentials.", pc.name, pc.source)
		f.Remediation = []string{"aws configure list-profiles", "aws configure --profile " + prof}
		if pc.source == "AWS_PROFILE" {
			f.Remediation = append(f.Remediation, "or unset AWS_PROFILE")
		}
		f.Docs = []string{remedy.CredentialsDocs}
	case awsclient.ProblemNoCredentials:
		f.Code = "credentials-not-found"
		tried := triedSources(env, pc, err)
		// Nothing supplied them: no link of the chain is "the source".
		delete(res.Evidence, "source")
		res.AddEvidence("tried", tried)
		f.Message = fmt.Sprintf("No AWS credentials for profile %q (chosen by %s). Tried, in order: %s.", pc.name, pc.source, strings.Join(tried, "; "))
		f.Remediation = []string{"aws configure --profile " + prof + "   # an IAM user's access key", "or for IAM Identity Center: aws configure sso --profile " + prof}
		f.Docs = []string{remedy.CredentialsDocs}
	case problemLoginExpired:
		f.Code = "login-expired"
		f.Message = fmt.Sprintf("The `aws login` session of profile %q has expired or was never made: %s.", pc.name, why)
		f.Remediation = []string{"aws login --profile " + prof}
		f.Docs = []string{loginDocs}
	case awsclient.ProblemSSOExpired:
		f.Code = "sso-token-expired"
		f.Message = fmt.Sprintf("The IAM Identity Center (SSO) sign-in for profile %q has expired or was never made: %s.", pc.name, why)
		f.Remediation = []string{"aws sso login --profile " + prof}
		f.Docs = []string{ssoDocs}
	case awsclient.ProblemProcessFailed:
		f.Code = "credential-process-failed"
		f.Message = fmt.Sprintf("The credential_process of profile %q did not give credentials: %s.", pc.name, why)
		f.Remediation = []string{"aws configure get credential_process --profile " + prof + "   # run the command it prints and fix what it reports"}
		f.Docs = []string{processDocs}
	case problemProcessTimeout:
		// The step that failed is the program, not the network.
		f.Code, f.Severity = "credential-process-timeout", checks.Error
		*summary = env.Redact(procErr.Error())
		f.Message = fmt.Sprintf("%s (the credential_process of profile %q) and was stopped: it waits for something "+
			"(a prompt, a browser sign-in, a lock, a service of its own), and the AWS CLI helper would wait for it the same way.",
			*summary, pc.name)
		f.Remediation = processTimeoutFix(prof)
		f.Docs = []string{processDocs}
	case awsclient.ProblemExpiredToken:
		f.Code = "session-token-expired"
		f.Message = fmt.Sprintf("AWS says the session token has expired (%s) while %s.", why, doing)
		f.Remediation = expiredFix(pc, fromEnv)
	case awsclient.ProblemInvalidKeyID:
		f.Code = "access-key-invalid"
		*summary = keyRejected(env, *res, src)
		f.Message = fmt.Sprintf("%s (%s): AWS does not recognise the key — it was deleted or deactivated, belongs to another partition, or a session token is missing or extra.",
			upperFirst(*summary), why)
		f.Remediation = rekeyFix(pc, fromEnv)
		f.Docs = []string{accessKeyDocs}
	case awsclient.ProblemSignatureMismatch:
		f.Code = "secret-key-mismatch"
		*summary = keyRejected(env, *res, src)
		f.Message = fmt.Sprintf("%s (%s): the secret access key does not belong to access key %s (a typo, a trailing character, or a key pair mixed up).",
			upperFirst(*summary), why, maskedKey(*res))
		f.Remediation = rekeyFix(pc, fromEnv)
		f.Docs = []string{accessKeyDocs}
	case awsclient.ProblemRequestExpired:
		f.Code = "request-expired"
		f.Message = fmt.Sprintf("AWS rejected the request's time (%s): the local clock is off, and the helper's passwords carry the same time.", why)
		f.Remediation = []string{"sudo timedatectl set-ntp true   # or your system's time synchronisation", "date -u   # compare with the real UTC time"}
	case awsclient.ProblemAccessDenied:
		f.Code = "sts-access-denied"
		f.Message = fmt.Sprintf("AWS refused sts:GetCallerIdentity (%s), which needs no permission: the credentials are restricted (for example by a session policy or an SCP that denies everything).", why)
		f.Remediation = []string{"Ask the administrator of the account which policy denies all actions for this identity."}
	case awsclient.ProblemUnreachable:
		f.Code, f.Severity = "sts-unreachable", checks.Error
		f.Message = fmt.Sprintf("Could not reach AWS while %s: %s.", doing, why)
		f.Remediation = []string{"Check the network, HTTPS_PROXY / NO_PROXY, and AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_STS if they are set."}
	case awsclient.ProblemTimeout:
		f.Code, f.Severity = "sts-timeout", checks.Error
		f.Message = fmt.Sprintf("Timed out while %s: %s.", doing, why)
		f.Remediation = []string{"Check the network and any proxy; run again with a longer --timeout."}
	case awsclient.ProblemConfigInvalid:
		f.Code = "aws-config-invalid"
		f.Message = fmt.Sprintf("The AWS configuration for profile %q cannot be used: %s.", pc.name, why)
		f.Remediation = []string{"aws configure list --profile " + prof}
		f.Docs = []string{remedy.CredentialsDocs}
	default:
		f.Code, f.Severity = "credentials-error", checks.Error
		f.Message = fmt.Sprintf("Failed while %s: %s.", doing, why)
	}
}

func maskedKey(res checks.Result) string {
	if k, ok := res.Evidence["access_key_id"].(string); ok && k != "" {
		return k
	}
	return "(unknown)"
}

// rekeyFix replaces a bad access key pair where it comes from.
func rekeyFix(pc profileChoice, fromEnv bool) []string {
	if fromEnv {
		// The variables win over the shared files: fix them, not a file.
		return []string{
			"unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN   # the environment's keys are wrong; the profile's are used then",
			"or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to an active key pair where they are exported (shell profile, CI secrets)",
		}
	}
	return []string{"aws configure --profile " + shellword.POSIX(pc.name) + "   # enter an active access key id and its secret"}
}

// expiredFix replaces expired temporary credentials.
func expiredFix(pc profileChoice, fromEnv bool) []string {
	if fromEnv {
		return []string{
			"Get new temporary credentials from the tool that issued them and export them again,",
			"or unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN   # to use a profile instead",
		}
	}
	return []string{
		"Replace the expired aws_session_token (and its keys) in profile " + shellword.POSIX(pc.name) + " with fresh temporary credentials,",
		"or let the AWS CLI refresh them: give the profile role_arn and source_profile (or sso_session) instead of fixed temporary keys.",
	}
}

// keyRejected names the access key AWS refused and where it came from.
func keyRejected(env *checks.Env, res checks.Result, src *awsclient.Source) string {
	return fmt.Sprintf("access key %s from %s is rejected by AWS", maskedKey(res), keyOrigin(env, src))
}

// keyOrigin says where an access key was read.
func keyOrigin(env *checks.Env, src *awsclient.Source) string {
	switch {
	case src == nil:
		return "the AWS configuration"
	case src.Kind == awsclient.SourceEnvironment:
		return "the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
	case src.Kind == awsclient.SourceProfile && src.File != "":
		return fmt.Sprintf("%s [%s]", env.Redact(src.File), src.Profile)
	}
	return src.String()
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// proxyFailure names the proxy that stops calls to STS.
func proxyFailure(env *checks.Env, res checks.Result, pc profileChoice, v *proxyprobe.Verdict) checks.Result {
	words := env.Redact(v.Words())
	res.AddEvidence("proxy", env.Redact(v.Proxy))
	res.AddEvidence("proxy_source", v.Source)
	res.Add(checks.Finding{Code: "sts-proxy-failed", Severity: checks.Error,
		Message: fmt.Sprintf("AWS API calls go through a proxy here (%s), and it stops them: %s. The doctor did not call STS through it, so whether the "+
			"credentials of profile %q are valid is not known; the AWS CLI goes through the same proxy when it calls AWS.", v.Source, words, pc.name),
		Remediation: proxy.Fix(v)})
	res.Summary = words
	return res
}
