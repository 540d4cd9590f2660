package ccurl

import (
	"regexp"
	"strings"
)

// schemeRE is the shape of a URL scheme (RFC 3986, as git checks it).
var schemeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*$`)

// helperPrefixRE matches git's "HELPER::ADDRESS" remote-helper syntax.
var helperPrefixRE = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.-]*)::`)

// driveRE matches a Windows drive-letter path.
var driveRE = regexp.MustCompile(`^[A-Za-z]:([\\/]|$)`)

// Parse parses a CodeCommit remote URL in any of its forms. It never fails
// and never panics: whatever is wrong is reported in Remote.Problems, and
// input that is not a CodeCommit URL gets Scheme "other" with a Problem that
// says why.
func Parse(raw string) Remote {
	r := Remote{Raw: raw}
	s := strings.TrimSpace(raw)
	r.Display = sanitize(redact(s))
	switch {
	case s == "":
		r.Scheme = SchemeOther
		r.addProblem(CodeEmptyURL, "the URL is empty")
		return r
	case hasControl(s):
		r.Scheme = SchemeOther
		r.addProblem(CodeNotAURL, "the URL contains control characters (such as a newline); git refuses such URLs")
		return r
	}
	if s != raw {
		r.addProblem(CodeWhitespace, "the URL has leading or trailing white space (ignored here); git keeps it when the config value is quoted, and then cannot use the URL")
	}
	dispatch(&r, s)
	return r
}

// dispatch picks the parser for s by its form, in the order git does.
func dispatch(r *Remote, s string) {
	lower := strings.ToLower(s)
	if strings.HasPrefix(lower, "codecommit::") || strings.HasPrefix(lower, "codecommit://") {
		checkSchemeCase(r, s[:len("codecommit")])
		parseGRC(r, s)
		return
	}
	if m := helperPrefixRE.FindStringSubmatch(s); m != nil {
		r.Scheme = SchemeOther
		r.addProblem(CodeUnsupportedScheme, "git hands this URL to a remote helper named git-remote-"+m[1]+", not to CodeCommit's https, ssh or codecommit transports")
		return
	}
	if scheme, _, ok := strings.Cut(s, "://"); ok && schemeRE.MatchString(scheme) {
		dispatchScheme(r, s, scheme)
		return
	}
	colon := strings.IndexByte(s, ':')
	slash := strings.IndexByte(s, '/')
	if colon < 0 || (slash >= 0 && slash < colon) || driveRE.MatchString(s) {
		r.Scheme = SchemeOther
		r.addProblem(CodeLocalPath, "this is not a URL: git treats it as a local path")
		return
	}
	if colon == 0 {
		r.Scheme = SchemeOther
		r.addProblem(CodeNotAURL, "the URL starts with ':' and names no host")
		return
	}
	parseSCP(r, s, colon)
}

// dispatchScheme handles SCHEME://... URLs.
func dispatchScheme(r *Remote, s, scheme string) {
	ls := strings.ToLower(scheme)
	switch ls {
	case "https":
		r.Scheme = SchemeHTTPS
		checkSchemeCase(r, scheme)
		parseHierarchical(r, s, ls)
	case "http":
		r.Scheme = SchemeOther
		checkSchemeCase(r, scheme)
		r.addProblem(CodeHTTPNotHTTPS, "http:// is not encrypted and CodeCommit serves Git only over HTTPS: use https://")
		parseHierarchical(r, s, ls)
	case "ssh", "git+ssh", "ssh+git":
		r.Scheme = SchemeSSH
		checkSchemeCase(r, scheme)
		parseHierarchical(r, s, "ssh")
	case "file":
		r.Scheme = SchemeOther
		r.addProblem(CodeLocalPath, "file:// URLs name a local repository, not CodeCommit")
	default:
		if LooksLikeRegion(ls) {
			parseGRC(r, s)
			r.addProblem(CodeMissingHelperPrefix, "REGION://REPOSITORY is what git hands to git-remote-codecommit after removing \"codecommit::\"; as a remote URL git would look for a helper named git-remote-"+ls+": write codecommit::"+ls+"://...")
			return
		}
		r.Scheme = SchemeOther
		r.addProblem(CodeUnsupportedScheme, "the "+ls+":// protocol is not one CodeCommit serves (use https://, ssh:// or codecommit://)")
	}
}

// checkSchemeCase reports a scheme or helper name with upper-case letters:
// git looks transports and remote helpers up case-sensitively.
func checkSchemeCase(r *Remote, scheme string) {
	if scheme != strings.ToLower(scheme) {
		r.addProblem(CodeUppercaseScheme, "git looks up \""+scheme+"\" case-sensitively and fails with \"'remote-"+scheme+"' is not a git command\": write it in lower case")
	}
}

// hasControl reports whether s contains an ASCII control character.
func hasControl(s string) bool {
	return strings.IndexFunc(s, isControl) >= 0
}

func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f
}

// sanitize replaces control characters so Display is safe for a terminal.
func sanitize(s string) string {
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return '?'
		}
		return r
	}, s)
}
