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

// A clone URL whose repository name is long (CodeCommit allows 100
// characters) is one base64-looking run from "com/v1/repos/" on; it is not a
// secret, least of all in the fix that tells the user to use it. A token
// beside such a path is still removed.
func TestLongRepositoryURLIsKept(t *testing.T) {
	name := strings.Repeat("Abcdefghij0123456789", 5) // 100 characters, the longest name
	url := "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/" + name
	runCases(t, New(), []redactCase{
		{"url", url, url},
		{"fix", "Use the URL " + url + "\n", "Use the URL " + url + "\n"},
		{"set-url", "git remote set-url origin " + url, "git remote set-url origin " + url},
		{"info refs", url + "/info/refs?service=git-upload-pack", url + "/info/refs?service=git-upload-pack"},
		{"in json", `{"fix":"` + url + `"}`, `{"fix":"` + url + `"}`},
		{"two urls", url + " " + url, url + " " + url},
		// Secrets next to the repository path are still found.
		{"token after the path", url + "/" + exampleToken, url + Mask},
		{"token before the path", exampleToken[:len(exampleToken)-2] + "/v1/repos/R", Mask + "v1/repos/R"},
		{"key after the path", "/v1/repos/R " + exampleSecret, "/v1/repos/R " + Mask},
		{"token as the name", "/v1/repos/" + exampleToken, Mask},
		{"name over 100", "/v1/repos/" + name + "x/" + strings.Repeat("aB3", 30), Mask},
	})
}

// A repository name the run established is kept where it stands alone (a
// summary), while a literal secret equal to it, or other tokens, still go.
func TestKeepingPublicNames(t *testing.T) {
	name := strings.Repeat("Abcdefghij0123456789", 5)
	r := New().Keeping(name)
	runCases(t, r, []redactCase{
		{"summary", "repository " + name + " in us-east-1", "repository " + name + " in us-east-1"},
		{"other token", "repository " + name + " token " + exampleToken, "repository " + name + " token " + Mask},
		{"longer run", name + "x", Mask},
	})
	runCases(t, New(), []redactCase{{"not kept without Keeping", "repository " + name, "repository " + Mask}})
	runCases(t, New(name).Keeping(name), []redactCase{{"a literal secret wins", "repository " + name, "repository " + Mask}})
	runCases(t, r.With("literal-secret-1"), []redactCase{{"With keeps what Keeping kept", name + " literal-secret-1", name + " " + Mask}})
}
