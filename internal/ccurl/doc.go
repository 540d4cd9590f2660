// Package ccurl understands every form of AWS CodeCommit remote URL and knows
// which AWS Regions have CodeCommit.
//
// Parse accepts whatever a user or `git remote -v` hands over: HTTPS URLs for
// the regional, FIPS, VPC-endpoint and China Git endpoints,
// git-remote-codecommit URLs (codecommit://PROFILE@REPO,
// codecommit::REGION://PROFILE@REPO), SSH URLs in both ssh:// and scp-like
// form, and anything else. It never fails: what it cannot use it reports as
// Problems with stable codes, and it always keeps a redacted Display form that
// is safe to print.
//
// The host rules used by the AWS CLI credential helper are mirrored exactly by
// RegionFromHost and IsAWSHelperHost, so the doctor can predict what the helper
// will do for a given URL.
package ccurl
