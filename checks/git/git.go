package git

import (
	"context"
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"

	"github.com/Masterminds/semver/v3"

	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/safefile"
	"github.com/codecommit-doctor/codecommit-doctor/internal/shellword"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
	"github.com/codecommit-doctor/codecommit-doctor/internal/version"
)

// ID is the check's id.
const ID = "git"

// Key is what the git check tells the checks that depend on it.
var Key = checks.NewKey[*Facts](ID)

// Facts are the installed git's path, version and version-gated features.
type Facts struct {
	Path     string
	Version  *semver.Version
	Features []version.Feature
}

// Has reports whether the installed git supports a version-gated feature.
func (f *Facts) Has(name string) bool {
	for _, ft := range f.Features {
		if ft.Name == name {
			return ft.Available
		}
	}
	return false
}

type gitCheck struct{}

// New returns the `git` check.
func New() checks.Check { return gitCheck{} }

func (gitCheck) Info() checks.Info {
	return checks.Info{
		ID:    ID,
		Gives: []checks.KeyRef{Key},
		Title: "Git is installed and recent enough",
		Description: "Finds git on PATH, runs `git --version` and requires Git " + version.MinGit +
			" or later (the first with credential helpers). Notes features that depend on the version: " +
			"an empty `helper =` that resets the helper list needs Git 2.9, and a `*` wildcard in a " +
			"`credential.<url>` section needs Git 2.26 (older Git silently ignores such a section).",
		Findings: []checks.FindingDoc{
			{Code: "git-not-found", Severity: checks.Fail, Meaning: "git is not on PATH.", Remediation: remedy.InstallGit("linux")},
			{Code: "git-version-failed", Severity: checks.Fail, Meaning: "`git --version` exited non-zero.", Remediation: []string{"Reinstall Git."}},
			{Code: "git-version-unparseable", Severity: checks.Error, Meaning: "`git --version` printed something that is not a Git version."},
			{Code: "git-too-old", Severity: checks.Fail, Meaning: "Git is older than " + version.MinGit + ", which has no credential helpers.", Remediation: remedy.InstallGit("linux")},
			{Code: "git-config-file-unusable", Severity: checks.Fail, Meaning: "A git configuration file (system, global, XDG) is a FIFO, a device, a directory, a symbolic link loop, too large or unreadable: every git command blocks or fails on it. Fixed by making it a regular readable file or moving it away; never by reinstalling git.",
				Remediation: []string{"mv ~/.gitconfig ~/.gitconfig.not-a-file   # when ~/.gitconfig is not a regular file"}},
			{Code: "git-no-helper-reset", Severity: checks.Warn, Meaning: "Git is older than 2.9: an empty `helper =` cannot reset helpers set by the system config, so a caching helper there cannot be kept out.", Remediation: remedy.InstallGit("linux")},
		},
	}
}

func (c gitCheck) Run(ctx context.Context, env *checks.Env) (checks.Result, error) {
	var res checks.Result
	goos := env.Sys.GOOS()
	missing := func(err error) checks.Finding {
		return checks.Finding{Code: "git-not-found", Severity: checks.Fail,
			Message: fmt.Sprintf("Git is not available: %v.", err), Remediation: remedy.InstallGit(goos), Docs: []string{remedy.GitDocs}}
	}
	// A FIFO or device where git expects its config makes even `git
	// --version` block or fail: look at git's files before running it.
	if bad := safefile.CheckFiles(safefile.GitFiles(env.Sys.Getenv, env.Sys.HomeDir())); len(bad) > 0 {
		home := env.Sys.HomeDir()
		for _, e := range bad {
			res.Add(unusableConfig(e, home, goos))
		}
		res.Summary = "git's configuration cannot be read: " + bad[0].Error()
		return res, nil
	}
	out, ev, f, err := checks.RunProgram(ctx, env, missing, sys.Command{Name: "git", Args: []string{"--version"}})
	res.AddEvidence("git_version", ev)
	if err != nil {
		return res, fmt.Errorf("checking git: %w", err)
	}
	if f != nil {
		res.Add(*f)
		res.Summary = "git not found"
		return res, nil
	}
	if out.ExitCode != 0 {
		res.Add(checks.ExitFinding("git-version-failed", ev, remedy.InstallGit(goos)))
		res.Summary = "`git --version` failed"
		return res, nil
	}
	v, perr := version.ParseGit(env.Redact(out.Stdout))
	if perr != nil {
		res.Add(checks.Finding{Code: "git-version-unparseable", Severity: checks.Error,
			Message: fmt.Sprintf("Could not read the Git version: %v.", perr)})
		res.Summary = "unrecognised `git --version` output"
		return res, nil
	}
	facts := &Facts{Path: out.Path, Version: v.Version, Features: version.GitFeatures(v.Version)}
	Key.Set(&res, facts)
	res.AddEvidence("features", featureEvidence(facts.Features))
	label := "Git " + v.Version.Original()
	if v.Build != "" {
		label += " (" + v.Build + ")"
	}
	if !v.Supported() {
		res.Add(checks.Finding{Code: "git-too-old", Severity: checks.Fail,
			Message:     fmt.Sprintf("%s is older than %s, the first Git with credential helpers.", label, version.MinGit),
			Remediation: remedy.InstallGit(goos), Docs: []string{remedy.GitDocs}})
		res.Summary = label + " is too old"
		return res, nil
	}
	res.Status = checks.Pass
	res.Summary = label + " at " + out.Path
	if missing := unavailable(facts.Features); len(missing) > 0 {
		res.Summary += "; lacks " + strings.Join(missing, ", ")
	}
	if !facts.Has(version.FeatureHelperReset) {
		res.Add(checks.Finding{Code: "git-no-helper-reset", Severity: checks.Warn,
			Message: fmt.Sprintf("%s cannot reset the credential helper list with an empty `helper =` (needs Git 2.9): "+
				"a caching helper configured system-wide will always run before the AWS helper.", label),
			Remediation: remedy.InstallGit(goos), Docs: []string{remedy.GitDocs}})
	}
	return res, nil
}

// unusableConfig is the finding for a git config file git cannot use.
func unusableConfig(e *safefile.Error, home, goos string) checks.Finding {
	path := shellword.Path(e.Path, home, goos)
	steps := []string{fmt.Sprintf("Make %s a regular, readable configuration file, or move it away: every git command reads it.", path)}
	switch e.Kind {
	case safefile.NotRegular, safefile.SymlinkLoop:
		steps = append(steps, fmt.Sprintf("mv %s %s   # git then reads no file there; put your settings back into a regular file", path, shellword.Path(e.Path+".not-a-file", home, goos)))
	case safefile.Unreadable:
		steps = append(steps, fmt.Sprintf("ls -l %s   # its owner and mode: it must be readable by the user who runs git", path))
	}
	return checks.Finding{Code: "git-config-file-unusable", Severity: checks.Fail,
		Message:     fmt.Sprintf("%s: git reads this file for every command, so git cannot run until it is fixed (the doctor did not run git at all).", e.Error()),
		Remediation: steps, Docs: []string{remedy.GitDocs}}
}

func unavailable(fs []version.Feature) []string {
	var out []string
	for _, f := range fs {
		if !f.Available {
			out = append(out, fmt.Sprintf("%s (needs %s)", f.Name, f.MinVersion))
		}
	}
	return out
}

func featureEvidence(fs []version.Feature) map[string]bool {
	out := make(map[string]bool, len(fs))
	for _, f := range fs {
		out[f.Name] = f.Available
	}
	return out
}
