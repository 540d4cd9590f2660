package fix

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/internal/action"
	"github.com/codecommit-doctor/codecommit-doctor/report"
)

// Diagnose runs the doctor's checks with the given environment.
type Diagnose func(ctx context.Context, environ []string) ([]checks.Outcome, error)

// Options are one fix run's choices and doors.
type Options struct {
	Environ  []string
	GOOS     string
	Home     string
	StateDir string // where backups and the journal go
	System   bool   // --system
	Yes      bool   // --yes: apply without asking
	DryRun   bool   // --dry-run
	// Ask asks the user a yes/no question (default No); nil when there is
	// no terminal to ask on.
	Ask      func(question string) (bool, error)
	Out      io.Writer
	Diagnose Diagnose
	Run      action.Runner
	Now      func() time.Time
	// ScratchDir is where the proof's scratch directory is made ("" =
	// the system's temporary directory).
	ScratchDir string
}

// Fixer is one fix run.
type Fixer struct {
	opts Options
	env  map[string]string
}

// New returns a fix run.
func New(o Options) *Fixer {
	f := &Fixer{opts: o, env: map[string]string{}}
	for _, kv := range o.Environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			f.env[k] = v
		}
	}
	if f.opts.Now == nil {
		f.opts.Now = time.Now
	}
	return f
}

func (f *Fixer) getenv(k string) string { return f.env[k] }

func (f *Fixer) printf(format string, args ...any) { fmt.Fprintf(f.opts.Out, format, args...) }

// Run diagnoses, plans, proves and (when agreed) applies; it returns the
// exit code.
func (f *Fixer) Run(ctx context.Context) (int, error) {
	before, err := f.opts.Diagnose(ctx, f.opts.Environ)
	if err != nil {
		return report.ExitCheckError, err
	}
	beforeRep := report.Build(report.Meta{}, before)
	f.printf("Before:\n")
	f.checkLines(beforeRep)
	sc := NewScratch(os.TempDir(), f.opts.Home, f.getenv, f.opts.GOOS)
	plan, err := Build(before, Places{GOOS: f.opts.GOOS, System: f.opts.System, Provable: sc.Provable, Resolve: resolve})
	if err != nil {
		return report.ExitCheckError, err
	}
	if err := f.readFiles(plan); err != nil {
		return report.ExitCheckError, err
	}
	if plan.Empty() {
		f.showSteps(plan)
		if len(Remaining(before)) == 0 {
			f.printf("\nNothing to fix.\n")
			return report.ExitOK, nil
		}
		f.printf("\nNothing here for fix to change: %s %s no action fix can take.\n", refList(Remaining(before)), verb(len(Remaining(before))))
		return beforeRep.Summary.ExitCode, nil
	}
	proof, err := f.prove(ctx, plan, before)
	if err != nil {
		f.printf("\nCould not prove the plan: %v\nNothing was changed.\n", err)
		return report.ExitCheckError, nil
	}
	f.showPlan(plan)
	f.showProof(proof)
	if !proof.OK() {
		f.printf("\nThe plan is not offered, and nothing was changed:\n")
		for _, r := range proof.Left {
			f.printf("  it cannot fix %s: the checks still report it with the changes made on the copies\n", r)
		}
		for _, r := range proof.Added {
			f.printf("  it would add the failure %s\n", r)
		}
		return report.ExitFail, nil
	}
	if f.opts.DryRun || (!f.opts.Yes && f.opts.Ask == nil) {
		why := "--dry-run"
		if !f.opts.DryRun {
			why = "no terminal to ask on and no --yes"
		}
		f.printf("\nDry run (%s): nothing was changed. `codecommit-doctor fix --yes` applies the plan%s.\n", why, writableFirst(plan))
		return beforeRep.Summary.ExitCode, nil
	}
	f.printf("\nApplying:\n")
	incomplete, err := f.apply(ctx, plan)
	if err != nil {
		return report.ExitCheckError, err
	}
	after, err := f.opts.Diagnose(ctx, f.opts.Environ)
	if err != nil {
		return report.ExitCheckError, err
	}
	afterRep := report.Build(report.Meta{}, after)
	f.printf("\nBefore → after:\n")
	f.beforeAfter(beforeRep, afterRep)
	if incomplete {
		return report.ExitCheckError, nil
	}
	return afterRep.Summary.ExitCode, nil
}

// writableFirst names the read-only files the plan changes, which fix
// --yes leaves alone until they are writable ("" when none).
func writableFirst(plan *Plan) string {
	var ro []string
	for _, fp := range plan.Files {
		if fp.ReadOnly() {
			ro = append(ro, fp.Path)
		}
	}
	if len(ro) == 0 {
		return ""
	}
	be := "are"
	if len(ro) == 1 {
		be = "is"
	}
	return " once " + strings.Join(ro, ", ") + " " + be + " writable (fix never changes a read-only file)"
}

func verb(n int) string {
	if n == 1 {
		return "has"
	}
	return "have"
}

func refList(rs []Ref) string {
	var s []string
	for _, r := range rs {
		s = append(s, r.String())
	}
	return strings.Join(s, ", ")
}

// readFiles records what each file of the plan holds now.
func (f *Fixer) readFiles(plan *Plan) error {
	for _, fp := range plan.Files {
		data, mode, ok, err := current(fp.Real)
		if err != nil {
			return err
		}
		fp.Before, fp.Existed, fp.Mode = data, ok, mode
	}
	return nil
}

