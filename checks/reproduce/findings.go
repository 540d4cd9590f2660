package reproduce

import (
	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
)

// Finding codes of the reproduce check.
const (
	reproOK              = "reproduce-ok"
	reproWorksFromCache  = "reproduce-works-from-cache"
	reproNativeDisagrees = "reproduce-native-disagrees"
	reproPushDenied      = "reproduce-push-denied"
	reproCredentialChain = "reproduce-credential-chain"
	reproPasswordInURL   = "reproduce-password-in-url"
	reproHelperCrashed   = "reproduce-helper-crashed"
	reproNoCredentials   = "reproduce-no-credentials"
	reproWrongRegion     = "reproduce-wrong-signing-region"
	reproClockSkew       = "reproduce-clock-skew"
	reproCredsRejected   = "reproduce-credentials-rejected"
	reproServerDenied    = "reproduce-server-denied"
	reproForbidden       = "reproduce-forbidden"
	reproRepoNotFound    = "reproduce-repository-not-found"
	reproThrottled       = "reproduce-throttled"
	reproDNS             = "reproduce-dns-failure"
	reproConnect         = "reproduce-connection-failed"
	reproTLS             = "reproduce-tls-failure"
	reproProxy           = "reproduce-proxy-failure"
	reproTimeout         = "reproduce-timeout"
	reproGitFailed       = "reproduce-git-failed"
	reproGitNotRun       = "reproduce-git-not-run"
	reproNoNetwork       = "reproduce-no-network"
)

// reproSectionForDocs is the credential section the documented fixes use.
const reproSectionForDocs = "credential.https://git-codecommit.REGION.amazonaws.com"

