package grc

import "github.com/codecommit-doctor/codecommit-doctor/checks"

// Finding codes.
const (
	codeInstalled       = "grc-installed"
	codePythonOld       = "grc-python-old"
	codeBotocoreMissing = "grc-botocore-missing"
	codeProfileNotFound = "grc-profile-not-found"
	codeCredentials     = "grc-credentials-failed"
	codeEndpoint        = "grc-endpoint-override"
	codeEndpointWrong   = "grc-endpoint-mismatch"
	codeChinaOld        = "grc-china-unsupported"
	codeProbeOK         = "grc-probe-ok"
	codeProbeRefused    = "grc-probe-refused"
	codeProbeNotFound   = "grc-probe-repository-not-found"
	codeLsRemoteOK      = "grc-ls-remote-ok"
	codeLsRemoteFailed  = "grc-ls-remote-failed"
	codeGCM             = "grc-gcm-stores"
	codeSSOSession      = "grc-sso-session-unsupported"
	codeLoginSession    = "grc-login-session-unsupported"
)

// minPython is the oldest Python that current botocore releases support
// (botocore dropped 3.8 on 2025-04-22 and 3.9 on 2026-04-29).
const minPython = "3.10"

func findingDocs() []checks.FindingDoc {
	return []checks.FindingDoc{
		{Code: codeInstalled, Severity: checks.Pass, Meaning: "git-remote-codecommit is on PATH; the Python its wrapper runs and that Python's botocore and git-remote-codecommit versions are named when they can be learned."},
		{Code: codePythonOld, Severity: checks.Warn, Meaning: "git-remote-codecommit runs on a Python older than " + minPython + ": no current botocore release installs there, so its botocore stays old and may not know newer regions or profile types (sso_session, login_session).",
			Remediation: []string{"PYTHON -m pip install --upgrade git-remote-codecommit   # PYTHON: a Python " + minPython + " or later"}},
		{Code: codeBotocoreMissing, Severity: checks.Fail, Meaning: "The Python git-remote-codecommit's wrapper runs cannot import botocore: every git command on the remote stops with an ImportError.",
			Remediation: []string{"PYTHON -m pip install --upgrade git-remote-codecommit   # PYTHON: the interpreter named in the finding"}},
		{Code: codeProfileNotFound, Severity: checks.Fail, Meaning: "The profile named in codecommit://PROFILE@REPO is in neither ~/.aws/config nor ~/.aws/credentials: git-remote-codecommit stops with \"The following profile was not found\".",
			Remediation: []string{"aws configure --profile PROFILE", "or use one of the profiles listed in the finding in the URL: git remote set-url origin codecommit://PROFILE@REPO"}},
		{Code: codeCredentials, Severity: checks.Fail, Meaning: "The credentials of the profile git-remote-codecommit signs with cannot be loaded (see the credentials check for that profile).",
			Remediation: []string{"aws sts get-caller-identity --profile PROFILE"}},
		{Code: codeEndpoint, Severity: checks.Warn, Meaning: "CODE_COMMIT_ENDPOINT is set: git-remote-codecommit connects to and signs for that host instead of git-codecommit.REGION.amazonaws.com."},
		{Code: codeEndpointWrong, Severity: checks.Fail, Meaning: "CODE_COMMIT_ENDPOINT names a host that is not the git endpoint of the region git-remote-codecommit signs for: the service refuses the signature (403).",
			Remediation: []string{"unset CODE_COMMIT_ENDPOINT"}},
		{Code: codeChinaOld, Severity: checks.Fail, Meaning: "A China region (cn-north-1, cn-northwest-1) with a git-remote-codecommit older than 1.1, which signs for git-codecommit.REGION.amazonaws.com instead of .amazonaws.com.cn (warn when its version is unknown).",
			Remediation: []string{"PYTHON -m pip install --upgrade git-remote-codecommit", "or: export CODE_COMMIT_ENDPOINT=git-codecommit.REGION.amazonaws.com.cn"}},
		{Code: codeProbeOK, Severity: checks.Pass, Meaning: "The doctor's own request, signed exactly as git-remote-codecommit signs (SigV4 of GIT /v1/repos/NAME for its host and region), was accepted."},
		{Code: codeProbeRefused, Severity: checks.Fail, Meaning: "The request signed as git-remote-codecommit signs it was refused (403): the identity may not codecommit:GitPull the repository, or the signature was made for another region or host, or the credentials are not valid (see the permissions, region and credentials checks)."},
		{Code: codeProbeNotFound, Severity: checks.Fail, Meaning: "The service says the repository does not exist in that region (404).",
			Remediation: []string{"aws codecommit list-repositories --region REGION --profile PROFILE"}},
		{Code: codeLsRemoteOK, Severity: checks.Pass, Meaning: "`git ls-remote` on the codecommit:: URL works through the installed git-remote-codecommit."},
		{Code: codeLsRemoteFailed, Severity: checks.Fail, Meaning: "`git ls-remote` on the codecommit:: URL failed; the finding quotes git-remote-codecommit's or git's message."},
		{Code: codeSSOSession, Severity: checks.Fail, Meaning: "The profile git-remote-codecommit signs with (or the end of its source_profile chain) has sso_session, and git-remote-codecommit's botocore is older than 1.29.10, the first that reads sso-session profiles: it gets no credentials (or stops with \"is configured to use SSO but is missing required configuration: sso_start_url, sso_region\"). Warn when that botocore's version could not be learned.",
			Remediation: []string{"PYTHON -m pip install --upgrade botocore git-remote-codecommit   # PYTHON: the interpreter named in the finding (a Python 3.7 or later)"}},
		{Code: codeLoginSession, Severity: checks.Fail, Meaning: "The profile git-remote-codecommit signs with (or the end of its source_profile chain) has login_session (`aws login`), and git-remote-codecommit's botocore is older than 1.41.0, the first with the login credential provider: it gets no credentials. Warn when that botocore's version could not be learned.",
			Remediation: []string{"PYTHON -m pip install --upgrade botocore git-remote-codecommit   # PYTHON: the interpreter named in the finding (a Python 3.9 or later)"}},
		{Code: codeGCM, Severity: checks.Warn, Meaning: "Windows: the Git Credential Manager is a credential helper for git-remote-codecommit's host. git-remote-codecommit puts its credentials in the URL it hands git; after each request git asks the helpers to store them, and GCM fails on the long session-token user names (\"Failed to write item to store\", \"The stub received bad data\"). Scope the helpers away from that host.",
			Remediation: []string{`git config --global "credential.https://git-codecommit.REGION.amazonaws.com.helper" ""`}},
	}
}
