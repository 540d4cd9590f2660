package bundle

import (
	"io/fs"
	"strings"
)

// fakeEnv is an environment for the environment rules.
type fakeEnv map[string]string

func (e fakeEnv) Environ() []string {
	var out []string
	for k, v := range e {
		out = append(out, k+"="+v)
	}
	return out
}

func (e fakeEnv) Getenv(k string) string { return e[k] }

// fakeFiles serves file contents by path; others are missing.
type fakeFiles map[string]string

func (f fakeFiles) ReadFile(path string, _ int64) ([]byte, error) {
	if s, ok := f[path]; ok {
		return []byte(s), nil
	}
	return nil, &fs.PathError{Op: "open", Path: path, Err: fs.ErrNotExist}
}

func containsAll(s string, subs ...string) (missing []string) {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			missing = append(missing, sub)
		}
	}
	return missing
}
