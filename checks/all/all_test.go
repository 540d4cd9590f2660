package all

import (
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
)

// The registered graph is valid: unique ids, titles and descriptions, every
// key given by its producer, acyclic, target checks waiting for the target.
func TestGraphIsValid(t *testing.T) {
	if err := checks.Validate(Checks()); err != nil {
		t.Fatal(err)
	}
}

// Every reported check documents at least one finding code, and every
// fact provider stays hidden and documents none.
func TestEveryCheckDocumentsItsFindings(t *testing.T) {
	for _, c := range Checks() {
		info := c.Info()
		if info.Hidden {
			if len(info.Findings) != 0 {
				t.Errorf("hidden provider %q documents findings", info.ID)
			}
			continue
		}
		if len(info.Findings) == 0 {
			t.Errorf("check %q documents no finding", info.ID)
		}
		for _, f := range info.Findings {
			if f.Code == "" || f.Meaning == "" {
				t.Errorf("check %q: finding %+v has no code or meaning", info.ID, f)
			}
		}
	}
}
