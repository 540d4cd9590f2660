package reproduce

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/clock"
	"github.com/codecommit-doctor/codecommit-doctor/checks/credentials"
	"github.com/codecommit-doctor/codecommit-doctor/checks/permissions"

	"github.com/codecommit-doctor/codecommit-doctor/internal/gittrace"
	"github.com/codecommit-doctor/codecommit-doctor/internal/neterr"
	"github.com/codecommit-doctor/codecommit-doctor/internal/phrase"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/shellword"
)

// reproSkewLimit is the clock difference beyond which a refused signature
// is blamed on the clock.
const reproSkewLimit = 5 * time.Minute

// reproCase holds what both attempts found, for the verdict.
type reproCase struct {
	env *checks.Env
	t   *checks.Target
	n   reproNative
	g   reproGit
}

// reproResult combines the two attempts into the check's result: one
// verdict finding, a summary and the evidence.
func reproResult(env *checks.Env, t *checks.Target, n reproNative, g reproGit) checks.Result {
	var res checks.Result
	c := reproCase{env: env, t: t, n: n, g: g}
	c.addEvidence(&res)
	f, summary := c.decide()
	res.Add(f)
	if f.Code == reproWorksFromCache {
		// Working from a cached password says nothing about push.
		if p, ok := c.pushDenied(); ok {
			res.Add(p)
		}
	}
	res.Summary = summary
	return res
}

// decide picks the verdict.
func (c reproCase) decide() (checks.Finding, string) {
	g := c.g
	switch {
	case g.RunErr != nil:
		return checks.Finding{Code: reproGitNotRun, Severity: checks.Error,
			Message:     fmt.Sprintf("Could not run `%s`: %v.", g.Command, g.RunErr),
			Remediation: remedy.InstallGit(c.env.Sys.GOOS())}, "git could not be run"
	case !g.ok() && c.noNetwork():
		return c.noNetworkVerdict()
	case g.TimedOut > 0:
		return c.transport(gittrace.KindTimeout)
	case g.ok():
		return c.gitWorks()
	}
	switch g.Failure.Kind {
	case gittrace.KindDNS, gittrace.KindConnect, gittrace.KindTLS, gittrace.KindProxy, gittrace.KindTimeout:
		return c.transport(g.Failure.Kind)
	case gittrace.KindNoCredentials:
		return c.noCredentials()
	case gittrace.KindNotFound:
		return c.notFound()
	}
	status := g.Failure.Status
	if status == 0 && g.Trace != nil {
		if e, ok := g.Trace.LastAuthenticated(); ok {
			status = e.Status
		}
	}
	switch {
	case status == http.StatusTooManyRequests || c.n.status() == http.StatusTooManyRequests:
		return c.throttled()
	case status == http.StatusForbidden || status == http.StatusUnauthorized || g.Failure.Kind == gittrace.KindAuthFailed:
		return c.refused(status)
	}
	return checks.Finding{Code: reproGitFailed, Severity: checks.Fail,
		Message:     fmt.Sprintf("`%s` failed: %s%s", g.Command, phrase.Or(g.Failure.Message, fmt.Sprintf("exit status %d", g.Exit)), c.nativeClause()),
		Remediation: []string{"GIT_TRACE=1 GIT_TRACE_CURL=1 GIT_TRACE_CURL_NO_DATA=1 " + c.lsRemote()},
		Docs:        []string{reproduceDocs}}, "git ls-remote failed"
}

// gitWorks judges a successful ls-remote.
func (c reproCase) gitWorks() (checks.Finding, string) {
	h, answered := c.g.Trace.Answered()
	if answered && !h.IsAWS() {
		return checks.Finding{Code: reproWorksFromCache, Severity: checks.Warn,
			Message: fmt.Sprintf("`%s` works, but with the password %s had stored, not a fresh one from the AWS CLI helper%s. "+
				"A helper password expires about 15 minutes after it was made; then git fails with 403 and does not erase it.",
				c.g.Command, reproHelperLabel(h), c.nativeClause()),
			Remediation: c.chainFix(), Actions: c.chainFixActions(), Docs: []string{reproduceHelper}}, "works now, from a cached password that will expire"
	}
	if c.n.Signed && !c.n.accepted() {
		return checks.Finding{Code: reproNativeDisagrees, Severity: checks.Warn,
			Message: fmt.Sprintf("`%s` works, but the doctor's own request%s. git does not use what the doctor expects: another profile or "+
				"credentials in git's environment, or a network path only git has.", c.g.Command, c.nativeClause()),
			Docs: []string{reproduceDocs}}, "git works; the doctor's own signed request did not"
	}
	who := "no credential helper was needed"
	if answered {
		who = "the AWS CLI helper answered"
	}
	if f, ok := c.pushDenied(); ok {
		return f, fmt.Sprintf("git ls-remote works (%s); push is denied (%d on git-receive-pack)", who, c.n.Push.status())
	}
	return checks.Finding{Code: reproOK, Severity: checks.Pass,
			Message: fmt.Sprintf("`%s` works (%s; %s)%s.", c.g.Command, who, c.statusChain(), c.nativeClause())},
		fmt.Sprintf("git ls-remote works (%s)", who)
}

