package grc

import (
	"fmt"
	"strings"

	"github.com/Masterminds/semver/v3"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/signing"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsconfig"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/shellword"
	"github.com/codecommit-doctor/codecommit-doctor/internal/version"
)

// The first botocore releases that read the newer profile types, from
// botocore's CHANGELOG.rst: 1.29.10 "sso: Add support for loading
// sso-session profiles from the aws config" (the botocore AWS CLI v1
// 1.27.10 pins), 1.41.0 "credentials: Adds support for the login
// credential provider" (login_session, `aws login`). Those releases need
// Python 3.7 (botocore 1.27.0 dropped 3.6) and Python 3.9 (1.38.0 dropped
// 3.8): on an older Python, pip cannot upgrade botocore that far.
var profileTypes = []profileType{
	{key: "login_session", what: "signs in with `aws login` (login_session = %s)", code: codeLoginSession,
		minBotocore: "1.41.0", minPython: [2]int{3, 9}},
	{key: "sso_session", what: "uses an [sso-session] section (sso_session = %s)", code: codeSSOSession,
		minBotocore: "1.29.10", minPython: [2]int{3, 7}},
}

type profileType struct {
	key, what, code string
	minBotocore     string
	minPython       [2]int // the oldest Python a botocore that reads it installs on
}

// profileTypeFinding: the profile git-remote-codecommit takes its
// credentials from (the end of its source_profile chain) is of a type its
// botocore does not read, or botocore's version is unknown.
func profileTypeFinding(env *checks.Env, in *install, c grcContext, sf *signing.Facts) (checks.Finding, bool) {
	if sf.Files == nil || in.BotocoreErr != "" || !c.Explicit && env.Sys.Getenv("AWS_ACCESS_KEY_ID") != "" {
		// No files; no botocore at all (its own finding); or the
		// environment's keys sign.
		return checks.Finding{}, false
	}
	roles, err := sf.Files.RoleChain(c.Profile)
	if err != nil || len(roles) == 0 {
		// A broken chain is the credentials check's finding.
		return checks.Finding{}, false
	}
	leaf := roles[len(roles)-1]
	var pt *profileType
	for i := range profileTypes {
		if leaf.Get(profileTypes[i].key) != "" {
			pt = &profileTypes[i]
			break
		}
	}
	// Static keys in the profile sign with any botocore, unless an old one
	// stops at sso_role_name/sso_account_id without sso_start_url.
	if pt == nil || leaf.HasStaticKeys() && leaf.Get("sso_role_name") == "" && leaf.Get("sso_account_id") == "" {
		return checks.Finding{}, false
	}
	where := fmt.Sprintf("git-remote-codecommit signs with profile %q (%s)", c.Profile, c.ProfileSource)
	if leaf.Name != c.Profile {
		where += fmt.Sprintf(", whose source_profile chain ends at profile %q", leaf.Name)
	}
	what := fmt.Sprintf("%s, which %s: botocore reads such profiles from %s", where, fmt.Sprintf(pt.what, leaf.Get(pt.key)), pt.minBotocore)
	goos := env.Sys.GOOS()
	py := shellword.Quote(in.pythonCommand(), goos)
	v, err := semver.NewVersion(in.Botocore)
	if in.Botocore == "" || err != nil {
		why := "its Python could not be read from the wrapper"
		if in.Interpreter != "" {
			why = fmt.Sprintf("%s did not report it", in.Interpreter)
		}
		if in.Botocore != "" {
			why = fmt.Sprintf("%s reported %q", in.Interpreter, in.Botocore)
		}
		return checks.Finding{Code: pt.code, Severity: checks.Warn,
			Message: fmt.Sprintf("%s, and the version of the botocore git-remote-codecommit runs on could not be learned (%s): the doctor cannot tell whether it reads the profile.", what, why),
			Remediation: []string{
				py + ` -c "import botocore; print(botocore.__version__)"   # ` + pythonNote(in) + pt.minBotocore + " or later reads " + pt.key,
			},
			Docs: []string{remedy.GRCDocs}}, true
	}
	if version.AtLeast(v, pt.minBotocore) {
		return checks.Finding{}, false
	}
	at := ""
	if in.BotocorePath != "" {
		at = " at " + env.Redact(shellword.Path(in.BotocorePath, env.Sys.HomeDir(), goos))
	}
	fix := []string{py + " -m pip install --upgrade botocore git-remote-codecommit"}
	tail := ""
	if in.Python != "" && versionBefore(in.Python, pt.minPython[0], pt.minPython[1]) {
		// No botocore that reads the profile installs on this Python.
		tail = fmt.Sprintf(" No botocore that reads it installs on Python %s.", in.Python)
		fix = []string{"PYTHON -m pip install --upgrade git-remote-codecommit   # PYTHON: a Python " + minPython + " or later, e.g. python3.12"}
	}
	return checks.Finding{Code: pt.code, Severity: checks.Fail,
		Message: fmt.Sprintf("%s; git-remote-codecommit's Python (%s) has botocore %s%s, which does not, so git-remote-codecommit gets no credentials from it%s.%s",
			what, in.Interpreter, in.Botocore, at, oldSSOError(pt, leaf), tail),
		Remediation: fix, Docs: []string{remedy.GRCDocs}}, true
}

// oldSSOError is what a botocore before sso-session support raises for a
// profile with sso_role_name or sso_account_id but without the settings the
// [sso-session] section holds (SSOProvider._load_sso_config).
func oldSSOError(pt *profileType, leaf awsconfig.Profile) string {
	if pt.key != "sso_session" || leaf.Get("sso_role_name") == "" && leaf.Get("sso_account_id") == "" {
		return ""
	}
	var missing []string
	for _, k := range []string{"sso_start_url", "sso_region", "sso_role_name", "sso_account_id"} {
		if leaf.Get(k) == "" {
			missing = append(missing, k)
		}
	}
	if len(missing) == 0 {
		return ""
	}
	return fmt.Sprintf(" (it stops with \"The profile \"%s\" is configured to use SSO but is missing required configuration: %s\")", leaf.Name, strings.Join(missing, ", "))
}

// pythonNote names the Python in a comment when the command cannot.
func pythonNote(in *install) string {
	if in.pythonCommand() == "PYTHON" {
		return "PYTHON: the Python that runs git-remote-codecommit; "
	}
	return ""
}
