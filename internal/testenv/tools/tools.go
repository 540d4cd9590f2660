// Package tools finds the external programs the tests run (git, the AWS
// CLI, moto_server, python3) and decides, in one place, what a test does
// when one is missing: it is skipped with a loud message naming the
// program and how to install it, or, when the CI variable is set, it fails.
// A CI machine without git must go red, not green with half its tests
// skipped.
//
//	git := tools.RequireTool(t, "git")
//
// Outside package testing (a testscript command, say) use Lookup and CI and
// decide the same way, or pass anything with Skip and Fatal to RequireTool.
package tools

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// T is what RequireTool and Unavailable need of a test: testing.TB and
// testscript's T both have it.
type T interface {
	Skip(args ...any)
	Fatal(args ...any)
}

// install says how to get the programs the tests use.
var install = map[string]string{
	"git":         "install git (apt-get install git, dnf install git, brew install git, or https://git-scm.com/downloads)",
	"aws":         "install the AWS CLI (python3 -m pip install awscli, apt-get install awscli, or https://aws.amazon.com/cli/)",
	"moto_server": "install it with `python3 -m pip install 'moto[server]'`",
	"python3":     "install Python 3 (apt-get install python3, or https://www.python.org/downloads/)",
}

// InstallHint says how to install the program name.
func InstallHint(name string) string {
	if h, ok := install[name]; ok {
		return h
	}
	return "install " + name + " and put it on PATH"
}

// CI reports whether the CI environment variable of the test process is
// set: then a missing prerequisite fails a test instead of skipping it.
func CI() bool { return os.Getenv("CI") != "" }

// Lookup finds name on the test process's PATH and returns its absolute
// path. The error names the program and how to install it.
func Lookup(name string) (string, error) {
	path, err := exec.LookPath(name)
	if err != nil {
		return "", fmt.Errorf("%s NOT FOUND ON PATH (%v); %s", name, err, InstallHint(name))
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return path, nil
}

// RequireTool returns the absolute path of the program name on PATH. When
// it is missing the test is skipped loudly, or failed when CI is set.
func RequireTool(t T, name string) string {
	if h, ok := t.(interface{ Helper() }); ok {
		h.Helper()
	}
	path, err := Lookup(name)
	if err != nil {
		Unavailable(t, err.Error())
	}
	return path
}

// Unavailable stops a test whose prerequisite is missing; why says what is
// missing and how to get it. It skips loudly, saying that the test did not
// run, or, when CI is set, fails: CI must run every test.
func Unavailable(t T, why string) {
	if h, ok := t.(interface{ Helper() }); ok {
		h.Helper()
	}
	name := "this test"
	if n, ok := t.(interface{ Name() string }); ok {
		name = n.Name()
	}
	if CI() {
		t.Fatal(fmt.Sprintf("%s: %s did NOT run, and CI is set (CI=%q), so this is a failure, not a skip", why, name, os.Getenv("CI")))
		return
	}
	t.Skip(fmt.Sprintf("!!! SKIPPED: %s: %s did NOT run (with CI set it would fail) !!!", why, name))
}
