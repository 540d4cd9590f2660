package remote

import "testing"

func TestDubiousOwnershipReadsGitsRefusal(t *testing.T) {
	stderr := "fatal: detected dubious ownership in repository at '/srv/My Repo'\nTo add an exception for this directory, call:\n\n\tgit config --global --add safe.directory '/srv/My Repo'\n"
	if e, ok := dubiousOwnership(stderr); !ok || e.Dir != "/srv/My Repo" {
		t.Errorf("dubiousOwnership = %+v, %v; want /srv/My Repo", e, ok)
	}
	for _, s := range []string{"", "fatal: not a git repository (or any of the parent directories): .git", "detected dubious ownership in repository at '"} {
		if e, ok := dubiousOwnership(s); ok {
			t.Errorf("dubiousOwnership(%q) = %+v, want none", s, e)
		}
	}
}
