package checks

import (
	"context"
	"fmt"
	"strings"

	"github.com/Masterminds/semver/v3"

	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
	"github.com/codecommit-doctor/codecommit-doctor/internal/version"
)

// GitFacts is what the git check tells the checks that depend on it.
type GitFacts struct {
	Path     string
	Version  *semver.Version
	Features []version.Feature
}

// Has reports whether the installed git supports a version-gated feature.
func (f GitFacts) Has(name string) bool {
	for _, ft := range f.Features {
		if ft.Name == name {
			return ft.Available
		}
	}
	return false
}

type gitCheck struct{}

// NewGit returns the `git` check.
func NewGit() Check { return gitCheck{} }

const gitDocs = "https://docs.aws.amazon.com/codecommit/latest/userguide/setting-up-https-unixes.html#setting-up-https-unixes-install-git"

func (gitCheck) Info() Info {
	return Info{
		ID:    "git",
		Title: "Git is installed and recent enough",
		Description: "Finds git on PATH, runs `git --version` and requires Git " + version.MinGit +
			" or later (the first with credential helpers). Notes features that depend on the version: " +
			"an empty `helper =` that resets the helper list needs Git 2.9, and a `*` wildcard in a " +
			"`credential.<url>` section needs Git 2.26 (older Git silently ignores such a section).",
		Findings: []FindingDoc{
			{Code: "git-not-found", Severity: Fail, Meaning: "git is not on PATH.", Remediation: installGit("linux")},
			{Code: "git-version-failed", Severity: Fail, Meaning: "`git --version` exited non-zero.", Remediation: []string{"Reinstall Git."}},
			{Code: "git-version-unparseable", Severity: Error, Meaning: "`git --version` printed something that is not a Git version."},
			{Code: "git-too-old", Severity: Fail, Meaning: "Git is older than " + version.MinGit + ", which has no credential helpers.", Remediation: installGit("linux")},
			{Code: "git-no-helper-reset", Severity: Warn, Meaning: "Git is older than 2.9: an empty `helper =` cannot reset helpers set by the system config, so a caching helper there cannot be kept out.", Remediation: installGit("linux")},
		},
	}
}

func installGit(goos string) []string {
	switch goos {
	case "darwin":
		return []string{"xcode-select --install", "or, for a newer Git: brew install git"}
	case "windows":
		return []string{"winget install --id Git.Git -e --source winget"}
	default:
		return []string{"sudo apt-get install -y git   # Debian, Ubuntu", "sudo dnf install -y git       # Fedora, RHEL, Amazon Linux"}
	}
}

func (c gitCheck) Run(ctx context.Context, env *Env) (Result, error) {
	var res Result
	goos := env.Sys.GOOS()
	missing := func(err error) Finding {
		return Finding{Code: "git-not-found", Severity: Fail,
			Message: fmt.Sprintf("Git is not available: %v.", err), Remediation: installGit(goos), Docs: []string{gitDocs}}
	}
	out, ev, f, err := runProgram(ctx, env, missing, sys.Command{Name: "git", Args: []string{"--version"}})
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
		res.Add(exitFinding("git-version-failed", ev, installGit(goos)))
		res.Summary = "`git --version` failed"
		return res, nil
	}
	v, perr := version.ParseGit(env.Redact(out.Stdout))
	if perr != nil {
		res.Add(Finding{Code: "git-version-unparseable", Severity: Error,
			Message: fmt.Sprintf("Could not read the Git version: %v.", perr)})
		res.Summary = "unrecognised `git --version` output"
		return res, nil
	}
	facts := GitFacts{Path: out.Path, Version: v.Version, Features: version.GitFeatures(v.Version)}
	res.Facts = facts
	res.AddEvidence("features", featureEvidence(facts.Features))
	label := "Git " + v.Version.Original()
	if v.Build != "" {
		label += " (" + v.Build + ")"
	}
	if !v.Supported() {
		res.Add(Finding{Code: "git-too-old", Severity: Fail,
			Message:     fmt.Sprintf("%s is older than %s, the first Git with credential helpers.", label, version.MinGit),
			Remediation: installGit(goos), Docs: []string{gitDocs}})
		res.Summary = label + " is too old"
		return res, nil
	}
	res.Status = Pass
	res.Summary = label + " at " + out.Path
	if missing := unavailable(facts.Features); len(missing) > 0 {
		res.Summary += "; lacks " + strings.Join(missing, ", ")
	}
	if !facts.Has(version.FeatureHelperReset) {
		res.Add(Finding{Code: "git-no-helper-reset", Severity: Warn,
			Message: fmt.Sprintf("%s cannot reset the credential helper list with an empty `helper =` (needs Git 2.9): "+
				"a caching helper configured system-wide will always run before the AWS helper.", label),
			Remediation: installGit(goos), Docs: []string{gitDocs}})
	}
	return res, nil
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
