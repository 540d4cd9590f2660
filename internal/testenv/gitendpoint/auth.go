package gitendpoint

import (
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
	"github.com/codecommit-doctor/codecommit-doctor/internal/signer"
)

// verdict is the result of checking one request's credentials.
type verdict struct {
	outcome  AuthOutcome
	status   int
	body     string
	reason   string
	keyID    string
	hasToken bool
}

const (
	bodyInvalidToken = "The security token included in the request is invalid.\n"
	bodyBadSignature = "The request signature we calculated does not match the signature you provided. " +
		"Check your AWS Secret Access Key and signing method.\n"
	awsTimestamp = "20060102T150405Z"
)

// authenticate checks r's Basic credentials for repository repo and action,
// as the CodeCommit git endpoint does.
func (s *Server) authenticate(r *http.Request, repo, action string) verdict {
	user, password, ok := r.BasicAuth()
	if !ok {
		return verdict{outcome: AuthMissing, status: http.StatusUnauthorized, body: "Unauthorized\n",
			reason: "no Basic Authorization header"}
	}
	keyID, token := signer.ParseUsername(user)
	v := verdict{keyID: keyID, hasToken: token != "", status: http.StatusForbidden}
	k, deny, known := s.lookup(keyID, action)
	if !known {
		v.outcome, v.body, v.reason = AuthUnknownKey, bodyInvalidToken, "unknown access key id "+keyID
		return v
	}
	if token != k.token {
		v.outcome, v.body, v.reason = AuthBadSessionToken, bodyInvalidToken, "session token does not match the one registered for "+keyID
		return v
	}
	now := s.Now()
	creds := signer.Credentials{AccessKeyID: keyID, SecretAccessKey: k.secret, SessionToken: k.token}
	verify := signer.Verify
	if s.opts.SignedHostAsSent {
		verify = signer.VerifyGRC
	}
	err := verify(creds, r.Host, repoPath(repo), s.signingRegion(r.Host), password, now, s.validity)
	switch {
	case err == nil:
	case errors.Is(err, signer.ErrMalformedPassword):
		v.outcome, v.body, v.reason = AuthMalformedPassword, bodyBadSignature, err.Error()
		return v
	case errors.Is(err, signer.ErrPasswordExpired):
		v.outcome, v.body, v.reason = AuthExpired, s.expiredBody(password, now), err.Error()
		return v
	default:
		v.outcome, v.body, v.reason = AuthBadSignature, bodyBadSignature, err.Error()
		return v
	}
	if deny != nil {
		v.outcome, v.reason = AuthDenied, "denied by the test: "+action
		v.body = deny.reason
		if v.body == "" {
			v.body = fmt.Sprintf("User: arn:aws:iam::%s:user/%s is not authorized to perform: %s on resource: arn:aws:codecommit:%s:%s:%s because no identity-based policy allows the %s action",
				s.opts.AccountID, keyID, action, s.signingRegion(r.Host), s.opts.AccountID, repo, action)
		}
		v.body += "\n"
		return v
	}
	return verdict{outcome: AuthOK, status: http.StatusOK, keyID: keyID, hasToken: token != ""}
}

// expiredBody words a stale-password rejection like AWS's SigV4 errors.
func (s *Server) expiredBody(password string, now time.Time) string {
	signed, err := signer.PasswordTime(password)
	if err != nil {
		return bodyBadSignature
	}
	mins := int(s.validity / time.Minute)
	if signed.Before(now) {
		return fmt.Sprintf("Signature expired: %s is now earlier than %s (%s - %d min.)\n",
			signed.Format(awsTimestamp), now.Add(-s.validity).UTC().Format(awsTimestamp), now.UTC().Format(awsTimestamp), mins)
	}
	return fmt.Sprintf("Signature not yet current: %s is still later than %s (%s + %d min.)\n",
		signed.Format(awsTimestamp), now.Add(s.validity).UTC().Format(awsTimestamp), now.UTC().Format(awsTimestamp), mins)
}

// signingRegion is the region the AWS CLI helper would sign with for host:
// the one in the host name, else the emulator's region.
func (s *Server) signingRegion(host string) string {
	if region, ok := ccurl.RegionFromHost(host); ok {
		return region
	}
	return s.opts.Region
}
