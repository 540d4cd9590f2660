package policy

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	testRepo  = "arn:aws:codecommit:us-east-1:123456789012:MyDemoRepo"
	testOther = "arn:aws:codecommit:us-east-1:123456789012:OtherRepo"
	testKey   = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
)

// fixtureDir is fixtures/policies at the module root.
var fixtureDir = filepath.Join("..", "..", "fixtures", "policies")

func loadFixture(t testing.TB, file string) *Document {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureDir, file))
	if err != nil {
		t.Fatalf("read fixture: %v", err)
	}
	d, err := Parse(strings.TrimSuffix(file, ".json"), string(b))
	if err != nil {
		t.Fatalf("parse fixture %s: %v", file, err)
	}
	return d
}

func mustParse(t testing.TB, name, text string) *Document {
	t.Helper()
	d, err := Parse(name, text)
	if err != nil {
		t.Fatalf("Parse(%q): %v", name, err)
	}
	return d
}

// stmt builds a one-statement 2012-10-17 policy from a statement body.
func stmt(body string) string {
	return `{"Version":"2012-10-17","Statement":{` + body + `}}`
}

// refs renders matches as "policy/sid-or-index/effect/action[?]" for compact
// comparisons; "?" marks an uncertain match.
func refs(ms []Match) []string {
	out := make([]string, 0, len(ms))
	for _, m := range ms {
		id := m.Sid
		if id == "" {
			id = "#" + string(rune('0'+m.Index))
		}
		s := m.Policy + "/" + id + "/" + m.Effect + "/" + m.Action
		if m.Boundary {
			s = "B:" + s
		}
		if !m.Certain {
			s += "?"
		}
		out = append(out, s)
	}
	return out
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func containsSubstring(list []string, sub string) bool {
	for _, s := range list {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
