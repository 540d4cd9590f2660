package shellword

import (
	"os/exec"
	"strings"
	"testing"
)

func TestQuoteRoundTripsThroughSh(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh")
	}
	for _, s := range []string{"abc", "a b", "it's", "!aws codecommit credential-helper $@", "", "x*y", "~/x", "a\nb", `back\slash`, `"dq"`} {
		out, err := exec.Command(sh, "-c", "printf %s "+POSIX(s)).Output()
		if err != nil {
			t.Fatalf("sh -c printf %s: %v", POSIX(s), err)
		}
		if string(out) != s {
			t.Errorf("POSIX(%q) = %s reads back as %q", s, POSIX(s), out)
		}
	}
}

func TestQuoteWindows(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                     "plain",
		"!aws codecommit $@":        `"!aws codecommit $@"`,
		`say "hi"`:                  `"say \"hi\""`,
		`C:\Program Files\Amazon\\`: `"C:\Program Files\Amazon\\\\"`,
		"--profile=dev":             "--profile=dev",
	} {
		if got := Quote(in, "windows"); got != want {
			t.Errorf("Quote(%q, windows) = %s, want %s", in, got, want)
		}
	}
}

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in      string
		words   string
		complex bool
		bad     bool
	}{
		{in: `!aws codecommit credential-helper $@`, words: "!aws|codecommit|credential-helper|$@"},
		{in: `aws --profile "my profile" codecommit credential-helper "$@"`, words: "aws|--profile|my profile|codecommit|credential-helper|$@"},
		{in: `aws --profile 'it''s' x`, words: "aws|--profile|its|x"},
		{in: `a\ b c`, words: "a b|c"},
		{in: `aws x | tee log`, complex: true},
		{in: `aws x; echo`, complex: true},
		{in: `f() { aws; }; f`, complex: true},
		{in: `aws "unclosed`, bad: true},
	} {
		words, complex, err := Parse(c.in)
		if (err != nil) != c.bad {
			t.Errorf("Parse(%q) error = %v", c.in, err)
			continue
		}
		if complex != c.complex {
			t.Errorf("Parse(%q) complex = %v", c.in, complex)
		}
		if !c.complex && !c.bad && strings.Join(words, "|") != c.words {
			t.Errorf("Parse(%q) = %q, want %q", c.in, strings.Join(words, "|"), c.words)
		}
	}
}
