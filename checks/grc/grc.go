// Package grc is the git-remote-codecommit check: for a codecommit:// or
// codecommit::REGION:// URL it follows git-remote-codecommit's own rules
// (its source: git_remote_codecommit/__init__.py) for the profile, region,
// credentials and host, signs a request exactly as it does, and runs a real
// `git ls-remote` on the URL through the installed helper.
package grc

import (
	"context"
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/chain"
	"github.com/codecommit-doctor/codecommit-doctor/checks/credentials"
	"github.com/codecommit-doctor/codecommit-doctor/checks/git"
	"github.com/codecommit-doctor/codecommit-doctor/checks/signing"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/shellword"
)

// ID is the check's id.
const ID = "remote-codecommit"

type grcCheck struct{}

// New returns the `git-remote-codecommit` check.
func New() checks.Check { return grcCheck{} }

func (grcCheck) Info() checks.Info {
	return checks.Info{
		ID:    ID,
		Title: "git-remote-codecommit works for the codecommit:// URL",
		Description: "Only for codecommit:// and codecommit::REGION:// URLs. Finds git-remote-codecommit on PATH, reads " +
			"its wrapper's first line for the Python it runs and asks that Python (once, bounded) for its version, " +
			"its botocore's version and directory and git-remote-codecommit's version. Then follows git-remote-codecommit's own rules: the " +
			"profile is the one before '@' (which must exist in the shared config or credentials file), else " +
			"AWS_DEFAULT_PROFILE, AWS_PROFILE, default; the region is codecommit::REGION://, else AWS_DEFAULT_REGION, " +
			"else the profile's region (never AWS_REGION); a profile (or the end of its source_profile chain) with " +
			"sso_session needs botocore 1.29.10, one with login_session botocore 1.41.0; the host is git-codecommit.REGION.amazonaws.com " +
			"(.amazonaws.com.cn in China), or CODE_COMMIT_ENDPOINT verbatim. It signs GET /v1/repos/NAME/info/refs " +
			"exactly as git-remote-codecommit signs its URL (SigV4 of \"GIT\\n/v1/repos/NAME\\n\\nhost:HOST\\n\\nhost\\n\") " +
			"and sends it with git's HTTP settings for that host; then runs `git ls-remote URL HEAD` with " +
			"credential.helper reset on the command line, so that no helper stores the credentials " +
			"git-remote-codecommit puts in the URL. On Windows it says when the Git Credential Manager is a " +
			"helper for git-remote-codecommit's host.",
		After:    []checks.KeyRef{checks.TargetKey, signing.Key, credentials.Key, chain.Key, git.Key},
		Needs:    checks.Needs{Target: true},
		Findings: findingDocs(),
	}
}

func (grcCheck) Run(ctx context.Context, env *checks.Env) (checks.Result, error) {
	t := env.TargetOf()
	if t == nil {
		return checks.Skipped(checks.NoTargetReason), nil
	}
	if t.URL.Scheme != ccurl.SchemeCodeCommit {
		return checks.Skipped(fmt.Sprintf("%s is not a git-remote-codecommit (codecommit://) URL", t.URL.Display)), nil
	}
	if t.URL.Repository == "" {
		return checks.Skipped("the URL names no repository: see the remote check"), nil
	}
	in, err := findInstall(ctx, env)
	if err != nil {
		if ctx.Err() != nil {
			return checks.Result{}, err
		}
		return checks.Skipped("git-remote-codecommit is not on PATH: see the remote check"), nil
	}
	res := checks.Result{Status: checks.Pass}
	addInstall(&res, in, env.Sys.GOOS())
	sf, ok := signing.Key.Get(env)
	if !ok {
		return res, fmt.Errorf("the profile and region git-remote-codecommit uses were not worked out")
	}
	ctxFacts := resolve(env, t, sf)
	res.AddEvidence("profile", ctxFacts.Profile)
	res.AddEvidence("profile_source", ctxFacts.ProfileSource)
	res.AddEvidence("region", ctxFacts.Region)
	res.AddEvidence("region_source", ctxFacts.RegionSource)
	res.AddEvidence("host", ctxFacts.Host)
	if f, ok := profileFinding(t, sf); ok {
		res.Add(f)
		res.Summary = fmt.Sprintf("profile %q of the URL does not exist", t.URL.Profile)
		return res, nil
	}
	profileType, hasProfileType := profileTypeFinding(env, in, ctxFacts, sf)
	if hasProfileType {
		res.Add(profileType)
	}
	if ctxFacts.Region == "" {
		res.Summary = "git-remote-codecommit finds no region (see the region check)"
		return res, nil
	}
	for _, f := range hostFindings(in, ctxFacts) {
		res.Add(f)
	}
	if f, ok := gcmFinding(env, ctxFacts); ok {
		res.Add(f)
	}
	res.Summary = fmt.Sprintf("%s signs for %s with profile %q (%s)", program, ctxFacts.Region, ctxFacts.Profile, ctxFacts.Host)
	cannotRead := ""
	if hasProfileType && profileType.Severity == checks.Fail {
		cannotRead = fmt.Sprintf("git-remote-codecommit's botocore %s cannot read profile %q", in.Botocore, ctxFacts.Profile)
		res.Summary = cannotRead
	}
	if env.Options.Offline {
		res.Summary += "; --offline: no request sent"
		return res, nil
	}
	// The real git ls-remote runs while the doctor signs its own request:
	// one check budget covers both.
	type lsResult struct {
		f   checks.Finding
		ev  checks.ProgramRun
		err error
		ran bool
	}
	ls := make(chan lsResult, 1)
	go func() {
		if gf, ok := git.Key.Get(env); !ok || gf.Blocked != "" {
			ls <- lsResult{}
			return
		}
		f, ev, err := lsRemote(ctx, env, t)
		ls <- lsResult{f: f, ev: ev, err: err, ran: true}
	}()
	probeErr := probeStep(ctx, env, t, ctxFacts, &res)
	l := <-ls
	if probeErr != nil {
		return res, probeErr
	}
	if l.ran {
		res.AddEvidence("ls_remote", l.ev)
		if l.err != nil {
			return res, l.err
		}
		res.Add(l.f)
	}
	if res.Has(codeLsRemoteFailed) || res.Has(codeProbeRefused) || res.Has(codeProbeNotFound) {
		res.Summary = fmt.Sprintf("git-remote-codecommit is refused for %s", t.URL.Display)
	}
	if cannotRead != "" {
		res.Summary = cannotRead
	}
	return res, nil
}

