package ccurl

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// repoNameRE is CodeCommit's rule for repository names: letters, digits,
// '.', '_' and '-', 1 to 100 characters.
var repoNameRE = regexp.MustCompile(`^[A-Za-z0-9._-]{1,100}$`)

// ValidRepositoryName reports whether name follows CodeCommit's rule for
// repository names: 1 to 100 letters, digits, '.', '_' or '-'.
func ValidRepositoryName(name string) bool { return repoNameRE.MatchString(name) }

// analyzeRepoPath checks a Git endpoint path (with a leading '/'), sets
// r.Repository and adds path Problems. With escaped, p is the path as
// written (%-escapes kept): it is split at its real slashes first and each
// segment decoded after, so an encoded slash (%2F) stays inside the
// repository name (an invalid name) instead of splitting off another
// repository's name.
func analyzeRepoPath(r *Remote, p string, escaped bool) {
	trimmed := strings.TrimRight(p, "/")
	trailing := len(trimmed) < len(p)
	segs := strings.Split(strings.TrimPrefix(trimmed, "/"), "/")
	if escaped {
		for i, seg := range segs {
			if dec, err := url.PathUnescape(seg); err == nil {
				segs[i] = dec
			}
		}
	}
	if trimmed == "" {
		r.addProblem(CodeNoRepository, "the URL has no path; a CodeCommit Git URL ends in /v1/repos/REPOSITORY")
		return
	}
	if len(segs) < 2 || !strings.EqualFold(segs[0], "v1") || !strings.EqualFold(segs[1], "repos") {
		r.addProblem(CodeBadPath, "the path is not of the form /v1/repos/REPOSITORY")
		return
	}
	if segs[0] != "v1" || segs[1] != "repos" {
		r.addProblem(CodeBadPath, "the path must start with /v1/repos/ in lower case, as CodeCommit shows it")
	}
	if len(segs) == 2 {
		r.addProblem(CodeNoRepository, "the URL ends at /v1/repos/ without a repository name")
		return
	}
	name := segs[2]
	if name == "" {
		r.addProblem(CodeBadPath, "the path has an empty segment after /v1/repos/")
		return
	}
	if extra := len(segs) - 3; extra > 0 {
		r.addProblem(CodeBadPath, fmt.Sprintf("the path has %d extra segment(s) after the repository name; a CodeCommit Git URL ends with /v1/repos/REPOSITORY", extra))
	}
	if trailing && len(segs) == 3 {
		r.addProblem(CodeTrailingSlash, "the URL ends with '/': CodeCommit treats /v1/repos/NAME/ as a different repository, which does not exist (repository not found); remove the trailing slash")
	}
	setRepository(r, name)
}

// setRepository records name as the repository, stripping a ".git" suffix
// (reported) and checking CodeCommit's naming rules.
func setRepository(r *Remote, name string) {
	if n := len(name); n >= len(".git") && strings.EqualFold(name[n-len(".git"):], ".git") {
		r.addProblem(CodeGitSuffix, "the repository name ends in .git: CodeCommit repository names cannot end in .git and the service does not strip it, so the repository will not be found; remove the suffix")
		name = name[:len(name)-len(".git")]
	}
	r.Repository = name
	if name == "" {
		r.addProblem(CodeNoRepository, "the URL names no repository")
		return
	}
	if !repoNameRE.MatchString(name) {
		r.addProblem(CodeInvalidRepositoryName, fmt.Sprintf("%q is not a valid CodeCommit repository name (1 to 100 letters, digits, '.', '_' or '-')", name))
	}
}
