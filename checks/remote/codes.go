package remote

import (
	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
)

// urlDocs documents every URL problem the remote check reports, one entry
// per code (the region problems are the region check's).
func urlDocs() []checks.FindingDoc {
	return []checks.FindingDoc{
		{Code: "url-" + ccurl.CodeEmptyURL, Severity: checks.Fail, Meaning: "The input is empty."},
		{Code: "url-" + ccurl.CodeWhitespace, Severity: checks.Warn, Meaning: "The input has leading or trailing white space."},
		{Code: "url-" + ccurl.CodeNotAURL, Severity: checks.Fail, Meaning: "The input cannot be parsed as a URL at all."},
		{Code: "url-" + ccurl.CodeLocalPath, Severity: checks.Fail, Meaning: "The input is a local path (git would not go to CodeCommit)."},
		{Code: "url-" + ccurl.CodeUnsupportedScheme, Severity: checks.Fail, Meaning: "A protocol or remote helper other than https, ssh or codecommit."},
		{Code: "url-" + ccurl.CodeUppercaseScheme, Severity: checks.Fail, Meaning: "Git looks up transports case-sensitively, so HTTPS:// or SSH:// fails with \"'remote-HTTPS' is not a git command\"."},
		{Code: "url-" + ccurl.CodeHTTPNotHTTPS, Severity: checks.Fail, Meaning: "Http:// instead of https://."},
		{Code: "url-" + ccurl.CodeCredentialsInURL, Severity: checks.Fail, Meaning: "The URL contains a password; git uses it and never asks a credential helper, so it goes stale and 403s."},
		{Code: "url-" + ccurl.CodeUsernameInURL, Severity: checks.Warn, Meaning: "An https URL carries a user name."},
		{Code: "url-" + ccurl.CodeTrailingSlash, Severity: checks.Fail, Meaning: "/v1/repos/NAME/ names a repository that does not exist."},
		{Code: "url-" + ccurl.CodeGitSuffix, Severity: checks.Fail, Meaning: "CodeCommit repository names cannot end in .git."},
		{Code: "url-" + ccurl.CodeBadPath, Severity: checks.Fail, Meaning: "The path is not /v1/repos/NAME (or, for codecommit://, there is more than a repository name)."},
		{Code: "url-" + ccurl.CodeNoRepository, Severity: checks.Fail, Meaning: "No repository name."},
		{Code: "url-" + ccurl.CodeInvalidRepositoryName, Severity: checks.Fail, Meaning: "The name breaks CodeCommit's naming rules (an encoded slash %2F stays in the name). No URL is proposed, since encoding the name would keep it invalid: the step is to look the name up."},
		{Code: "url-" + ccurl.CodeQueryOrFragment, Severity: checks.Warn, Meaning: "The URL has a ?query or #fragment."},
		{Code: "url-" + ccurl.CodeNotCodeCommitHost, Severity: checks.Fail, Meaning: "The host is not a CodeCommit Git endpoint (GitHub, a custom name, the CodeCommit API host): there is no target and the repository checks are skipped. A URL is proposed only for the API host (its region's Git endpoint)."},
		{Code: "url-" + ccurl.CodeHelperIgnoresHost, Severity: checks.Fail, Meaning: "The AWS CLI credential helper will not answer for this host (it needs \"amazonaws.com\" or \"amazon.com\", case-sensitive)."},
		{Code: "url-" + ccurl.CodeUppercaseHost, Severity: checks.Warn, Meaning: "The host has upper-case letters, which defeats the AWS CLI helper's case-sensitive host check and region regex."},
		{Code: "url-" + ccurl.CodeBadVPCEHost, Severity: checks.Fail, Meaning: "A VPC endpoint host missing either the vpce- prefix or the .vpce. label."},
		{Code: "url-" + ccurl.CodeUnusualPort, Severity: checks.Warn, Meaning: "An explicit port other than the protocol's default."},
		{Code: "url-" + ccurl.CodeEmptyProfile, Severity: checks.Fail, Meaning: "Codecommit://@REPO names an empty profile."},
		{Code: "url-" + ccurl.CodeMissingHelperPrefix, Severity: checks.Fail, Meaning: "REGION://REPO without the \"codecommit::\" prefix that makes git call git-remote-codecommit."},
	}
}
