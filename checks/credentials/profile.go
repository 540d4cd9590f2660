package credentials

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/awscli"
	"github.com/codecommit-doctor/codecommit-doctor/checks/chain"
	"github.com/codecommit-doctor/codecommit-doctor/checks/signing"

	"github.com/codecommit-doctor/codecommit-doctor/internal/action"
	"github.com/codecommit-doctor/codecommit-doctor/internal/awsconfig"
	"github.com/codecommit-doctor/codecommit-doctor/internal/gitcred"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/shellword"
	"github.com/codecommit-doctor/codecommit-doctor/internal/version"
)

// Versions of the AWS CLI that first read sso_session profiles (IAM
// Identity Center token refresh) and login_session profiles (`aws login`).
const (
	minSSOSessionV1   = "1.27.10"
	minSSOSessionV2   = "2.9.0"
	minLoginSessionV2 = "2.32.0"
)

const (
	mfaDocs          = "https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-role.html#cli-configure-role-mfa"
	autoPromptDocs   = "https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-parameters-prompting.html"
	loginDocs        = "https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sign-in.html"
	sourceRoleDocs   = "https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-role.html"
	cacheWindow      = 15 * time.Minute // botocore treats cached credentials this close to expiry as expired
	maxRoleCacheFile = 1 << 20
)

// profileFindings are what the profile the helper uses says before any
// credentials are loaded: problems the AWS CLI helper meets that the SDK
// does not report (or reports badly). stop is true when loading with the
// SDK would only repeat the problem less clearly.
func profileFindings(env *checks.Env, sf *signing.Facts, pc profileChoice) (fs []checks.Finding, stop bool) {
	cli, haveCLI := awscli.Key.Get(env)
	if haveCLI && cli.Major == 2 {
		if f, ok := autoPrompt(env, sf, pc); ok {
			fs = append(fs, f)
		}
	}
	if sf.Files == nil {
		return fs, false
	}
	if _, ok := sf.Files.Profile(pc.name); !ok {
		return fs, false
	}
	if !pc.explicit && env.Sys.Getenv("AWS_ACCESS_KEY_ID") != "" {
		// The environment's keys sign; the profile's settings do not matter.
		return fs, false
	}
	if f, ok := profileFromEnvironment(env, pc); ok {
		fs = append(fs, f)
	}
	roles, err := sf.Files.RoleChain(pc.name)
	var ce *awsconfig.ChainError
	if errors.As(err, &ce) {
		return append(fs, chainFinding(sf, pc, ce)), true
	}
	leaf := roles[len(roles)-1]
	if haveCLI {
		if f, ok := tooOldFor(cli, leaf, env.Sys.GOOS()); ok {
			return append(fs, f), true
		}
	}
	if f, ok := mfaFinding(env, pc, roles); ok {
		return append(fs, f), true
	}
	if f, ok := loginSource(pc, roles); ok {
		return append(fs, f), true
	}
	return fs, false
}

// loginSource: a role whose source_profile signs in with `aws login`. The
// AWS CLI (v2.32 and later) assumes the role with the login's credentials,
// but the AWS SDK for Go does not count login_session among a source
// profile's credentials (config.SharedConfig.hasCredentials) and stops
// with "failed to load assume role …, <nil>": the doctor cannot load them
// and says so, rather than calling a working chain broken.
func loginSource(pc profileChoice, roles []awsconfig.Profile) (checks.Finding, bool) {
	if len(roles) < 2 {
		return checks.Finding{}, false
	}
	src := roles[len(roles)-1]
	if src.Get("login_session") == "" || src.HasStaticKeys() {
		return checks.Finding{}, false
	}
	for _, k := range []string{"credential_process", "sso_session", "sso_start_url", "web_identity_token_file", "credential_source"} {
		if src.Get(k) != "" {
			return checks.Finding{}, false
		}
	}
	role := roles[len(roles)-2]
	return checks.Finding{Code: "login-source-unchecked", Severity: checks.Error,
		Message: fmt.Sprintf("Profile %q assumes role %s with the credentials of profile %q, which signs in with `aws login` (login_session). "+
			"The AWS CLI reads that chain, but the AWS SDK for Go the doctor uses does not, so the doctor could not check these credentials.",
			pc.name, role.Get("role_arn"), src.Name),
		Remediation: []string{"aws sts get-caller-identity --profile " + shellword.POSIX(pc.name) + "   # checks them with the AWS CLI itself"},
		Docs:        []string{loginDocs}}, true
}

