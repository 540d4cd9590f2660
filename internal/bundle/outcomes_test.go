package bundle

import (
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/credentials"
	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
)

func TestUsedProfile(t *testing.T) {
	signed := func(profile, source string) []checks.Outcome {
		var res checks.Result
		credentials.Key.Set(&res, &credentials.Facts{Profile: profile, ProfileSource: source})
		return []checks.Outcome{{Info: checks.Info{ID: credentials.ID}, Result: res}}
	}
	env := fakeEnv{"AWS_PROFILE": "envp"}
	for _, c := range []struct {
		name       string
		outcomes   []checks.Outcome
		flag       string
		want, from string
	}{
		{"the helper's --profile wins over AWS_PROFILE", signed("helperp", "--profile in the credential helper command"), "", "helperp", "--profile in the credential helper command"},
		{"nothing names one", signed("default", "default"), "", "default", "no profile chosen"},
		{"no credentials facts (offline): flag", nil, "flagp", "flagp", "--profile"},
		{"no credentials facts: environment", nil, "", "envp", "AWS_PROFILE"},
	} {
		if n, f := UsedProfile(c.outcomes, c.flag, env.Getenv); n != c.want || f != c.from {
			t.Errorf("%s: got %q (%s), want %q (%s)", c.name, n, f, c.want, c.from)
		}
	}
	var res checks.Result
	checks.TargetKey.Set(&res, &checks.Target{URL: ccurl.Remote{Profile: "urlp"}, Dir: "/src/clone"})
	target := []checks.Outcome{{Info: checks.Info{ID: checks.TargetID}, Result: res}}
	if n, f := UsedProfile(target, "", fakeEnv{}.Getenv); n != "urlp" || f != "the repository URL" {
		t.Errorf("codecommit:// profile: got %q (%s)", n, f)
	}
	if dirs := TargetDirs(target); len(dirs) != 1 || dirs[0] != "/src/clone" {
		t.Errorf("TargetDirs = %q, want the clone", dirs)
	}
	if dirs := TargetDirs(nil); len(dirs) != 1 || dirs[0] != "" {
		t.Errorf("TargetDirs without a target = %q, want the working directory", dirs)
	}
}
