package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/golden files from the current output")

func golden(t *testing.T, name string, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Fatalf("output differs from %s (go test ./report -update to refresh):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// TestTextGoldenAtWidths renders the same report for terminals 80 and 120
// columns wide and for a pipe: wrapped lines never pass the width and
// continue under a hanging indent; commands are never wrapped; a pipe
// gets unwrapped lines.
func TestTextGoldenAtWidths(t *testing.T) {
	for _, width := range []int{80, 120, 0} {
		var buf bytes.Buffer
		if err := Text(&buf, sampleReport(), Options{Width: width, Verbose: true}); err != nil {
			t.Fatal(err)
		}
		got := buf.String()
		name := "text-pipe.txt"
		if width > 0 {
			name = "text-" + itoa(width) + ".txt"
			for l := range strings.SplitSeq(got, "\n") {
				if displayWidth(l) > width && !isCommandLine(l) {
					t.Errorf("width %d: a line of %d columns: %q", width, displayWidth(l), l)
				}
			}
		}
		golden(t, name, got)
	}
}

// isCommandLine reports whether a text line shows a command (numbered, or
// the verdict's first step): commands are kept whole to be pasted.
func isCommandLine(l string) bool {
	s := strings.TrimLeft(l, " ")
	if i := strings.Index(s, ". "); i > 0 && i <= 3 {
		return IsCommand(s[i+2:])
	}
	return strings.HasPrefix(s, "First:")
}

func TestMarkdownGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := Markdown(&buf, sampleReport(), Options{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "markdown.md", buf.String())
}

func TestFixVersusVerifyAndProse(t *testing.T) {
	var b strings.Builder
	writeFinding(&b, Finding{Code: "evaluated-locally", Severity: 1 /* pass */, Message: "Decided locally.",
		Remediation: []string{"Ask an administrator to confirm.", "aws iam simulate-principal-policy --policy-source-arn ARN"}}, painter{}, 0)
	got := b.String()
	for _, want := range []string{"      Verify:\n", "        Ask an administrator to confirm.\n", "        1. aws iam simulate-principal-policy"} {
		if !strings.Contains(got, want) {
			t.Fatalf("missing %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "Fix:") || strings.Contains(got, "1. Ask") {
		t.Fatalf("a passing finding reads Verify:, prose is not numbered:\n%s", got)
	}
}

func TestStepList(t *testing.T) {
	for in, want := range map[string]string{"1": "1", "1,2": "1 and 2", "1,2,3": "1–3", "1,3,4,5": "1 and 3–5", "1,3,4,5,7": "1, 3–5, 7", "2,4": "2 and 4"} {
		var steps []int
		for s := range strings.SplitSeq(in, ",") {
			steps = append(steps, int(s[0]-'0'))
		}
		if got := stepList(steps); got != want {
			t.Errorf("stepList(%s) = %q, want %q", in, got, want)
		}
	}
}