// autoPrompt: AWS CLI v2's auto-prompt takes over the helper's command
// line, and the helper fails with `Unknown options: protocol=https`.
func autoPrompt(env *checks.Env, sf *signing.Facts, pc profileChoice) (checks.Finding, bool) {
	on := func(v string) bool {
		v = strings.ToLower(strings.TrimSpace(v))
		return v == "on" || v == "on-partial"
	}
	envValue, envSet := env.Sys.LookupEnv("AWS_CLI_AUTO_PROMPT")
	envSet = envSet && envValue != ""
	var cfgValue, cfgFile string
	if sf.Files != nil {
		if p, ok := sf.Files.Profile(pc.name); ok {
			cfgValue, cfgFile = p.Get("cli_auto_prompt"), strings.Join(p.Sources, ", ")
		}
	}
	// The variable wins over the config file.
	if envSet && !on(envValue) || !envSet && !on(cfgValue) {
		return checks.Finding{}, false
	}
	var why []string
	var fix []action.Action
	if envSet {
		why = append(why, fmt.Sprintf("AWS_CLI_AUTO_PROMPT=%s is set", envValue))
		fix = append(fix, action.Action{Kind: action.Manual, Text: unsetAutoPrompt(env.Sys.GOOS())})
	}
	if on(cfgValue) {
		why = append(why, fmt.Sprintf("profile %q sets cli_auto_prompt = %s (%s)", pc.name, cfgValue, env.Redact(shellword.Path(cfgFile, env.Sys.HomeDir(), env.Sys.GOOS()))))
		// `aws configure set` writes the key to the config file.
		file := env.Sys.Getenv("AWS_CONFIG_FILE")
		if file == "" && env.Sys.HomeDir() != "" {
			file = filepath.Join(env.Sys.HomeDir(), ".aws", "config")
		}
		fix = append(fix, action.Action{Kind: action.AWSConfigSet, File: file, Profile: pc.name, Key: "cli_auto_prompt", Value: "off"})
	}
	f := checks.Finding{Code: "cli-auto-prompt", Severity: checks.Fail,
		Message: fmt.Sprintf("AWS CLI v2 auto-prompt is on (%s): the CLI then prompts for the command instead of running "+
			"`aws codecommit credential-helper get` for git, and the helper fails with `Unknown options: protocol=https`.", strings.Join(why, "; ")),
		Docs: []string{autoPromptDocs}}
	f.SetActions(env, fix)
	return f, true
}

// unsetAutoPrompt is the step that removes AWS_CLI_AUTO_PROMPT from the
// environment, in the shells of goos.
func unsetAutoPrompt(goos string) string {
	if goos == "windows" {
		return "Remove AWS_CLI_AUTO_PROMPT: Remove-Item Env:AWS_CLI_AUTO_PROMPT (PowerShell) or set AWS_CLI_AUTO_PROMPT= (cmd.exe), " +
			"and delete it from your user environment variables (Settings > System > About > Advanced system settings > Environment Variables)"
	}
	return "unset AWS_CLI_AUTO_PROMPT   # and remove it from your shell profile"
}

// profileFromEnvironment: only this shell's AWS_PROFILE chooses the
// profile, and git run from a GUI, an IDE or a service does not inherit it.
func profileFromEnvironment(env *checks.Env, pc profileChoice) (checks.Finding, bool) {
	if pc.source != "AWS_PROFILE" || pc.name == "default" {
		return checks.Finding{}, false
	}
	f := checks.Finding{Code: "profile-from-environment", Severity: checks.Warn,
		Message: fmt.Sprintf("Only AWS_PROFILE=%s chooses the profile the helper signs with. Git started from a GUI or an IDE "+
			"(or a service) does not inherit this shell's environment: there the helper signs with the default profile instead.", pc.name)}
	if c, ok := chain.Key.Get(env); ok && c.Real {
		if h, _, ok := c.AWSHelper(); ok && h.Value.AWS != nil {
			a := *h.Value.AWS
			a.Profile, a.HasProfile, a.ProfileIntended = pc.name, true, ""
			if cmd, ok := chain.NewFixer(env, c).ReplaceCommand(h.Entry, a.Value()); ok {
				f.Remediation = []string{cmd + "   # name the profile in the helper"}
				return f, true
			}
		}
	}
	f.Remediation = []string{fmt.Sprintf("Name the profile in the AWS helper command git runs: %s", gitcred.AWSHelper{Program: "aws", Profile: pc.name, HasProfile: true}.Value())}
	return f, true
}

