package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/remote"
	"github.com/codecommit-doctor/codecommit-doctor/internal/clones"
	"github.com/codecommit-doctor/codecommit-doctor/internal/progress"
	"github.com/codecommit-doctor/codecommit-doctor/report"
)

// scanOptions are scan's own flags.
type scanOptions struct {
	depth int
	max   int
}

func newScanCmd(a *App) *cobra.Command {
	o := &doctorOptions{}
	so := &scanOptions{}
	cmd := &cobra.Command{
		Use:   "scan [DIR...]",
		Short: "Find the git clones under directories and diagnose every CodeCommit remote",
		Long: `scan looks for git clones under each DIR (default: the current directory), at
most --depth levels down, skipping node_modules, .terraform, vendor and other
dependency folders and ending symbolic link loops, and diagnoses every CodeCommit
remote of every clone (and their CodeCommit submodules) in one run: the checks
that do not depend on the repository run once. It prints one row per repository
(repository, remote, verdict, first finding); -v, or a machine format, gives the
full report of every repository. It changes nothing.

` + exitCodesHelp,
		Args: cobra.ArbitraryArgs,
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return nil, cobra.ShellCompDirectiveFilterDirs
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = []string{"."}
			}
			return a.scan(cmd.Context(), o, so, args)
		},
	}
	addRunFlags(a, cmd, o, false)
	cmd.Flags().IntVar(&so.depth, "depth", clones.DefaultDepth, "directory levels below each DIR to look for clones")
	cmd.Flags().IntVar(&so.max, "max-repos", clones.DefaultMax, "diagnose at most this many clones")
	return cmd
}

// scan finds the clones under dirs and diagnoses their CodeCommit remotes.
func (a *App) scan(ctx context.Context, o *doctorOptions, so *scanOptions, dirs []string) error {
	if so.depth < 1 || so.max < 1 {
		return usageError("--depth and --max-repos must be at least 1, got %d and %d", so.depth, so.max)
	}
	for _, d := range dirs {
		if strings.TrimSpace(d) == "" {
			return usageError("a DIR argument is empty (an unset variable?)")
		}
	}
	s, err := a.start(ctx, o, "")
	if err != nil {
		return err
	}
	if err := s.writeHeader(); err != nil {
		return err
	}
	found, err := findClones(ctx, s, so, dirs)
	if ctx.Err() != nil {
		return &exitError{code: report.ExitInterrupted, err: errors.New("interrupted")}
	}
	if err != nil {
		return usageError("%v", err)
	}
	targets, notes, err := scanTargets(ctx, s, found)
	if ctx.Err() != nil {
		return &exitError{code: report.ExitInterrupted, err: errors.New("interrupted")}
	}
	if err != nil {
		return &exitError{code: report.ExitCheckError, err: err}
	}
	if err := a.scanNotes(s, found, len(targets), notes); err != nil {
		return err
	}
	s.meta.Scan = &report.Scan{Dirs: found.Dirs, Clones: len(found.Clones), Truncated: found.Truncated, MaxRepos: so.max,
		Skipped: notes, Unreadable: found.Problems}
	if len(targets) == 0 {
		return &exitError{code: report.ExitCheckError, err: fmt.Errorf("no clone with a CodeCommit remote under %s (%s found): nothing to diagnose%s", strings.Join(dirs, ", "), count(len(found.Clones), "clone", "clones"), insideClone(ctx, s, found, dirs))}
	}
	return a.finish(ctx, s, targets, report.ScanTable)
}

// findClones walks the directories, with a progress line on a terminal.
func findClones(ctx context.Context, s *session, so *scanOptions, dirs []string) (clones.Result, error) {
	opts := clones.Options{Depth: so.depth, Max: so.max}
	if s.term.live {
		// One line, rewritten in place and erased at the end.
		var mu sync.Mutex
		var last time.Time
		opts.Progress = func(_ string, n, found int) {
			mu.Lock()
			defer mu.Unlock()
			if time.Since(last) < 100*time.Millisecond {
				return
			}
			last = time.Now()
			line := fmt.Sprintf("looking for clones: %d directories read, %d clones", n, found)
			_, _ = io.WriteString(s.out, "\r\x1b[2K"+progress.Cut(line, s.width))
		}
		defer func() { _, _ = io.WriteString(s.out, "\r\x1b[2K") }()
	}
	return clones.Find(ctx, dirs, opts)
}

// scanTargets lists every CodeCommit remote and submodule of the clones;
// notes name the clones without one.
func scanTargets(ctx context.Context, s *session, found clones.Result) ([]checks.TargetSpec, []string, error) {
	var targets []checks.TargetSpec
	var notes []string
	repos := map[string]string{}
	for _, dir := range found.Clones {
		rctx, cancel := context.WithTimeout(ctx, s.o.timeout)
		res, err := remote.Resolve(rctx, s.env, dir, true)
		key := ""
		if err == nil && len(res.Targets) > 0 {
			key = repoKey(rctx, s.machine, dir)
		}
		cancel()
		if err != nil {
			notes = append(notes, fmt.Sprintf("%s: %v", dir, err))
			continue
		}
		if len(res.Targets) == 0 {
			why := "no remotes"
			if len(res.Other) > 0 {
				why = "no CodeCommit remote: " + strings.Join(res.Other, ", ")
			}
			notes = append(notes, fmt.Sprintf("%s: %s", dir, why))
		}
		kept, first := sameRepository(repos, key, dir, res.Targets)
		if first != "" {
			notes = append(notes, fmt.Sprintf("%s: the same repository as %s (git worktree), whose remotes are diagnosed there", dir, first))
		}
		targets = append(targets, kept...)
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, fmt.Errorf("reading the clones' remotes: %w", err)
	}
	return targets, notes, nil
}

// scanNotes says what the search found: on stdout in text, on stderr in
// the machine formats (whose stdout is the report alone).
func (a *App) scanNotes(s *session, found clones.Result, targets int, notes []string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Scanned %s: %s, %s.\n", count(found.Dirs, "directory", "directories"),
		count(len(found.Clones), "clone", "clones"), count(targets, "CodeCommit target", "CodeCommit targets"))
	if found.Truncated {
		fmt.Fprintf(&b, "Stopped at %d clones (--max-repos); the others were not diagnosed.\n", len(found.Clones))
	}
	for _, n := range notes {
		fmt.Fprintf(&b, "  skipped %s\n", n)
	}
	for _, p := range found.Problems {
		fmt.Fprintf(&b, "  could not read %s\n", p)
	}
	return a.notes(s, b.String())
}

// notes prints what the run found before its report: on stdout in text,
// on stderr in the machine formats (whose stdout is the report alone).
func (a *App) notes(s *session, text string) error {
	if text == "" {
		return nil
	}
	if s.o.output == "text" {
		return s.write(text + "\n")
	}
	text = s.redactor.String(shortenHome(text, s.machine.HomeDir()))
	if _, err := io.WriteString(a.Stderr, text); err != nil {
		return &exitError{code: report.ExitUsage, err: fmt.Errorf("writing the run's notes: %w", err)}
	}
	return nil
}

// count is "1 clone" or "3 clones".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
