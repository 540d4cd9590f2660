package region

import (
	"fmt"

	"github.com/codecommit-doctor/codecommit-doctor/checks"

	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/shellword"
)

// grcRegionMissing is region-missing for a codecommit:// URL: git-remote-codecommit
// takes the region from codecommit::REGION://, else AWS_DEFAULT_REGION, else
// the profile, and stops with "The following profile does not have an AWS
// Region". AWS_REGION does not count.
func grcRegionMissing(env *checks.Env, t *checks.Target, profile string) checks.Finding {
	u := t.URL
	msg := fmt.Sprintf("git-remote-codecommit finds no region: the URL has no codecommit::REGION://, AWS_DEFAULT_REGION is not set and the profile %q sets none, so it stops with \"The following profile does not have an AWS Region\".", profile)
	if v := env.Sys.Getenv("AWS_REGION"); v != "" {
		msg += fmt.Sprintf(" AWS_REGION=%s is set, but git-remote-codecommit never reads it.", v)
	}
	repo := u.Repository
	if u.HasUserInfo {
		repo = u.Profile + "@" + repo
	}
	setURL := "git remote set-url " + orOrigin(t.RemoteName) + " codecommit::REGION://" + repo + "   # REGION: the repository's region"
	if t.RemoteName == "" {
		setURL = "Use the URL codecommit::REGION://" + repo + "   # REGION: the repository's region"
	}
	return checks.Finding{Code: "region-missing", Severity: checks.Fail, Message: msg,
		Remediation: []string{
			setURL,
			"or: aws configure set region REGION --profile " + shellword.POSIX(profile),
		},
		Docs: []string{remedy.GRCDocs, remedy.RegionsDocs}}
}

func orOrigin(name string) string {
	if name == "" {
		return "origin"
	}
	return name
}
