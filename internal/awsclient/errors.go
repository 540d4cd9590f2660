package awsclient

import (
	"github.com/codecommit-doctor/codecommit-doctor/internal/neterr"

	"context"
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/processcreds"
	"github.com/aws/aws-sdk-go-v2/credentials/ssocreds"
	"github.com/aws/smithy-go"

	"github.com/codecommit-doctor/codecommit-doctor/internal/safefile"
)

// Problem names what went wrong with an AWS call or with loading
// credentials, so that checks can attach the right fix.
type Problem string

// Problems Classify recognises.
const (
	ProblemNone              Problem = ""
	ProblemNoCredentials     Problem = "no-credentials"
	ProblemProfileNotFound   Problem = "profile-not-found"
	ProblemConfigInvalid     Problem = "config-invalid"
	ProblemExpiredToken      Problem = "expired-token"
	ProblemSSOExpired        Problem = "sso-token-expired"
	ProblemProcessFailed     Problem = "credential-process-failed"
	ProblemInvalidKeyID      Problem = "invalid-key-id"
	ProblemSignatureMismatch Problem = "signature-mismatch"
	ProblemRequestExpired    Problem = "request-expired"
	ProblemAccessDenied      Problem = "access-denied"
	ProblemNotFound          Problem = "not-found"
	ProblemThrottled         Problem = "throttled"
	ProblemUnreachable       Problem = "endpoint-unreachable"
	ProblemTimeout           Problem = "timeout"
	ProblemUnsafeFile        Problem = "unsafe-file" // a *safefile.Error: FIFO, device, loop, too large, unreadable
	ProblemOther             Problem = "other"
)

// Classify names the problem behind an error from Load, from retrieving
// credentials or from an API call.
func Classify(err error) Problem {
	if err == nil {
		return ProblemNone
	}
	var notExist config.SharedConfigProfileNotExistError
	var ssoErr *ssocreds.InvalidTokenError
	var procErr *processcreds.ProviderError
	var noCreds *NoCredentialsError
	var fileErr *safefile.Error
	switch {
	case errors.As(err, &fileErr):
		return ProblemUnsafeFile
	case errors.As(err, &notExist):
		return ProblemProfileNotFound
	case errors.As(err, &noCreds):
		return ProblemNoCredentials
	case errors.As(err, &ssoErr):
		return ProblemSSOExpired
	case errors.As(err, &procErr):
		if errors.Is(err, context.DeadlineExceeded) {
			return ProblemTimeout
		}
		return ProblemProcessFailed
	}
	if p := classifyCode(ErrorCode(err)); p != ProblemNone {
		return p
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "cached SSO token is expired"),
		strings.Contains(msg, "refresh cached SSO token failed"),
		strings.Contains(msg, "failed to read cached SSO token file"):
		return ProblemSSOExpired
	case errors.Is(err, context.DeadlineExceeded):
		return ProblemTimeout
	}
	var netErr net.Error
	var dnsErr *net.DNSError
	var opErr *net.OpError
	switch {
	case errors.As(err, &dnsErr), errors.As(err, &opErr):
		return ProblemUnreachable
	case errors.As(err, &netErr) && netErr.Timeout():
		return ProblemTimeout
	case errors.As(err, &netErr):
		return ProblemUnreachable
	}
	var cfgErr config.SharedConfigLoadError
	var roleErr config.SharedConfigAssumeRoleError
	if errors.As(err, &cfgErr) || errors.As(err, &roleErr) {
		return ProblemConfigInvalid
	}
	return ProblemOther
}

// classifyCode maps AWS error codes (query and JSON protocols).
func classifyCode(code string) Problem {
	switch code {
	case "":
		return ProblemNone
	case "ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired":
		return ProblemExpiredToken
	case "InvalidClientTokenId", "UnrecognizedClientException", "InvalidAccessKeyId", "InvalidToken":
		return ProblemInvalidKeyID
	case "SignatureDoesNotMatch", "InvalidSignatureException":
		return ProblemSignatureMismatch
	case "RequestExpired", "RequestTimeTooSkewed":
		return ProblemRequestExpired
	case "AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "AuthorizationError":
		return ProblemAccessDenied
	case "NoSuchEntity", "RepositoryDoesNotExistException", "NoSuchEntityException":
		return ProblemNotFound
	case "Throttling", "ThrottlingException", "TooManyRequestsException", "RequestLimitExceeded":
		return ProblemThrottled
	case "UnauthorizedException": // SSO GetRoleCredentials with a stale token
		return ProblemSSOExpired
	}
	return ProblemNone
}

