package ccurl

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// defaultPorts are the ports that need not be written, by scheme.
var defaultPorts = map[string]string{"https": "443", "http": "80", "ssh": "22"}

// parseHierarchical handles https://, http:// and ssh:// URLs. scheme is
// the lower-cased scheme ("ssh" for its git+ssh spellings). r.Scheme is
// already set; it becomes SchemeOther if the URL cannot be parsed.
func parseHierarchical(r *Remote, s, scheme string) {
	u, err := url.Parse(s)
	if err != nil {
		r.Scheme = SchemeOther
		r.addProblem(CodeNotAURL, "the "+scheme+" URL cannot be parsed: it "+describeParseError(err))
		return
	}
	helper := scheme != "ssh"
	recordUserInfo(r, u.User, helper)
	if port := u.Port(); port != "" {
		r.Port = port
		if port != defaultPorts[scheme] {
			r.addProblem(CodeUnusualPort, fmt.Sprintf("explicit port %s: CodeCommit's %s endpoint listens on port %s only", port, scheme, defaultPorts[scheme]))
		}
	}
	analyzeHost(r, u.Hostname(), u.Host, helper)
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.HasSuffix(s, "#") {
		r.addProblem(CodeQueryOrFragment, "the URL has a ?query or #fragment, which CodeCommit Git URLs never have")
	}
	analyzeRepoPath(r, u.EscapedPath(), true)
}

// recordUserInfo notes the user name and password of a URL. helper is true
// for http(s), where git consults credential helpers.
func recordUserInfo(r *Remote, ui *url.Userinfo, helper bool) {
	if ui == nil {
		return
	}
	r.HasUserInfo = true
	r.Username = redactUsername(ui.Username())
	_, r.HasPassword = ui.Password()
	switch {
	case r.HasPassword && helper:
		r.addProblem(CodeCredentialsInURL, "the URL contains a password: git uses it as is and never asks the AWS credential helper, so once it is wrong or expired every request fails with 403; remove the user info (git remote set-url) and rotate the password if it was real")
	case r.HasPassword:
		r.addProblem(CodeCredentialsInURL, "the URL contains a password, which ssh never uses; remove it and rotate it if it was real")
	case helper:
		r.addProblem(CodeUsernameInURL, fmt.Sprintf("the URL contains the user name %q: git passes it to credential helpers, and helpers that store passwords file them under it; CodeCommit HTTPS URLs normally carry none", r.Username))
	}
}

// describeParseError names what is wrong with a URL without quoting any of
// it: url.Error and some of its causes embed the URL, which can hold a
// password.
func describeParseError(err error) string {
	var escErr url.EscapeError
	var hostErr url.InvalidHostError
	msg := err.Error()
	switch {
	case errors.As(err, &escErr):
		return "has a malformed %-escape"
	case errors.As(err, &hostErr):
		return "has an invalid character in the host"
	case strings.Contains(msg, "invalid port"):
		return "has an invalid port"
	case strings.Contains(msg, "invalid userinfo"):
		return "has invalid characters before '@'"
	default:
		return "is malformed"
	}
}
