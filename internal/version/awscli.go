package version

import (
	"fmt"
	"strings"

	"github.com/Masterminds/semver/v3"
)

// Installer kinds of the AWS CLI v2, from the token after the OS.
const (
	// InstallerExe is AWS's own bundled installer (pkg, msi, zip):
	// "exe/x86_64.amzn.2".
	InstallerExe = "exe"
	// InstallerSource is a build from the source distribution, e.g.
	// Homebrew or distribution packages: "source/arm64".
	InstallerSource = "source"
)

// awsPrefix starts the line the AWS CLI prints for --version.
const awsPrefix = "aws-cli/"

// awsExample is shown in errors as the expected shape.
const awsExample = `"aws-cli/2.15.30 Python/3.11.8 Linux/5.10.210 exe/x86_64 prompt/off"`

// AWSCLI is the parsed output of `aws --version`.
type AWSCLI struct {
	// Raw is the version line as printed, trimmed of surrounding whitespace.
	Raw string
	// VersionText is the version as printed after "aws-cli/", e.g. "1.45.11".
	VersionText string
	// Version is the CLI version; a letter suffix such as "2.0.0dev4"
	// becomes a prerelease (2.0.0-dev4).
	Version *semver.Version
	// Major is the CLI's major version: 1 or 2.
	Major int
	// Python is the interpreter version after "Python/", e.g. "3.11.7".
	Python string
	// OS is the operating system name (Python's platform.system()) from
	// the token after Python: "Linux", "Darwin", "Windows".
	OS string
	// OSRelease is the release after OS: "6.18.44-fc-v669", "10".
	OSRelease string
	// Botocore is the botocore version (v1, and early v2 builds); "" when
	// not printed.
	Botocore string
	// Installer is InstallerExe or InstallerSource for v2; "" when absent.
	Installer string
	// Exe is the platform tag after "exe/" or "source/", e.g.
	// "x86_64.amzn.2", "AMD64", "arm64".
	Exe string
	// Extra holds the other key/value tokens, e.g. "prompt": "off",
	// "command": "sts.get-caller-identity", "exec-env": "CloudShell".
	// It is nil when there are none.
	Extra map[string]string
}

// Supported reports whether this AWS CLI is at least MinAWSCLI.
func (a AWSCLI) Supported() bool { return AtLeast(a.Version, MinAWSCLI) }

// ParseAWSCLI parses the combined stdout and stderr of `aws --version`
// (AWS CLI v1 on Python 2 printed it on stderr). It uses the first line
// starting with "aws-cli/" followed by a readable version, so warnings
// printed before it do not matter.
func ParseAWSCLI(out string) (AWSCLI, error) {
	var firstErr error
	for _, line := range lines(decodeText(out)) {
		if !hasPrefixFold(line, awsPrefix) {
			continue
		}
		a, err := parseAWSLine(line)
		if err == nil {
			return a, nil
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	if firstErr != nil {
		return AWSCLI{}, firstErr
	}
	return AWSCLI{}, fmt.Errorf("parse aws --version output: %w: expected a line like %s, got %s",
		ErrUnrecognized, awsExample, excerpt(out))
}

// parseAWSLine parses one line that starts with "aws-cli/".
func parseAWSLine(line string) (AWSCLI, error) {
	tokens := strings.Fields(line)
	vtext := tokens[0][len(awsPrefix):]
	c, err := parseCore(vtext)
	if err != nil {
		return AWSCLI{}, fmt.Errorf("parse aws --version output: %w: expected a version like 2.15.30 after %q, got %s (%v)",
			ErrUnrecognized, awsPrefix, excerpt(vtext), err)
	}
	pre := strings.TrimLeft(c.rest, "-")
	if !validPrerelease(pre) {
		pre = ""
	}
	a := AWSCLI{Raw: line, VersionText: vtext, Version: c.semver(pre), Major: int(c.major)}
	afterPython := false
	for _, tok := range tokens[1:] {
		key, val, ok := strings.Cut(tok, "/")
		if !ok {
			continue
		}
		wasAfterPython := afterPython
		afterPython = false
		switch {
		case key == "Python":
			a.Python = val
			afterPython = true
		case wasAfterPython && a.OS == "":
			a.OS, a.OSRelease = key, val
		case key == "botocore":
			a.Botocore = val
		case key == InstallerExe || key == InstallerSource:
			a.Installer, a.Exe = key, val
		default:
			if a.Extra == nil {
				a.Extra = map[string]string{}
			}
			a.Extra[key] = val
		}
	}
	return a, nil
}
