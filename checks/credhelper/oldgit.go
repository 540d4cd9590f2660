package credhelper

import (
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"

	"github.com/codecommit-doctor/codecommit-doctor/internal/gitcred"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
)

// oldGit reports settings this git ignores for lack of a feature, when a
// current git would do something different for the URL.
func (a *credAnalysis) oldGit() {
	full := gitcred.Compute(a.facts.Entries, a.facts.Request, gitcred.AllFeatures(), a.fix.GOOS())
	if sameOutcome(a.facts.Chain, full) {
		return
	}
	var urlmatch, reset []gitcred.Ignored
	for _, ig := range a.facts.Chain.Ignored {
		switch ig.NeedsFeature {
		case "urlmatch":
			urlmatch = append(urlmatch, ig)
		case "reset":
			reset = append(reset, ig)
		}
	}
	label := "This Git"
	if v := a.facts.GitVersion; v != nil {
		label = "Git " + v.Original()
	}
	if len(urlmatch) > 0 {
		var lines []string
		seen := map[string]int{}
		for _, ig := range urlmatch {
			section, _ := ig.Entry.URL()
			key := section + "\x00" + ig.Entry.Where()
			if i, ok := seen[key]; ok {
				lines[i] += ", " + ig.Entry.Name()
				continue
			}
			seen[key] = len(lines)
			lines = append(lines, fmt.Sprintf("%s (%s): %s", ig.Reason, a.where(ig.Entry), ig.Entry.Name()))
		}
		fix := append([]string{"Upgrade Git to 2.26 or later:"}, remedy.InstallGit(a.fix.GOOS())...)
		fix = append(fix, "or, with this Git, one section per exact host:")
		fix = append(fix, a.fix.SectionFix(a.chainEntries())...)
		a.add(checks.Finding{Code: "git-too-old-for-config", Severity: checks.Fail,
			Message:     fmt.Sprintf("%s silently ignores settings meant for %s:\n%s", label, a.facts.URL, strings.Join(lines, "\n")),
			Remediation: fix}, label+" ignores credential sections")
	}
	if len(reset) > 0 {
		var lines []string
		for _, ig := range reset {
			lines = append(lines, fmt.Sprintf("`%s =` (%s)", ig.Entry.Key, a.where(ig.Entry)))
		}
		a.add(checks.Finding{Code: "git-too-old-for-config", Severity: checks.Fail,
			Message: fmt.Sprintf("%s does not clear the helper list on an empty `helper =` (that needs Git 2.9): it runs it as a helper named \"\", which fails, and every helper set before it still runs: %s",
				label, strings.Join(lines, ", ")),
			Remediation: append([]string{"Upgrade Git to 2.9 or later:"}, remedy.InstallGit(a.fix.GOOS())...)}, label+" cannot reset the helper list")
	}
}

// sameOutcome reports whether two chains run the same helpers with the
// same useHttpPath.
func sameOutcome(a, b gitcred.Chain) bool {
	if len(a.Helpers) != len(b.Helpers) || a.UseHTTPPath != b.UseHTTPPath {
		return false
	}
	for i := range a.Helpers {
		if a.Helpers[i].Value.Raw != b.Helpers[i].Value.Raw {
			return false
		}
	}
	return true
}
