package grc

import (
	"context"
	"fmt"
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

// pythonScript prints the Python version, botocore's (and where it is) and
// git-remote-codecommit's, one per line; it runs on Python 2 too and never
// raises.
const pythonScript = `import sys
print("python %d.%d.%d" % tuple(sys.version_info[:3]))
try:
    import botocore
    print("botocore " + botocore.__version__)
    try:
        import os
        print("botocore-path " + os.path.dirname(os.path.abspath(botocore.__file__)))
    except Exception:
        pass
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
	BotocorePath                           string // botocore's package directory
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
		case "botocore-path":
			in.BotocorePath = v
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