// chainFinding explains a source_profile loop or a missing source.
func chainFinding(sf *signing.Facts, pc profileChoice, ce *awsconfig.ChainError) checks.Finding {
	files := sf.Files.Paths.Config
	if ce.Missing != "" {
		from := ce.Path[len(ce.Path)-1]
		via := ""
		if len(ce.Path) > 1 {
			via = fmt.Sprintf(" (reached from profile %q through %s)", pc.name, strings.Join(ce.Path, " → "))
		}
		return checks.Finding{Code: "source-profile-missing", Severity: checks.Fail,
			Message: fmt.Sprintf("Profile %q%s assumes its role with the credentials of source_profile %q, which is defined in neither the config nor the credentials file: the AWS CLI cannot get credentials.",
				from, via, ce.Missing),
			Remediation: []string{
				"aws configure --profile " + shellword.POSIX(ce.Missing) + "   # create the source profile with an access key",
				"or aws configure set source_profile EXISTING_PROFILE --profile " + shellword.POSIX(from),
			},
			Docs: []string{sourceRoleDocs}}
	}
	last := ce.Path[len(ce.Path)-2]
	return checks.Finding{Code: "source-profile-loop", Severity: checks.Fail,
		Message: fmt.Sprintf("The source_profile settings of profile %q go round in a loop (%s): no profile in it holds the credentials to start from, so the AWS CLI refuses it (in %s).",
			pc.name, strings.Join(ce.Path, " → "), files),
		Remediation: []string{
			"aws configure set source_profile PROFILE_WITH_KEYS --profile " + shellword.POSIX(last) + "   # a profile with an access key, SSO or credential_process",
		},
		Docs: []string{sourceRoleDocs}}
}

// tooOldFor: a profile type this AWS CLI cannot read.
func tooOldFor(cli *awscli.Facts, leaf awsconfig.Profile, goos string) (checks.Finding, bool) {
	label := fmt.Sprintf("AWS CLI %s (v%d)", cli.Version.Original(), cli.Major)
	fix := remedy.InstallAWSCLI(goos)
	switch {
	case leaf.Get("login_session") != "":
		if cli.Major == 2 && version.AtLeast(cli.Version, minLoginSessionV2) {
			return checks.Finding{}, false
		}
		return checks.Finding{Code: "login-session-unsupported", Severity: checks.Fail,
			Message: fmt.Sprintf("Profile %q signs in with `aws login` (login_session), which AWS CLI %s and later read; %s does not, so the helper has no credentials.",
				leaf.Name, minLoginSessionV2, label),
			Remediation: fix, Docs: []string{loginDocs}}, true
	case leaf.Get("sso_session") != "":
		min := minSSOSessionV2
		if cli.Major == 1 {
			min = minSSOSessionV1
		}
		if version.AtLeast(cli.Version, min) {
			return checks.Finding{}, false
		}
		return checks.Finding{Code: "sso-session-unsupported", Severity: checks.Fail,
			Message: fmt.Sprintf("Profile %q uses an [sso-session] section (sso_session = %s), which AWS CLI v1 from %s and v2 from %s read; %s does not, so the helper has no credentials.",
				leaf.Name, leaf.Get("sso_session"), minSSOSessionV1, minSSOSessionV2, label),
			Remediation: fix, Docs: []string{ssoDocs}}, true
	}
	return checks.Finding{}, false
}

// roleCache is what the AWS CLI's cache holds for one role profile.
type roleCache struct {
	file    string
	present bool
	expires time.Time
	valid   bool
}

