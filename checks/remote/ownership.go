package remote

import (
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/internal/shellword"
)

// codeDubiousOwnership: git refuses the clone, which another user owns.
const codeDubiousOwnership = "clone-dubious-ownership"

// DubiousOwnershipError is git refusing to read a clone that belongs to
// another user and is not listed in safe.directory (git 2.35.2 and later):
// every git command in it fails, a fetch or push as well as the doctor's.
type DubiousOwnershipError struct {
	Dir string // the repository git names
}

func (e *DubiousOwnershipError) Error() string {
	return fmt.Sprintf("git refuses the clone %s: it belongs to another user (\"detected dubious ownership\"; see safe.directory)", e.Dir)
}

// dubiousOwnership recognises git's refusal in its stderr.
func dubiousOwnership(stderr string) (*DubiousOwnershipError, bool) {
	const mark = "detected dubious ownership in repository at '"
	_, rest, ok := strings.Cut(stderr, mark)
	if !ok {
		return nil, false
	}
	dir, _, ok := strings.Cut(rest, "'")
	if !ok || dir == "" {
		return nil, false
	}
	return &DubiousOwnershipError{Dir: dir}, true
}

// dubiousFinding says why the clone gives no target and how to make git
// read it.
func dubiousFinding(env *checks.Env, e *DubiousOwnershipError) checks.Finding {
	return checks.Finding{Code: codeDubiousOwnership, Severity: checks.Fail,
		Message: fmt.Sprintf("git refuses the clone %s: it belongs to another user and is not listed in safe.directory (\"detected dubious ownership\"), so every git command in it fails before CodeCommit is asked. Its remotes were not read.", e.Dir),
		Remediation: []string{
			"git config --global --add safe.directory " + shellword.Quote(e.Dir, env.Sys.GOOS()) + "   # only if you trust the clone's owner",
			"or run git as the user who owns the clone",
		},
		Docs: []string{"https://git-scm.com/docs/git-config#Documentation/git-config.txt-safedirectory"}}
}

func dubiousDoc() checks.FindingDoc {
	return checks.FindingDoc{Code: codeDubiousOwnership, Severity: checks.Fail,
		Meaning:     "Git refuses the clone in the current directory: another user owns it and it is not listed in safe.directory (git's \"detected dubious ownership\"), so git fails there before CodeCommit is asked and its remotes cannot be read.",
		Remediation: []string{"git config --global --add safe.directory DIR   # only if you trust the clone's owner"}}
}
