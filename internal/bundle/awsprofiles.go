package bundle

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsconfig"
	"github.com/codecommit-doctor/codecommit-doctor/internal/redact"
)

// shownAWSKeys are the config-file settings whose values are shown: none of
// them is a secret. credential_process is a command line, shown after the
// redaction pass like every file.
var shownAWSKeys = []string{
	"region", "output", "credential_process", "credential_source", "role_arn", "source_profile",
	"role_session_name", "duration_seconds", "mfa_serial", "web_identity_token_file",
	"sso_start_url", "sso_region", "sso_account_id", "sso_role_name", "sso_session", "sso_registration_scopes",
	"cli_auto_prompt", "cli_pager", "cli_binary_format", "ca_bundle", "endpoint_url", "sts_regional_endpoints",
	"use_fips_endpoint", "use_dualstack_endpoint", "retry_mode", "max_attempts", "login_session",
}

// secretArgument is a command-line option that passes a secret
// (--token X, --password=X, -secret X): its value is masked.
var secretArgument = regexp.MustCompile(`(?i)(-{1,2}[a-z0-9_-]*(?:token|secret|password|passwd|key)[a-z0-9_-]*)(=|\s+)(?:"[^"]*"|'[^']*'|\S+)`)

// AWSFiles is what the bundle shows of the AWS shared files.
type AWSFiles struct {
	Paths       awsconfig.Paths
	Config      []byte // the config file's contents (nil: absent or unreadable)
	Credentials []byte // the credentials file's contents; only names are shown
	ConfigErr   string // why the config file could not be read ("" = read, or absent)
	CredsErr    string
	Profile     string // the profile the run uses
	ProfileFrom string // where that choice comes from
	// HelperProfiles are the profiles credential helpers name with
	// --profile (see HelperProfiles), shown with their chains too.
	HelperProfiles []string
}

// ChosenProfile is the profile the AWS CLI helper would use: --profile, else
// AWS_PROFILE, else AWS_DEFAULT_PROFILE, else the profile in a
// codecommit:// URL, else default.
func ChosenProfile(flag string, getenv func(string) string, fromURL string) (name, from string) {
	switch {
	case flag != "":
		return flag, "--profile"
	case getenv("AWS_PROFILE") != "":
		return getenv("AWS_PROFILE"), "AWS_PROFILE"
	case getenv("AWS_DEFAULT_PROFILE") != "":
		return getenv("AWS_DEFAULT_PROFILE"), "AWS_DEFAULT_PROFILE"
	case fromURL != "":
		return fromURL, "the repository URL"
	}
	return "default", noProfileChosen
}

// noProfileChosen says that nothing names a profile: the AWS CLI uses
// [default].
const noProfileChosen = "no profile chosen"