func readRoleCache(env *checks.Env, p awsconfig.Profile) roleCache {
	c := roleCache{file: filepath.Join(awsconfig.RoleCacheDir(env.Sys.HomeDir()), awsconfig.RoleCacheKey(p)+".json")}
	if !env.Sys.FileExists(c.file) {
		return c
	}
	b, err := env.Sys.ReadFile(c.file, maxRoleCacheFile)
	if err != nil {
		return c
	}
	var v struct {
		Credentials struct{ Expiration string }
	}
	if json.Unmarshal(b, &v) != nil || v.Credentials.Expiration == "" {
		return c
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04:05.999999-07:00"} {
		if t, err := time.Parse(layout, v.Credentials.Expiration); err == nil {
			c.present, c.expires = true, t.UTC()
			c.valid = t.Sub(env.Sys.Now()) >= cacheWindow
			break
		}
	}
	return c
}

// mfaFinding: a role in the chain needs an MFA code, which the AWS CLI
// asks for on the terminal while git owns the helper's stdin. The CLI
// skips the prompt while it has unexpired cached credentials for a role at
// or above the one that needs MFA.
func mfaFinding(env *checks.Env, pc profileChoice, chainProfiles []awsconfig.Profile) (checks.Finding, bool) {
	var mfa *awsconfig.Profile
	for i := range chainProfiles {
		if chainProfiles[i].IsRole() && chainProfiles[i].Get("mfa_serial") != "" {
			mfa = &chainProfiles[i]
			break
		}
	}
	if mfa == nil {
		return checks.Finding{}, false
	}
	home, goos := env.Sys.HomeDir(), env.Sys.GOOS()
	prof := shellword.POSIX(pc.name)
	where := fmt.Sprintf("profile %q", pc.name)
	if mfa.Name != pc.name {
		where = fmt.Sprintf("profile %q (through source_profile %q)", pc.name, mfa.Name)
	}
	what := fmt.Sprintf("%s assumes role %s with MFA (mfa_serial %s): the AWS CLI asks for the MFA code on the terminal, but git runs the helper with its own stdin, so the helper cannot prompt",
		where, mfa.Get("role_arn"), mfa.Get("mfa_serial"))
	var states []string
	for _, p := range chainProfiles {
		if !p.IsRole() {
			break
		}
		c := readRoleCache(env, p)
		file := shellword.Path(c.file, home, goos)
		switch {
		case c.valid:
			return checks.Finding{Code: "mfa-cached", Severity: checks.Warn,
				Message: fmt.Sprintf("%s. It works for now: the AWS CLI's cache holds credentials for role %s (%s) that expire at %s; after that git fails until they are cached again.",
					what, p.Get("role_arn"), file, c.expires.Format(time.RFC3339)),
				Remediation: mfaFix(pc, prof), Docs: []string{mfaDocs}}, true
		case c.present && c.expires.After(env.Sys.Now()):
			states = append(states, fmt.Sprintf("the cached credentials for role %s (%s) expire at %s, within the 15 minutes before expiry in which the AWS CLI no longer uses them", p.Get("role_arn"), file, c.expires.Format(time.RFC3339)))
		case c.present:
			states = append(states, fmt.Sprintf("the cached credentials for role %s (%s) expired at %s", p.Get("role_arn"), file, c.expires.Format(time.RFC3339)))
		default:
			states = append(states, fmt.Sprintf("no cached credentials for role %s (%s)", p.Get("role_arn"), file))
		}
		if p.Name == mfa.Name {
			break
		}
	}
	return checks.Finding{Code: "mfa-prompt", Severity: checks.Fail,
		Message:     fmt.Sprintf("%s, and %s.", what, strings.Join(states, "; ")),
		Remediation: mfaFix(pc, prof), Docs: []string{mfaDocs}}, true
}

func mfaFix(pc profileChoice, prof string) []string {
	return []string{
		"aws sts get-caller-identity --profile " + prof + "   # enter the MFA code once: the AWS CLI caches the role's credentials (for duration_seconds, 1 hour by default) and the helper uses them",
		"or give the profile a credential_process that caches the session and asks for the MFA code outside git (for example aws-vault with a GUI prompt)",
		"or sign git with a profile without mfa_serial: name it in the helper, !aws --profile PROFILE codecommit credential-helper $@",
	}
}
