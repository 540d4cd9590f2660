package remote

import (
	"context"
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"

	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

type remoteCheck struct{}

// New returns the `remote` check, which finds the repository to
// diagnose and reads its URL.
func New() checks.Check { return remoteCheck{} }

func (remoteCheck) Info() checks.Info {
	return checks.Info{
		ID:    checks.TargetID,
		Gives: []checks.KeyRef{checks.TargetKey},
		Title: "The repository to diagnose and its URL",
		Description: "Takes the REPO_URL argument, else the clone in the current directory: the remote " +
			"named by --remote, else the one the current branch tracks, else origin, else the first " +
			"CodeCommit remote (git's insteadOf rewriting applied). Reads every URL form: HTTPS " +
			"(regional, FIPS, VPC endpoint, China), git-remote-codecommit (codecommit://) and SSH, " +
			"and reports URLs that cannot work: a trailing slash, a wrong path, a host that is not " +
			"CodeCommit, a password in the URL.",
		Findings: append([]checks.FindingDoc{
			{Code: "no-target", Severity: checks.Skip, Meaning: "No REPO_URL and no clone here: repository checks are skipped, machine-wide checks still run."},
			{Code: "remote-not-found", Severity: checks.Fail, Meaning: "--remote names a remote the clone does not have.", Remediation: []string{"git remote -v"}},
			{Code: "ssh-remote", Severity: checks.Warn, Meaning: "The remote uses SSH: the HTTPS credential helper is not involved and this doctor's HTTPS diagnosis does not apply.", Remediation: []string{"Follow the SSH setup: " + remedy.SSHDocs}},
			{Code: "git-remote-codecommit", Severity: checks.Pass, Meaning: "A codecommit:// URL: git-remote-codecommit signs requests itself; the HTTPS credential helper is not involved."},
			{Code: "git-remote-codecommit-missing", Severity: checks.Fail, Meaning: "A codecommit:// URL but git-remote-codecommit is not on PATH.", Remediation: []string{"python3 -m pip install git-remote-codecommit"}},
		}, urlDocs()...),
	}
}

func (remoteCheck) Run(ctx context.Context, env *checks.Env) (checks.Result, error) {
	var res checks.Result
	t, note, err := findTarget(ctx, env)
	if err != nil {
		return res, err
	}
	if note != nil {
		if note.Severity == checks.Skip {
			return checks.Skipped(note.Message), nil
		}
		res.Add(*note)
		res.Summary = note.Message
		return res, nil
	}
	checks.TargetKey.Set(&res, t)
	res.AddEvidence("url", t.URL.Display)
	res.AddEvidence("source", t.Source)
	res.Status = checks.Pass
	u := t.URL
	for _, p := range u.Problems {
		if f, ok := urlFinding(p, t); ok {
			res.Add(f)
		}
	}
	switch u.Scheme {
	case ccurl.SchemeCodeCommit:
		res.Add(grcFinding(ctx, env))
		res.Summary = fmt.Sprintf("git-remote-codecommit URL %s (from %s)", u.Display, t.Source)
	case ccurl.SchemeSSH:
		res.Add(checks.Finding{Code: "ssh-remote", Severity: checks.Warn,
			Message:     fmt.Sprintf("%s uses SSH: the HTTPS credential helper is not involved, and this doctor diagnoses HTTPS access.", u.Display),
			Remediation: []string{"Follow the SSH setup guide: " + remedy.SSHDocs, "or switch this clone to HTTPS: git remote set-url " + orOrigin(t.RemoteName) + " " + ccurl.HTTPSURL(u.Region, u.Repository)},
			Docs:        []string{remedy.SSHDocs}})
		res.Summary = fmt.Sprintf("SSH URL %s (from %s)", u.Display, t.Source)
	default:
		res.Summary = fmt.Sprintf("%s (from %s)", u.Display, t.Source)
		if u.Repository != "" {
			res.Summary = fmt.Sprintf("repository %s in %s (from %s)", u.Repository, orUnknown(u.Region), t.Source)
		}
	}
	return res, nil
}

func urlFinding(p ccurl.Problem, t *checks.Target) (checks.Finding, bool) {
	if ccurl.IsRegionProblem(p.Code) {
		return checks.Finding{}, false
	}
	f := checks.Finding{Code: "url-" + p.Code, Severity: checks.Fail, Message: p.Message, Docs: []string{remedy.HTTPSSetupDocs}}
	switch p.Code {
	case ccurl.CodeUsernameInURL, ccurl.CodeUnusualPort, ccurl.CodeWhitespace, ccurl.CodeQueryOrFragment, ccurl.CodeUppercaseHost:
		f.Severity = checks.Warn
	}
	if fixed := fixedURL(t.URL); fixed != "" && t.RemoteName != "" {
		f.Remediation = []string{"git remote set-url " + t.RemoteName + " " + fixed}
	} else if fixed != "" {
		f.Remediation = []string{"Use the URL " + fixed}
	}
	return f, true
}

// fixedURL is the canonical HTTPS URL for a remote, when one can be made.
func fixedURL(u ccurl.Remote) string {
	if u.Region == "" || u.Repository == "" || u.Scheme != ccurl.SchemeHTTPS {
		return ""
	}
	return ccurl.HTTPSURL(u.Region, u.Repository)
}

func grcFinding(ctx context.Context, env *checks.Env) checks.Finding {
	if _, err := env.Sys.LookPath("git-remote-codecommit"); err != nil {
		return checks.Finding{Code: "git-remote-codecommit-missing", Severity: checks.Fail,
			Message:     "The URL uses codecommit://, which needs git-remote-codecommit, and it is not on PATH.",
			Remediation: []string{"python3 -m pip install git-remote-codecommit"}, Docs: []string{remedy.GRCDocs}}
	}
	return checks.Finding{Code: "git-remote-codecommit", Severity: checks.Pass,
		Message: "git-remote-codecommit signs each request with your AWS credentials itself: the HTTPS credential helper, " +
			"UseHttpPath and cached passwords do not apply to this remote.", Docs: []string{remedy.GRCDocs}}
}

func orOrigin(name string) string {
	if name == "" {
		return "origin"
	}
	return name
}

func orUnknown(s string) string {
	if s == "" {
		return "an unknown region"
	}
	return s
}

// gitOut runs git and returns its trimmed stdout, or ok=false when it exited
// non-zero.
func gitOut(ctx context.Context, env *checks.Env, dir string, args ...string) (string, bool, error) {
	out, err := env.Sys.Run(ctx, sys.Command{Name: "git", Args: args, Dir: dir})
	if err != nil {
		return "", false, fmt.Errorf("reading the clone's remotes: %w", err)
	}
	return strings.TrimSpace(out.Stdout), out.ExitCode == 0, nil
}
