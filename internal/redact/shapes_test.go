package redact

import (
	"strings"
	"testing"
)

func TestSecretKeyShape(t *testing.T) {
	repoPath := "/v1/repos/" + "MyVeryLongRepositoryNameFor123"
	if len(repoPath) != secretKeyLen {
		t.Fatalf("repoPath has %d chars", len(repoPath))
	}
	runCases(t, New(), []redactCase{
		{"standalone", "secret " + exampleSecret + " end", "secret **** end"},
		{"quoted", `"` + exampleSecret + `"`, `"****"`},
		{"line", exampleSecret + "\n", "****\n"},
		{"only plus and upper lower", strings.Repeat("aB+", 13) + "c", Mask},
		{"after json escape", `"x\n` + exampleSecret + `"`, `"x\n****"`},
		{"after url escape", "k%3D" + exampleSecret + "%26", "k%3D****%26"},
		{"before equals", exampleSecret + "=x", "****=x"},
		// Near misses: left alone.
		{"git sha", "commit " + gitSHA, "commit " + gitSHA},
		{"upper-case hex", strings.ToUpper(gitSHA), strings.ToUpper(gitSHA)},
		{"letters only", strings.Repeat("abcdeFGHIJ", 4), strings.Repeat("abcdeFGHIJ", 4)},
		{"39 chars", exampleSecret[1:], exampleSecret[1:]},
		{"41 chars", "x" + exampleSecret, "x" + exampleSecret},
		{"part of a longer run", exampleSecret + "A", exampleSecret + "A"},
		{"repository path", "https://git-codecommit.us-east-1.amazonaws.com" + repoPath,
			"https://git-codecommit.us-east-1.amazonaws.com" + repoPath},
	})
}

func TestSessionTokenShape(t *testing.T) {
	fwo := "FwoGZXIvYXdzEBYaDH" + strings.Repeat("Kq9xZ/+", 16)
	longHex := strings.Repeat("0123456789abcdef", 8)
	almost := exampleToken[:99]
	runCases(t, New(), []redactCase{
		{"IQoJ token with padding", "token: " + exampleToken + "\n", "token: ****\n"},
		{"Fwo token", fwo, Mask},
		{"token in json", `{"t":"` + exampleToken + `"}`, `{"t":"****"}`},
		// Near misses: left alone.
		{"sha512 hex", longHex, longHex},
		{"99 chars", almost + " ", almost + " "},
		{"long word", strings.Repeat("abcdefghij", 11), strings.Repeat("abcdefghij", 11)},
	})
}
