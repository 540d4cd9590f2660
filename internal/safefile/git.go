package safefile

import (
	"errors"
	"path/filepath"
)

// GitFiles lists the per-user and system files git reads for
// configuration and stored credentials, honouring GIT_CONFIG_GLOBAL,
// GIT_CONFIG_SYSTEM, GIT_CONFIG_NOSYSTEM and XDG_CONFIG_HOME. The repository's own
// .git/config is the caller's to add, and so is a system file under
// another prefix (Homebrew's, Apple Git's; see `git config --show-origin`).
func GitFiles(getenv func(string) string, home string) []string {
	xdg := getenv("XDG_CONFIG_HOME")
	if xdg == "" && home != "" {
		xdg = filepath.Join(home, ".config")
	}
	var files []string
	if g := getenv("GIT_CONFIG_GLOBAL"); g != "" {
		files = append(files, g)
	} else {
		if home != "" {
			files = append(files, filepath.Join(home, ".gitconfig"))
		}
		if xdg != "" {
			files = append(files, filepath.Join(xdg, "git", "config"))
		}
	}
	if s := getenv("GIT_CONFIG_SYSTEM"); s != "" {
		files = append(files, s)
	} else if getenv("GIT_CONFIG_NOSYSTEM") == "" {
		files = append(files, "/etc/gitconfig")
	}
	if home != "" {
		files = append(files, filepath.Join(home, ".git-credentials"))
	}
	if xdg != "" {
		files = append(files, filepath.Join(xdg, "git", "credentials"))
	}
	return files
}

// CheckFiles checks each configuration file that exists (ConfigMaxSize)
// and returns the problems found, one *Error per bad file; missing files
// are fine.
func CheckFiles(paths []string) []*Error {
	var bad []*Error
	for _, p := range paths {
		_, err := Check(p, ConfigMaxSize)
		var e *Error
		if errors.As(err, &e) && e.Kind != Missing {
			bad = append(bad, e)
		}
	}
	return bad
}
