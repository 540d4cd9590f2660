package fix

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// fileVars name config files directly: a copy stands in for the file by
// pointing the variable at it.
var fileVars = []string{"GIT_CONFIG_GLOBAL", "GIT_CONFIG_SYSTEM", "AWS_CONFIG_FILE"}

// Scratch is a stand-in for the user's files: a directory in which the
// home directory (and $XDG_CONFIG_HOME) are rebuilt from symbolic links to
// the real entries, except for the files the plan changes, which are
// copies. Git and the AWS CLI are pointed at it through HOME,
// XDG_CONFIG_HOME, GIT_CONFIG_GLOBAL, GIT_CONFIG_SYSTEM, AWS_CONFIG_FILE
// and AWS_SHARED_CREDENTIALS_FILE; nothing run against it writes anything
// real (the checks are read-only, and the actions are applied to the
// copies only).
type Scratch struct {
	dir     string
	getenv  func(string) string
	home    string
	env     map[string]string
	copies  map[string]string // the file as named -> its copy
	spread  map[string]bool   // scratch directories already rebuilt
	windows bool
	// symlink makes a symbolic link (os.Symlink); on Windows without the
	// right to, entries are copied instead, up to budget entries.
	symlink func(oldname, newname string) error
	budget  int
}

// copyBudget bounds how many entries a scratch home copied instead of
// linked holds: beyond it entries are left out (the proof may then fail,
// and fix changes nothing).
const copyBudget = 5000

// NewScratch prepares a scratch area in dir for the user whose home is
// home and whose environment getenv reads.
func NewScratch(dir, home string, getenv func(string) string, goos string) *Scratch {
	s := &Scratch{dir: dir, getenv: getenv, home: filepath.Clean(home), env: map[string]string{},
		copies: map[string]string{}, spread: map[string]bool{}, windows: goos == "windows",
		symlink: os.Symlink, budget: copyBudget}
	s.env["HOME"] = filepath.Join(dir, "home")
	if s.windows {
		s.env["USERPROFILE"] = s.env["HOME"]
	}
	if getenv("AWS_SHARED_CREDENTIALS_FILE") == "" && home != "" {
		// Read the real credentials (never changed) from where the AWS
		// CLI would without the scratch HOME.
		s.env["AWS_SHARED_CREDENTIALS_FILE"] = filepath.Join(home, ".aws", "credentials")
	}
	if getenv("AWS_CONFIG_FILE") == "" && home != "" {
		s.env["AWS_CONFIG_FILE"] = filepath.Join(home, ".aws", "config")
	}
	if x := getenv("XDG_CONFIG_HOME"); x != "" {
		s.env["XDG_CONFIG_HOME"] = filepath.Join(dir, "xdg")
	}
	return s
}

// Provable reports whether a copy of file can stand in for it, and why not.
func (s *Scratch) Provable(file string) (bool, string) {
	if _, _, ok := s.locate(file); ok {
		return true, ""
	}
	return false, fmt.Sprintf("%s is outside the home directory and named by no variable: no copy of it can stand in for it to prove the change", file)
}

// locate says how a copy stands in for file: under a rebuilt root (root,
// its scratch), or through a variable (root "", scratch the variable).
func (s *Scratch) locate(file string) (string, string, bool) {
	file = filepath.Clean(file)
	for _, v := range fileVars {
		if p := s.getenv(v); p != "" && filepath.Clean(p) == file {
			return "", v, true
		}
	}
	if v := s.getenv("AWS_CONFIG_FILE"); v == "" && s.home != "" && file == filepath.Join(s.home, ".aws", "config") {
		return "", "AWS_CONFIG_FILE", true
	}
	if x := s.getenv("XDG_CONFIG_HOME"); x != "" && within(filepath.Clean(x), file) {
		return filepath.Clean(x), filepath.Join(s.dir, "xdg"), true
	}
	if s.home != "" && s.home != "." && within(s.home, file) {
		return s.home, filepath.Join(s.dir, "home"), true
	}
	return "", "", false
}

func within(root, file string) bool {
	rel, err := filepath.Rel(root, file)
	return err == nil && rel != "." && !strings.HasPrefix(rel, "..")
}

