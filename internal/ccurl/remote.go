package ccurl

// Scheme values reported in Remote.Scheme.
const (
	// SchemeHTTPS is an https:// URL (the AWS CLI credential helper path).
	SchemeHTTPS = "https"
	// SchemeCodeCommit is a git-remote-codecommit URL (codecommit://...).
	SchemeCodeCommit = "codecommit"
	// SchemeSSH is an ssh:// or scp-like (user@host:path) URL.
	SchemeSSH = "ssh"
	// SchemeOther is anything else: local paths, http://, other protocols,
	// unparsable text. Problems says why.
	SchemeOther = "other"
)

// Redacted replaces secrets in Remote.Display and Remote.Username.
const Redacted = "REDACTED"

// Problem is one thing wrong (or worth knowing) about a remote URL.
type Problem struct {
	// Code is a stable kebab-case identifier; see the Code* constants.
	Code string `json:"code"`
	// Message explains the problem for a human. It never contains a secret.
	Message string `json:"message"`
}

// Remote is the result of parsing a remote URL.
type Remote struct {
	// Raw is the input exactly as given. It may contain a password or a
	// session token: never print or log it, use Display.
	Raw string `json:"-"`
	// Display is Raw with any password, session token, query and fragment
	// replaced by Redacted. Safe to print.
	Display string `json:"display"`
	// Scheme is one of SchemeHTTPS, SchemeCodeCommit, SchemeSSH, SchemeOther.
	Scheme string `json:"scheme"`
	// Host is the host as written in the URL (case preserved, no port, no
	// user info). Empty for codecommit:// URLs, whose host is derived from
	// the region by git-remote-codecommit.
	Host string `json:"host,omitempty"`
	// Port is the explicit port, if any.
	Port string `json:"port,omitempty"`
	// Region is the AWS Region named by the host or by codecommit::REGION://,
	// lower-cased. Empty when the URL does not name one (codecommit:// takes
	// it from the profile).
	Region string `json:"region,omitempty"`
	// Repository is the CodeCommit repository name the URL means, with a
	// trailing slash or ".git" suffix removed (both are reported as Problems).
	Repository string `json:"repository,omitempty"`
	// Profile is the AWS profile named in a codecommit:// URL.
	Profile string `json:"profile,omitempty"`
	// Username is the user name in the URL's user info (for SSH, the SSH key
	// ID). Anything after a '%' (a session token) is replaced by Redacted.
	Username string `json:"username,omitempty"`
	// FIPS is true for git-codecommit-fips hosts.
	FIPS bool `json:"fips,omitempty"`
	// VPCEndpoint is true for vpce-...vpce.amazonaws.com hosts.
	VPCEndpoint bool `json:"vpcEndpoint,omitempty"`
	// China is true for .amazonaws.com.cn hosts.
	China bool `json:"china,omitempty"`
	// HasUserInfo is true when the URL carries user info (user@ or
	// user:password@; for codecommit:// URLs, PROFILE@).
	HasUserInfo bool `json:"hasUserInfo,omitempty"`
	// HasPassword is true when that user info includes a password.
	HasPassword bool `json:"hasPassword,omitempty"`
	// Problems lists everything wrong or notable, in a stable order.
	Problems []Problem `json:"problems,omitempty"`
}

// HasProblem reports whether r carries a Problem with the given code.
func (r Remote) HasProblem(code string) bool {
	for _, p := range r.Problems {
		if p.Code == code {
			return true
		}
	}
	return false
}

func (r *Remote) addProblem(code, message string) {
	r.Problems = append(r.Problems, Problem{Code: code, Message: message})
}
