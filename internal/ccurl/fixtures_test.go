package ccurl

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// fixtureURLs reads fixtures/urls/remotes.tsv: "SCHEME<TAB>URL" lines.
func fixtureURLs(tb testing.TB) [][2]string {
	tb.Helper()
	f, err := os.Open("../../fixtures/urls/remotes.tsv")
	if err != nil {
		tb.Fatalf("opening URL fixtures: %v", err)
	}
	defer f.Close()
	var out [][2]string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		scheme, url, ok := strings.Cut(line, "\t")
		if !ok {
			tb.Fatalf("fixture line without a tab: %q", line)
		}
		out = append(out, [2]string{scheme, url})
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("reading URL fixtures: %v", err)
	}
	return out
}

func TestFixtureURLs(t *testing.T) {
	fx := fixtureURLs(t)
	if len(fx) < 30 {
		t.Fatalf("only %d fixture URLs", len(fx))
	}
	for _, f := range fx {
		if got := Parse(f[1]).Scheme; got != f[0] {
			t.Errorf("Parse(%q).Scheme = %q, want %q", f[1], got, f[0])
		}
	}
}
