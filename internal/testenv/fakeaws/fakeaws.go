// Package fakeaws writes fake `aws` programs (POSIX shell scripts) for tests
// that need an AWS CLI on PATH but not the real one: each Behaviour is one
// way the doctor sees the CLI answer. The testscript command `fakeaws` in
// cmd/codecommit-doctor and Go tests share them.
package fakeaws

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// DefaultVersion is what `aws --version` prints unless told otherwise: an
// AWS CLI v1 recent enough for every check.
const DefaultVersion = "aws-cli/1.45.11 Python/3.11.7 Linux/6.18.44-fc-v669 botocore/1.43.11"

// Behaviour is how a fake aws answers.
type Behaviour string

const (
	// Helper prints the version for --version and succeeds for
	// `codecommit credential-helper erase`; any other command is
	// unexpected: "unexpected aws ARGS" on stderr, exit 1.
	Helper Behaviour = "helper"
	// Debug is Helper that also answers `--debug codecommit
	// credential-helper erase` as the real CLI does: its debug log, which
	// starts with the CLI version, on stderr.
	Debug Behaviour = "debug"
	// Configure is Helper that also answers `configure --profile NAME` by
	// appending what the interactive prompts leave behind ([profile NAME]
	// with a region) to ~/.aws/config.
	Configure Behaviour = "configure"
	// Lenient prints the version for --version and silently succeeds for
	// everything else.
	Lenient Behaviour = "lenient"
	// NoHelper is a CLI without the credential helper: it prints the
	// version, and exits 2 with argparse's "Invalid choice" for anything
	// else.
	NoHelper Behaviour = "no-helper"
	// Silent succeeds for everything and prints nothing, not even a
	// version: a program that is on PATH and starts, no more.
	Silent Behaviour = "silent"
	// Hang never answers: it sleeps 30 seconds, for timeouts.
	Hang Behaviour = "hang"
)

const unexpected = `*) echo "unexpected aws $*" >&2; exit 1 ;;`

// arms are the case arms after --version, %[1]s being the version.
var arms = map[Behaviour][]string{
	Helper: {
		`"codecommit credential-helper erase") exit 0 ;;`,
		unexpected,
	},
	Debug: {
		`"--debug codecommit credential-helper erase") echo "2026-11-26 08:09:01,839 - MainThread - awscli.clidriver - DEBUG - CLI version: %[1]s" >&2 ;;`,
		`"codecommit credential-helper erase") exit 0 ;;`,
		unexpected,
	},
	Configure: {
		`"codecommit credential-helper erase") exit 0 ;;`,
		`"configure --profile "*)`,
		"\t# What the interactive prompts leave behind.",
		"\tmkdir -p \"$HOME/.aws\"",
		"\tprintf '[profile %%s]\\nregion = us-east-1\\n' \"$3\" >> \"$HOME/.aws/config\" ;;",
		unexpected,
	},
	Lenient: {
		`*) exit 0 ;;`,
	},
	NoHelper: {
		`*) echo "aws: error: argument command: Invalid choice: 'credential-helper'" >&2; exit 2 ;;`,
	},
}

// Behaviours lists every behaviour, sorted.
func Behaviours() []Behaviour {
	all := []Behaviour{Silent, Hang}
	for b := range arms {
		all = append(all, b)
	}
	slices.Sort(all)
	return all
}

// Script returns the program for b; version is what --version prints
// (DefaultVersion when empty).
func Script(b Behaviour, version string) (string, error) {
	if version == "" {
		version = DefaultVersion
	}
	switch b {
	case Silent:
		return "#!/bin/sh\nexit 0\n", nil
	case Hang:
		return "#!/bin/sh\nexec /bin/sleep 30\n", nil
	}
	a, ok := arms[b]
	if !ok {
		return "", fmt.Errorf("no fake aws behaviour %q (have %v)", b, Behaviours())
	}
	if strings.ContainsAny(version, "\"\\$`\n") {
		return "", fmt.Errorf("the fake aws version %q cannot be echoed as is", version)
	}
	lines := append([]string{"#!/bin/sh", `case "$*" in`, `--version) echo "%[1]s" ;;`}, a...)
	lines = append(lines, "esac", "")
	return fmt.Sprintf(strings.Join(lines, "\n"), version), nil
}

// Write writes the program for b to path, executable, creating its
// directory.
func Write(path string, b Behaviour, version string) error {
	script, err := Script(b, version)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(path, []byte(script), 0o755); err != nil {
		return err
	}
	return os.Chmod(path, 0o755)
}
