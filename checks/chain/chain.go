// Package chain is a hidden fact provider: it asks git once for every
// credential setting and works out the helper chain git runs for the
// target (or, without an HTTPS target, for a stand-in CodeCommit URL). The
// credential-helper, keychain and reproduce checks read it.
package chain

import (
	"context"
	"fmt"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/git"
	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
	"github.com/codecommit-doctor/codecommit-doctor/internal/gitcred"
)

// ID is the provider's id.
const ID = "chain"

// Key is the credential settings and the helper chain.
var Key = checks.NewKey[*Facts](ID)

type provider struct{}

// New returns the provider.
func New() checks.Check { return provider{} }

func (provider) Info() checks.Info {
	return checks.Info{
		ID:       ID,
		Title:    "git's credential settings and helper chain",
		Hidden:   true,
		Requires: []checks.KeyRef{git.Key},
		After:    []checks.KeyRef{checks.TargetKey},
		Gives:    []checks.KeyRef{Key},
	}
}

// Run always passes: a failure to read git's settings is a fact (Err) for
// the checks to judge.
func (provider) Run(ctx context.Context, env *checks.Env) (checks.Result, error) {
	var res checks.Result
	var f *Facts
	var err error
	if gf, ok := git.Key.Get(env); ok && gf.Blocked != "" {
		err = fmt.Errorf("git was not run: %s", gf.Blocked)
	} else {
		f, err = compute(ctx, env)
	}
	if err != nil {
		if ctx.Err() != nil {
			return res, err
		}
		f = noChain(env, err)
	}
	Key.Set(&res, f)
	res.Status = checks.Pass
	return res, nil
}

// compute reads the settings for the target when it is an HTTPS URL, else
// for a stand-in CodeCommit URL (Real false).
func compute(ctx context.Context, env *checks.Env) (*Facts, error) {
	t := env.TargetOf()
	dir := ""
	if t != nil {
		dir = t.Dir
		if t.URL.Scheme == ccurl.SchemeHTTPS && t.URL.Host != "" {
			req, err := RequestFor(t)
			if err != nil {
				return nil, err
			}
			f, err := load(ctx, env, req, dir)
			if err != nil {
				return nil, err
			}
			f.Real = true
			return f, nil
		}
	}
	return load(ctx, env, standIn(), dir)
}

func standIn() gitcred.Request {
	return gitcred.Request{Protocol: "https", Host: ccurl.Host("us-east-1", false)}
}

// noChain are facts with no credential settings, for the target when it is
// an HTTPS URL, carrying the error that kept git's settings unread.
func noChain(env *checks.Env, err error) *Facts {
	req, real := standIn(), false
	if t := env.TargetOf(); t != nil && t.URL.Scheme == ccurl.SchemeHTTPS && t.URL.Host != "" {
		if r, rerr := RequestFor(t); rerr == nil {
			req, real = r, true
		}
	}
	return &Facts{Request: req, URL: req.Display(), Features: gitcred.AllFeatures(), Real: real, Err: err}
}
