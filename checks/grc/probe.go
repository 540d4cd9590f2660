package grc

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/checks"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
	"github.com/codecommit-doctor/codecommit-doctor/internal/probe"
	"github.com/codecommit-doctor/codecommit-doctor/internal/redact"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/signer"
)

// probeTimeout bounds reading git's settings and the one request.
const probeTimeout = 20 * time.Second

type probeResult struct {
	url   string
	keyID string // masked
	resp  *probe.Response
	err   error
}

// probeAsGRC sends GET info/refs?service=git-upload-pack with the user name
// and password git-remote-codecommit would put in its URL, through git's
// HTTP settings for https://HOST/v1/repos/NAME (git remote-http applies
// them to that URL).
func probeAsGRC(ctx context.Context, env *checks.Env, t *checks.Target, c grcContext, creds signer.Credentials) probeResult {
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	base := "https://" + c.Host + c.Path
	pr := probeResult{url: base + "/info/refs?service=git-upload-pack", keyID: redact.MaskAccessKeyID(creds.AccessKeyID)}
	s, err := probe.ReadSettings(ctx, env.Sys, probe.ReadOptions{URL: base, Dir: t.Dir, Remote: t.RemoteName})
	if err != nil {
		pr.err = fmt.Errorf("reading git's HTTP settings for %s: %w", base, err)
		return pr
	}
	client, err := probe.New(env.Sys, s)
	if err != nil {
		pr.err = err
		return pr
	}
	user, pass := signer.SignGRC(creds, c.Host, c.Path, c.Region, env.Sys.Now())
	resp, err := client.Do(ctx, probe.Request{URL: pr.url, Username: user, Password: pass}, env.Sys.Now)
	if err == nil || resp.Status != 0 {
		pr.resp = &resp
	}
	pr.err = err
	return pr
}

// probeFinding judges the answer.
func probeFinding(t *checks.Target, c grcContext, pr probeResult, id awsclient.Identity) (checks.Finding, bool) {
	if pr.resp == nil {
		return checks.Finding{}, false
	}
	signed := fmt.Sprintf("signed as git-remote-codecommit signs it for %s (%s) with %s (profile %q, %s)", c.Region, c.RegionSource, pr.keyID, c.Profile, c.ProfileSource)
	body := strings.TrimSpace(checks.Excerpt(pr.resp.Body))
	switch st := pr.resp.Status; {
	case st/100 == 2:
		return checks.Finding{Code: codeProbeOK, Severity: checks.Pass,
			Message: fmt.Sprintf("GET %s, %s, got %d %s.", pr.url, signed, st, pr.resp.Reason)}, true
	case st == 403 || st == 401:
		account, who := "ACCOUNT", "IDENTITY_ARN"
		if id.ARN != "" {
			account, who = id.Account, id.ARN
		}
		arn := fmt.Sprintf("arn:%s:codecommit:%s:%s:%s", partition(c.Region), c.Region, account, t.URL.Repository)
		msg := fmt.Sprintf("GET %s, %s, was refused with %d %s", pr.url, signed, st, pr.resp.Reason)
		if body != "" {
			msg += ": " + body
		}
		msg += fmt.Sprintf(". CodeCommit refuses a fetch when the identity may not codecommit:GitPull %s, when the signature is for another region or host, or when the credentials are not valid: the permissions, region and credentials checks say which.", arn)
		return checks.Finding{Code: codeProbeRefused, Severity: checks.Fail, Message: msg,
			Remediation: []string{simulateFix(who, arn, c.Profile)},
			Docs:        []string{remedy.TroubleDocs}}, true
	case st == 404:
		return checks.Finding{Code: codeProbeNotFound, Severity: checks.Fail,
			Message:     fmt.Sprintf("GET %s, %s, got 404: no repository %q in %s.", pr.url, signed, t.URL.Repository, c.Region),
			Remediation: []string{fmt.Sprintf("aws codecommit list-repositories --region %s --profile %s", c.Region, c.Profile)}}, true
	}
	return checks.Finding{}, false
}

// simulateFix asks IAM whether the identity may pull; the identity is a
// placeholder when the credentials check did not name it.
func simulateFix(who, arn, profile string) string {
	cmd := fmt.Sprintf("aws iam simulate-principal-policy --policy-source-arn %s --action-names codecommit:GitPull --resource-arns %s", who, arn)
	if who == "IDENTITY_ARN" {
		cmd += "   # IDENTITY_ARN: from aws sts get-caller-identity --profile " + profile
	}
	return cmd
}

// partition is the ARN partition of a region.
func partition(region string) string {
	if p := ccurl.Partition(region); p != "" {
		return p
	}
	return ccurl.PartitionAWS
}
