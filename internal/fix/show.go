package fix

import (
	"path/filepath"
	"regexp"
	"strings"

	"github.com/aymanbagabas/go-udiff"

	"github.com/codecommit-doctor/codecommit-doctor/internal/action"
	"github.com/codecommit-doctor/codecommit-doctor/report"
)

// checkLineWidth aligns the check ids as the report does.
const checkLineWidth = len("credential-helper")

func (f *Fixer) checkLines(r report.Report) { f.checkLinesAs(r, nil) }

// checkLinesAs prints the check lines, rewriting each with rewrite.
func (f *Fixer) checkLinesAs(r report.Report, rewrite func(string) string) {
	for _, c := range r.Checks {
		line := report.CheckLine(c, checkLineWidth, false)
		if rewrite != nil {
			line = rewrite(line)
		}
		f.printf("  %s\n", line)
	}
}

// showPlan prints, for each file, the unified diff of what would change,
// then what fix does outside files, what it never does, and what it will
// not do here.
func (f *Fixer) showPlan(plan *Plan) {
	f.printf("\nPlan:\n")
	for _, fp := range plan.Files {
		before, after := string(fp.Before), string(fp.After)
		if isStoreFile(fp) {
			before, after = maskStore(before), maskStore(after)
		}
		f.printf("\n%s", udiff.Unified(fp.Path, fp.Path+" (after fix)", before, after))
		if !strings.HasSuffix(string(fp.After), "\n") && len(fp.After) > 0 {
			f.printf("\n")
		}
		if fp.Real != filepath.Clean(fp.Path) {
			f.printf("  %s is a link: the file changed is %s\n", fp.Path, fp.Real)
		}
		if fp.ReadOnly() {
			f.printf("  %s is read-only (mode %04o): fix will not change it until it is writable\n", fp.Path, fp.Mode)
		}
		for _, a := range fp.Actions {
			if e := a.Expectation(); e != "" {
				f.printf("  expects: %s\n", e)
			}
		}
	}
	f.showSteps(plan)
}

func (f *Fixer) showSteps(plan *Plan) {
	if len(plan.Stores) > 0 {
		f.printf("\nCredential store items it erases (no backup possible; the proof cannot stand in for them):\n")
		for _, s := range plan.Stores {
			f.printCommands(s.Action, "  ")
		}
	}
	if len(plan.Manual) > 0 {
		f.printf("\nSteps fix does not do (do them yourself):\n")
		for _, s := range plan.Manual {
			f.printCommands(s.Action, "  ")
		}
	}
	if len(plan.Unfixable) > 0 {
		f.printf("\nFindings without an action fix can take (what the report says to do, for you or an administrator):\n")
		for _, r := range plan.Unfixable {
			f.printf("  %s\n", r)
			for _, step := range plan.Steps[r] {
				f.printf("    %s\n", step)
			}
		}
	}
	if len(plan.Refused) > 0 {
		f.printf("\nNot done by fix here:\n")
		for _, s := range plan.Refused {
			f.printf("  %s (for %s): %s\n", strings.Join(s.Action.Commands(f.opts.GOOS, f.opts.Home), "; "), s.Finding, s.Why)
		}
	}
}

func (f *Fixer) printCommands(a action.Action, indent string) {
	for _, c := range a.Commands(f.opts.GOOS, f.opts.Home) {
		f.printf("%s%s\n", indent, c)
	}
	if a.Policy != "" {
		f.printf("%s%s\n", indent, a.Policy)
	}
}

func (f *Fixer) showProof(p *Proof) {
	f.printf("\nProof (the changes made on copies, the checks run against them):\n")
	// The copies' paths read as the files they stand in for.
	f.checkLinesAs(report.Build(report.Meta{}, p.Outcomes), func(s string) string {
		for c, real := range p.copies {
			s = strings.ReplaceAll(s, c, real)
		}
		if p.scratchHome != "" && f.opts.Home != "" {
			s = strings.ReplaceAll(s, p.scratchHome, f.opts.Home)
		}
		return strings.ReplaceAll(s, p.scratchDir+string(filepath.Separator), "(copy) ")
	})
	if len(p.Gone) > 0 {
		f.printf("  gone: %s\n", refList(p.Gone))
	}
	if len(p.Unprovable) > 0 {
		f.printf("  not provable on a copy (an OS credential store item): %s\n", refList(p.Unprovable))
	}
}

// beforeAfter prints each check's line before and after.
func (f *Fixer) beforeAfter(before, after report.Report) {
	for i, c := range after.Checks {
		if i < len(before.Checks) && before.Checks[i].ID == c.ID && before.Checks[i].Status != c.Status {
			f.printf("  %s   (was %s)\n", report.CheckLine(c, checkLineWidth, false), before.Checks[i].Status)
			continue
		}
		f.printf("  %s\n", report.CheckLine(c, checkLineWidth, false))
	}
	f.printf("Summary: %d passed, %d warned, %d failed, %d skipped, %d errors · exit %d\n",
		after.Summary.Counts.Pass, after.Summary.Counts.Warn, after.Summary.Counts.Fail, after.Summary.Counts.Skip, after.Summary.Counts.Error, after.Summary.ExitCode)
}

// storePassword is the password of a credential store line.
var storePassword = regexp.MustCompile(`(://[^:/@\s]*):[^@\s]*@`)

func isStoreFile(fp *FilePlan) bool {
	for _, a := range fp.Actions {
		if a.Kind == action.StoreErase {
			return true
		}
	}
	return false
}

// maskStore hides the passwords of a credential store file (the redactor
// masks the user names, access key ids).
func maskStore(s string) string { return storePassword.ReplaceAllString(s, "$1:****@") }
