package ccurl

import (
	"fmt"
	"regexp"
	"strings"
)

// grcRegionRE is git-remote-codecommit's own test for a region in
// codecommit::REGION:// (Python re.match: anchored at the start only).
var grcRegionRE = regexp.MustCompile(`^[a-z]{2}-\w*.*-\d{1}`)

// grcFormats is the usage hint git-remote-codecommit prints.
const grcFormats = "codecommit://[PROFILE@]REPOSITORY or codecommit::REGION://[PROFILE@]REPOSITORY"

// parseGRC handles git-remote-codecommit URLs: codecommit://[PROFILE@]REPO,
// codecommit::REGION://[PROFILE@]REPO, and REGION://[PROFILE@]REPO (what git
// passes to the helper after removing "codecommit::"). It follows the
// helper's own parsing: Python's urlparse (scheme lower-cased; the netloc
// runs to the first of "/?#"), the profile before the first '@', and
// nothing after the netloc used at all.
func parseGRC(r *Remote, s string) {
	r.Scheme = SchemeCodeCommit
	body := s
	if len(body) >= len("codecommit::") && strings.EqualFold(body[:len("codecommit::")], "codecommit::") {
		body = body[len("codecommit::"):]
	}
	scheme, rest, ok := strings.Cut(body, "://")
	if !ok {
		r.addProblem(CodeBadPath, "git-remote-codecommit URLs look like "+grcFormats)
		return
	}
	if !grcRegion(r, strings.ToLower(scheme)) {
		return
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	netloc, tail := rest[:end], rest[end:]
	if netloc == "" {
		r.addProblem(CodeNoRepository, "the URL names no repository; git-remote-codecommit URLs look like "+grcFormats)
		return
	}
	repo := grcProfile(r, netloc)
	if looksLikeHost(repo) {
		r.addProblem(CodeBadPath, grcHostHint(repo, tail))
	} else if tail != "" && tail != "/" {
		r.addProblem(CodeBadPath, "git-remote-codecommit uses only the text between \"://\" and the first '/', '?' or '#' as the repository name and ignores the rest")
	}
	setRepository(r, repo)
}

// grcRegion checks the part before "://"; it reports false when the URL is
// unusable.
func grcRegion(r *Remote, scheme string) bool {
	switch {
	case scheme == "codecommit":
		return true // the region comes from the profile
	case grcRegionRE.MatchString(scheme):
		r.Region = scheme
		if !RegionSupported(scheme) {
			r.addProblem(CodeRegionUnsupported, fmt.Sprintf("git-remote-codecommit refuses region %q: CodeCommit is not available there", scheme))
		}
		return true
	default:
		r.addProblem(CodeRegionUnsupported, fmt.Sprintf("git-remote-codecommit expects an AWS region between \"codecommit::\" and \"://\", not %q", scheme))
		return false
	}
}

// grcProfile splits PROFILE@REPO at the first '@', records the profile and
// returns the repository part.
func grcProfile(r *Remote, netloc string) string {
	profile, repo, found := strings.Cut(netloc, "@")
	if !found {
		return netloc
	}
	r.HasUserInfo = true
	name, _, hasPassword := strings.Cut(profile, ":")
	r.Profile = name
	if hasPassword {
		r.HasPassword = true
		r.addProblem(CodeCredentialsInURL, "the part before '@' contains ':' like user:password: git-remote-codecommit takes all of it as a profile name, and a password does not belong in the URL; use codecommit://PROFILE@REPOSITORY")
	}
	if profile == "" {
		r.addProblem(CodeEmptyProfile, "the profile before '@' is empty; git-remote-codecommit will not find it: drop the '@' to use the default profile")
	}
	return repo
}

// looksLikeHost reports whether a git-remote-codecommit repository part is
// really a host name (a pasted HTTPS URL).
func looksLikeHost(repo string) bool {
	l := strings.ToLower(repo)
	return strings.HasPrefix(l, "git-codecommit") || strings.Contains(l, "amazonaws.com")
}

// grcHostHint explains codecommit://HOST/v1/repos/NAME and suggests the
// intended URL when it can.
func grcHostHint(host, tail string) string {
	msg := "the repository part is a host name: git-remote-codecommit would look for a repository literally named that"
	region, ok := RegionFromHost(strings.ToLower(host))
	name, isRepoPath := strings.CutPrefix(tail, "/v1/repos/")
	name = strings.TrimSuffix(name, "/")
	if ok && isRepoPath && repoNameRE.MatchString(name) {
		return msg + fmt.Sprintf("; write codecommit::%s://%s", region, name)
	}
	return msg + "; write " + grcFormats
}