// pushDenied is the verdict when the doctor's password opens the pull
// advertisement but not the push advertisement: clone and fetch work, git
// push gets 403.
func (c reproCase) pushDenied() (checks.Finding, bool) {
	n := c.n
	if !n.accepted() || n.Push == nil || n.Push.status() != http.StatusForbidden {
		return checks.Finding{}, false
	}
	says := ""
	if b := strings.TrimSpace(n.Push.Resp.Body); b != "" {
		says = ", saying: " + strings.TrimRight(checks.Excerpt(c.env.Redact(checks.FirstLine(b))), ".")
	}
	msg := fmt.Sprintf("`%s` works and the doctor's password (signed now for %s with %s, profile %q) opens GET %s (git-upload-pack, "+
		"codecommit:GitPull) with %d, but the same password on GET %s — the first request of every `git push`, which CodeCommit "+
		"authorizes as codecommit:GitPush and which changes nothing — got 403%s. Clone, fetch and pull work; git push fails with "+
		"\"The requested URL returned error: 403\".",
		c.g.Command, n.Region, phrase.Or(n.KeyID, "the key"), n.Profile, n.URL, n.status(), n.Push.URL, says)
	if pf, ok := permissions.Key.Get(c.env); ok && pf.Push == "allowed" {
		msg += " The permissions check found GitPush allowed by the policies it can see: something it cannot see denies it " +
			"(a service control policy, a permissions boundary or session policy it could not read, a VPC endpoint policy)."
	}
	found, _ := c.depProblems()
	var fix []string
	var b strings.Builder
	b.WriteString(msg)
	for _, d := range found {
		if d.check == permissions.ID && strings.HasPrefix(d.f.Code, "gitpush-") {
			fmt.Fprintf(&b, " The permissions check found %s: %s.", d.f.Code, strings.TrimSuffix(d.f.Message, "."))
			fix = append(fix, d.f.Remediation...)
		}
	}
	msg = b.String()
	if len(fix) == 0 {
		fix = c.pushGrantFix()
	}
	return checks.Finding{Code: reproPushDenied, Severity: checks.Warn, Message: msg, Remediation: fix,
		Docs: []string{remedy.PermissionsDocs}}, true
}

// pushGrantFix grants codecommit:GitPush on the repository to the identity
// the doctor signed as, when the credentials check knows it.
func (c reproCase) pushGrantFix() []string {
	pf, ok := permissions.Key.Get(c.env)
	cf, ok2 := credentials.Key.Get(c.env)
	if !ok || !ok2 || cf.Identity.Account == "" {
		return []string{"An administrator grants codecommit:GitPush on the repository to the identity, then: git push --dry-run",
			"codecommit-doctor --only permissions   # with credentials that may read the identity's policies"}
	}
	return permissions.GrantActionFix(cf, pf.RepositoryARN, permissions.PushPolicyName(c.t.URL.Repository), "codecommit:GitPush")
}

