package gitendpoint

import (
	"strings"
	"time"
)

// Options configure a Server. The zero value is usable.
type Options struct {
	// Region is the region of the primary host and the signing region for
	// hosts that do not name one. Default "us-east-1".
	Region string
	// ExtraHosts are more host names the certificate covers and ResolveArgs
	// maps to the emulator, for example "git-codecommit-fips.us-east-1.amazonaws.com"
	// or a VPC endpoint name. The signing region of each is derived from the
	// name as the AWS CLI does.
	ExtraHosts []string
	// Validity is how far a password's timestamp may be from the emulator's
	// clock. Default signer.DefaultValidity (15 minutes).
	Validity time.Duration
	// Now is the emulator's base clock. Default time.Now. SetClockOffset
	// shifts it further.
	Now func() time.Time
	// Realm is sent in WWW-Authenticate. Default "AWS CodeCommit" (not known
	// to match the real service).
	Realm string
	// AccountID is used in default denial messages. Default "123456789012".
	AccountID string
	// Git is the git executable used for http-backend and CreateRepo.
	// Default: "git" looked up on PATH.
	Git string
	// Dir is where the CA file and the repositories are created. Default: a
	// new temporary directory that Close removes.
	Dir string
	// SignedHostAsSent makes the emulator verify passwords against the Host
	// header as sent, port included, the way git-remote-codecommit signs
	// when CODE_COMMIT_ENDPOINT is HOST:PORT (its hostname is signed
	// verbatim). By default the port is dropped, as the AWS CLI helper
	// does.
	SignedHostAsSent bool
	// Logf, when set, receives git http-backend's stderr and server errors
	// (Start sets it to t.Logf).
	Logf func(format string, args ...any)
}

const (
	defaultRegion    = "us-east-1"
	defaultRealm     = "AWS CodeCommit"
	defaultAccountID = "123456789012"
)

// withDefaults returns o with every unset field filled in.
func (o Options) withDefaults() Options {
	if o.Region == "" {
		o.Region = defaultRegion
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Realm == "" {
		o.Realm = defaultRealm
	}
	if o.AccountID == "" {
		o.AccountID = defaultAccountID
	}
	if o.Git == "" {
		o.Git = "git"
	}
	return o
}

// PrimaryHost returns the git endpoint host name of region:
// git-codecommit.REGION.amazonaws.com, or ".amazonaws.com.cn" for the China
// regions.
func PrimaryHost(region string) string {
	if strings.HasPrefix(region, "cn-") {
		return "git-codecommit." + region + ".amazonaws.com.cn"
	}
	return "git-codecommit." + region + ".amazonaws.com"
}
