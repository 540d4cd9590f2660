package reproduce

import (
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/clock"
	"github.com/codecommit-doctor/codecommit-doctor/checks/credentials"
	"github.com/codecommit-doctor/codecommit-doctor/checks/kms"
	"github.com/codecommit-doctor/codecommit-doctor/checks/permissions"
	"github.com/codecommit-doctor/codecommit-doctor/checks/region"
)

// serverSide are the checks that explain a refusal on the service side.
func serverSide() []checks.KeyRef {
	return []checks.KeyRef{permissions.Key, kms.Key, region.Key, credentials.Key, clock.Key}
}

// reproDepFinding is a failing finding of another check.
type reproDepFinding struct {
	check string
	f     checks.Finding
}

// depProblems returns the failing or warning findings of the server-side
// checks, and the checks that did not run or were skipped.
func (c reproCase) depProblems() ([]reproDepFinding, []string) {
	var found []reproDepFinding
	var missing []string
	for _, k := range serverSide() {
		id := k.Producer()
		dep, ok := checks.OutcomeOf(c.env, k)
		switch {
		case !ok:
			missing = append(missing, id+" (not run)")
			continue
		case dep.Status == checks.Skip || dep.Status == checks.Error:
			missing = append(missing, fmt.Sprintf("%s (%s: %s)", id, dep.Status, strings.TrimPrefix(dep.Summary, "skipped: ")))
			continue
		}
		for _, f := range dep.Findings {
			if f.Severity == checks.Fail || f.Severity == checks.Warn {
				found = append(found, reproDepFinding{check: id, f: f})
			}
		}
	}
	return found, missing
}

// depSentence names what the other checks found, or what they cannot see.
func (c reproCase) depSentence() string {
	found, missing := c.depProblems()
	var b strings.Builder
	for _, d := range found {
		fmt.Fprintf(&b, " The %s check found %s: %s", d.check, d.f.Code, strings.TrimSuffix(d.f.Message, "."))
		b.WriteString(".")
	}
	if len(found) == 0 {
		b.WriteString(" The checks that ran found nothing wrong locally; what they cannot see: service control policies, " +
			"session policies, VPC endpoint policies, aws:SourceIp conditions and KMS key policies.")
	}
	if len(missing) > 0 {
		b.WriteString(" Not checked: " + strings.Join(missing, "; ") + ".")
	}
	return b.String()
}

// depFixes collects the other checks' remediation, else def; and how to
// run the checks that did not run.
func (c reproCase) depFixes(def []string) []string {
	found, missing := c.depProblems()
	var fix []string
	seen := map[string]bool{}
	for _, d := range found {
		for _, r := range d.f.Remediation {
			if !seen[r] {
				seen[r] = true
				fix = append(fix, r)
			}
		}
	}
	if len(fix) == 0 {
		fix = def
	}
	if len(missing) > 0 {
		var ids []string
		for _, m := range missing {
			id, _, _ := strings.Cut(m, " ")
			ids = append(ids, id)
		}
		fix = append(fix, "codecommit-doctor --only "+strings.Join(ids, ",")+"   # the checks that did not run here")
	}
	return fix
}

// depShort names the other checks' findings in a few words.
func (c reproCase) depShort() string {
	found, _ := c.depProblems()
	var codes []string
	for _, d := range found {
		if d.f.Severity == checks.Fail {
			codes = append(codes, d.f.Code)
		}
	}
	if len(codes) == 0 {
		return "no local check explains it"
	}
	return strings.Join(codes, ", ")
}
