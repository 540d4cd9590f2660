package grc

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// program is git-remote-codecommit's console-script name.
const program = "git-remote-codecommit"

// maxWrapper bounds what is read of the console-script wrapper: only its
// first line matters.
const maxWrapper = 64 << 10

// pythonTimeout bounds the one Python run that reads versions.
const pythonTimeout = 15 * time.Second

// pythonScript prints the Python version, botocore's and
// git-remote-codecommit's, one per line; it runs on Python 2 too and never
// raises.
const pythonScript = `import sys
print("python %d.%d.%d" % tuple(sys.version_info[:3]))
try:
    import botocore
    print("botocore " + botocore.__version__)
except Exception as e:
    print("botocore-error " + type(e).__name__ + ": " + str(e)[:120])
try:
    from importlib.metadata import version
    print("grc " + version("git-remote-codecommit"))
except Exception:
    try:
        import pkg_resources
        print("grc " + pkg_resources.get_distribution("git-remote-codecommit").version)
    except Exception:
        print("grc unknown")
`

// install is what was learned about the installed git-remote-codecommit.
type install struct {
	Path string
	// Interpreter is the wrapper's interpreter as its first line names it
	// ("" when the wrapper is not a script naming a Python, e.g. a
	// Windows .exe launcher or a pyenv shim).
	Interpreter string
	// Python, Botocore and Version are what that interpreter reported
	// ("" when unknown); BotocoreErr is why botocore did not import.
	Python, Botocore, Version, BotocoreErr string
	Run                                    *checks.ProgramRun
	// Shim is the script a pyenv shim runs (`pyenv which`), when Path is
	// one.
	Shim string
}

// findInstall looks git-remote-codecommit up on PATH, reads its wrapper's
// first line and asks that Python for the versions.
func findInstall(ctx context.Context, env *checks.Env) (*install, error) {
	p, err := env.Sys.LookPath(program)
	if err != nil {
		return nil, err
	}
	in := &install{Path: p}
	ctx, cancel := context.WithTimeout(ctx, pythonTimeout)
	defer cancel()
	in.Interpreter = interpreter(env, p)
	if in.Interpreter == "" {
		if real, err := throughPyenv(ctx, env, p); err != nil {
			return nil, err
		} else if real != "" {
			in.Shim, in.Interpreter = real, interpreter(env, real)
		}
	}
	if in.Interpreter == "" {
		return in, nil
	}
	name, args := pythonOf(in.Interpreter), []string{"-c", pythonScript}
	out, ev, missing, err := checks.RunProgram(ctx, env, func(error) checks.Finding { return checks.Finding{} },
		sys.Command{Name: name, Args: args, Display: name + " -c 'import sys, botocore; print versions'", MaxOutput: 4096})
	if err != nil {
		if ctx.Err() != nil && ctx.Err() != context.DeadlineExceeded {
			return nil, err
		}
		ev.Error = err.Error()
	}
	in.Run = &ev
	if missing != nil || err != nil {
		return in, nil
	}
	for line := range strings.SplitSeq(out.Stdout, "\n") {
		k, v, _ := strings.Cut(strings.TrimSpace(line), " ")
		switch k {
		case "python":
			in.Python = v
		case "botocore":
			in.Botocore = v
		case "botocore-error":
			in.BotocoreErr = v
		case "grc":
			if v != "unknown" {
				in.Version = v
			}
		}
	}
	return in, nil
}

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

// pythonCommand is how to run the wrapper's Python in a printed fix.
func (in *install) pythonCommand() string {
	if p := pythonOf(in.Interpreter); p != "" {
		return p
	}
	return "PYTHON"
}

// pythonOld reports whether the version is older than minPython.
func pythonOld(v string) bool {
	var major, minor int
	if _, err := fmt.Sscanf(v, "%d.%d", &major, &minor); err != nil {
		return false
	}
	return major < 3 || (major == 3 && minor < 10)
}

// versionBefore reports whether a dotted version is older than major.minor
// (false when it cannot be read).
func versionBefore(v string, major, minor int) bool {
	var a, b int
	if _, err := fmt.Sscanf(v, "%d.%d", &a, &b); err != nil {
		if _, err := fmt.Sscanf(v, "%d", &a); err != nil {
			return false
		}
	}
	return a < major || (a == major && b < minor)
}
