// Package version parses the output of `git --version` and `aws --version`
// into semantic versions, and knows which git features are gated by version.
//
// The parsers accept the combined stdout+stderr text of the command (older
// AWS CLI v1 releases print their version on stderr). They tolerate leading
// and trailing whitespace, CRLF line endings, a byte-order mark, UTF-16 text
// written by Windows PowerShell, and extra lines before or after the version
// line (warnings, GIT_TRACE output). They never panic: anything they cannot
// read is reported as an error wrapping ErrUnrecognized.
package version

// MinGit is the oldest git release the doctor supports: the first one with
// credential helpers (git 1.7.9).
const MinGit = "1.7.9"

// MinAWSCLI is the oldest AWS CLI release the doctor supports: the first one
// with `aws codecommit credential-helper` (AWS CLI 1.7.38).
const MinAWSCLI = "1.7.38"
