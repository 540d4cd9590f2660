package ccurl

// Stable Problem codes.
const (
	// CodeEmptyURL: the input is empty.
	CodeEmptyURL = "empty-url"
	// CodeWhitespace: the input has leading or trailing white space.
	CodeWhitespace = "surrounding-whitespace"
	// CodeNotAURL: the input cannot be parsed as a URL at all.
	CodeNotAURL = "not-a-url"
	// CodeLocalPath: the input is a local path (git would not go to CodeCommit).
	CodeLocalPath = "local-path"
	// CodeUnsupportedScheme: a protocol or remote helper other than https,
	// ssh or codecommit.
	CodeUnsupportedScheme = "unsupported-scheme"
	// CodeUppercaseScheme: git looks up transports case-sensitively, so
	// HTTPS:// or SSH:// fails with "'remote-HTTPS' is not a git command".
	CodeUppercaseScheme = "uppercase-scheme"
	// CodeHTTPNotHTTPS: http:// instead of https://.
	CodeHTTPNotHTTPS = "http-not-https"
	// CodeCredentialsInURL: the URL contains a password; git uses it and
	// never asks a credential helper, so it goes stale and 403s.
	CodeCredentialsInURL = "credentials-in-url"
	// CodeUsernameInURL: an https URL carries a user name.
	CodeUsernameInURL = "username-in-url"
	// CodeTrailingSlash: /v1/repos/NAME/ names a repository that does not exist.
	CodeTrailingSlash = "trailing-slash"
	// CodeGitSuffix: CodeCommit repository names cannot end in .git.
	CodeGitSuffix = "git-suffix"
	// CodeBadPath: the path is not /v1/repos/NAME (or, for codecommit://,
	// there is more than a repository name).
	CodeBadPath = "bad-path"
	// CodeNoRepository: no repository name.
	CodeNoRepository = "no-repository"
	// CodeInvalidRepositoryName: the name breaks CodeCommit's naming rules.
	CodeInvalidRepositoryName = "invalid-repository-name"
	// CodeQueryOrFragment: the URL has a ?query or #fragment.
	CodeQueryOrFragment = "query-or-fragment"
	// CodeNotCodeCommitHost: the host is not a CodeCommit Git endpoint.
	CodeNotCodeCommitHost = "not-codecommit-host"
	// CodeHelperIgnoresHost: the AWS CLI credential helper will not answer
	// for this host (it needs "amazonaws.com" or "amazon.com", case-sensitive).
	CodeHelperIgnoresHost = "helper-ignores-host"
	// CodeUppercaseHost: the host has upper-case letters, which defeats the
	// AWS CLI helper's case-sensitive host check and region regex.
	CodeUppercaseHost = "uppercase-host"
	// CodeRegionNotInHost: a CodeCommit-looking host that names no region.
	CodeRegionNotInHost = "region-not-in-host"
	// CodeRegionUnsupported: the region is not one where CodeCommit exists.
	CodeRegionUnsupported = "region-unsupported"
	// CodeFIPSUnavailable: a FIPS host in a region without a FIPS endpoint.
	CodeFIPSUnavailable = "fips-unavailable"
	// CodeChinaHostMismatch: a China region without .amazonaws.com.cn, or
	// the reverse.
	CodeChinaHostMismatch = "china-host-mismatch"
	// CodeBadVPCEHost: a VPC endpoint host missing either the vpce- prefix
	// or the .vpce. label.
	CodeBadVPCEHost = "bad-vpce-host"
	// CodeUnusualPort: an explicit port other than the protocol's default.
	CodeUnusualPort = "unusual-port"
	// CodeEmptyProfile: codecommit://@REPO names an empty profile.
	CodeEmptyProfile = "empty-profile"
	// CodeMissingHelperPrefix: REGION://REPO without the "codecommit::"
	// prefix that makes git call git-remote-codecommit.
	CodeMissingHelperPrefix = "missing-helper-prefix"
)

// IsRegionProblem reports whether a problem code is about the region (the
// `region` check reports those; the `remote` check the rest).
func IsRegionProblem(code string) bool {
	switch code {
	case CodeRegionNotInHost, CodeRegionUnsupported, CodeFIPSUnavailable, CodeChinaHostMismatch:
		return true
	}
	return false
}
