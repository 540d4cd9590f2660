package bundle

import (
	"bufio"
	"bytes"
	"slices"
	"strings"
)

// shownSSOSessionKeys are the [sso-session NAME] settings whose values are
// shown; none is a secret (the tokens live in ~/.aws/sso/cache, which the
// bundle never reads).
var shownSSOSessionKeys = []string{"sso_start_url", "sso_region", "sso_registration_scopes"}

// ssoSetting is one line of an [sso-session NAME] section.
type ssoSetting struct{ key, value string }

// ssoSessions reads the [sso-session NAME] sections of the config file,
// which awsconfig (profiles only) skips. Keys are lower-cased; the first
// value of a key wins, as for profiles.
func ssoSessions(config []byte) map[string][]ssoSetting {
	out := map[string][]ssoSetting{}
	cur := ""
	sc := bufio.NewScanner(bytes.NewReader(config))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		if line[0] == '[' {
			cur = ""
			if end := strings.IndexByte(line, ']'); end > 0 {
				if name, ok := strings.CutPrefix(strings.TrimSpace(line[1:end]), "sso-session "); ok && strings.TrimSpace(name) != "" {
					cur = strings.TrimSpace(name)
					if _, seen := out[cur]; !seen {
						out[cur] = nil
					}
				}
			}
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if cur == "" || !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		if !slices.ContainsFunc(out[cur], func(s ssoSetting) bool { return s.key == k }) {
			out[cur] = append(out[cur], ssoSetting{k, strings.TrimSpace(v)})
		}
	}
	return out
}

// ssoValue shows an allow-listed value, hides any other.
func ssoValue(key, value string) string {
	if value == "" || slices.Contains(shownSSOSessionKeys, key) {
		return maskUserinfo(value)
	}
	return Hidden
}
