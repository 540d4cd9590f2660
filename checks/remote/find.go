package remote

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"

	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// found is what findTarget works out: the target, or why there is none,
// plus what the summary should say about the choice.
type found struct {
	target   *checks.Target
	findings []checks.Finding // about the input (a console URL, no CodeCommit remote)
	skip     *checks.Finding  // no repository at all: the check is skipped
	noTarget string           // why the URL or the clone gives no CodeCommit target
	note     string           // appended to the summary: how the remote was chosen
}

// gitRemote is one remote of the clone, its URL as git fetch uses it.
type gitRemote struct {
	name string
	url  ccurl.Remote
}

// findTarget works out which repository to diagnose: the argument, else a
// CodeCommit remote of the clone.
func findTarget(ctx context.Context, env *checks.Env) (found, error) {
	if t := env.Options.Target; t != nil {
		return fromURL(env, t.URL, t.Source, t.RemoteName, t.Dir), nil
	}
	if raw := env.Options.RepoURL; raw != "" {
		return fromURL(env, raw, "argument", "", ""), nil
	}
	dir, inClone, err := cloneDir(ctx, env, "")
	if de := (*DubiousOwnershipError)(nil); errors.As(err, &de) {
		return found{findings: []checks.Finding{dubiousFinding(env, de)}, noTarget: "git refuses the clone here (dubious ownership)"}, nil
	}
	if err != nil {
		if sys.IsNotFound(err) {
			return found{skip: &checks.Finding{Code: "no-target", Severity: checks.Skip, Message: checks.NoTargetReason + " (git is not installed, so no clone can be read)"}}, nil
		}
		return found{}, err
	}
	if !inClone {
		return found{skip: &checks.Finding{Code: "no-target", Severity: checks.Skip, Message: checks.NoTargetReason}}, nil
	}
	remotes, tracked, err := readRemotes(ctx, env, dir)
	if err != nil {
		return found{}, err
	}
	return chooseRemote(env, dir, env.Options.Remote, remotes, tracked), nil
}

// fromURL makes the target of one URL. A console page is turned into its
// clone URL; a URL that is not CodeCommit's gives no target.
func fromURL(env *checks.Env, raw, source, remoteName, dir string) found {
	var f found
	if c, ok := ccurl.ParseConsole(raw); ok {
		if c.Region == "" && env.Options.Region != "" {
			c.Region = strings.ToLower(env.Options.Region)
		}
		finding := consoleFinding(c, source, remoteName)
		f.findings = append(f.findings, finding)
		clone := c.CloneURL()
		if clone == "" {
			f.noTarget = "the console URL names no region (pass --region REGION or the clone URL)"
			return f
		}
		raw, source = clone, source+" (console URL)"
	}
	u := ccurl.Parse(raw)
	if !u.IsCodeCommit() {
		f.target = &checks.Target{URL: u, Source: source, RemoteName: remoteName, Dir: dir}
		f.noTarget = notCodeCommitReason(u)
		return f
	}
	f.target = &checks.Target{URL: u, Source: source, RemoteName: remoteName, Dir: dir}
	return f
}

// notCodeCommitReason completes "no CodeCommit repository to diagnose: ".
func notCodeCommitReason(u ccurl.Remote) string {
	if u.Host != "" {
		return fmt.Sprintf("%s is not a CodeCommit Git endpoint", u.Host)
	}
	return fmt.Sprintf("%s is not a CodeCommit URL", u.Display)
}

// cloneDir finds the clone around at ("" = the current directory): its top
// level, or for a bare (or mirror) clone its git directory.
func cloneDir(ctx context.Context, env *checks.Env, at string) (string, bool, error) {
	run, err := env.Sys.Run(ctx, sys.Command{Name: "git", Args: []string{"rev-parse", "--is-bare-repository", "--absolute-git-dir"}, Dir: at})
	if err != nil {
		return "", false, fmt.Errorf("reading the clone's remotes: %w", err)
	}
	if run.ExitCode != 0 {
		if de, ok := dubiousOwnership(run.Stderr); ok {
			return "", false, de
		}
		return "", false, nil
	}
	bare, gitDir, _ := strings.Cut(strings.TrimSpace(run.Stdout), "\n")
	if strings.TrimSpace(bare) == "true" {
		return strings.TrimSpace(gitDir), true, nil
	}
	top, ok, err := gitOut(ctx, env, at, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", false, err
	}
	if !ok || top == "" {
		// Inside the .git directory of a clone with a work tree.
		return strings.TrimSpace(gitDir), true, nil
	}
	return top, true, nil
}

// readRemotes returns the clone's remotes in git's config order, each with
// its URL as fetch uses it (`git remote get-url` applies insteadOf), and
// the remote the current branch tracks.
func readRemotes(ctx context.Context, env *checks.Env, dir string) ([]gitRemote, string, error) {
	out, _, err := gitOut(ctx, env, dir, "config", "-z", "--get-regexp", `^remote\..*\.url$`)
	if err != nil {
		return nil, "", err
	}
	var remotes []gitRemote
	for rec := range strings.SplitSeq(out, "\x00") {
		key, val, ok := strings.Cut(rec, "\n")
		if !ok {
			continue
		}
		name := strings.TrimSuffix(strings.TrimPrefix(key, "remote."), ".url")
		if slices.ContainsFunc(remotes, func(r gitRemote) bool { return r.name == name }) {
			continue
		}
		url, ok, err := gitOut(ctx, env, dir, "remote", "get-url", name)
		if err != nil {
			return nil, "", err
		}
		if !ok || url == "" {
			url = val
		}
		remotes = append(remotes, gitRemote{name: name, url: ccurl.Parse(url)})
	}
	branch, ok, err := gitOut(ctx, env, dir, "symbolic-ref", "-q", "--short", "HEAD")
	if err != nil || !ok || branch == "" {
		return remotes, "", err
	}
	tracked, _, err := gitOut(ctx, env, dir, "config", "--get", "branch."+branch+".remote")
	return remotes, tracked, err
}

