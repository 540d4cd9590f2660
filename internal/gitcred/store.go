package gitcred

import (
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/redact"
)

// StoredCredential is one line of a git-credential-store file. It never
// holds the password itself.
type StoredCredential struct {
	Line     int    `json:"line"`
	Protocol string `json:"protocol"`
	Host     string `json:"host"`
	Path     string `json:"path,omitempty"`
	// Username is the user name with any access key id masked and any
	// session token (after '%') removed.
	Username string `json:"username,omitempty"`
	// Signed is true when the password has the shape of a password the
	// AWS CLI helper signed (YYYYMMDDTHHMMSSZ + 64 hex digits): it expired
	// about 15 minutes after SignedAt.
	Signed   bool      `json:"signed,omitempty"`
	SignedAt time.Time `json:"signed_at"`
	// username, hasUser and hasPassword keep what matching needs.
	username    string
	hasUser     bool
	hasPassword bool
}

// signedPasswordRE is the shape of a password signed by the AWS CLI helper.
var signedPasswordRE = regexp.MustCompile(`^(\d{8}T\d{6})Z[0-9a-f]{64}$`)

// ParseStoreFile reads a git-credential-store file (one URL per line,
// scheme://user:password@host/path). Lines git would skip are skipped.
func ParseStoreFile(data string) []StoredCredential {
	var out []StoredCredential
	for i, line := range strings.Split(data, "\n") {
		line = strings.TrimSuffix(line, "\r")
		c, ok := parseStoreLine(line)
		if !ok {
			continue
		}
		c.Line = i + 1
		out = append(out, c)
	}
	return out
}

func parseStoreLine(line string) (StoredCredential, bool) {
	var c StoredCredential
	scheme, rest, ok := strings.Cut(line, "://")
	if !ok || scheme == "" {
		return c, false
	}
	c.Protocol = scheme
	slash := strings.IndexAny(rest, "/?#")
	if slash < 0 {
		slash = len(rest)
	}
	at := strings.IndexByte(rest, '@')
	if at < 0 || at >= slash {
		c.Host = urlDecode(rest[:slash])
	} else {
		userinfo := rest[:at]
		user, pass, hasPass := strings.Cut(userinfo, ":")
		c.username, c.hasUser = urlDecode(user), true
		c.hasPassword = hasPass
		if m := signedPasswordRE.FindStringSubmatch(urlDecode(pass)); hasPass && m != nil {
			c.Signed = true
			c.SignedAt, _ = time.Parse("20060102T150405", m[1])
		}
		c.Host = urlDecode(rest[at+1 : slash])
	}
	p := urlDecode(strings.TrimLeft(rest[slash:], "/"))
	for len(p) > 1 && strings.HasSuffix(p, "/") {
		p = p[:len(p)-1]
	}
	c.Path = p
	c.Username = maskUser(c.username)
	return c, true
}

// maskUser keeps a user name safe to print: an access key id is masked,
// a session token after '%' dropped.
func maskUser(u string) string {
	key, _, token := strings.Cut(u, "%")
	if len(key) == 20 && (strings.HasPrefix(key, "AKIA") || strings.HasPrefix(key, "ASIA")) {
		key = redact.MaskAccessKeyID(key)
	}
	if token {
		key += "%" + redact.Mask
	}
	return key
}

// Redacted is the line with the password replaced and the user name
// masked: safe to show.
func (c StoredCredential) Redacted() string {
	var b strings.Builder
	b.WriteString(c.Protocol + "://")
	if c.Username != "" || c.hasPassword {
		b.WriteString(c.Username)
		if c.hasPassword {
			b.WriteString(":" + redact.Mask)
		}
		b.WriteString("@")
	}
	b.WriteString(c.Host)
	if c.Path != "" {
		b.WriteString("/" + c.Path)
	}
	return b.String()
}

// Answers reports whether git-credential-store would answer the request
// with this line: it needs a user name and a password, and the request's
// protocol, host, path (sent only with useHttpPath) and user name, when
// set, must be equal.
func (c StoredCredential) Answers(r Request, useHTTPPath bool) bool {
	if !c.hasUser || !c.hasPassword {
		return false
	}
	if !useHTTPPath {
		r.Path = ""
	}
	eq := func(want, have string) bool { return want == "" || want == have }
	return eq(r.Protocol, c.Protocol) && eq(r.Host, c.Host) && eq(r.Path, c.Path) && eq(r.Username, c.username)
}

// StoreFiles are the files git-credential-store reads, in order: the
// --file given to it, else ~/.git-credentials then
// $XDG_CONFIG_HOME/git/credentials (~/.config/git/credentials when
// XDG_CONFIG_HOME is unset or empty). A leading ~/ in --file is expanded
// as the shell that runs the helper does; a relative path is taken from
// dir, the directory git runs in.
func StoreFiles(storeFile, home, xdgConfigHome, dir string) []string {
	if storeFile != "" {
		switch {
		case storeFile == "~":
			return []string{home}
		case strings.HasPrefix(storeFile, "~/"):
			return []string{filepath.Join(home, storeFile[2:])}
		case !filepath.IsAbs(storeFile) && dir != "":
			return []string{filepath.Join(dir, storeFile)}
		}
		return []string{storeFile}
	}
	xdg := filepath.Join(home, ".config")
	if xdgConfigHome != "" {
		xdg = xdgConfigHome
	}
	return []string{filepath.Join(home, ".git-credentials"), filepath.Join(xdg, "git", "credentials")}
}
