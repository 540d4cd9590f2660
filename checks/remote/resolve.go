package remote

import (
	"context"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
)

// maxSubmoduleDepth bounds the recursion into submodules of submodules.
const maxSubmoduleDepth = 8

// Resolution is what a clone gives a run over several targets.
type Resolution struct {
	InClone bool                // at is inside a clone
	Dir     string              // the clone's top level (a bare clone's git directory)
	Targets []checks.TargetSpec // the repositories to diagnose, each once
	Remotes int                 // how many remotes the clone has
	Other   []string            // its remotes that are not CodeCommit: "origin (github.com)"
}

// Resolve finds the repositories to diagnose in the clone around at (""
// = the current directory): the remote the current branch tracks when it
// is CodeCommit, else every CodeCommit remote in git's config order (every
// one whatever the tracking when every is set, as `scan` wants), then the
// CodeCommit URLs of the clone's submodules, recursively through the
// submodules that are checked out. A relative submodule URL is resolved
// against the superproject's tracked remote, else origin, else its first
// CodeCommit remote. The same URL is diagnosed once.
func Resolve(ctx context.Context, env *checks.Env, at string, every bool) (Resolution, error) {
	dir, inClone, err := cloneDir(ctx, env, at)
	if err != nil || !inClone {
		return Resolution{}, err
	}
	res := Resolution{InClone: true, Dir: dir}
	remotes, tracked, err := readRemotes(ctx, env, dir)
	if err != nil {
		return res, err
	}
	res.Remotes = len(remotes)
	var cc []gitRemote
	for _, r := range remotes {
		if isCodeCommitRemote(r) {
			cc = append(cc, r)
		} else {
			res.Other = append(res.Other, r.name+" ("+hostOrURL(r.url)+")")
		}
	}
	if i := slices.IndexFunc(cc, func(r gitRemote) bool { return r.name == tracked }); i >= 0 && !every {
		cc = cc[i : i+1]
	}
	seen := map[string]bool{}
	for _, r := range cc {
		if !seen[r.url.Raw] {
			seen[r.url.Raw] = true
			res.Targets = append(res.Targets, checks.TargetSpec{URL: r.url.Raw, Source: "remote:" + r.name, RemoteName: r.name, Dir: dir})
		}
	}
	base := baseURL(remotes, tracked)
	subs, err := submodules(ctx, env, dir, "", base, 1, seen)
	if err != nil {
		return res, err
	}
	res.Targets = append(res.Targets, subs...)
	return res, nil
}

// baseURL is the URL relative submodule URLs are resolved against.
func baseURL(remotes []gitRemote, tracked string) string {
	for _, name := range []string{tracked, "origin"} {
		if i := slices.IndexFunc(remotes, func(r gitRemote) bool { return r.name == name && name != "" }); i >= 0 {
			return remotes[i].url.Raw
		}
	}
	for _, r := range remotes {
		if isCodeCommitRemote(r) {
			return r.url.Raw
		}
	}
	return ""
}

// submodules lists the CodeCommit submodules of the work tree dir (prefix
// is dir's path from the top clone, for the source), recursing into those
// checked out.
func submodules(ctx context.Context, env *checks.Env, dir, prefix, base string, depth int, seen map[string]bool) ([]checks.TargetSpec, error) {
	if depth > maxSubmoduleDepth || !env.Sys.FileExists(filepath.Join(dir, ".gitmodules")) {
		return nil, nil
	}
	out, ok, err := gitOut(ctx, env, dir, "config", "-z", "-f", ".gitmodules", "--get-regexp", `^submodule\..*\.(url|path)$`)
	if err != nil || !ok {
		return nil, err
	}
	type module struct{ name, url, path string }
	var mods []*module
	byName := map[string]*module{}
	for rec := range strings.SplitSeq(out, "\x00") {
		key, val, found := strings.Cut(rec, "\n")
		if !found {
			continue
		}
		rest := strings.TrimPrefix(key, "submodule.")
		i := strings.LastIndex(rest, ".")
		if i < 0 {
			continue
		}
		name, field := rest[:i], rest[i+1:]
		m := byName[name]
		if m == nil {
			m = &module{name: name}
			byName[name] = m
			mods = append(mods, m)
		}
		if field == "url" {
			m.url = val
		} else {
			m.path = val
		}
	}
	var specs []checks.TargetSpec
	for _, m := range mods {
		if m.path == "" || m.url == "" {
			continue
		}
		// An initialised submodule's URL in .git/config wins over .gitmodules.
		if local, ok, err := gitOut(ctx, env, dir, "config", "--get", "submodule."+m.name+".url"); err != nil {
			return nil, err
		} else if ok && local != "" {
			m.url = local
		}
		url := resolveRelative(base, m.url)
		if url == "" {
			continue
		}
		sub := filepath.Join(dir, filepath.FromSlash(m.path))
		checkedOut := env.Sys.FileExists(filepath.Join(sub, ".git"))
		where := dir
		if checkedOut {
			where = sub
		}
		if isCodeCommitRemote(gitRemote{url: ccurl.Parse(url)}) && !seen[url] {
			seen[url] = true
			specs = append(specs, checks.TargetSpec{URL: url, Source: "submodule:" + path.Join(prefix, m.path), Dir: where})
		}
		if checkedOut {
			nested, err := submodules(ctx, env, sub, path.Join(prefix, m.path), url, depth+1, seen)
			if err != nil {
				return nil, err
			}
			specs = append(specs, nested...)
		}
	}
	return specs, nil
}

// resolveRelative resolves a submodule URL that starts with ./ or ../
// against base as git does (the base is a directory: ../B beside
// .../repos/A is .../repos/B; beside codecommit::REGION://[PROFILE@]A it
// is codecommit::REGION://B, git dropping the profile with the last
// component); other URLs are returned as they are, and a relative one
// without a base, or climbing past the host, gives "".
func resolveRelative(base, rel string) string {
	if !strings.HasPrefix(rel, "./") && !strings.HasPrefix(rel, "../") {
		return rel
	}
	if base == "" {
		return ""
	}
	base = strings.TrimSuffix(base, "/")
	// A codecommit:// URL has no host: its first component after :// is
	// the repository, which ../ may replace.
	top := ""
	if strings.HasPrefix(strings.ToLower(base), "codecommit:") {
		if i := strings.Index(base, "://"); i >= 0 {
			top = base[:i+3]
		}
	}
	for {
		switch {
		case strings.HasPrefix(rel, "./"):
			rel = rel[2:]
		case strings.HasPrefix(rel, "../"):
			rel = rel[3:]
			i := strings.LastIndex(base, "/")
			if i < 0 || base[:i+1] != top && (strings.HasSuffix(base[:i], "/") || strings.HasSuffix(base[:i], ":")) {
				return "" // would climb past the host
			}
			base = base[:i]
			if top != "" && base+"/" == top {
				// At the repository level: one more ./ or ../ climbs out.
				if rel == "" || strings.HasPrefix(rel, "./") || strings.HasPrefix(rel, "../") {
					return ""
				}
				return top + rel
			}
		default:
			return base + "/" + rel
		}
	}
}