// probeStep loads the credentials git-remote-codecommit signs with and
// sends the request it would send; an error means the check could not tell.
func probeStep(ctx context.Context, env *checks.Env, t *checks.Target, c grcContext, res *checks.Result) error {
	creds, err := grcCredentials(ctx, env, c)
	if err != nil {
		if ctx.Err() != nil {
			return err
		}
		verify := []string{"aws sts get-caller-identity --profile " + shellword.Quote(c.Profile, env.Sys.GOOS())}
		if awsclient.IsUnloadableSourceProfile(err) {
			// botocore reads source profiles the doctor's SDK does not:
			// the doctor cannot tell, so it does not call the chain broken.
			res.Add(checks.Finding{Code: codeCredentials, Severity: checks.Error,
				Message: fmt.Sprintf("git-remote-codecommit signs with profile %q (%s), whose credentials the doctor could not load: %s. botocore may still read that source profile (an `aws login` one, say), so this is not a verdict.",
					c.Profile, c.ProfileSource, env.Redact(awsclient.Describe(err))),
				Remediation: verify, Docs: []string{remedy.GRCDocs}})
			res.Summary = fmt.Sprintf("could not load the credentials of profile %q", c.Profile)
			return nil
		}
		res.Add(checks.Finding{Code: codeCredentials, Severity: checks.Fail,
			Message:     fmt.Sprintf("git-remote-codecommit signs with profile %q (%s), and its credentials cannot be loaded: %s", c.Profile, c.ProfileSource, env.Redact(awsclient.Describe(err))),
			Remediation: verify,
			Docs:        []string{remedy.GRCDocs}})
		res.Summary = fmt.Sprintf("no credentials for profile %q", c.Profile)
		return nil
	}
	pr := probeAsGRC(ctx, env, t, c, creds)
	if pr.err != nil && pr.resp == nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("sending the request git-remote-codecommit would send to %s: %w", c.Host, pr.err)
	}
	var id awsclient.Identity
	if f, ok := credentials.Key.Get(env); ok && !f.Rejected && f.Profile == c.Profile {
		id = f.Identity
	}
	if f, ok := probeFinding(t, c, pr, id); ok {
		res.Add(f)
	}
	return nil
}

// addInstall reports where git-remote-codecommit is and what it runs on.
func addInstall(res *checks.Result, in *install, goos string) {
	res.AddEvidence("path", in.Path)
	res.AddEvidence("interpreter", in.Interpreter)
	if in.Shim != "" {
		res.AddEvidence("pyenv_which", in.Shim)
	}
	if in.Run != nil {
		res.AddEvidence("python_run", *in.Run)
	}
	parts := []string{program}
	if in.Version != "" {
		parts = append(parts, in.Version)
	}
	msg := strings.Join(parts, " ") + " at " + in.Path
	if in.Shim != "" {
		msg += " (a pyenv shim for " + in.Shim + ")"
	}
	switch {
	case in.Python != "":
		msg += ", Python " + in.Python + " (" + in.Interpreter + ")"
	case in.Interpreter != "":
		msg += ", run by " + in.Interpreter
	default:
		msg += " (its Python could not be read from the wrapper)"
	}
	if in.Botocore != "" {
		msg += ", botocore " + in.Botocore
	}
	res.Add(checks.Finding{Code: codeInstalled, Severity: checks.Pass, Message: msg})
	py := shellword.Quote(in.pythonCommand(), goos)
	if in.Python != "" && pythonOld(in.Python) {
		res.Add(checks.Finding{Code: codePythonOld, Severity: checks.Warn,
			Message: fmt.Sprintf("git-remote-codecommit runs on Python %s (%s): botocore has no release for Pythons older than %s, so its botocore%s stays old and may not know newer regions or profile types (sso_session, login_session).",
				in.Python, in.Interpreter, minPython, orVersion(in.Botocore)),
			Remediation: []string{"PYTHON -m pip install --upgrade git-remote-codecommit   # PYTHON: a Python " + minPython + " or later, e.g. python3.12"},
			Docs:        []string{remedy.GRCDocs}})
	}
	if in.BotocoreErr != "" {
		res.Add(checks.Finding{Code: codeBotocoreMissing, Severity: checks.Fail,
			Message:     fmt.Sprintf("git-remote-codecommit's Python (%s) cannot import botocore (%s): every git command on this remote stops there.", in.Interpreter, in.BotocoreErr),
			Remediation: []string{py + " -m pip install --upgrade git-remote-codecommit"},
			Docs:        []string{remedy.GRCDocs}})
	}
}

func orVersion(v string) string {
	if v == "" {
		return ""
	}
	return " " + v
}