// Text renders the profiles that matter: the chosen one, its
// source_profile chain, [default] and the [sso-session] sections they name,
// with allow-listed values only; the
// credentials file's profiles with the names of their keys only.
func (a AWSFiles) Text() string {
	var b strings.Builder
	config := awsconfig.Parse(a.Paths, a.Config, nil)
	creds := awsconfig.Parse(a.Paths, nil, a.Credentials)
	merged := awsconfig.Parse(a.Paths, a.Config, a.Credentials)
	fmt.Fprintf(&b, "# AWS profiles that matter: the profile the run uses, its source_profile chain, [default] and their sso-sessions.\n")
	b.WriteString("# Only settings known not to be secrets show their values; from the credentials file only\n# profile names and which keys are present, never a value.\n\n")
	fmt.Fprintf(&b, "profile used: %s (%s)\n", a.Profile, a.ProfileFrom)
	names := []string{a.Profile}
	chain, err := merged.RoleChain(a.Profile)
	for _, p := range chain[min(1, len(chain)):] {
		names = appendNew(names, p.Name)
	}
	if len(chain) > 1 {
		var path []string
		for _, p := range chain {
			path = append(path, p.Name)
		}
		fmt.Fprintf(&b, "source_profile chain: %s\n", strings.Join(path, " → "))
	}
	if err != nil {
		fmt.Fprintf(&b, "source_profile chain error: %v\n", err)
	}
	for _, h := range a.HelperProfiles {
		names = appendNew(names, h)
		helperChain, _ := merged.RoleChain(h)
		for _, p := range helperChain {
			names = appendNew(names, p.Name)
		}
	}
	if len(a.HelperProfiles) > 0 {
		fmt.Fprintf(&b, "profiles the credential helpers name (--profile): %s\n", strings.Join(a.HelperProfiles, ", "))
	}
	names = appendNew(names, "default")

	fmt.Fprintf(&b, "\n## config file: %s\n", a.Paths.Config)
	if a.ConfigErr != "" {
		fmt.Fprintf(&b, "not read: %s\n", a.ConfigErr)
	}
	for _, n := range names {
		p, ok := config.Profile(n)
		if !ok {
			fmt.Fprintf(&b, "\n%s: not in this file\n", configSection(n))
			continue
		}
		fmt.Fprintf(&b, "\n%s\n", configSection(n))
		for _, k := range p.Keys() {
			fmt.Fprintf(&b, "%s = %s\n", k, awsValue(k, p.Get(k)))
		}
	}
	sessions := ssoSessions(a.Config)
	var shownSessions []string
	for _, n := range names {
		if p, ok := config.Profile(n); ok && p.Get("sso_session") != "" {
			shownSessions = appendNew(shownSessions, p.Get("sso_session"))
		}
	}
	for _, s := range shownSessions {
		settings, ok := sessions[s]
		if !ok {
			fmt.Fprintf(&b, "\n[sso-session %s]: not in this file\n", s)
			continue
		}
		fmt.Fprintf(&b, "\n[sso-session %s]\n", s)
		slices.SortFunc(settings, func(x, y ssoSetting) int { return strings.Compare(x.key, y.key) })
		for _, st := range settings {
			fmt.Fprintf(&b, "%s = %s\n", st.key, ssoValue(st.key, st.value))
		}
	}
	if others := otherNames(config.Names(), names); len(others) > 0 {
		fmt.Fprintf(&b, "\nother profiles (not shown): %s\n", strings.Join(others, ", "))
	}

	fmt.Fprintf(&b, "\n## credentials file: %s (names only)\n", a.Paths.Credentials)
	if a.CredsErr != "" {
		fmt.Fprintf(&b, "not read: %s\n", a.CredsErr)
	}
	for _, n := range creds.Names() {
		p, _ := creds.Profile(n)
		fmt.Fprintf(&b, "[%s]: %s\n", n, strings.Join(keysPresent(p), ", "))
	}
	if len(creds.Names()) == 0 && a.CredsErr == "" {
		b.WriteString("(no profile)\n")
	}
	return b.String()
}

func awsValue(key, value string) string {
	switch {
	case value == "":
		return ""
	case key == "aws_access_key_id":
		return redact.MaskAccessKeyID(value)
	case key == "credential_process":
		return secretArgument.ReplaceAllString(maskUserinfo(value), "${1}${2}"+redact.Mask)
	case slices.Contains(shownAWSKeys, key):
		return maskUserinfo(value)
	}
	return Hidden
}

func keysPresent(p awsconfig.Profile) []string {
	var out []string
	for _, k := range p.Keys() {
		out = append(out, k+" (set)")
	}
	if len(out) == 0 {
		return []string{"(no keys)"}
	}
	return out
}

func configSection(name string) string {
	if name == "default" {
		return "[default]"
	}
	return "[profile " + name + "]"
}

func appendNew(ss []string, s string) []string {
	if slices.Contains(ss, s) {
		return ss
	}
	return append(ss, s)
}

func otherNames(all, shown []string) []string {
	var out []string
	for _, n := range all {
		if !slices.Contains(shown, n) {
			out = append(out, n)
		}
	}
	return out
}