// reproFindingDocs documents every verdict for `explain reproduce`.
func reproFindingDocs() []checks.FindingDoc {
	chainFix := []string{
		"printf 'url=https://git-codecommit.REGION.amazonaws.com/v1/repos/NAME\\n\\n' | git credential reject   # erases the stale password from every helper",
		"git config --global --replace-all '" + reproSectionForDocs + ".helper' ''",
		"git config --global --add '" + reproSectionForDocs + ".helper' '!aws codecommit credential-helper $@'",
		"git config --global '" + reproSectionForDocs + ".UseHttpPath' true",
	}
	return []checks.FindingDoc{
		{Code: reproOK, Severity: checks.Pass, Meaning: "git ls-remote works with the AWS CLI helper's password, and the doctor's own signed request agrees."},
		{Code: reproWorksFromCache, Severity: checks.Warn, Meaning: "git works now, but with a password another helper (store, cache, osxkeychain, manager...) had stored: it expires about 15 minutes after the AWS CLI made it, and then git fails with 403 until it is erased.", Remediation: chainFix},
		{Code: reproNativeDisagrees, Severity: checks.Warn, Meaning: "git works but the doctor's own request, signed with the credentials of the helper's profile, was refused or failed: git is not using what the doctor expects (another profile, a proxy only git knows)."},
		{Code: reproPushDenied, Severity: checks.Warn, Meaning: "Pull works but push is denied: the doctor's password opens GET info/refs?service=git-upload-pack (codecommit:GitPull) but gets 403 on GET info/refs?service=git-receive-pack, the first request of every git push, which CodeCommit authorizes as codecommit:GitPush and which changes nothing. Clone and fetch work; git push fails with 403. The fix is the permissions check's, else an inline policy allowing codecommit:GitPush on the repository.", Remediation: []string{"aws iam put-user-policy --user-name USER --policy-name codecommit-push-NAME --policy-document '{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"codecommit:GitPush\",\"Resource\":\"arn:aws:codecommit:REGION:ACCOUNT:NAME\"}]}'   # run by an administrator"}},
		{Code: reproCredentialChain, Severity: checks.Fail, Meaning: "The service refused the password git sent (403), but accepted a password the doctor signed just now from the same AWS credentials: git got a stale password from the helper that answered first.", Remediation: chainFix},
		{Code: reproPasswordInURL, Severity: checks.Fail, Meaning: "git sent the user name and password written in the remote URL (no helper was asked) and the service refused it, while a freshly signed password works.", Remediation: []string{"git remote set-url origin https://git-codecommit.REGION.amazonaws.com/v1/repos/NAME"}},
		{Code: reproHelperCrashed, Severity: checks.Fail, Meaning: "The AWS CLI credential helper ran and failed, so git had no password: e.g. `'path'` when credential.UseHttpPath is not true, `aws: not found`, no credentials for the profile.", Remediation: []string{"git config --global '" + reproSectionForDocs + ".UseHttpPath' true   # for 'path'", "printf 'protocol=https\\nhost=HOST\\npath=v1/repos/NAME\\n\\n' | aws codecommit credential-helper get   # run the helper yourself"}},
		{Code: reproNoCredentials, Severity: checks.Fail, Meaning: "No credential helper gave git a user name and password (none configured for the URL, or the AWS helper refused the host), and git may not prompt.", Remediation: chainFix[1:]},
		{Code: reproWrongRegion, Severity: checks.Fail, Meaning: "The helper signs for one region and the endpoint expects another: a password signed for the repository's region is accepted. Typically an upper-case host or a custom name that the helper's region pattern does not match, so it falls back to --region or the profile's region.", Remediation: []string{"git remote set-url origin https://git-codecommit.REGION.amazonaws.com/v1/repos/NAME   # lower-case host", "aws configure set region REGION --profile PROFILE"}},
		{Code: reproClockSkew, Severity: checks.Fail, Meaning: "Both git's and the doctor's passwords were refused and the service says the signature is expired or not yet valid: the local clock is off.", Remediation: []string{"sudo timedatectl set-ntp true   # Linux", "sudo sntp -sS time.apple.com   # macOS", "w32tm /resync   # Windows"}},
		{Code: reproCredsRejected, Severity: checks.Fail, Meaning: "Both git's and the doctor's passwords were refused because AWS does not accept the credentials themselves (unknown or inactive key, wrong secret, expired session).", Remediation: []string{"aws configure --profile PROFILE   # an active access key and its secret"}},
		{Code: reproServerDenied, Severity: checks.Fail, Meaning: "Both git's and the doctor's correctly signed passwords were refused: the problem is on the service side (IAM permissions, a KMS deny, SCPs, permission boundaries, VPC endpoint or IP conditions). The findings of the permissions, kms, region and credentials checks are named.", Remediation: []string{"codecommit-doctor --only permissions,kms,region,credentials"}},
		{Code: reproForbidden, Severity: checks.Fail, Meaning: "git was refused (403) and the doctor could not make its own signed request to tell a stale password from a server-side denial.", Remediation: []string{"codecommit-doctor --only credentials,permissions,kms"}},
		{Code: reproRepoNotFound, Severity: checks.Fail, Meaning: "Authentication worked but the repository does not exist in that region (names are case-sensitive; no trailing slash or .git).", Remediation: []string{"aws codecommit list-repositories --region REGION"}},
		{Code: reproThrottled, Severity: checks.Fail, Meaning: "The service answered 429 Too Many Requests: requests are being throttled.", Remediation: []string{"Retry later with backoff; spread out parallel CI clones."}},
		{Code: reproDNS, Severity: checks.Fail, Meaning: "The endpoint's name does not resolve (DNS, VPN, a VPC endpoint without private DNS).", Remediation: []string{"nslookup git-codecommit.REGION.amazonaws.com"}},
		{Code: reproConnect, Severity: checks.Fail, Meaning: "The connection to the endpoint was refused or the network is unreachable (firewall, port 443 blocked, wrong address in http.curloptResolve).", Remediation: []string{"Allow outbound HTTPS (TCP 443) to git-codecommit.REGION.amazonaws.com."}},
		{Code: reproTLS, Severity: checks.Fail, Meaning: "The TLS handshake or certificate verification failed: usually a TLS-inspecting proxy whose CA git does not trust, or GIT_SSL_CAINFO/http.sslCAInfo pointing at the wrong bundle. The CA variables are shown as evidence.", Remediation: []string{"git config --global http.sslCAInfo /path/to/corporate-ca-bundle.pem", "unset GIT_SSL_CAINFO   # when it points at the wrong bundle"}},
		{Code: reproNoNetwork, Severity: checks.Error, Meaning: "git and the doctor's own request could not go out: the machine has no network (DNS lookups fail, addresses are unreachable). Said short when the credentials or clock check said it already.", Remediation: remedy.NoNetwork()},
		{Code: reproProxy, Severity: checks.Fail, Meaning: "The proxy git uses could not be reached or refused the tunnel (407: it wants credentials).", Remediation: []string{"git config --global --unset http.proxy   # if no proxy is needed", "export NO_PROXY=.amazonaws.com   # to bypass the proxy for AWS"}},
		{Code: reproTimeout, Severity: checks.Fail, Meaning: "The request did not finish in time: a firewall dropping packets, a proxy that does not answer, a very slow network.", Remediation: []string{"Allow outbound HTTPS (TCP 443) to the endpoint, or configure the proxy: git config --global http.proxy http://PROXY:PORT"}},
		{Code: reproGitFailed, Severity: checks.Fail, Meaning: "git ls-remote failed for another reason; its error is quoted.", Remediation: []string{"GIT_TRACE=1 GIT_TRACE_CURL=1 GIT_TRACE_CURL_NO_DATA=1 git ls-remote URL"}},
		{Code: reproGitNotRun, Severity: checks.Error, Meaning: "git could not be started, so nothing could be reproduced.", Remediation: remedy.InstallGit("linux")},
	}
}
