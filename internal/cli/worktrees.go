package cli

import (
	"context"
	"path/filepath"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// repoKey names the repository a clone belongs to: its common git
// directory, which the worktrees (git worktree add) of one repository
// share with its main work tree, and with them its config and remotes.
// "" when git does not say (the clone is then its own repository).
func repoKey(ctx context.Context, m *sys.Machine, dir string) string {
	out, err := m.Run(ctx, sys.Command{Name: "git", Args: []string{"rev-parse", "--git-common-dir"}, Dir: dir})
	if err != nil || out.ExitCode != 0 {
		return ""
	}
	common := strings.TrimSpace(out.Stdout)
	if common == "" {
		return ""
	}
	if !filepath.IsAbs(common) {
		common = filepath.Join(dir, common)
	}
	if real, err := filepath.EvalSymlinks(common); err == nil {
		common = real
	}
	return filepath.Clean(common)
}

// sameRepository drops the targets a worktree shares with a clone already
// listed (same repository, same URL): they would be diagnosed twice with
// one configuration. It returns the targets kept and, when every target
// of the clone was dropped, the clone they were first found in.
func sameRepository(seen map[string]string, key, dir string, targets []checks.TargetSpec) ([]checks.TargetSpec, string) {
	if key == "" {
		return targets, ""
	}
	var kept []checks.TargetSpec
	first := ""
	for _, t := range targets {
		k := key + "\x00" + t.URL
		if d, ok := seen[k]; ok {
			first = d
			continue
		}
		seen[k] = dir
		kept = append(kept, t)
	}
	if len(kept) > 0 {
		first = ""
	}
	return kept, first
}
