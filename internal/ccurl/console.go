package ccurl

import (
	"net/url"
	"strings"
)

// consoleDomains are the AWS Management Console's domains, by partition,
// optionally preceded by a REGION. label.
var consoleDomains = []string{"console.aws.amazon.com", "console.amazonaws.cn", "console.amazonaws-us-gov.com"}

// Console is a CodeCommit page of the AWS Management Console that names a
// repository, pasted where a clone URL belongs:
//
//	https://REGION.console.aws.amazon.com/codesuite/codecommit/repositories/NAME/browse?region=REGION
//	https://console.aws.amazon.com/codesuite/codecommit/repositories/NAME/setup?region=REGION
//	https://console.aws.amazon.com/codecommit/home?region=REGION#/repository/NAME/browse/HEAD/--/
type Console struct {
	// Repository is the name in the page's path, %-decoded, without a
	// ".git" suffix (the console never shows one; GitSuffix says it was
	// there).
	Repository string
	// GitSuffix is true when the name was written with ".git".
	GitSuffix bool
	// Region is the ?region= parameter, else the host's REGION. label,
	// lower-cased; empty when the URL names neither.
	Region string
	// Page is what follows the name ("browse", "setup",
	// "browse/refs/heads/main"), empty for the repository itself.
	Page string
}

// ParseConsole recognises a console page of a CodeCommit repository. ok is
// false for anything else, including console pages that name no
// repository (the list of repositories). Empty path segments (double
// slashes) are ignored, as the console ignores them.
func ParseConsole(raw string) (c Console, ok bool) {
	s := strings.TrimSpace(raw)
	if hasControl(s) {
		return Console{}, false
	}
	u, err := url.Parse(s)
	if err != nil || !strings.EqualFold(u.Scheme, "https") && !strings.EqualFold(u.Scheme, "http") {
		return Console{}, false
	}
	hostRegion, ok := consoleHost(strings.ToLower(u.Hostname()))
	if !ok {
		return Console{}, false
	}
	segs := segments(u.EscapedPath())
	switch {
	case len(segs) >= 4 && strings.EqualFold(segs[0], "codesuite") && strings.EqualFold(segs[1], "codecommit") &&
		strings.EqualFold(segs[2], "repositories"):
		segs = segs[3:]
	case len(segs) >= 2 && strings.EqualFold(segs[0], "codecommit") && strings.EqualFold(segs[1], "home"):
		// The older console keeps the page in the fragment: #/repository/NAME/...
		frag := segments(u.EscapedFragment())
		if len(frag) < 2 || !strings.EqualFold(frag[0], "repository") {
			return Console{}, false
		}
		segs = frag[1:]
	default:
		return Console{}, false
	}
	name, err := url.PathUnescape(segs[0])
	if err != nil || name == "" {
		return Console{}, false
	}
	if n := len(name); n > len(".git") && strings.EqualFold(name[n-len(".git"):], ".git") {
		c.GitSuffix = true
		name = name[:n-len(".git")]
	}
	c.Repository = name
	c.Page = strings.Join(segs[1:], "/")
	c.Region = strings.ToLower(strings.TrimSpace(u.Query().Get("region")))
	if c.Region == "" {
		c.Region = hostRegion
	}
	return c, true
}

// CloneURL is the repository's HTTPS clone URL, or "" when the region is
// unknown.
func (c Console) CloneURL() string {
	if c.Region == "" || c.Repository == "" {
		return ""
	}
	return HTTPSURL(c.Region, c.Repository)
}

// consoleHost reports whether host is the console, and the region its
// first label names, if any.
func consoleHost(host string) (region string, ok bool) {
	for _, d := range consoleDomains {
		if host == d {
			return "", true
		}
		if prefix, found := strings.CutSuffix(host, "."+d); found && LooksLikeRegion(prefix) {
			return prefix, true
		}
	}
	return "", false
}

// segments splits a path at its slashes, dropping empty segments.
func segments(p string) []string {
	var out []string
	for seg := range strings.SplitSeq(p, "/") {
		if seg != "" {
			out = append(out, seg)
		}
	}
	return out
}
