package awsclient

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"syscall"
	"testing"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/processcreds"
	"github.com/aws/aws-sdk-go-v2/credentials/ssocreds"
	"github.com/aws/smithy-go"
)

func apiErr(code, msg string) error {
	return fmt.Errorf("operation error STS: GetCallerIdentity, https response error StatusCode: 403, %w", &smithy.GenericAPIError{Code: code, Message: msg})
}

func TestClassify(t *testing.T) {
	tests := []struct {
		err  error
		want Problem
	}{
		{nil, ProblemNone},
		{apiErr("ExpiredToken", "The security token included in the request is expired"), ProblemExpiredToken},
		{apiErr("ExpiredTokenException", "x"), ProblemExpiredToken},
		{apiErr("InvalidClientTokenId", "The security token included in the request is invalid."), ProblemInvalidKeyID},
		{apiErr("UnrecognizedClientException", "x"), ProblemInvalidKeyID},
		{apiErr("SignatureDoesNotMatch", "x"), ProblemSignatureMismatch},
		{apiErr("InvalidSignatureException", "x"), ProblemSignatureMismatch},
		{apiErr("RequestExpired", "x"), ProblemRequestExpired},
		{apiErr("AccessDenied", "x"), ProblemAccessDenied},
		{apiErr("AccessDeniedException", "x"), ProblemAccessDenied},
		{apiErr("NoSuchEntity", "x"), ProblemNotFound},
		{apiErr("RepositoryDoesNotExistException", "x"), ProblemNotFound},
		{apiErr("Throttling", "x"), ProblemThrottled},
		{apiErr("UnauthorizedException", "Session token not found or invalid"), ProblemSSOExpired},
		{apiErr("SomethingNew", "x"), ProblemOther},
		{fmt.Errorf("loading: %w", config.SharedConfigProfileNotExistError{Profile: "dev"}), ProblemProfileNotFound},
		{&NoCredentialsError{Profile: "default", Err: errors.New("no EC2 IMDS role found")}, ProblemNoCredentials},
		{fmt.Errorf("get credentials: %w", &ssocreds.InvalidTokenError{Err: errors.New("expired")}), ProblemSSOExpired},
		{errors.New("failed to refresh cached credentials, refresh cached SSO token failed, unable to refresh SSO token"), ProblemSSOExpired},
		{errors.New("cached SSO token is expired, or not present, and cannot be refreshed"), ProblemSSOExpired},
		{&processcreds.ProviderError{Err: errors.New("error in credential_process: exit status 1")}, ProblemProcessFailed},
		{&processcreds.ProviderError{Err: fmt.Errorf("credential process timed out: %w", context.DeadlineExceeded)}, ProblemTimeout},
		{fmt.Errorf("send: %w", &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}), ProblemUnreachable},
		{fmt.Errorf("send: %w", &net.DNSError{Err: "no such host", Name: "sts.amazonaws.com"}), ProblemUnreachable},
		{fmt.Errorf("calling: %w", context.DeadlineExceeded), ProblemTimeout},
		{fmt.Errorf("x: %w", config.SharedConfigAssumeRoleError{RoleARN: "arn:aws:iam::1:role/r", Profile: "p"}), ProblemConfigInvalid},
		{errors.New("something else"), ProblemOther},
	}
	for _, tc := range tests {
		if got := Classify(tc.err); got != tc.want {
			t.Errorf("Classify(%v) = %q, want %q", tc.err, got, tc.want)
		}
	}
}

func TestDescribe(t *testing.T) {
	secret := "wJalrXUtnFEMIK7MDENGbPxRfiCYSECRETKEY123"
	tests := []struct {
		err      error
		want     string
		mustNot  string
		maxBytes int
	}{
		{nil, "", "", 0},
		{apiErr("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. The Canonical String for this request should have been 'x-amz-security-token:"+secret+"'"),
			"SignatureDoesNotMatch: The request signature we calculated does not match the signature you provided.", secret, 0},
		{apiErr("AccessDenied", ""), "AccessDenied", "", 0},
		{&processcreds.ProviderError{Err: fmt.Errorf("parse failed of process output: {\"SecretAccessKey\": %q}, error: bad", secret)},
			"credential_process printed something that is not the credentials JSON the AWS CLI expects", secret, 0},
		{&processcreds.ProviderError{Err: errors.New("error in credential_process: exit status 2")}, "credential_process failed: error in credential_process: exit status 2", "", 0},
		{errors.New(strings.Repeat("é", 400)), "", "", maxMessage + len("…")},
		{errors.New("first line\nsecond line " + secret), "first line", secret, 0},
	}
	for _, tc := range tests {
		got := Describe(tc.err)
		if tc.want != "" && got != tc.want {
			t.Errorf("Describe(%v) = %q, want %q", tc.err, got, tc.want)
		}
		if tc.mustNot != "" && strings.Contains(got, tc.mustNot) {
			t.Errorf("Describe quotes a secret: %q", got)
		}
		if tc.maxBytes > 0 && (len(got) > tc.maxBytes || !strings.HasSuffix(got, "…")) {
			t.Errorf("Describe did not bound a long message: %d bytes", len(got))
		}
	}
}

// A network failure is said in words: a closed loopback port, not the
// SDK's "StatusCode: 0, RequestID: ," chain.
func TestDescribeNetworkFailureInWords(t *testing.T) {
	err := fmt.Errorf("operation error STS: GetCallerIdentity, https response error StatusCode: 0, RequestID: , request send failed: %w",
		&net.OpError{Op: "dial", Net: "tcp", Addr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1}, Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)})
	got := Describe(err)
	if got != "nothing answers at 127.0.0.1:1 (connection refused)" {
		t.Errorf("Describe = %q", got)
	}
	dns := &net.DNSError{Name: "sts.us-east-1.amazonaws.com", Server: "10.255.255.53:53", Err: "dial udp 10.255.255.53:53: connect: network is unreachable"}
	if got := Describe(fmt.Errorf("request send failed: %w", dns)); strings.Count(got, "unreachable") > 0 || !strings.Contains(got, "no network: DNS lookups fail") || !strings.Contains(got, "--offline") {
		t.Errorf("Describe = %q", got)
	}
}
