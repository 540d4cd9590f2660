package cli

import (
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
)

func TestSameRepositoryDropsWhatAWorktreeShares(t *testing.T) {
	a, b := checks.TargetSpec{URL: "https://h/v1/repos/A"}, checks.TargetSpec{URL: "https://h/v1/repos/B"}
	seen := map[string]string{}
	if kept, first := sameRepository(seen, "/r/.git", "/r", []checks.TargetSpec{a}); len(kept) != 1 || first != "" {
		t.Fatalf("first clone: kept %v, first %q", kept, first)
	}
	if kept, first := sameRepository(seen, "/r/.git", "/wt", []checks.TargetSpec{a}); len(kept) != 0 || first != "/r" {
		t.Errorf("its worktree: kept %v, first %q; want none, /r", kept, first)
	}
	if kept, first := sameRepository(seen, "/r/.git", "/wt2", []checks.TargetSpec{a, b}); len(kept) != 1 || kept[0] != b || first != "" {
		t.Errorf("a worktree with a submodule of its own: kept %v, first %q; want B alone", kept, first)
	}
	if kept, _ := sameRepository(seen, "/other/.git", "/other", []checks.TargetSpec{a}); len(kept) != 1 {
		t.Errorf("another clone of the same URL is its own target: kept %v", kept)
	}
	if kept, _ := sameRepository(seen, "", "/x", []checks.TargetSpec{a}); len(kept) != 1 {
		t.Errorf("no key: kept %v", kept)
	}
}