// refused judges a 403 or 401 from the service.
func (c reproCase) refused(status int) (checks.Finding, string) {
	n := c.n
	what := fmt.Sprintf("`%s` was refused with %d", c.g.Command, status)
	if h, ok := c.g.Trace.Answered(); ok {
		what += " using the password from " + reproHelperLabel(h)
	}
	switch {
	case n.accepted() && c.g.Trace.AuthenticatedWithoutHelper():
		return checks.Finding{Code: reproPasswordInURL, Severity: checks.Fail,
			Message: fmt.Sprintf("%s: git sent the user name and password written in the remote URL, and asked no helper%s. "+
				"A helper password expires after about 15 minutes; one kept in a URL is always stale.", what, c.nativeClause()),
			Remediation: c.urlFix(), Docs: []string{reproduceHelper}}, "git sends a stale password from the remote URL"
	case n.accepted():
		return c.credentialChain(what)
	case n.refused():
		if r := n.Retry; r != nil && r.Resp != nil && r.Resp.Status/100 == 2 {
			return c.wrongRegion(what)
		}
		if skew, ok := c.clockSkew(); ok {
			return c.clock(what, skew)
		}
		if c.credentialsRejected() {
			return c.credsRejected(what)
		}
		return c.serverDenied(what)
	}
	return checks.Finding{Code: reproForbidden, Severity: checks.Fail,
			Message: fmt.Sprintf("%s, and the doctor could not make its own signed request to compare (%s), so a stale password "+
				"cannot be told from a denial on the service side.%s", what, c.nativeFailure(), c.depSentence()),
			Remediation: c.depFixes([]string{"codecommit-doctor --only credentials,permissions,kms"}), Docs: []string{reproduceDocs}},
		fmt.Sprintf("git gets %d; the doctor could not compare", status)
}

func (c reproCase) credentialChain(what string) (checks.Finding, string) {
	h, ok := c.g.Trace.Answered()
	if ok && h.IsAWS() {
		return checks.Finding{Code: reproCredentialChain, Severity: checks.Fail,
			Message: fmt.Sprintf("%s%s. The AWS CLI helper git runs signs with other credentials or for another region than the "+
				"doctor found for profile %q: check --profile/--region in the helper command and AWS_PROFILE, AWS_ACCESS_KEY_ID in "+
				"the environment git runs in.", what, c.nativeClause(), c.n.Profile),
			Remediation: []string{"printf 'protocol=https\\nhost=" + c.credHost() + "\\npath=v1/repos/" + c.t.URL.Repository + "\\n\\n' | aws codecommit credential-helper get   # what the helper hands git"},
			Docs:        []string{reproduceHelper}}, "the AWS helper signs differently from the doctor"
	}
	name := "an earlier helper"
	if ok {
		name = "`" + h.Name + "`"
	}
	return checks.Finding{Code: reproCredentialChain, Severity: checks.Fail,
			Message: fmt.Sprintf("%s%s. So the AWS credentials are fine and the service accepts them; the password git sent is stale: "+
				"%s answered before the AWS CLI helper could make a fresh one, and git never erases a password on 403.", what, c.nativeClause(), name),
			Remediation: c.chainFix(), Actions: c.chainFixActions(), Docs: []string{reproduceHelper}},
		fmt.Sprintf("stale password from %s; a fresh signature works", strings.Trim(name, "`"))
}

func (c reproCase) wrongRegion(what string) (checks.Finding, string) {
	r := c.n.Retry
	fix := c.regionFix(r.Region)
	return checks.Finding{Code: reproWrongRegion, Severity: checks.Fail,
			Message: fmt.Sprintf("%s. The doctor's password signed as the helper signs it (for %s, from %s) was refused too (%d), "+
				"but signed for %s it was accepted (%d): the helper signs for the wrong region.", what, c.n.Region, c.n.RegionSource,
				c.n.status(), r.Region, r.Resp.Status),
			Remediation: fix, Docs: []string{remedy.RegionsDocs}},
		fmt.Sprintf("the helper signs for %s; the endpoint expects %s", c.n.Region, r.Region)
}

func (c reproCase) clock(what string, skew string) (checks.Finding, string) {
	return checks.Finding{Code: reproClockSkew, Severity: checks.Fail,
		Message: fmt.Sprintf("%s; the doctor's password, signed now, was refused too: %s. The password carries the local time "+
			"and the service accepts it only within about 15 minutes of its own.", what, skew),
		Remediation: remedy.ClockFix(c.env.Sys.GOOS()), Docs: []string{reproduceDocs}}, "the local clock is off"
}

func (c reproCase) credsRejected(what string) (checks.Finding, string) {
	return checks.Finding{Code: reproCredsRejected, Severity: checks.Fail,
		Message: fmt.Sprintf("%s; the doctor's password, signed now for %s with %s (profile %q), was refused too%s: AWS does not accept "+
			"these credentials (unknown or inactive access key, wrong secret key, expired session, or signed for the wrong region).%s",
			what, c.n.Region, phrase.Or(c.n.KeyID, "the key"), c.n.Profile, c.serverSays(), c.depSentence()),
		Remediation: c.depFixes([]string{"aws configure --profile " + shellword.POSIX(phrase.Or(c.n.Profile, "default")) + "   # an active access key and its secret"}),
		Docs:        []string{remedy.CredentialsDocs}}, "AWS does not accept the credentials"
}

