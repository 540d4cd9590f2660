// Package githttp is a hidden fact provider: the HTTP settings git applies
// to the target URL (proxy, CA bundle, certificate verification,
// curloptResolve), read once for the clock and reproduce checks.
package githttp

import (
	"context"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/git"
	"github.com/codecommit-doctor/codecommit-doctor/internal/probe"
)

// ID is the provider's id.
const ID = "git-http"

// Key is git's HTTP settings for the target.
var Key = checks.NewKey[*Facts](ID)

// Facts are git's HTTP settings for the target's URL; Err says why they
// could not be read. Absent without an HTTPS target.
type Facts struct {
	Settings probe.Settings
	Err      error
}

type provider struct{}

// New returns the provider.
func New() checks.Check { return provider{} }

func (provider) Info() checks.Info {
	return checks.Info{
		ID:     ID,
		Title:  "git's HTTP settings for the URL",
		Hidden: true,
		// git's own settings need a git that runs.
		Requires: []checks.KeyRef{git.Key},
		After:    []checks.KeyRef{checks.TargetKey},
		Gives:    []checks.KeyRef{Key},
	}
}

func (provider) Run(ctx context.Context, env *checks.Env) (checks.Result, error) {
	res := checks.Result{Status: checks.Pass}
	t := env.TargetOf()
	if !t.HTTPSReady() {
		return res, nil
	}
	s, err := probe.ReadSettings(ctx, env.Sys, probe.ReadOptions{URL: t.HTTPSURL(), Dir: t.Dir, Remote: t.RemoteName})
	if err != nil && ctx.Err() != nil {
		return res, err
	}
	Key.Set(&res, &Facts{Settings: s, Err: err})
	return res, nil
}
