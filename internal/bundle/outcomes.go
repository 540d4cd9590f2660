package bundle

import (
	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/credentials"
)

// What the diagnosis established that decides what the bundle collects.

// TargetDirs are the directories whose git settings matter: the clone each
// target came from, else the doctor's working directory ("").
func TargetDirs(outcomes []checks.Outcome) []string {
	var dirs []string
	for _, o := range outcomes {
		if t, ok := checks.TargetKey.In(o.Result); ok && t != nil {
			dirs = appendNew(dirs, t.Dir)
		}
	}
	if len(dirs) == 0 {
		return []string{""}
	}
	return dirs
}

// TargetProfile is the profile named by a codecommit:// target URL, if any.
func TargetProfile(outcomes []checks.Outcome) string {
	for _, o := range outcomes {
		if t, ok := checks.TargetKey.In(o.Result); ok && t != nil && t.URL.Profile != "" {
			return t.URL.Profile
		}
	}
	return ""
}

// UsedProfile is the profile the run's credentials came from and who chose
// it, as the credentials check found (the credential helper's own --profile
// included); when that check did not run (--offline, deselected) or used
// no profile, ChosenProfile decides from the flag, the environment and the
// URL, and the profiles the helpers name are shown too (HelperProfiles).
func UsedProfile(outcomes []checks.Outcome, flag string, getenv func(string) string) (name, from string) {
	for _, o := range outcomes {
		if f, ok := credentials.Key.In(o.Result); ok && f != nil && f.Profile != "" {
			if f.ProfileSource == "default" {
				return f.Profile, noProfileChosen
			}
			return f.Profile, f.ProfileSource
		}
	}
	return ChosenProfile(flag, getenv, TargetProfile(outcomes))
}