func (c reproCase) serverDenied(what string) (checks.Finding, string) {
	return checks.Finding{Code: reproServerDenied, Severity: checks.Fail,
		Message: fmt.Sprintf("%s; the doctor's password, signed correctly now for %s with %s (profile %q), was refused too%s. "+
			"The password is not the problem: the service denies this identity the repository.%s",
			what, c.n.Region, phrase.Or(c.n.KeyID, "the key"), c.n.Profile, c.serverSays(), c.depSentence()),
		Remediation: c.depFixes([]string{"codecommit-doctor --only permissions,kms,region,credentials"}),
		Docs:        []string{remedy.PermissionsDocs, remedy.KMSDocs}}, "refused on the service side: " + c.depShort()
}

// noCredentials judges "could not read Username": no helper answered.
func (c reproCase) noCredentials() (checks.Finding, string) {
	tr := c.g.Trace
	for _, h := range tr.Gets() {
		if !h.IsAWS() || len(h.Output) == 0 {
			continue
		}
		out := strings.Join(h.Output, " | ")
		if strings.Contains(out, "'path'") {
			return checks.Finding{Code: reproHelperCrashed, Severity: checks.Fail,
				Message: fmt.Sprintf("The AWS CLI helper (%s) crashed with `'path'`: credential.UseHttpPath is not true for %s, so git did "+
					"not send the repository path the helper signs. git then had no password: %s", h.Command, c.t.HTTPSURL(), c.g.Failure.Message),
				Remediation: c.useHTTPPathFix(), Actions: c.useHTTPPathActions(), Docs: []string{reproduceHelper}}, "the AWS helper crashes: UseHttpPath is not set"
		}
		return checks.Finding{Code: reproHelperCrashed, Severity: checks.Fail,
			Message: fmt.Sprintf("The AWS CLI helper (%s) failed and gave git no password; it printed: %s. %s", h.Command,
				checks.Excerpt(out), c.g.Failure.Message),
			Remediation: c.helperCrashFix(out), Docs: []string{reproduceHelper}}, "the AWS helper fails"
	}
	gets := tr.Gets()
	if len(gets) == 0 {
		return checks.Finding{Code: reproNoCredentials, Severity: checks.Fail,
			Message:     fmt.Sprintf("No credential helper ran for %s, so git had no user name and password: %s", c.t.HTTPSURL(), c.g.Failure.Message),
			Remediation: c.chainFix()[1:], Actions: tail(c.chainFixActions(), 1), Docs: []string{reproduceHelper}}, "no credential helper for the URL"
	}
	var names []string
	for _, h := range gets {
		names = append(names, h.Name)
	}
	msg := fmt.Sprintf("The helpers git asked (%s) gave no user name and password: %s", strings.Join(names, ", "), c.g.Failure.Message)
	if !strings.Contains(c.credHost(), "amazonaws.com") && !strings.Contains(c.credHost(), "amazon.com") {
		msg += fmt.Sprintf(". The AWS CLI helper answers only for hosts containing amazonaws.com or amazon.com, not %s.", c.credHost())
	}
	return checks.Finding{Code: reproNoCredentials, Severity: checks.Fail, Message: msg, Remediation: c.chainFix()[1:],
		Actions: tail(c.chainFixActions(), 1), Docs: []string{reproduceHelper}}, "no helper gave git a password"
}

func (c reproCase) notFound() (checks.Finding, string) {
	region := phrase.Or(reproRepositoryRegion(c.env, c.t), c.n.Region)
	msg := fmt.Sprintf("`%s`: %s. The credentials were accepted but repository %q was not found in %s.", c.g.Command,
		c.g.Failure.Message, c.t.URL.Repository, phrase.Or(region, "that region"))
	if c.n.status() == http.StatusNotFound {
		msg += " The doctor's own signed request got 404 too."
	}
	fix := []string{"aws codecommit list-repositories --region " + phrase.Or(region, "REGION")}
	if region != "" {
		fix = append(fix, "aws codecommit get-repository --repository-name "+shellword.POSIX(c.t.URL.Repository)+" --region "+region)
	}
	return checks.Finding{Code: reproRepoNotFound, Severity: checks.Fail, Message: msg + " Names are case-sensitive.", Remediation: fix,
		Docs: []string{reproduceDocs}}, fmt.Sprintf("repository %s not found in %s", c.t.URL.Repository, phrase.Or(region, "the region"))
}

