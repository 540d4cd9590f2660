package chain

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/git"

	"github.com/Masterminds/semver/v3"

	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
	"github.com/codecommit-doctor/codecommit-doctor/internal/gitcred"
	"github.com/codecommit-doctor/codecommit-doctor/internal/version"
)

// Facts are every credential setting git read, and the helper chain git
// runs for the target URL (or, without an HTTPS target, for a stand-in
// CodeCommit URL: then Real is false).
type Facts struct {
	// Request is what git asks helpers for (protocol, host, path, user).
	Request gitcred.Request
	// URL is the URL git matches credential.<url> sections against,
	// without user info.
	URL string
	// Entries are every credential.* setting git read, in its order.
	Entries []gitcred.Entry
	// Chain is the helper chain, the resets and useHttpPath for URL.
	Chain gitcred.Chain
	// Features are the version-gated behaviours of the git that was asked.
	Features gitcred.Features
	// GitVersion is that git's version (nil when unknown).
	GitVersion *semver.Version
	// ConfigCommand is the `git config` command that read the settings.
	ConfigCommand string
	// Dir is the clone git was asked in ("" outside a clone).
	Dir string
	// Real is true when the facts are for the target, false for the
	// stand-in used without an HTTPS target.
	Real bool
	// Err says why git's settings could not be read; the other fields
	// then hold no settings (the chain is empty).
	Err error
}

// AWSHelper returns the first AWS CLI helper that git can run, and its
// position in the chain.
func (f *Facts) AWSHelper() (gitcred.Helper, int, bool) {
	i := f.Chain.FirstAWS()
	if i < 0 {
		return gitcred.Helper{}, -1, false
	}
	return f.Chain.Helpers[i], i, true
}

// gitInfo is what the git check found, with safe defaults when it did
// not run.
func gitInfo(env *checks.Env) (gitcred.Features, *semver.Version) {
	gf, ok := git.Key.Get(env)
	if !ok || gf.Version == nil {
		return gitcred.AllFeatures(), nil
	}
	return gitcred.Features{
		HelperReset: gf.Has(version.FeatureHelperReset),
		URLMatch:    gf.Has(version.FeatureCredentialURLWildcard),
	}, gf.Version
}

// GlobalFiles are the user's global git config files, XDG first, as
// git reads them.
func GlobalFiles(env *checks.Env) []string {
	if f := env.Sys.Getenv("GIT_CONFIG_GLOBAL"); f != "" {
		return []string{f}
	}
	home := env.Sys.HomeDir()
	xdg := env.Sys.Getenv("XDG_CONFIG_HOME")
	if xdg == "" && home != "" {
		xdg = filepath.Join(home, ".config")
	}
	var out []string
	if xdg != "" {
		out = append(out, filepath.Join(xdg, "git", "config"))
	}
	if home != "" {
		out = append(out, filepath.Join(home, ".gitconfig"))
	}
	return out
}

// load asks git for its credential settings (in the clone
// when there is one) and computes the chain for req.
func load(ctx context.Context, env *checks.Env, req gitcred.Request, dir string) (*Facts, error) {
	features, v := gitInfo(env)
	entries, cmd, err := gitcred.Read(ctx, env.Sys, gitcred.ReadOptions{
		Dir:         dir,
		ShowScope:   v == nil || version.AtLeast(v, "2.26.0"),
		ShowOrigin:  v == nil || version.AtLeast(v, "2.8.0"),
		GlobalFiles: GlobalFiles(env),
	})
	if err != nil {
		return nil, fmt.Errorf("reading git's credential settings: %w", err)
	}
	return &Facts{
		Request:       req,
		URL:           req.Display(),
		Entries:       entries,
		Chain:         gitcred.Compute(entries, req, features, env.Sys.GOOS()),
		Features:      features,
		GitVersion:    v,
		ConfigCommand: cmd,
		Dir:           dir,
	}, nil
}

// RequestFor is the request git makes for an HTTPS target.
func RequestFor(t *checks.Target) (gitcred.Request, error) {
	r, err := gitcred.RequestFromURL(t.HTTPSURL())
	if err != nil {
		return r, fmt.Errorf("reading the target URL: %w", err)
	}
	if u := t.URL.Username; u != "" && t.URL.HasUserInfo && !strings.Contains(u, ccurl.Redacted) {
		r.Username = u
	}
	return r, nil
}

// HelperProfile is the --profile of the AWS helper git runs ("" if none):
// the profile whose credentials sign the password.
func (f *Facts) HelperProfile() string {
	if h, _, ok := f.AWSHelper(); ok && h.Value.AWS != nil {
		return h.Value.AWS.Profile
	}
	return ""
}

// HelperRegion is the --region of the AWS helper git runs ("" if none).
func (f *Facts) HelperRegion() string {
	if h, _, ok := f.AWSHelper(); ok && h.Value.AWS != nil {
		return h.Value.AWS.Region
	}
	return ""
}
