package bundle

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/shellword"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// Runner runs a program through the machine's door (timeout, closed stdin,
// no prompts, bounded output).
type Runner interface {
	Run(ctx context.Context, c sys.Command) (sys.Output, error)
}

// GitConfigPattern selects the settings that decide how git authenticates
// over HTTPS and where it sends requests.
const GitConfigPattern = `^(credential|http|url|include|includeif)\.`

// gitConfigTimeout bounds the git config run.
const gitConfigTimeout = 10 * time.Second

// gitConfigMaxOutput bounds what is read of its output.
const gitConfigMaxOutput = 1 << 20

// Setting is one git setting with where it comes from.
type Setting struct {
	Scope, Origin, Key, Value string
	NoValue                   bool // `[section] key` without "=": a boolean true
}

// GitSettings is what git config said in one directory.
type GitSettings struct {
	Dir      string // "" = the doctor's working directory
	Command  string
	Settings []Setting
	Err      string // why the settings could not be listed
	Note     string // what is missing from them
}

// ReadGitSettings runs `git config --show-origin --show-scope -z
// --get-regexp` in dir, without --file so that every scope and include
// counts, exactly as git sees them there. A git older than 2.26, which has
// no --show-scope, is asked again without it (the scope reads "-").
func ReadGitSettings(ctx context.Context, r Runner, dir string) GitSettings {
	gs := GitSettings{Dir: dir, Command: "git config --show-origin --show-scope --get-regexp '" + GitConfigPattern + "'"}
	out, err := runGitConfig(ctx, r, dir, true)
	if err == nil && out.ExitCode == 129 && strings.Contains(out.Stderr, "show-scope") {
		gs.Command = "git config --show-origin --get-regexp '" + GitConfigPattern + "'"
		gs.Note = "this git has no --show-scope (git 2.26 or later): scopes are not shown"
		out, err = runGitConfig(ctx, r, dir, false)
		if err == nil && out.ExitCode == 0 {
			gs.Settings = parseGitSettings(out.Stdout, false)
			return gs
		}
	}
	switch {
	case err != nil:
		gs.Err = fmt.Sprintf("running git config: %v", err)
		return gs
	case out.ExitCode == 1 && out.Stdout == "":
		return gs // no setting matches
	case out.ExitCode != 0:
		gs.Err = fmt.Sprintf("git config exited with status %d: %s", out.ExitCode, firstLine(out.Stderr))
		return gs
	}
	gs.Settings = parseGitSettings(out.Stdout, true)
	if out.Truncated {
		gs.Err = "git config's output was cut at 1 MB: the settings below are incomplete"
	}
	return gs
}

func runGitConfig(ctx context.Context, r Runner, dir string, scope bool) (sys.Output, error) {
	args := []string{"config", "--show-origin"}
	if scope {
		args = append(args, "--show-scope")
	}
	args = append(args, "-z", "--get-regexp", GitConfigPattern)
	ctx, cancel := context.WithTimeout(ctx, gitConfigTimeout)
	defer cancel()
	return r.Run(ctx, sys.Command{Name: "git", Args: args, Dir: dir, MaxOutput: gitConfigMaxOutput})
}

// parseGitSettings reads -z output: [scope NUL] origin NUL key [LF value] NUL.
func parseGitSettings(s string, withScope bool) []Setting {
	fields := strings.Split(s, "\x00")
	n := 2
	if withScope {
		n = 3
	}
	var out []Setting
	for i := 0; i+n-1 < len(fields); i += n {
		st := Setting{Scope: "-"}
		if withScope {
			st.Scope = fields[i]
		}
		st.Origin = fields[i+n-2]
		key, value, ok := strings.Cut(fields[i+n-1], "\n")
		st.Key, st.Value, st.NoValue = key, value, !ok
		out = append(out, st)
	}
	return out
}

// Shown is the setting's value as the bundle shows it: hidden when the key
// may hold a secret (http.extraHeader, cookies, passwords, tokens), else
// with the user information of URLs masked.
func (s Setting) Shown() string {
	switch {
	case s.NoValue:
		return "(no value: true)"
	case secretGitKey.MatchString(maskUserinfo(s.Key)):
		return Hidden
	}
	return strings.ReplaceAll(maskUserinfo(s.Value), "\n", `\n`)
}

// Text renders the settings as the bundle's git-config file.
func (g GitSettings) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n", g.Command)
	dir := g.Dir
	if dir == "" {
		dir = "the directory the doctor ran in"
	}
	fmt.Fprintf(&b, "# run in: %s (every scope and include git sees there)\n", dir)
	b.WriteString("# Values that may hold secrets (http.extraHeader, cookies, passwords, tokens) are hidden;\n# user information in URLs is masked.\n\n")
	if g.Err != "" {
		fmt.Fprintf(&b, "error: %s\n\n", g.Err)
	}
	if g.Note != "" {
		fmt.Fprintf(&b, "note: %s\n\n", g.Note)
	}
	if len(g.Settings) == 0 && g.Err == "" {
		b.WriteString("(no credential.*, http.*, url.* or include* setting)\n")
	}
	for _, s := range g.Settings {
		fmt.Fprintf(&b, "%s\t%s\t%s = %s\n", s.Scope, maskUserinfo(s.Origin), maskUserinfo(s.Key), s.Shown())
	}
	return b.String()
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

// HelperProfiles are the profiles the AWS credential helpers in the
// settings name with --profile (`!aws --profile NAME codecommit
// credential-helper $@`), in order, each once.
func HelperProfiles(all []GitSettings) []string {
	var out []string
	for _, g := range all {
		for _, s := range g.Settings {
			if !strings.HasSuffix(s.Key, ".helper") || !strings.HasPrefix(s.Value, "!") {
				continue
			}
			words, _, err := shellword.Parse(s.Value[1:])
			if err != nil || !slices.Contains(words, "credential-helper") {
				continue
			}
			for i, w := range words {
				switch {
				case w == "--profile" && i+1 < len(words):
					out = appendNew(out, words[i+1])
				case strings.HasPrefix(w, "--profile="):
					out = appendNew(out, strings.TrimPrefix(w, "--profile="))
				}
			}
		}
	}
	return out
}