// chooseRemote picks --remote, else the tracked remote if it is
// CodeCommit, else origin if it is, else the first CodeCommit remote in
// git's config order. With no CodeCommit remote there is no target.
func chooseRemote(env *checks.Env, dir, flag string, remotes []gitRemote, tracked string) found {
	byName := func(n string) (gitRemote, bool) {
		i := slices.IndexFunc(remotes, func(r gitRemote) bool { return r.name == n })
		if i < 0 || n == "" {
			return gitRemote{}, false
		}
		return remotes[i], true
	}
	use := func(r gitRemote) found {
		return fromURL(env, r.url.Raw, "remote:"+r.name, r.name, dir)
	}
	if flag != "" {
		if r, ok := byName(flag); ok {
			return use(r)
		}
		return found{findings: []checks.Finding{{Code: "remote-not-found", Severity: checks.Fail,
			Message:     fmt.Sprintf("This clone has no remote %q (it has: %s).", flag, listOrNone(names(remotes))),
			Remediation: []string{"git remote -v"}}}, noTarget: fmt.Sprintf("this clone has no remote %q", flag)}
	}
	if len(remotes) == 0 {
		return found{skip: &checks.Finding{Code: "no-target", Severity: checks.Skip, Message: checks.NoTargetReason + " (this clone has no remotes)"}}
	}
	var cc []gitRemote
	for _, r := range remotes {
		if isCodeCommitRemote(r) {
			cc = append(cc, r)
		}
	}
	if len(cc) == 0 {
		return found{findings: []checks.Finding{noCodeCommitRemote(remotes)},
			noTarget: "none of this clone's remotes is CodeCommit (" + describeRemotes(remotes) + ")"}
	}
	chosen, why := cc[0], ""
	if r, ok := byName(tracked); ok && isCodeCommitRemote(r) {
		chosen, why = r, "the current branch tracks it"
	} else if r, ok := byName("origin"); ok && isCodeCommitRemote(r) {
		chosen = r
	}
	f := use(chosen)
	var notes []string
	if why != "" && len(cc) > 1 {
		notes = append(notes, why)
	}
	if o, ok := byName("origin"); ok && !isCodeCommitRemote(o) {
		notes = append(notes, "origin is "+hostOrURL(o.url)+", not CodeCommit")
	} else if t, ok := byName(tracked); ok && !isCodeCommitRemote(t) {
		notes = append(notes, "the tracked remote "+t.name+" is "+hostOrURL(t.url)+", not CodeCommit")
	}
	if len(cc) > 1 {
		var others []string
		for _, r := range cc {
			if r.name != chosen.name {
				others = append(others, r.name)
			}
		}
		notes = append(notes, "also CodeCommit: "+strings.Join(others, ", ")+"; pick one with --remote NAME")
	}
	f.note = strings.Join(notes, "; ")
	return f
}

// isCodeCommitRemote reports whether the remote points at CodeCommit, also
// through a pasted console URL.
func isCodeCommitRemote(r gitRemote) bool {
	if _, ok := ccurl.ParseConsole(r.url.Raw); ok {
		return true
	}
	return r.url.IsCodeCommit()
}

// noCodeCommitRemote is the finding for a clone without a CodeCommit
// remote: it lists the remotes and proposes nothing for their hosts.
func noCodeCommitRemote(remotes []gitRemote) checks.Finding {
	return checks.Finding{Code: "no-codecommit-remote", Severity: checks.Fail,
		Message: "None of this clone's remotes points at CodeCommit: " + describeRemotes(remotes) +
			". This doctor diagnoses CodeCommit only, so the repository checks are skipped.",
		Remediation: []string{
			"To diagnose a CodeCommit repository, pass its clone URL: codecommit-doctor https://git-codecommit.REGION.amazonaws.com/v1/repos/NAME",
			"To use it from this clone, add it as a remote (git remote add NAME URL) and run the doctor again with --remote NAME",
		}}
}

// describeRemotes lists the remotes with their hosts: "origin (github.com),
// backup (/srv/git/app.git)".
func describeRemotes(remotes []gitRemote) string {
	var parts []string
	for _, r := range remotes {
		parts = append(parts, r.name+" ("+hostOrURL(r.url)+")")
	}
	return strings.Join(parts, ", ")
}

func hostOrURL(u ccurl.Remote) string {
	if u.Host != "" {
		return u.Host
	}
	return u.Display
}

func names(remotes []gitRemote) []string {
	var out []string
	for _, r := range remotes {
		out = append(out, r.name)
	}
	slices.Sort(out)
	return out
}

func listOrNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
