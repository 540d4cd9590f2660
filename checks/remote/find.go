package remote

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"

	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// findTarget works out which repository to diagnose. It returns either a
// target or a finding saying why there is none.
func findTarget(ctx context.Context, env *checks.Env) (*checks.Target, *checks.Finding, error) {
	if raw := env.Options.RepoURL; raw != "" {
		return &checks.Target{URL: ccurl.Parse(raw), Source: "argument"}, nil, nil
	}
	top, inClone, err := gitOut(ctx, env, "", "rev-parse", "--show-toplevel")
	if err != nil {
		if sys.IsNotFound(err) {
			return nil, &checks.Finding{Code: "no-target", Severity: checks.Skip, Message: checks.NoTargetReason + " (git is not installed, so no clone can be read)"}, nil
		}
		return nil, nil, err
	}
	if !inClone {
		return nil, &checks.Finding{Code: "no-target", Severity: checks.Skip, Message: checks.NoTargetReason}, nil
	}
	remotes, branchRemote, err := readRemotes(ctx, env, top)
	if err != nil {
		return nil, nil, err
	}
	name, f := chooseRemote(env.Options.Remote, remotes, branchRemote)
	if f != nil {
		return nil, f, nil
	}
	// `git remote get-url` applies url.<base>.insteadOf, as fetch does.
	url, ok, err := gitOut(ctx, env, top, "remote", "get-url", name)
	if err != nil {
		return nil, nil, err
	}
	if !ok || url == "" {
		url = remotes[name]
	}
	return &checks.Target{URL: ccurl.Parse(url), Source: "remote:" + name, RemoteName: name, Dir: top}, nil, nil
}

// readRemotes returns the clone's remotes (name -> URL) and the remote the
// current branch tracks.
func readRemotes(ctx context.Context, env *checks.Env, dir string) (map[string]string, string, error) {
	out, _, err := gitOut(ctx, env, dir, "config", "-z", "--get-regexp", `^remote\..*\.url$`)
	if err != nil {
		return nil, "", err
	}
	remotes := map[string]string{}
	for rec := range strings.SplitSeq(out, "\x00") {
		key, val, ok := strings.Cut(rec, "\n")
		if !ok {
			continue
		}
		name := strings.TrimSuffix(strings.TrimPrefix(key, "remote."), ".url")
		if _, seen := remotes[name]; !seen {
			remotes[name] = val
		}
	}
	branch, ok, err := gitOut(ctx, env, dir, "symbolic-ref", "-q", "--short", "HEAD")
	if err != nil || !ok || branch == "" {
		return remotes, "", err
	}
	tracked, _, err := gitOut(ctx, env, dir, "config", "--get", "branch."+branch+".remote")
	return remotes, tracked, err
}

// chooseRemote picks --remote, else the tracked remote, else origin, else
// the first CodeCommit remote, else the first remote.
func chooseRemote(flag string, remotes map[string]string, tracked string) (string, *checks.Finding) {
	names := make([]string, 0, len(remotes))
	for n := range remotes {
		names = append(names, n)
	}
	sort.Strings(names)
	if flag != "" {
		if _, ok := remotes[flag]; ok {
			return flag, nil
		}
		return "", &checks.Finding{Code: "remote-not-found", Severity: checks.Fail,
			Message:     fmt.Sprintf("This clone has no remote %q (it has: %s).", flag, listOrNone(names)),
			Remediation: []string{"git remote -v"}}
	}
	if len(remotes) == 0 {
		return "", &checks.Finding{Code: "no-target", Severity: checks.Skip, Message: checks.NoTargetReason + " (this clone has no remotes)"}
	}
	if _, ok := remotes[tracked]; ok && tracked != "" {
		return tracked, nil
	}
	if _, ok := remotes["origin"]; ok {
		return "origin", nil
	}
	for _, n := range names {
		if u := ccurl.Parse(remotes[n]); u.Scheme != ccurl.SchemeOther && u.Repository != "" {
			return n, nil
		}
	}
	return names[0], nil
}

func listOrNone(names []string) string {
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}