// Place puts a copy holding content in place of file (content nil: the
// file does not exist) and returns the copy's path.
func (s *Scratch) Place(file string, content []byte) (string, error) {
	file = filepath.Clean(file)
	if c, ok := s.copies[file]; ok {
		return c, nil
	}
	root, where, ok := s.locate(file)
	if !ok {
		_, why := s.Provable(file)
		return "", errors.New(why)
	}
	var dest string
	if root == "" {
		dest = filepath.Join(s.dir, "files", where, filepath.Base(file))
		if err := os.MkdirAll(filepath.Dir(dest), 0o700); err != nil {
			return "", fmt.Errorf("preparing the copy of %s: %w", file, err)
		}
		s.env[where] = dest
	} else {
		if err := s.ensureRoots(); err != nil {
			return "", err
		}
		rel, _ := filepath.Rel(root, file)
		parts := strings.Split(rel, string(filepath.Separator))
		rd, sd := root, where
		for _, p := range parts[:len(parts)-1] {
			rd, sd = filepath.Join(rd, p), filepath.Join(sd, p)
			if err := s.rebuild(rd, sd); err != nil {
				return "", err
			}
		}
		dest = filepath.Join(sd, parts[len(parts)-1])
		if err := os.RemoveAll(dest); err != nil {
			return "", fmt.Errorf("preparing the copy of %s: %w", file, err)
		}
	}
	if content != nil {
		if err := os.WriteFile(dest, content, 0o600); err != nil {
			return "", fmt.Errorf("copying %s: %w", file, err)
		}
	}
	s.copies[file] = dest
	return dest, nil
}

// ensureRoots rebuilds the scratch home (and XDG directory) at once, so
// the proof always runs with them.
func (s *Scratch) ensureRoots() error {
	if s.home != "" {
		if err := s.rebuild(s.home, filepath.Join(s.dir, "home")); err != nil {
			return err
		}
	}
	if x := s.getenv("XDG_CONFIG_HOME"); x != "" {
		return s.rebuild(filepath.Clean(x), filepath.Join(s.dir, "xdg"))
	}
	return nil
}

// rebuild makes scratch a real directory holding a symbolic link to each
// entry of the real directory (once).
func (s *Scratch) rebuild(real, scratch string) error {
	if s.spread[scratch] {
		return nil
	}
	if fi, err := os.Lstat(scratch); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		if err := os.Remove(scratch); err != nil {
			return fmt.Errorf("preparing the scratch copy of %s: %w", real, err)
		}
	}
	if err := os.MkdirAll(scratch, 0o700); err != nil {
		return fmt.Errorf("preparing the scratch copy of %s: %w", real, err)
	}
	s.spread[scratch] = true
	entries, err := os.ReadDir(real)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", real, err)
	}
	for _, e := range entries {
		link := filepath.Join(scratch, e.Name())
		if _, err := os.Lstat(link); err == nil {
			continue
		}
		if err := s.link(filepath.Join(real, e.Name()), link); err != nil {
			return fmt.Errorf("preparing the scratch copy of %s: %w", real, err)
		}
	}
	return nil
}

// Environ is environ with the variables that point git and the AWS CLI at
// the scratch area.
func (s *Scratch) Environ(environ []string) []string {
	var out []string
	for _, kv := range environ {
		k, _, _ := strings.Cut(kv, "=")
		if _, ok := s.env[k]; ok {
			continue
		}
		out = append(out, kv)
	}
	for k, v := range s.env {
		out = append(out, k+"="+v)
	}
	return out
}

// link makes the scratch entry to stand for the real entry from: a
// symbolic link, or on Windows, where creating one needs Developer Mode or
// an administrator, a copy.
func (s *Scratch) link(from, to string) error {
	err := s.symlink(from, to)
	if err == nil || !s.windows {
		return err
	}
	return s.copyTree(from, to)
}

// copyTree copies regular files (up to maxFile each) and directories,
// within the budget; anything else is left out.
func (s *Scratch) copyTree(from, to string) error {
	if s.budget <= 0 {
		return nil
	}
	s.budget--
	fi, err := os.Lstat(from)
	if err != nil {
		return nil // gone meanwhile: nothing to stand in for
	}
	switch {
	case fi.IsDir():
		if err := os.MkdirAll(to, 0o700); err != nil {
			return err
		}
		entries, err := os.ReadDir(from)
		if err != nil {
			return nil // unreadable: left out, as git would find it
		}
		for _, e := range entries {
			if err := s.copyTree(filepath.Join(from, e.Name()), filepath.Join(to, e.Name())); err != nil {
				return err
			}
		}
	case fi.Mode().IsRegular() && fi.Size() <= maxFile:
		data, err := os.ReadFile(from)
		if err != nil {
			return nil
		}
		return os.WriteFile(to, data, 0o600)
	}
	return nil
}
