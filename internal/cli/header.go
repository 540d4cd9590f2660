package cli

import (
	"bufio"
	"context"
	"net/url"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// DefaultOSRelease is where Linux names its distribution.
const DefaultOSRelease = "/etc/os-release"

// headerVariables are the variables shown in the report's header when set:
// they change which profile, region, files, proxy and certificates git and
// the AWS CLI use. Names ending in "*" are prefixes.
var headerVariables = []string{
	"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
	"AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE", "AWS_CA_BUNDLE", "AWS_ENDPOINT_URL*",
	"AWS_CLI_AUTO_PROMPT", "AWS_USE_FIPS_ENDPOINT", "AWS_STS_REGIONAL_ENDPOINTS",
	"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
	"AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_*", "AWS_CONTAINER_AUTHORIZATION_TOKEN*",
	"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy",
	"GIT_SSL_CAINFO", "GIT_SSL_CAPATH", "GIT_SSL_NO_VERIFY", "SSL_CERT_FILE", "SSL_CERT_DIR", "CURL_CA_BUNDLE",
	"GIT_CONFIG*", "GIT_ASKPASS", "GIT_TERMINAL_PROMPT", "GIT_EXEC_PATH", "GCM_*",
	"CODE_COMMIT_ENDPOINT", "WSL_DISTRO_NAME",
}

// hiddenValue replaces the value of a variable that may hold a secret.
const hiddenValue = "(set, value hidden)"

// secretName matches variable names whose values are secrets or may be.
var secretName = regexp.MustCompile(`(?i)secret|token|password|passwd|credential_process|_key$|access_key|authorization`)

// secretGitKey matches git config keys whose values may be secrets (in
// GIT_CONFIG_KEY_n / GIT_CONFIG_VALUE_n pairs and GIT_CONFIG_PARAMETERS).
var secretGitKey = regexp.MustCompile(`(?i)extraheader|password|token|secret|cookie|authorization`)

// headerEnvironment returns the header variables that are set, secrets
// hidden and credentials in proxy URLs masked.
func headerEnvironment(m environ) map[string]string {
	out := map[string]string{}
	for _, kv := range m.Environ() {
		k, v, _ := strings.Cut(kv, "=")
		if !wanted(k) {
			continue
		}
		switch {
		case strings.HasSuffix(k, "_FILE") || strings.HasSuffix(k, "_CAINFO") || strings.HasSuffix(k, "_CAPATH") || strings.HasSuffix(k, "_BUNDLE") || strings.HasSuffix(k, "_DIR"):
			out[k] = v // paths
		case strings.HasPrefix(k, "GIT_CONFIG_VALUE_"):
			key := m.Getenv("GIT_CONFIG_KEY_" + strings.TrimPrefix(k, "GIT_CONFIG_VALUE_"))
			if secretGitKey.MatchString(key) {
				out[k] = hiddenValue
			} else {
				out[k] = maskURLs(v)
			}
		case k == "GIT_CONFIG_PARAMETERS" && secretGitKey.MatchString(v):
			out[k] = hiddenValue
		case secretName.MatchString(k):
			out[k] = hiddenValue
		default:
			out[k] = maskURLs(v)
		}
	}
	return out
}

func wanted(k string) bool {
	for _, w := range headerVariables {
		if p, ok := strings.CutSuffix(w, "*"); ok {
			if strings.HasPrefix(k, p) {
				return true
			}
		} else if k == w {
			return true
		}
	}
	return false
}

var urlLike = regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.-]*://[^\s,;]+`)

// maskURLs hides the user information of every URL in v (a proxy URL such
// as http://user:pass@proxy:3128 reads http://****@proxy:3128).
func maskURLs(v string) string {
	return urlLike.ReplaceAllStringFunc(v, func(s string) string {
		u, err := url.Parse(s)
		if err != nil || u.User == nil {
			if at := strings.LastIndex(s, "@"); at > 0 && strings.Contains(s, "://") {
				scheme, _, _ := strings.Cut(s, "://")
				return scheme + "://****@" + s[at+1:]
			}
			return s
		}
		scheme, rest, _ := strings.Cut(s, "://")
		return scheme + "://****@" + rest[strings.LastIndex(rest, "@")+1:]
	})
}

// distribution names the OS release: PRETTY_NAME (else NAME VERSION_ID)
// from os-release on Linux, the product name and version from sw_vers on
// macOS, "" when unknown.
func distribution(ctx context.Context, m *sys.Machine, osRelease string) string {
	switch m.GOOS() {
	case "linux":
		if osRelease == "" {
			osRelease = DefaultOSRelease
		}
		data, err := m.ReadFile(osRelease, 64<<10)
		if err != nil {
			return ""
		}
		return parseOSRelease(string(data))
	case "darwin":
		ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		defer cancel()
		name, err1 := m.Run(ctx, sys.Command{Name: "sw_vers", Args: []string{"-productName"}})
		version, err2 := m.Run(ctx, sys.Command{Name: "sw_vers", Args: []string{"-productVersion"}})
		if err1 != nil || err2 != nil || name.ExitCode != 0 || version.ExitCode != 0 {
			return ""
		}
		return strings.TrimSpace(strings.TrimSpace(name.Stdout) + " " + strings.TrimSpace(version.Stdout))
	}
	return ""
}

func parseOSRelease(data string) string {
	vals := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(data))
	for sc.Scan() {
		k, v, ok := strings.Cut(strings.TrimSpace(sc.Text()), "=")
		if !ok {
			continue
		}
		vals[k] = strings.Trim(v, `"'`)
	}
	if p := vals["PRETTY_NAME"]; p != "" {
		return p
	}
	return strings.TrimSpace(vals["NAME"] + " " + vals["VERSION_ID"])
}

// shellName is the user's shell: $SHELL's base name, on Windows
// PowerShell when PSModulePath is set, else ComSpec's.
func shellName(m environ, goos string) string {
	if s := m.Getenv("SHELL"); s != "" {
		return path.Base(strings.ReplaceAll(s, `\`, "/"))
	}
	if goos == "windows" {
		if m.Getenv("PSModulePath") != "" {
			return "powershell"
		}
		if c := m.Getenv("ComSpec"); c != "" {
			return path.Base(strings.ReplaceAll(c, `\`, "/"))
		}
	}
	return ""
}