// ErrorCode returns the AWS error code of an API error ("" otherwise).
func ErrorCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// maxMessage bounds the AWS error message Describe quotes.
const maxMessage = 240

// Describe explains an error in one line without quoting anything that
// could hold a secret: API errors give their code and the first sentence
// of the service's message (a SignatureDoesNotMatch message can go on to
// quote the canonical request, which may include the session token);
// credential_process errors never quote the process's output.
func Describe(err error) string {
	if err == nil {
		return ""
	}
	var sealed *ProcessError
	if errors.As(err, &sealed) {
		return sealed.Error()
	}
	var fileErr *safefile.Error
	if errors.As(err, &fileErr) {
		return fileErr.Error()
	}
	if words := describeRoleChain(err); words != "" {
		return words
	}
	var procErr *processcreds.ProviderError
	if errors.As(err, &procErr) {
		inner := ""
		if procErr.Err != nil {
			inner = procErr.Err.Error()
		}
		if strings.HasPrefix(inner, "parse failed of process output") {
			return "credential_process printed something that is not the credentials JSON the AWS CLI expects"
		}
		return "credential_process failed: " + firstSentence(inner)
	}
	if _, words := neterr.Describe(err); words != "" {
		return words
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		msg := firstSentence(ae.ErrorMessage())
		if msg == "" {
			return ae.ErrorCode()
		}
		return ae.ErrorCode() + ": " + msg
	}
	// Without the SDK's chain ("operation error …, StatusCode: 0, RequestID: ,").
	return firstSentence(neterr.Plain(err))
}

// firstSentence keeps the first line and sentence, bounded.
func firstSentence(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if i := strings.Index(s, ". "); i > 0 {
		s = s[:i+1]
	}
	if len(s) > maxMessage {
		cut := maxMessage
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

// NoCredentialsError is returned when no source in the chain had
// credentials: nothing in the environment, the profile has no keys, SSO,
// process or role, and there is no instance role.
type NoCredentialsError struct {
	Profile string
	Err     error
}

func (e *NoCredentialsError) Error() string {
	where := "the default chain"
	if e.Profile != "" {
		where = fmt.Sprintf("profile %q", e.Profile)
	}
	return fmt.Sprintf("no AWS credentials found in the environment, %s or the instance metadata service", where)
}

// Unwrap returns the SDK's error.
func (e *NoCredentialsError) Unwrap() error { return e.Err }

// isAnonymous reports whether a provider hands out no credentials at all.
func isAnonymous(p aws.CredentialsProvider) bool {
	_, ok := p.(aws.AnonymousCredentials)
	return ok || p == nil
}

// IsUnloadableSourceProfile reports whether err is the SDK refusing a role
// whose source_profile holds nothing it counts as credentials. botocore
// counts more (a login_session, for one), so the AWS CLI or
// git-remote-codecommit may still get credentials there: a caller cannot
// call the chain broken from this error alone.
func IsUnloadableSourceProfile(err error) bool {
	var roleErr config.SharedConfigAssumeRoleError
	return errors.As(err, &roleErr) && roleErr.Err == nil
}

// describeRoleChain words the SDK's SharedConfigAssumeRoleError, whose own
// text ends in a Go "<nil>" when the source profile merely has no
// credentials ("failed to load assume role R, of profile P, <nil>").
func describeRoleChain(err error) string {
	var roleErr config.SharedConfigAssumeRoleError
	if !errors.As(err, &roleErr) {
		return ""
	}
	var notExist config.SharedConfigProfileNotExistError
	switch {
	case errors.As(roleErr.Err, &notExist):
		return fmt.Sprintf("role %s names source_profile %q, which is in neither AWS file", roleErr.RoleARN, roleErr.Profile)
	case roleErr.Err != nil:
		return fmt.Sprintf("role %s cannot use source_profile %q: %s", roleErr.RoleARN, roleErr.Profile, firstSentence(neterr.Plain(roleErr.Err)))
	}
	return fmt.Sprintf("role %s has source_profile %q, which holds no credentials the AWS SDK can use (no access key, credential_process, SSO or role of its own)",
		roleErr.RoleARN, roleErr.Profile)
}
