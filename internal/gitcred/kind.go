package gitcred

import "strings"

// Kind is what a credential helper is.
type Kind string

// Helper kinds.
const (
	KindAWSCLI       Kind = "aws-cli"       // aws codecommit credential-helper
	KindOSXKeychain  Kind = "osxkeychain"   // macOS Keychain
	KindManager      Kind = "manager"       // Git Credential Manager
	KindManagerCore  Kind = "manager-core"  // Git Credential Manager Core (older name)
	KindWincred      Kind = "wincred"       // Windows Credential Manager, git's own helper
	KindStore        Kind = "store"         // plain-text file (~/.git-credentials)
	KindCache        Kind = "cache"         // in-memory cache daemon
	KindLibsecret    Kind = "libsecret"     // GNOME Keyring / KWallet via libsecret
	KindGnomeKeyring Kind = "gnome-keyring" // the old GNOME Keyring helper
	KindOther        Kind = "other"         // anything else
	KindEmpty        Kind = "empty"         // an empty value kept as a helper by git before 2.9
)

// Caches reports whether the helper stores passwords it is given and
// answers with them later. A CodeCommit password expires about 15 minutes
// after the AWS helper made it, so a caching helper that answers before
// the AWS helper hands git a stale password.
func (k Kind) Caches() bool {
	switch k {
	case KindOSXKeychain, KindManager, KindManagerCore, KindWincred, KindStore, KindCache, KindLibsecret, KindGnomeKeyring:
		return true
	}
	return false
}

// kindOfName maps the NAME of git-credential-NAME to a kind.
func kindOfName(name string) Kind {
	name = strings.ToLower(trimExeSuffix(name))
	switch Kind(name) {
	case KindOSXKeychain, KindManager, KindManagerCore, KindWincred, KindStore, KindCache, KindLibsecret, KindGnomeKeyring:
		return Kind(name)
	}
	return KindOther
}

// programBase is the file name of a program path (either separator), with
// a Windows executable suffix removed.
func programBase(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		p = p[i+1:]
	}
	return trimExeSuffix(p)
}

func trimExeSuffix(p string) string {
	lower := strings.ToLower(p)
	for _, ext := range []string{".exe", ".cmd", ".bat"} {
		if strings.HasSuffix(lower, ext) {
			return p[:len(p)-len(ext)]
		}
	}
	return p
}

// isAbsolutePath is git's is_absolute_path for the OS git runs on.
func isAbsolutePath(p, goos string) bool {
	if strings.HasPrefix(p, "/") {
		return true
	}
	if goos != "windows" {
		return false
	}
	if strings.HasPrefix(p, `\`) {
		return true
	}
	return len(p) >= 3 && isAlpha(p[0]) && p[1] == ':' && (p[2] == '/' || p[2] == '\\')
}
