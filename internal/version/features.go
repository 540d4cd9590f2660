package version

import "github.com/Masterminds/semver/v3"

// Names of the version-gated git features reported by GitFeatures.
const (
	// FeatureCredentialHelper: credential helpers (credential.helper).
	FeatureCredentialHelper = "credential-helper"
	// FeatureHelperReset: an empty `helper =` resets the helper list.
	FeatureHelperReset = "credential-helper-reset"
	// FeatureCredentialURLWildcard: credential.<url> sections matched like
	// http.<url>, with `*` in the host.
	FeatureCredentialURLWildcard = "credential-url-wildcard"
	// FeatureConfigShowScope: `git config --show-scope`.
	FeatureConfigShowScope = "config-show-scope"
	// FeatureConfigShowOrigin: `git config --show-origin`.
	FeatureConfigShowOrigin = "config-show-origin"
	// FeatureConfigGetURLMatch: `git config --get-urlmatch`.
	FeatureConfigGetURLMatch = "config-get-urlmatch"
)

// Feature is a git capability that depends on the git version.
type Feature struct {
	// Name is one of the Feature* constants.
	Name string
	// MinVersion is the first git release that has it, e.g. "2.9.0".
	MinVersion string
	// Available reports whether the git version given has it.
	Available bool
	// Why says what the feature is and why the doctor cares.
	Why string
}

// gitFeatureTable lists the version-gated features, oldest first.
func gitFeatureTable() []Feature {
	return []Feature{
		{Name: FeatureCredentialHelper, MinVersion: MinGit,
			Why: "credential helpers (credential.helper) are how git asks `aws codecommit credential-helper` for a password; older git cannot use the AWS CLI helper at all"},
		{Name: FeatureConfigGetURLMatch, MinVersion: "1.8.5",
			Why: "`git config --get-urlmatch` shows which credential settings apply to a given URL; without it the doctor has to match URL sections itself"},
		{Name: FeatureConfigShowOrigin, MinVersion: "2.8.0",
			Why: "`git config --show-origin` names the file each setting comes from, the only way to find Apple Git's hidden system gitconfig"},
		{Name: FeatureHelperReset, MinVersion: "2.9.0",
			Why: "an empty `helper =` line clears helpers set in other files (osxkeychain, manager), so the AWS helper answers first; older git cannot undo a system helper"},
		{Name: FeatureCredentialURLWildcard, MinVersion: "2.26.0",
			Why: "credential.<url> sections are matched like http.<url>, so one `[credential \"https://git-codecommit.*.amazonaws.com\"]` section covers every region; older git needs one section per exact host"},
		{Name: FeatureConfigShowScope, MinVersion: "2.26.0",
			Why: "`git config --show-scope` tells system, global, local and command-line settings apart"},
	}
}

// GitFeatures returns every version-gated git feature, oldest first, with
// Available set for git version v (prerelease tags ignored: an rc has its
// release's features). A nil v marks every feature unavailable.
func GitFeatures(v *semver.Version) []Feature {
	fs := gitFeatureTable()
	for i := range fs {
		fs[i].Available = AtLeast(v, fs[i].MinVersion)
	}
	return fs
}

// HasGitFeature reports whether git version v has the named feature
// (one of the Feature* constants); an unknown name gives false.
func HasGitFeature(v *semver.Version, name string) bool {
	for _, f := range GitFeatures(v) {
		if f.Name == name {
			return f.Available
		}
	}
	return false
}