// apply writes the files the user agrees to, each after a backup, then
// erases the OS store items; it reports whether something was left undone.
func (f *Fixer) apply(ctx context.Context, plan *Plan) (bool, error) {
	now := f.opts.Now().UTC()
	runDir := filepath.Join(f.opts.StateDir, "backups", now.Format("20060102T150405.000000000Z"))
	j := Journal{Time: now}
	incomplete := false
	for i, fp := range plan.Files {
		if !f.agree(fmt.Sprintf("Change %s?", fp.Path)) {
			f.printf("  %s: left as it is\n", fp.Path)
			continue
		}
		data, mode, exists, err := current(fp.Real)
		if err != nil {
			f.printf("  %s: not touched: %v\n", fp.Path, err)
			incomplete = true
			continue
		}
		if exists != fp.Existed || string(data) != string(fp.Before) {
			f.printf("  %s: not touched: it changed after the plan was made; run fix again\n", fp.Path)
			incomplete = true
			continue
		}
		if exists && mode&0o200 == 0 {
			f.printf("  %s: not touched: it is read-only (mode %04o); make it writable to let fix change it\n", fp.Path, mode)
			incomplete = true
			continue
		}
		if !exists {
			mode = 0o600
		}
		e := JournalEntry{Path: fp.Real, Existed: exists, Mode: mode, Written: digest(fp.After, true)}
		if fp.Real != filepath.Clean(fp.Path) {
			e.Named = fp.Path
		}
		if exists {
			if e.Backup, err = backup(runDir, i, fp.Real, data, mode); err != nil {
				f.printf("  %s: not touched: %v\n", fp.Path, err)
				incomplete = true
				continue
			}
		}
		if err := writeAtomic(fp.Real, fp.After, mode); err != nil {
			f.printf("  %s: not changed: %v\n", fp.Path, err)
			incomplete = true
			continue
		}
		j.Files = append(j.Files, e)
		// The journal follows every write, so --undo knows each file
		// written even when a later step fails.
		if err := writeJournal(f.opts.StateDir, j); err != nil {
			return true, err
		}
		if e.Backup != "" {
			f.printf("  %s: changed (backup: %s)\n", fp.Path, e.Backup)
		} else {
			f.printf("  %s: created\n", fp.Path)
		}
	}
	ap := action.Applier{Run: f.opts.Run, GOOS: f.opts.GOOS}
	for _, s := range plan.Stores {
		cmd := strings.Join(s.Action.Commands(f.opts.GOOS, f.opts.Home), "; ")
		if !f.agree(fmt.Sprintf("Run `%s` (cannot be undone)?", cmd)) {
			f.printf("  %s: not run\n", cmd)
			continue
		}
		if err := ap.Apply(ctx, s.Action, ""); err != nil {
			f.printf("  %s: %v\n", cmd, err)
			incomplete = true
			continue
		}
		f.printf("  %s: done\n", cmd)
	}
	return incomplete, nil
}

// agree asks, unless --yes.
func (f *Fixer) agree(q string) bool {
	if f.opts.Yes {
		return true
	}
	ok, err := f.opts.Ask(q + " [y/N] ")
	return err == nil && ok
}

// Undo restores the files of the last run from their backups, refusing
// when any of them changed since that run wrote it.
func (f *Fixer) Undo() (int, error) {
	j, err := readJournal(f.opts.StateDir)
	if errors.Is(err, ErrNoJournal) {
		if last := lastUndone(f.opts.StateDir); last != "" {
			f.printf("Nothing to undo: the last fix run (%s) was already undone.\n", last)
			return report.ExitCheckError, nil
		}
		f.printf("Nothing to undo: no fix run is recorded in %s.\n", f.opts.StateDir)
		return report.ExitCheckError, nil
	}
	if err != nil {
		return report.ExitCheckError, err
	}
	var changed []JournalEntry
	for _, e := range j.Files {
		data, _, ok, err := current(e.Path)
		if err != nil {
			return report.ExitCheckError, err
		}
		if digest(data, ok) != e.Written {
			changed = append(changed, e)
		}
	}
	if len(changed) > 0 {
		f.printf("Not undoing the fix of %s: restoring would lose what changed since it wrote these files; nothing was restored:\n", j.Time.Format(time.RFC3339))
		for _, e := range changed {
			if e.Backup == "" {
				f.printf("  %s (the fix had created it)\n", e.Path)
				continue
			}
			f.printf("  %s (what was there before the fix: %s)\n", e.Path, e.Backup)
		}
		return report.ExitCheckError, nil
	}
	// Every backup is read before any file is touched: a missing backup
	// leaves all files as they are, not some restored and some not.
	backups := make([][]byte, len(j.Files))
	for i, e := range j.Files {
		if !e.Existed {
			continue
		}
		data, err := os.ReadFile(e.Backup)
		if err != nil {
			f.printf("Not undoing the fix of %s: the backup of %s cannot be read (%v); nothing was restored.\n", j.Time.Format(time.RFC3339), e.Path, err)
			return report.ExitCheckError, nil
		}
		backups[i] = data
	}
	for i, e := range j.Files {
		if !e.Existed {
			if err := os.Remove(e.Path); err != nil && !os.IsNotExist(err) {
				return report.ExitCheckError, fmt.Errorf("removing %s, which the fix created: %w", e.Path, err)
			}
			f.printf("  %s: removed (the fix had created it)\n", e.Path)
			continue
		}
		if err := writeAtomic(e.Path, backups[i], e.Mode); err != nil {
			return report.ExitCheckError, err
		}
		f.printf("  %s: restored from %s\n", e.Path, e.Backup)
	}
	done := filepath.Join(f.opts.StateDir, "undone-"+j.Time.Format("20060102T150405.000000000Z")+".json")
	if err := os.Rename(journalFile(f.opts.StateDir), done); err != nil {
		return report.ExitCheckError, fmt.Errorf("closing the journal: %w", err)
	}
	f.printf("Undid the fix of %s.\n", j.Time.Format(time.RFC3339))
	return report.ExitOK, nil
}
