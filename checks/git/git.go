package git

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"

	"github.com/Masterminds/semver/v3"

	"github.com/codecommit-doctor/codecommit-doctor/internal/configerr"
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
	// Blocked, when set, says why git must not be run at all (a config
	// file that is a FIFO or a device would make it wait forever); the
	// other fields are then empty.
	Blocked string
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
			{Code: "git-version-failed", Severity: checks.Fail, Meaning: "`git --version` exited non-zero for a reason that is not a config file (git itself does not run).", Remediation: []string{"Reinstall Git."}},
			{Code: "git-config-unparseable", Severity: checks.Fail, Meaning: "git stops on one of its config files (`fatal: bad config line N in file F`, an include that never ends, an included file it cannot open, a directory where the file should be): every git command fails, while git itself works. The checks that read git's settings say they could not look.", Remediation: []string{"Edit F line N: fix or delete that line.", "git config --file F --list   # verify: lists its settings without an error"}},
			{Code: "git-config-unreadable", Severity: checks.Error, Meaning: "A git config file the doctor may not read (permission denied), that is not a regular file (a FIFO, a device), or that is larger than the doctor reads (git still reads that one): git skips an unreadable one without a word, so nothing there takes effect, and the doctor cannot see what it holds.", Remediation: []string{"ls -l F", "chmod u+r F   # when it is yours"}},
			{Code: "git-version-unparseable", Severity: checks.Error, Meaning: "`git --version` printed something that is not a Git version."},
			{Code: "git-too-old", Severity: checks.Fail, Meaning: "Git is older than " + version.MinGit + ", which has no credential helpers.", Remediation: remedy.InstallGit("linux")},
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
	unreadable, blocking := checkConfigFiles(env)
	for _, e := range unreadable {
		res.Add(unreadableFinding(env, e))
	}
	if blocking {
		// git would wait on a FIFO or a device forever: it is not run.
		res.Summary = "could not read " + shellword.Path(unreadable[0].Path, env.Sys.HomeDir(), goos)
		res.Blocks = res.Summary
		Key.Set(&res, &Facts{Blocked: env.Redact(unreadable[0].Error())})
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
		if ce := configerr.Git(out.Stderr); ce != nil {
			return c.brokenConfig(ctx, env, res, ce)
		}
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
	// `git --version` reads little of the configuration (no includes):
	// reading all of it, outside any clone, finds what git stops on.
	cfg, cev, cf, err := checks.RunProgram(ctx, env, missing, sys.Command{Name: "git", Args: []string{"config", "--list", "--includes"},
		Env: []string{"GIT_DIR=/dev/null/none"}, Display: "git config --list --includes   # outside any clone", MaxOutput: 64 << 10})
	cev.Output = "" // the settings themselves are not evidence
	if cfg.ExitCode != 0 {
		cev.Output = checks.Excerpt(env.Redact(cfg.Stderr))
	}
	res.AddEvidence("git_config", cev)
	if err != nil {
		return res, fmt.Errorf("reading git's config: %w", err)
	}
	if cf == nil && cfg.ExitCode != 0 {
		if ce := configerr.Git(cfg.Stderr); ce != nil {
			f := ConfigFinding(env, "git-config-unparseable", ce, "")
			f.Message += fmt.Sprintf(" Git %s at %s itself works: the file needs fixing, not git.", v.Version.Original(), out.Path)
			res.Add(f)
			res.Summary = ce.Describe(func(p string) string { return shellword.Path(p, env.Sys.HomeDir(), goos) })
			res.Blocks = res.Summary
			return res, nil
		}
	}
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
	res.Status = checks.Worst(res.Status, checks.Pass)
	res.Summary = label + " at " + out.Path
	if missing := unavailable(facts.Features); len(missing) > 0 {
		res.Summary += "; lacks " + strings.Join(missing, ", ")
	}
	if len(unreadable) > 0 {
		what := "could not read " + shellword.Path(unreadable[0].Path, env.Sys.HomeDir(), goos)
		res.Summary += "; " + what
		res.Blocks = what + ", which git skips"
	}
	if !facts.Has(version.FeatureHelperReset) {
		res.Add(checks.Finding{Code: "git-no-helper-reset", Severity: checks.Warn,
			Message: fmt.Sprintf("%s cannot reset the credential helper list with an empty `helper =` (needs Git 2.9): "+
				"a caching helper configured system-wide will always run before the AWS helper.", label),
			Remediation: remedy.InstallGit(goos), Docs: []string{remedy.GitDocs}})
	}
	return res, nil
}

// brokenConfig reports a configuration file git stops on. git itself is
// asked again with no configuration at all: when it answers, git works
// and only the file needs fixing (never reinstall a git that works).
func (gitCheck) brokenConfig(ctx context.Context, env *checks.Env, res checks.Result, ce *configerr.Error) (checks.Result, error) {
	f := ConfigFinding(env, "git-config-unparseable", ce, "")
	iso, iev, err := isolatedVersion(ctx, env)
	res.AddEvidence("git_version_without_config", iev)
	label := "git"
	if err == nil && iso.ExitCode == 0 {
		if v, perr := version.ParseGit(env.Redact(iso.Stdout)); perr == nil {
			label = "Git " + v.Version.Original()
			Key.Set(&res, &Facts{Path: iso.Path, Version: v.Version, Features: version.GitFeatures(v.Version)})
			f.Message += fmt.Sprintf(" %s at %s itself works (it runs with no config files): the file needs fixing, not git.", label, iso.Path)
		}
	}
	res.Add(f)
	what := ce.Describe(func(p string) string { return shellword.Path(p, env.Sys.HomeDir(), env.Sys.GOOS()) })
	res.Summary = what
	res.Blocks = what
	return res, nil
}

// checkConfigFiles inspects the global and system config files git reads
// (missing ones are fine; a directory git reports itself). blocking is
// true when one would make git wait forever (a FIFO, a device).
func checkConfigFiles(env *checks.Env) (bad []*safefile.Error, blocking bool) {
	for _, p := range configFiles(env) {
		_, err := env.Sys.ReadFile(p, safefile.ConfigMaxSize)
		var e *safefile.Error
		if !errors.As(err, &e) || e.Kind == safefile.Missing || (e.Kind == safefile.NotRegular && e.Type == "a directory") {
			continue
		}
		bad = append(bad, e)
		if e.Kind == safefile.NotRegular {
			blocking = true
		}
	}
	return bad, blocking
}

// configFiles are the global and system git config files, as git finds
// them (the clone's own .git/config is read where the clone is known).
func configFiles(env *checks.Env) []string {
	var out []string
	for _, p := range safefile.GitFiles(env.Sys.Getenv, env.Sys.HomeDir()) {
		if filepath.Base(p) == ".git-credentials" || filepath.Base(p) == "credentials" {
			continue
		}
		if p == "/etc/gitconfig" && env.Sys.GOOS() == "windows" {
			continue
		}
		out = append(out, p)
	}
	return out
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
