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
		Gives: []checks.KeyRef{checks.TargetKey, checks.NoTargetKey},
		Title: "The repository to diagnose and its URL",
		Description: "Takes the REPO_URL argument, else the clone in the current directory (bare and mirror " +
			"clones included): the remote named by --remote, else the one the current branch tracks if it is " +
			"CodeCommit (the summary names the others; --remote NAME picks one), else every CodeCommit remote, " +
			"git's insteadOf rewriting applied; the clone's CodeCommit submodules are targets too. Several " +
			"URLs, remotes or submodules make a run over several targets, this check running once per target. Only " +
			"CodeCommit is diagnosed: a URL or a clone whose remotes point elsewhere (GitHub, a custom host) " +
			"gets no target, and the repository checks are skipped saying why, with no fix for that host. A " +
			"pasted AWS console page of a repository is turned into its clone URL, which the other checks " +
			"diagnose. Reads every URL form: HTTPS (regional, FIPS, VPC endpoint, China), " +
			"git-remote-codecommit (codecommit://) and SSH, and reports URLs that cannot work: a trailing " +
			"slash, a wrong path, an invalid name, a password in the URL. A corrected URL is proposed only " +
			"when it is CodeCommit's and keeps the repository's valid name; otherwise the step is described.",
		Findings: append([]checks.FindingDoc{
			{Code: "no-target", Severity: checks.Skip, Meaning: "No REPO_URL and no clone here: repository checks are skipped, machine-wide checks still run."},
			dubiousDoc(),
			{Code: "remote-not-found", Severity: checks.Fail, Meaning: "--remote names a remote the clone does not have.", Remediation: []string{"git remote -v"}},
			{Code: "no-codecommit-remote", Severity: checks.Fail, Meaning: "None of the clone's remotes points at CodeCommit (they are listed with their hosts): the repository checks are skipped, and nothing is proposed for the other hosts.", Remediation: []string{"To diagnose a CodeCommit repository, pass its clone URL: codecommit-doctor https://git-codecommit.REGION.amazonaws.com/v1/repos/NAME"}},
			{Code: "url-console-url", Severity: checks.Warn, Meaning: "The URL is a page of the AWS console (codesuite/codecommit/repositories/NAME/..., with or without ?region=), not a clone URL. Its clone URL https://git-codecommit.REGION.amazonaws.com/v1/repos/NAME is diagnosed instead. Fail when a remote has it (git cannot fetch from it) or when it names no region.", Remediation: []string{"git remote set-url NAME https://git-codecommit.REGION.amazonaws.com/v1/repos/NAME"}},
			{Code: "ssh-remote", Severity: checks.Warn, Meaning: "The remote uses SSH: the HTTPS credential helper is not involved and this doctor's HTTPS diagnosis does not apply.", Remediation: []string{"Follow the SSH setup: " + remedy.SSHDocs}},
			{Code: "git-remote-codecommit", Severity: checks.Pass, Meaning: "A codecommit:// URL: git-remote-codecommit signs requests itself; the HTTPS credential helper is not involved."},
			{Code: "git-remote-codecommit-missing", Severity: checks.Fail, Meaning: "A codecommit:// URL but git-remote-codecommit is not on PATH. Where python3 is managed by the OS (PEP 668: Debian 12, Ubuntu 23.04 and later, Homebrew), pip refuses to install into it, and the fix is pipx instead.", Remediation: []string{pipInstall, "or, where python3 is EXTERNALLY-MANAGED: pipx install git-remote-codecommit"}},
		}, urlDocs()...),
	}
}

func (remoteCheck) Run(ctx context.Context, env *checks.Env) (checks.Result, error) {
	var res checks.Result
	f, err := findTarget(ctx, env)
	if err != nil {
		return res, err
	}
	if f.skip != nil {
		return checks.Skipped(f.skip.Message), nil
	}
	res.Status = checks.Pass
	for _, x := range f.findings {
		res.Add(x)
	}
	t := f.target
	if f.noTarget != "" {
		checks.NoTargetKey.Set(&res, &checks.NoTarget{Reason: f.noTarget})
		res.Summary = f.noTarget
		if t != nil {
			res.AddEvidence("url", t.URL.Display)
			res.AddEvidence("source", t.Source)
			res.Add(notCodeCommitFinding(t))
			res.Summary = fmt.Sprintf("%s (from %s)", f.noTarget, t.Source)
		}
		return res, nil
	}
	checks.TargetKey.Set(&res, t)
	res.AddEvidence("url", t.URL.Display)
	res.AddEvidence("source", t.Source)
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
		ssh := checks.Finding{Code: "ssh-remote", Severity: checks.Warn,
			Message:     fmt.Sprintf("%s uses SSH: the HTTPS credential helper is not involved, and this doctor diagnoses HTTPS access.", u.Display),
			Remediation: []string{"Follow the SSH setup guide: " + remedy.SSHDocs},
			Docs:        []string{remedy.SSHDocs}}
		if https := ccurl.CanonicalURL(u); https != "" {
			ssh.Remediation = append(ssh.Remediation, "or switch this clone to HTTPS: git remote set-url "+orOrigin(t.RemoteName)+" "+https)
		}
		res.Add(ssh)
		res.Summary = fmt.Sprintf("SSH URL %s (from %s)", u.Display, t.Source)
	default:
		res.Summary = fmt.Sprintf("%s (from %s)", u.Display, t.Source)
		if u.Repository != "" {
			res.Summary = fmt.Sprintf("repository %s in %s (from %s)", u.Repository, orUnknown(u.Region), t.Source)
		}
	}
	if f.note != "" {
		res.Summary = strings.TrimSuffix(res.Summary, ")") + "; " + f.note + ")"
	}
	return res, nil
}

