package bundle

import (
	"regexp"
	"slices"
	"strings"
)

// Environ is the part of the machine the environment section reads.
type Environ interface {
	Environ() []string
	Getenv(string) string
}

// listedPrefixes and listedNames are the variables the bundle names when
// they are set: they change what git, its credential helpers, the AWS CLI
// and the doctor do.
var (
	listedPrefixes = []string{"AWS_", "GIT_", "GCM_"}
	listedNames    = []string{
		"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy",
		"SSL_CERT_FILE", "SSL_CERT_DIR", "CURL_CA_BUNDLE", "REQUESTS_CA_BUNDLE",
		"HOME", "USERPROFILE", "XDG_CONFIG_HOME", "PATH", "SHELL", "TERM", "CI", "LANG", "LC_ALL",
	}
)

// plainValues are the listed variables whose values are shown as they are
// (paths, names, switches). Every other listed variable's value is hidden
// unless a rule below shows it masked.
var plainValues = []string{
	"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_DEFAULT_OUTPUT",
	"AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CA_BUNDLE", "AWS_WEB_IDENTITY_TOKEN_FILE",
	"AWS_CLI_AUTO_PROMPT", "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT", "AWS_STS_REGIONAL_ENDPOINTS",
	"AWS_EC2_METADATA_DISABLED", "AWS_PAGER", "AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE", "AWS_SDK_LOAD_CONFIG",
	"AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME", "AWS_ACCESS_KEY_ID",
	"GIT_SSL_CAINFO", "GIT_SSL_CAPATH", "GIT_SSL_NO_VERIFY", "GIT_SSL_VERSION", "GIT_CONFIG_NOSYSTEM",
	"GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "GIT_CONFIG_COUNT", "GIT_TERMINAL_PROMPT", "GIT_EXEC_PATH",
	"GIT_ASKPASS", "GIT_DIR", "GIT_WORK_TREE", "GIT_CURL_VERBOSE", "GIT_TRACE", "GIT_TRACE_CURL",
	"GIT_TRACE_CURL_NO_DATA", "GIT_HTTP_LOW_SPEED_LIMIT", "GIT_HTTP_LOW_SPEED_TIME",
	"GCM_INTERACTIVE", "GCM_CREDENTIAL_STORE", "GCM_PROVIDER",
	"NO_PROXY", "no_proxy", "SSL_CERT_FILE", "SSL_CERT_DIR", "CURL_CA_BUNDLE", "REQUESTS_CA_BUNDLE",
	"HOME", "USERPROFILE", "XDG_CONFIG_HOME", "PATH", "SHELL", "TERM", "CI", "LANG", "LC_ALL",
}

// urlValues are shown with the user information of their URLs masked.
var urlValues = []string{"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "GIT_PROXY_COMMAND"}

// secretGitKey matches git config keys whose values may be secrets (in
// GIT_CONFIG_KEY_n / GIT_CONFIG_VALUE_n pairs and GIT_CONFIG_PARAMETERS).
var secretGitKey = regexp.MustCompile(`(?i)extraheader|password|token|secret|cookie|authorization`)

// Variable is one listed variable as the bundle shows it.
type Variable struct {
	Name  string
	Value string // Hidden when it may be a secret
}

// Environment lists the variables that matter, sorted by name: names
// always, values only when they cannot be secrets.
func Environment(m Environ) []Variable {
	var out []Variable
	for _, kv := range m.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		if listed(k) {
			out = append(out, Variable{Name: k, Value: shownValue(m, k, v)})
		}
	}
	slices.SortFunc(out, func(a, b Variable) int { return strings.Compare(a.Name, b.Name) })
	return out
}

func listed(k string) bool {
	for _, p := range listedPrefixes {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return slices.Contains(listedNames, k)
}

func shownValue(m Environ, k, v string) string {
	switch {
	case v == "":
		return ""
	case slices.Contains(plainValues, k):
		return v
	case slices.Contains(urlValues, k), strings.HasPrefix(k, "AWS_ENDPOINT_URL"):
		return maskUserinfo(v)
	case strings.HasPrefix(k, "GIT_CONFIG_KEY_"):
		return maskUserinfo(v)
	case strings.HasPrefix(k, "GIT_CONFIG_VALUE_"):
		key := m.Getenv("GIT_CONFIG_KEY_" + strings.TrimPrefix(k, "GIT_CONFIG_VALUE_"))
		if key == "" || secretGitKey.MatchString(key) {
			return Hidden
		}
		return maskUserinfo(v)
	case k == "GIT_CONFIG_PARAMETERS" && !secretGitKey.MatchString(v):
		return maskUserinfo(v)
	}
	return Hidden
}
