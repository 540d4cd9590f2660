// Package all is the one place that lists every check and fact provider.
package all

import (
	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/awscli"
	"github.com/codecommit-doctor/codecommit-doctor/checks/chain"
	"github.com/codecommit-doctor/codecommit-doctor/checks/clock"
	"github.com/codecommit-doctor/codecommit-doctor/checks/credentials"
	"github.com/codecommit-doctor/codecommit-doctor/checks/credhelper"
	"github.com/codecommit-doctor/codecommit-doctor/checks/frontends"
	"github.com/codecommit-doctor/codecommit-doctor/checks/git"
	"github.com/codecommit-doctor/codecommit-doctor/checks/githttp"
	"github.com/codecommit-doctor/codecommit-doctor/checks/grc"
	"github.com/codecommit-doctor/codecommit-doctor/checks/keychain"
	"github.com/codecommit-doctor/codecommit-doctor/checks/kms"
	"github.com/codecommit-doctor/codecommit-doctor/checks/permissions"
	"github.com/codecommit-doctor/codecommit-doctor/checks/proxy"
	"github.com/codecommit-doctor/codecommit-doctor/checks/region"
	"github.com/codecommit-doctor/codecommit-doctor/checks/remote"
	"github.com/codecommit-doctor/codecommit-doctor/checks/reproduce"
	"github.com/codecommit-doctor/codecommit-doctor/checks/signing"
)

// Checks returns every check, in the order reports list them, followed by
// the hidden fact providers.
func Checks() []checks.Check {
	return []checks.Check{
		git.New(),
		awscli.New(),
		remote.New(),
		credhelper.New(),
		keychain.New(),
		region.New(),
		credentials.New(),
		permissions.New(),
		kms.New(),
		clock.New(),
		reproduce.New(),
		grc.New(),
		frontends.New(),
		// Fact providers: they report nothing.
		chain.New(),
		signing.New(),
		githttp.New(),
		proxy.New(),
	}
}