// notCodeCommitFinding says that the URL is not CodeCommit's, with the
// problems of its form when it has no host. It proposes a URL only when one
// is known to be CodeCommit's (the API host's Git endpoint), never a fix for
// another host.
func notCodeCommitFinding(t *checks.Target) checks.Finding {
	u := t.URL
	f := checks.Finding{Code: "url-" + ccurl.CodeNotCodeCommitHost, Severity: checks.Fail, Docs: []string{remedy.HTTPSSetupDocs}}
	var msgs []string
	for _, p := range u.Problems {
		switch {
		case p.Code == ccurl.CodeNotCodeCommitHost && u.Host != "" && u.Repository == "":
			// Another forge (github.com/org/app.git): no word about
			// proxies or helpers, which concern CodeCommit's paths.
			msgs = append([]string{fmt.Sprintf("%q is not a CodeCommit Git endpoint (git-codecommit.REGION.amazonaws.com)", u.Host)}, msgs...)
		case p.Code == ccurl.CodeNotCodeCommitHost:
			msgs = append([]string{p.Message}, msgs...)
		case u.Host == "" && p.Code != ccurl.CodeHelperIgnoresHost:
			f.Code = "url-" + p.Code
			msgs = append(msgs, p.Message)
		}
	}
	if len(msgs) == 0 {
		msgs = append(msgs, fmt.Sprintf("%s is not a CodeCommit URL", u.Display))
	}
	f.Message = strings.Join(msgs, "; ") + ". This doctor diagnoses CodeCommit repositories only: the repository checks are skipped."
	if fixed := ccurl.CanonicalURL(u); fixed != "" {
		f.Remediation = []string{useURL(t, fixed)}
	}
	return f
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
	u := t.URL
	if p.Code == ccurl.CodeInvalidRepositoryName {
		f.Remediation = nameSteps(u.Region)
		return f, true
	}
	if u.Scheme != ccurl.SchemeHTTPS && p.Code != ccurl.CodeHTTPNotHTTPS {
		return f, true
	}
	if fixed := ccurl.CanonicalURL(u); fixed != "" && fixed != strings.TrimSpace(u.Raw) {
		f.Remediation = []string{useURL(t, fixed)}
	} else if !ccurl.ValidRepositoryName(u.Repository) && u.Repository != "" {
		f.Remediation = nameSteps(u.Region)
	}
	return f, true
}

// useURL is the step that puts a corrected URL in place.
func useURL(t *checks.Target, fixed string) string {
	if t.RemoteName != "" {
		return "git remote set-url " + t.RemoteName + " " + fixed
	}
	return "Use the URL " + fixed
}

// nameSteps are the steps for a repository name that breaks CodeCommit's
// rules: no URL can be promised, so the user looks the name up.
func nameSteps(region string) []string {
	steps := []string{"Find the repository's exact name (letters, digits, '.', '_' and '-', at most 100) in the CodeCommit console or in the list below, and use https://git-codecommit.REGION.amazonaws.com/v1/repos/NAME with it"}
	if ccurl.RegionSupported(region) {
		return append(steps, "aws codecommit list-repositories --region "+region+" --query 'repositories[].repositoryName' --output text")
	}
	return append(steps, "aws codecommit list-repositories --region REGION --query 'repositories[].repositoryName' --output text   # REGION: the region in the repository's clone URL")
}

// consoleFinding says that a console page was given for a clone URL, and
// what the clone URL is.
func consoleFinding(c ccurl.Console, source, remoteName string) checks.Finding {
	page := "page"
	if c.Page != "" {
		page = fmt.Sprintf("%q page", c.Page)
	}
	f := checks.Finding{Code: "url-console-url", Severity: checks.Warn, Docs: []string{remedy.HTTPSSetupDocs}}
	what := "the address"
	if remoteName != "" {
		what = "remote " + remoteName + "'s URL"
		f.Severity = checks.Fail
	}
	clone := c.CloneURL()
	switch {
	case clone == "":
		f.Severity = checks.Fail
		f.Message = fmt.Sprintf("%s is the AWS console's %s of repository %s, not a clone URL, and it names no region.", capitalize(what), page, c.Repository)
		f.Remediation = []string{"Use the clone URL https://git-codecommit.REGION.amazonaws.com/v1/repos/" + c.Repository + ", REGION being the region shown in the console's top bar (or pass --region REGION)"}
		return f
	default:
		f.Message = fmt.Sprintf("%s is the AWS console's %s of repository %s in %s, not a clone URL: git cannot fetch from it. The checks below diagnose its clone URL %s.", capitalize(what), page, c.Repository, c.Region, clone)
	}
	if c.GitSuffix {
		f.Message += " (The name was written with .git, which CodeCommit names never end in.)"
	}
	if !ccurl.ValidRepositoryName(c.Repository) || !ccurl.RegionSupported(c.Region) {
		return f // the findings on the clone URL say what to do
	}
	if remoteName != "" {
		f.Remediation = []string{"git remote set-url " + remoteName + " " + clone}
	} else {
		f.Remediation = []string{"Use the clone URL " + clone}
	}
	return f
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func grcFinding(ctx context.Context, env *checks.Env) checks.Finding {
	if _, err := env.Sys.LookPath("git-remote-codecommit"); err != nil {
		return checks.Finding{Code: "git-remote-codecommit-missing", Severity: checks.Fail,
			Message:     "The URL uses codecommit://, which needs git-remote-codecommit, and it is not on PATH.",
			Remediation: grcInstallFix(ctx, env), Docs: []string{remedy.GRCDocs}}
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