func (c reproCase) throttled() (checks.Finding, string) {
	return checks.Finding{Code: reproThrottled, Severity: checks.Fail,
		Message:     fmt.Sprintf("The service answered 429 Too Many Requests: %s%s", phrase.Or(c.g.Failure.Message, c.statusChain()), c.nativeClause()),
		Remediation: []string{"Retry later, with backoff; spread out parallel clones (CI jobs) and polling.", c.lsRemote() + "   # again in a few minutes"},
		Docs:        []string{"https://docs.aws.amazon.com/codecommit/latest/userguide/limits.html"}}, "throttled (429)"
}

// reproHelperLabel names a helper run for people.
func reproHelperLabel(h gittrace.HelperRun) string {
	if h.IsAWS() {
		return "the AWS CLI helper (" + h.Command + ")"
	}
	return "the " + h.Name + " helper (" + h.Command + ")"
}

// clockSkew says whether the refusal is the clock's fault, and how.
func (c reproCase) clockSkew() (string, bool) {
	body := ""
	if r := c.n.Resp; r != nil {
		body = strings.ToLower(r.Body)
		if !r.Date.IsZero() {
			mid := r.Sent.Add(r.Received.Sub(r.Sent) / 2)
			if d := mid.Sub(r.Date); d > reproSkewLimit || d < -reproSkewLimit {
				return fmt.Sprintf("the local clock is %s %s the server's Date header", phrase.Abs(d).Round(time.Second), phrase.AheadBehind(d)), true
			}
		}
	}
	if strings.Contains(body, "signature expired") || strings.Contains(body, "not yet current") || strings.Contains(body, "requestexpired") {
		return "the service says the signature's time is outside its window: " + strings.TrimRight(checks.Excerpt(c.env.Redact(checks.FirstLine(c.n.Resp.Body))), "."), true
	}
	if f, ok := clock.Key.Get(c.env); ok && phrase.Abs(f.Offset) > reproSkewLimit {
		return fmt.Sprintf("the clock check found the local clock %s %s AWS time", phrase.Abs(f.Offset).Round(time.Second), phrase.AheadBehind(f.Offset)), true
	}
	return "", false
}

// credentialsRejected says whether AWS rejects the credentials themselves.
func (c reproCase) credentialsRejected() bool {
	if r := c.n.Resp; r != nil {
		b := strings.ToLower(r.Body)
		for _, s := range []string{"security token included in the request is invalid", "signature we calculated does not match",
			"invalidclienttokenid", "unrecognizedclient", "expiredtoken"} {
			if strings.Contains(b, s) {
				return true
			}
		}
	}
	f, ok := credentials.Key.Get(c.env)
	return ok && f.Rejected
}

// transport judges a failure below HTTP.
func (c reproCase) transport(kind gittrace.Kind) (checks.Finding, string) {
	gitSays := c.g.Failure.Message
	if c.g.TimedOut > 0 {
		gitSays = fmt.Sprintf("git did not finish within %s", c.g.TimedOut.Round(time.Second))
	}
	msg := fmt.Sprintf("`%s` could not reach the service: %s%s", c.g.Command, gitSays, c.nativeClause())
	host := c.t.URL.Host
	switch kind {
	case gittrace.KindDNS:
		return checks.Finding{Code: reproDNS, Severity: checks.Fail, Message: msg + ". The name does not resolve.",
			Remediation: []string{"nslookup " + host, "Check the VPN or DNS settings; a VPC endpoint needs private DNS or its vpce- host name."},
			Docs:        []string{reproduceDocs}}, "DNS: " + host + " does not resolve"
	case gittrace.KindConnect:
		return checks.Finding{Code: reproConnect, Severity: checks.Fail, Message: msg + ".",
			Remediation: c.connectFix(), Docs: []string{reproduceDocs}}, "cannot connect to " + host
	case gittrace.KindTLS:
		return checks.Finding{Code: reproTLS, Severity: checks.Fail, Message: msg + ". " + c.caSentence(),
			Remediation: c.tlsFix(), Docs: []string{reproduceDocs}}, "TLS: the server certificate is not trusted"
	case gittrace.KindProxy:
		return checks.Finding{Code: reproProxy, Severity: checks.Fail, Message: msg + ". " + c.proxySentence(),
			Remediation: c.proxyFix(), Docs: []string{reproduceDocs}}, "the proxy fails"
	}
	return checks.Finding{Code: reproTimeout, Severity: checks.Fail, Message: msg + ".",
		Remediation: []string{"Allow outbound HTTPS (TCP 443) to " + host + ", or set the proxy git should use: git config --global http.proxy http://PROXY:PORT"},
		Docs:        []string{reproduceDocs}}, "timed out reaching " + host
}

