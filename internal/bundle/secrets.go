package bundle

import (
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsconfig"
)

// FileReader reads a bounded file (the machine's ReadFile).
type FileReader interface {
	ReadFile(path string, limit int64) ([]byte, error)
}

// maxSecretFile bounds the files read for literal secrets.
const maxSecretFile = 1 << 20

// KnownSecrets returns the secrets the user keeps in files, for the
// redactor to remove as literals wherever they might appear: every value of
// the AWS credentials file and every config-file value that is not
// allow-listed (except access key ids, which are masked instead), the
// values of [sso-session] sections that are not allow-listed, and the
// passwords (and session-token usernames) in git's plain-text credential
// files. Nothing collected shows these files' values; this is a second
// line of defence for evidence that quotes a program's output.
func KnownSecrets(r FileReader, paths awsconfig.Paths, home, xdgConfigHome string) []string {
	var out []string
	if data, err := r.ReadFile(paths.Credentials, maxSecretFile); err == nil {
		out = append(out, profileValues(awsconfig.Parse(paths, nil, data), func(string) bool { return false })...)
	}
	if data, err := r.ReadFile(paths.Config, maxSecretFile); err == nil {
		out = append(out, profileValues(awsconfig.Parse(paths, data, nil), func(k string) bool { return slices.Contains(shownAWSKeys, k) })...)
		for _, settings := range ssoSessions(data) {
			for _, st := range settings {
				if !slices.Contains(shownSSOSessionKeys, st.key) && st.value != "" {
					out = append(out, st.value)
				}
			}
		}
	}
	if xdgConfigHome == "" && home != "" {
		xdgConfigHome = filepath.Join(home, ".config")
	}
	for _, p := range []string{filepath.Join(home, ".git-credentials"), filepath.Join(xdgConfigHome, "git", "credentials")} {
		if home == "" && !filepath.IsAbs(p) {
			continue
		}
		if data, err := r.ReadFile(p, maxSecretFile); err == nil {
			out = append(out, storedPasswords(string(data))...)
		}
	}
	return out
}

func profileValues(f *awsconfig.Files, shown func(string) bool) []string {
	var out []string
	for _, n := range f.Names() {
		p, _ := f.Profile(n)
		for _, k := range p.Keys() {
			if k == "aws_access_key_id" || shown(k) {
				continue
			}
			if v := p.Get(k); v != "" {
				out = append(out, v)
			}
		}
	}
	return out
}

// storedPasswords reads git-credential-store lines
// (https://user:password@host/path) and returns the passwords, and the
// usernames that carry a session token (KEYID%TOKEN), raw and decoded.
func storedPasswords(data string) []string {
	var out []string
	for line := range strings.SplitSeq(data, "\n") {
		u, err := url.Parse(strings.TrimSpace(line))
		if err != nil || u.User == nil {
			continue
		}
		if pw, ok := u.User.Password(); ok && pw != "" {
			out = append(out, pw)
		}
		if name := u.User.Username(); strings.Contains(name, "%") {
			_, token, _ := strings.Cut(name, "%")
			out = append(out, token)
		}
	}
	return out
}
