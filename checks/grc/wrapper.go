package grc

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// The console-script wrapper pip installs names the Python that runs
// git-remote-codecommit: a "#!" line on Unix, the same line inside the
// .exe launcher on Windows; a pyenv shim hides it behind `pyenv which`.

// pyenvShimRE finds the pyenv a pyenv shim execs:
// exec "/home/u/.pyenv/libexec/pyenv" exec "$program" "$@"
var pyenvShimRE = regexp.MustCompile(`exec "([^"\n]*/libexec/pyenv)" exec "\$program"`)

// throughPyenv returns the script a pyenv shim would run
// (`pyenv which git-remote-codecommit`), "" when path is no pyenv shim or
// pyenv names nothing. Only an interrupted run is an error.
func throughPyenv(ctx context.Context, env *checks.Env, path string) (string, error) {
	b, err := env.Sys.ReadFile(path, maxWrapper)
	if err != nil {
		return "", nil
	}
	m := pyenvShimRE.FindSubmatch(b)
	if m == nil {
		return "", nil
	}
	out, _, missing, err := checks.RunProgram(ctx, env, func(error) checks.Finding { return checks.Finding{} },
		sys.Command{Name: string(m[1]), Args: []string{"which", program}, MaxOutput: 4096})
	if err != nil {
		if ctx.Err() == context.Canceled {
			return "", err
		}
		return "", nil
	}
	if missing != nil || out.ExitCode != 0 {
		return "", nil
	}
	real := strings.TrimSpace(out.Stdout)
	if strings.ContainsAny(real, "\n\r") || real == "" {
		return "", nil
	}
	return real, nil
}

// maxLauncher bounds the read of a Windows console-script launcher (.exe).
const maxLauncher = 1 << 20

// launcherShebang finds the "#!" line pip's Windows launcher (distlib)
// carries between the launcher program and the zip archive of the script:
// the last "#!" before the first local file header "PK\x03\x04" after it.
func launcherShebang(b []byte) (string, bool) {
	zip := bytes.LastIndex(b, []byte("PK\x03\x04"))
	if zip < 0 {
		return "", false
	}
	i := bytes.LastIndex(b[:zip], []byte("#!"))
	if i < 0 || zip-i > 1024 {
		return "", false
	}
	return string(b[i:zip]), true
}

// interpreter reads the wrapper's "#!" line and returns it when it names a
// Python ("/usr/bin/python3", "/usr/bin/env python3", and in a Windows
// launcher "C:\Python312\python.exe").
func interpreter(env *checks.Env, path string) string {
	limit := int64(maxWrapper)
	exe := strings.HasSuffix(strings.ToLower(path), ".exe")
	if exe {
		limit = maxLauncher
	}
	b, err := env.Sys.ReadFile(path, limit)
	if err != nil {
		return ""
	}
	text := string(b)
	if exe {
		var ok bool
		if text, ok = launcherShebang(b); !ok {
			return ""
		}
	}
	if !strings.HasPrefix(text, "#!") {
		return ""
	}
	line, _, _ := strings.Cut(text[2:], "\n")
	line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
	prog := pythonOf(line)
	base := prog[strings.LastIndexAny(prog, `/\`)+1:]
	if prog == "" || !strings.HasPrefix(strings.ToLower(base), "python") {
		return ""
	}
	return line
}

// pythonOf is the program a "#!" line runs: the quoted path of a Windows
// launcher ("C:\Program Files\Python312\python.exe"), the word after
// /usr/bin/env, else the first word (interpreter options are not needed).
func pythonOf(line string) string {
	if rest, ok := strings.CutPrefix(line, `"`); ok {
		p, _, _ := strings.Cut(rest, `"`)
		return p
	}
	fields := strings.Fields(line)
	switch {
	case len(fields) == 0:
		return ""
	case filepath.Base(fields[0]) == "env" && len(fields) > 1:
		return fields[1]
	}
	return fields[0]
}
