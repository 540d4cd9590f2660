package gitcred

import (
	"github.com/codecommit-doctor/codecommit-doctor/internal/configerr"

	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// Runner runs a program; *sys.Machine is one.
type Runner interface {
	Run(ctx context.Context, c sys.Command) (sys.Output, error)
}

// ReadOptions say how to ask git.
type ReadOptions struct {
	// Dir is the clone to run git in, so its local and worktree settings
	// (and conditional includes) count; "" runs outside any repository.
	Dir string
	// ShowScope asks for --show-scope (git 2.26+); ShowOrigin for
	// --show-origin (git 2.8+). When git rejects an option anyway, Read
	// asks again without it.
	ShowScope, ShowOrigin bool
	// GlobalFiles are the user's global config files, used to work out
	// the scope of an entry when git cannot say it.
	GlobalFiles []string
}

// readTimeout bounds one `git config` run.
const readTimeout = 15 * time.Second

// Read asks git for every credential.* setting, with scope and origin when
// this git can give them, in the order git reads them. It returns the
// entries and the command line that produced them.
func Read(ctx context.Context, r Runner, o ReadOptions) ([]Entry, string, error) {
	for {
		cmd := configCommand(o)
		out, err := runGit(ctx, r, cmd)
		if err != nil {
			return nil, cmd.String(), err
		}
		switch {
		case out.ExitCode == 0:
			entries, perr := ParseConfigOutput(out.Stdout, o.ShowScope, o.ShowOrigin)
			if perr != nil {
				return nil, cmd.String(), fmt.Errorf("reading the output of `%s`: %w", cmd, perr)
			}
			absOrigins(entries, o.Dir)
			if !o.ShowScope {
				inferScopes(entries, o)
			}
			return entries, cmd.String(), nil
		case out.ExitCode == 1 && strings.TrimSpace(out.Stdout) == "" && strings.TrimSpace(out.Stderr) == "":
			return nil, cmd.String(), nil // no credential settings at all
		case rejectedOption(out, "show-scope") && o.ShowScope:
			o.ShowScope = false
		case rejectedOption(out, "show-origin") && o.ShowOrigin:
			o.ShowOrigin = false
		default:
			if ce := configerr.Git(out.Stderr); ce != nil {
				return nil, cmd.String(), fmt.Errorf("`%s` exited with status %d: %w", cmd, out.ExitCode, ce)
			}
			return nil, cmd.String(), fmt.Errorf("`%s` exited with status %d: %s", cmd, out.ExitCode, firstLine(out.Stderr))
		}
	}
}

func configCommand(o ReadOptions) sys.Command {
	args := []string{"config", "-z"}
	if o.ShowOrigin {
		args = append(args, "--show-origin")
	}
	if o.ShowScope {
		args = append(args, "--show-scope")
	}
	args = append(args, "--includes", "--get-regexp", `^credential\.`)
	return sys.Command{Name: "git", Args: args, Dir: o.Dir}
}

func runGit(ctx context.Context, r Runner, c sys.Command) (sys.Output, error) {
	ctx, cancel := context.WithTimeout(ctx, readTimeout)
	defer cancel()
	out, err := r.Run(ctx, c)
	if err != nil {
		return out, fmt.Errorf("reading git's credential settings: %w", err)
	}
	return out, nil
}

// rejectedOption reports whether git refused an option it does not know
// (usage error, status 129).
func rejectedOption(out sys.Output, opt string) bool {
	return out.ExitCode == 129 || (strings.Contains(out.Stderr, "unknown option") && strings.Contains(out.Stderr, opt))
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

// ParseConfigOutput reads the output of `git config -z [--show-origin]
// [--show-scope] --get-regexp`: NUL-terminated records of [scope NUL]
// [origin NUL] key, then a newline and the value unless the key has none.
func ParseConfigOutput(out string, withScope, withOrigin bool) ([]Entry, error) {
	fields := strings.Split(out, "\x00")
	if fields[len(fields)-1] != "" {
		return nil, fmt.Errorf("the output does not end with a NUL: it was cut short")
	}
	fields = fields[:len(fields)-1]
	per := 1
	if withScope {
		per++
	}
	if withOrigin {
		per++
	}
	if len(fields)%per != 0 {
		return nil, fmt.Errorf("%d fields do not make records of %d", len(fields), per)
	}
	entries := make([]Entry, 0, len(fields)/per)
	for i := 0; i < len(fields); i += per {
		e := Entry{Index: len(entries), Scope: ScopeUnknown}
		f := fields[i : i+per]
		if withScope {
			e.Scope, f = f[0], f[1:]
		}
		if withOrigin {
			e.Origin, f = f[0], f[1:]
		}
		key, value, ok := strings.Cut(f[0], "\n")
		if key == "" {
			return nil, fmt.Errorf("record %d has no key", len(entries)+1)
		}
		e.Key, e.Value, e.NoValue = key, value, !ok
		entries = append(entries, e)
	}
	return entries, nil
}

// absOrigins makes origin files relative to the clone (git prints the
// local config as .git/config) absolute.
func absOrigins(entries []Entry, dir string) {
	for i := range entries {
		f := entries[i].File()
		if f == "" || dir == "" || isAbsolutePath(f, "windows") {
			continue
		}
		entries[i].Origin = "file:" + filepath.Join(dir, f)
	}
}

// inferScopes works out scopes from origins for git without --show-scope.
func inferScopes(entries []Entry, o ReadOptions) {
	for i := range entries {
		e := &entries[i]
		e.ScopeInferred = true
		file := e.File()
		switch {
		case strings.HasPrefix(e.Origin, "command line:"):
			e.Scope = ScopeCommand
		case file == "":
			e.Scope = ScopeUnknown
		case containsPath(o.GlobalFiles, file):
			e.Scope = ScopeGlobal
		case filepath.Base(file) == "config.worktree":
			e.Scope = ScopeWorktree
		case o.Dir != "" && strings.HasPrefix(filepath.ToSlash(file), filepath.ToSlash(o.Dir)+"/"):
			e.Scope = ScopeLocal
		default:
			e.Scope = ScopeUnknown
		}
	}
}

func containsPath(list []string, p string) bool {
	for _, l := range list {
		if l != "" && filepath.Clean(l) == filepath.Clean(p) {
			return true
		}
	}
	return false
}
