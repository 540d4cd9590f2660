package sys

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/safefile"
)

// Machine is the real machine, with an environment and an OS name that tests
// may replace. The zero value is not useful: build it with New.
type Machine struct {
	env  map[string]string
	goos string
	now  func() time.Time
	// seal makes the doctor a child subreaper before its first program.
	seal sync.Once
}

// New returns a Machine reading the process environment. goos overrides
// runtime.GOOS when non-empty; only tests pass it (see cmd's test hook).
func New(environ []string, goos string) *Machine {
	if goos == "" {
		goos = runtime.GOOS
	}
	return &Machine{env: parseEnviron(environ), goos: goos, now: time.Now}
}

func parseEnviron(environ []string) map[string]string {
	env := make(map[string]string, len(environ))
	for _, kv := range environ {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			continue
		}
		env[k] = v
	}
	return env
}

// GOOS is the operating system whose behaviour the doctor diagnoses.
func (m *Machine) GOOS() string { return m.goos }

// Now is the local clock.
func (m *Machine) Now() time.Time { return m.now() }

// Getenv returns the value of an environment variable, or "".
func (m *Machine) Getenv(key string) string { return m.env[key] }

// LookupEnv reports whether an environment variable is set, and its value.
func (m *Machine) LookupEnv(key string) (string, bool) {
	v, ok := m.env[key]
	return v, ok
}

// Environ returns the environment as KEY=VALUE pairs.
func (m *Machine) Environ() []string {
	out := make([]string, 0, len(m.env))
	for k, v := range m.env {
		out = append(out, k+"="+v)
	}
	return out
}

// HomeDir returns the user's home directory from HOME (USERPROFILE on
// Windows), or "" when unknown.
func (m *Machine) HomeDir() string {
	if h := m.env["HOME"]; h != "" {
		return h
	}
	if m.goos == "windows" {
		return m.env["USERPROFILE"]
	}
	return ""
}

// ReadFile reads a file, refusing anything larger than limit bytes and
// anything that is not a readable regular file (a FIFO, a device, a
// symbolic link loop), without ever blocking on it: the error is a
// *safefile.Error naming the file and what is wrong; a missing file's
// error matches fs.ErrNotExist.
func (m *Machine) ReadFile(path string, limit int64) ([]byte, error) {
	return safefile.ReadFile(path, limit) // its errors name the file

}

// FileExists reports whether path names an existing file or directory.
func (m *Machine) FileExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// LookPath finds a program on the machine's PATH (the environment given to
// New, not the process's own).
func (m *Machine) LookPath(name string) (string, error) {
	if strings.ContainsAny(name, `/\`) {
		return checkExecutable(name)
	}
	var exts []string
	if m.goos == "windows" {
		exts = strings.Split(strings.ToLower(m.envOr("PATHEXT", ".COM;.EXE;.BAT;.CMD")), ";")
	}
	sep := string(os.PathListSeparator)
	if m.goos == "windows" && runtime.GOOS == "windows" {
		sep = ";"
	}
	var notExec string
	for dir := range strings.SplitSeq(m.env["PATH"], sep) {
		if dir == "" {
			continue
		}
		for _, cand := range candidates(filepath.Join(dir, name), exts) {
			p, err := checkExecutable(cand)
			if err == nil {
				return p, nil
			}
			var ne *NotExecutableError
			if asNotExec(err, &ne) && notExec == "" {
				notExec = cand
			}
		}
	}
	if notExec != "" {
		return "", &NotExecutableError{Path: notExec}
	}
	return "", &NotFoundError{Name: name}
}

func (m *Machine) envOr(key, def string) string {
	if v := m.env[key]; v != "" {
		return v
	}
	return def
}

func candidates(base string, exts []string) []string {
	out := []string{base}
	for _, e := range exts {
		if e != "" {
			out = append(out, base+e)
		}
	}
	return out
}

func checkExecutable(path string) (string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", &NotFoundError{Name: path}
	}
	if st.IsDir() {
		return "", &NotFoundError{Name: path}
	}
	if runtime.GOOS != "windows" && st.Mode()&0o111 == 0 {
		return "", &NotExecutableError{Path: path}
	}
	return path, nil
}
