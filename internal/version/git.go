package version

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/Masterminds/semver/v3"
)

// Git flavors: who built the git binary.
const (
	// FlavorApple is Apple's git from Xcode or the Command Line Tools:
	// "git version 2.39.3 (Apple Git-145)".
	FlavorApple = "apple"
	// FlavorWindows is Git for Windows: "git version 2.45.1.windows.1".
	FlavorWindows = "windows"
	// FlavorVFS is Microsoft's fork for VFS for Git / Scalar:
	// "git version 2.46.0.vfs.0.0".
	FlavorVFS = "vfs"
	// FlavorMsysgit is the pre-2.0 Windows build:
	// "git version 1.9.5.msysgit.1".
	FlavorMsysgit = "msysgit"
	// FlavorPlain is upstream git as built by distributions, Homebrew or
	// from source: "git version 2.34.1".
	FlavorPlain = "plain"
)

// gitPrefix starts the line git prints for --version.
const gitPrefix = "git version "

// gitExample is shown in errors as the expected shape.
const gitExample = `"git version 2.39.5"`

// gitRC matches git's release-candidate suffix as GIT-VERSION-GEN prints it.
var gitRC = regexp.MustCompile(`^rc[0-9]+$`)

// Git is the parsed output of `git --version`.
type Git struct {
	// Raw is the version line as printed, trimmed of surrounding whitespace.
	Raw string
	// VersionText is the version as printed, e.g. "2.45.1.windows.1".
	VersionText string
	// Version is MAJOR.MINOR.PATCH (a missing patch reads as 0; a fourth
	// numeric component such as 1.8.3.1 is dropped), with a release
	// candidate as prerelease: "2.46.0.rc0" gives 2.46.0-rc0.
	Version *semver.Version
	// Suffix is what VersionText has after MAJOR.MINOR[.PATCH], without the
	// leading dot: "windows.1", "1", "rc2.20.g11f841c1cc", or "".
	Suffix string
	// Flavor is one of FlavorApple, FlavorWindows, FlavorVFS,
	// FlavorMsysgit, FlavorPlain.
	Flavor string
	// Build is the vendor's build tag: "Apple Git-145", "windows.1",
	// "vfs.0.0", "msysgit.1"; for other builds, any parenthesised text
	// after the version; else "".
	Build string
}

// Supported reports whether this git is at least MinGit.
func (g Git) Supported() bool { return AtLeast(g.Version, MinGit) }

// ParseGit parses the combined output of `git --version`. It uses the first
// line that starts with "git version " followed by a readable version, so
// GIT_TRACE lines or warnings around it do not matter.
func ParseGit(out string) (Git, error) {
	var firstErr error
	for _, line := range lines(decodeText(out)) {
		if !hasPrefixFold(line, gitPrefix) {
			continue
		}
		g, err := parseGitLine(line)
		if err == nil {
			return g, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	if firstErr != nil {
		return Git{}, firstErr
	}
	return Git{}, fmt.Errorf("parse git --version output: %w: expected a line like %s, got %s",
		ErrUnrecognized, gitExample, excerpt(out))
}

// parseGitLine parses one line that starts with "git version ".
func parseGitLine(line string) (Git, error) {
	rest := strings.TrimSpace(line[len(gitPrefix):])
	tok, trailer := splitWord(rest)
	c, err := parseCore(tok)
	if err != nil {
		return Git{}, fmt.Errorf("parse git --version output: %w: expected a version like 2.39.5 after %q, got %s (%v)",
			ErrUnrecognized, strings.TrimSpace(gitPrefix), excerpt(tok), err)
	}
	g := Git{Raw: line, VersionText: tok, Flavor: FlavorPlain}
	g.Suffix = strings.TrimLeft(c.rest, ".-")
	parts := strings.Split(g.Suffix, ".")
	pre := ""
	if gitRC.MatchString(parts[0]) {
		pre = parts[0]
	}
	g.Version = c.semver(pre)
	g.Flavor, g.Build = gitFlavor(parts)
	if inner, ok := parenthesised(trailer); ok {
		g.Build = inner
		if hasPrefixFold(inner, "Apple Git") {
			g.Flavor = FlavorApple
		}
	}
	return g, nil
}

// gitFlavor recognises the vendor marker among the dot-separated parts of
// the version suffix and returns the flavor and the build tag (the marker
// and what follows it).
func gitFlavor(parts []string) (flavor, build string) {
	for _, m := range []struct{ marker, flavor string }{
		{"vfs", FlavorVFS},
		{"windows", FlavorWindows},
		{"msysgit", FlavorMsysgit},
	} {
		for i, p := range parts {
			if strings.EqualFold(p, m.marker) {
				return m.flavor, strings.Join(parts[i:], ".")
			}
		}
	}
	return FlavorPlain, ""
}

// parenthesised returns the inside of "(...)", trimmed.
func parenthesised(s string) (string, bool) {
	if len(s) < 2 || s[0] != '(' || s[len(s)-1] != ')' {
		return "", false
	}
	return strings.TrimSpace(s[1 : len(s)-1]), true
}