// nativeClause describes the doctor's own request in one clause.
func (c reproCase) nativeClause() string {
	n := c.n
	switch {
	case n.Signed && n.Resp != nil:
		return fmt.Sprintf("; the doctor's own request, signed now for %s with %s (profile %q), got %d %s", n.Region,
			phrase.Or(n.KeyID, "the key"), n.Profile, n.Resp.Status, n.Resp.Reason)
	case n.Err != nil:
		return "; the doctor's own request failed too: " + c.env.Redact(neterr.Plain(n.Err))
	case n.CredErr != nil && n.Resp != nil:
		return fmt.Sprintf("; the doctor could not sign its own request (%s), and without credentials the endpoint answered %d",
			c.env.Redact(n.CredErr.Error()), n.Resp.Status)
	}
	return ""
}

// nativeFailure says why the doctor could not compare.
func (c reproCase) nativeFailure() string {
	switch {
	case c.n.CredErr != nil:
		return c.env.Redact(c.n.CredErr.Error())
	case c.n.Err != nil:
		return c.env.Redact(neterr.Plain(c.n.Err))
	case c.n.Resp != nil:
		return fmt.Sprintf("it got %d", c.n.Resp.Status)
	}
	return "no answer"
}

// serverSays quotes the first line of the service's answer to the doctor.
func (c reproCase) serverSays() string {
	if c.n.Resp == nil || strings.TrimSpace(c.n.Resp.Body) == "" {
		return ""
	}
	return ", saying: " + strings.TrimRight(checks.Excerpt(c.env.Redact(checks.FirstLine(c.n.Resp.Body))), ".")
}

// statusChain is the sequence of HTTP statuses git saw.
func (c reproCase) statusChain() string {
	if c.g.Trace == nil || len(c.g.Trace.Statuses()) == 0 {
		return "no HTTP response"
	}
	var parts []string
	for _, s := range c.g.Trace.Statuses() {
		parts = append(parts, fmt.Sprint(s))
	}
	return "HTTP " + strings.Join(parts, " → ")
}

// proxyUsed names the proxy the probe went through.
func (c reproCase) proxyUsed() string {
	if c.n.Resp != nil && c.n.Resp.Proxy != "" {
		return c.n.Resp.Proxy
	}
	if s := c.n.Settings; s.Proxy != "" {
		return s.ProxySource + "=" + c.env.Redact(s.Proxy)
	}
	return ""
}

// noNetwork reports whether the doctor's own request met a machine
// without a network (git then fails to resolve or connect as well).
func (c reproCase) noNetwork() bool {
	k, _ := neterr.Describe(c.n.Err)
	return k == neterr.NoNetwork
}

// noNetworkVerdict says there is no network: short when the credentials
// or clock check said it already, in full otherwise.
func (c reproCase) noNetworkVerdict() (checks.Finding, string) {
	for _, k := range []*checks.Key[*neterr.Seen]{credentials.NoNetworkKey, clock.NoNetworkKey} {
		if seen, ok := k.Get(c.env); ok {
			return checks.Finding{Code: reproNoNetwork, Severity: checks.Error,
				Message: fmt.Sprintf("`%s` could not be tried: %s.", c.g.Command, seen.Short())}, "not tried: " + seen.Short()
		}
	}
	_, words := neterr.Describe(c.n.Err)
	return checks.Finding{Code: reproNoNetwork, Severity: checks.Error,
		Message:     fmt.Sprintf("`%s` could not reach the service, nor could the doctor's own request: %s.", c.g.Command, words),
		Remediation: remedy.NoNetwork()}, "no network"
}
