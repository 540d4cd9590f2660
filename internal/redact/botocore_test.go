package redact

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The fake credentials the fixtures in testdata/botocore were made with.
const (
	fixtureKeyID  = "AKIAIOSFODNN7EXAMPLE"
	fixtureSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	fixtureToken  = "FwoGZXIvYXdzEXAMPLESESSIONTOKENdoctorFAKEdoctorFAKEdoctorFAKEdoctorFAKEdoctorFAKEdoctorFAKEdoctorFAKE0123456789abcdefghijKLMNOP=="
)

var (
	// botocore logs "Signature:" and the 64-hex value alone on the next line.
	signatureLine = regexp.MustCompile(`(?m)- (?:Signature|signature):?\n([0-9a-zA-Z]+)$`)
	authSignature = regexp.MustCompile(`Signature=([0-9a-f]{64})`)
	basicAuth     = regexp.MustCompile(`Authorization: Basic ([A-Za-z0-9+/=]+)`)
	helperPass    = regexp.MustCompile(`password=(\S+)`)
)

// secretsIn collects, from the raw fixture, every value that must not
// survive: the fake credentials and each signature, password and Basic
// credential found by format.
func secretsIn(raw string) []string {
	out := []string{fixtureSecret, fixtureToken}
	for _, re := range []*regexp.Regexp{signatureLine, authSignature, basicAuth, helperPass} {
		for _, m := range re.FindAllStringSubmatch(raw, -1) {
			v := m[1]
			// The helper's password keeps its timestamp: only what follows
			// the Z is secret.
			if i := strings.Index(v, "Z"); re == helperPass || (re == signatureLine && i == 15) {
				if i >= 0 {
					v = v[i+1:]
				}
			}
			v = strings.TrimRight(v, "';")
			out = append(out, v)
		}
	}
	return out
}

func TestBotocoreDebugAndGitTraceFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/botocore/*.txt")
	if err != nil || len(files) < 4 {
		t.Fatalf("fixtures: %v %v", files, err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		raw := string(b)
		secrets := secretsIn(raw)
		if len(secrets) < 3 {
			t.Fatalf("%s: found only %d secrets; the fixture lost its point", f, len(secrets))
		}
		// Patterns alone, with no literal known: what a report of a
		// machine the doctor knows nothing about gets.
		for _, r := range []*Redactor{nil, New(fixtureSecret, fixtureToken)} {
			got := r.String(raw)
			for _, s := range secrets {
				if len(s) >= 8 && strings.Contains(got, s) {
					t.Errorf("%s (literals %v): %q survived:\n%s", filepath.Base(f), r != nil, s, context(got, s))
				}
			}
			if strings.Contains(got, fixtureKeyID) {
				t.Errorf("%s: the access key id is not masked:\n%s", filepath.Base(f), context(got, fixtureKeyID))
			}
			if !strings.Contains(got, "AKIA****MPLE") && strings.Contains(raw, fixtureKeyID) {
				t.Errorf("%s: the masked key id is gone too", filepath.Base(f))
			}
			if again := r.String(got); again != got {
				t.Errorf("%s: redaction is not idempotent", filepath.Base(f))
			}
		}
	}
}

func TestBotocoreSignatureLineAlone(t *testing.T) {
	in := "2026-12-02 20:19:17,324 - MainThread - botocore.auth - DEBUG - Signature:\n" +
		"c11170f512a82a7f59256658793ca2b76fb996269115c325e005c0e652b11eff\n" +
		"2026-12-02 20:19:17,324 - MainThread - botocore.hooks - DEBUG - Event request-created\n"
	got := New().String(in)
	if strings.Contains(got, "c11170f512a82a7f") {
		t.Fatalf("the signature survived:\n%s", got)
	}
	if !strings.Contains(got, "DEBUG - Signature:\n") || !strings.Contains(got, "botocore.hooks") {
		t.Errorf("the surrounding log lost its shape:\n%s", got)
	}
	// The same inside a JSON string, where the newline is escaped.
	js := `{"evidence": "DEBUG - Signature:\nc11170f512a82a7f59256658793ca2b76fb996269115c325e005c0e652b11eff\n"}`
	if got := New().String(js); strings.Contains(got, "c11170f512a82a7f") {
		t.Errorf("the escaped form survived: %s", got)
	}
	// A 64-hex line elsewhere (a payload hash) is kept.
	hash := "- DEBUG - StringToSign:\nAWS4-HMAC-SHA256\n20261202T201917Z\n20261202/us-east-1/sts/aws4_request\n3b5110178b8ce68aeec9c18d1cb051fe33c3beebe226cea2a7fea534784832a6\n"
	if got := New().String(hash); got != hash {
		t.Errorf("the string to sign changed:\n%s", got)
	}
}

func TestCanonicalRequestSecurityTokenLine(t *testing.T) {
	// A short token has no shape; its header name gives it away.
	in := "- DEBUG - CanonicalRequest:\nPOST\n/\n\nhost:127.0.0.1:1\nx-amz-date:20261202T201917Z\nx-amz-security-token:shorttokenvalue123\n\nhost;x-amz-date;x-amz-security-token\n"
	got := New().String(in)
	if strings.Contains(got, "shorttokenvalue123") {
		t.Fatalf("the token survived:\n%s", got)
	}
	if !strings.Contains(got, "\nhost;x-amz-date;x-amz-security-token\n") {
		t.Errorf("the signed headers line changed:\n%s", got)
	}
}

// context shows the line holding s.
func context(text, s string) string {
	i := strings.Index(text, s)
	start := strings.LastIndexByte(text[:i], '\n') + 1
	end := strings.IndexByte(text[i:], '\n')
	if end < 0 {
		end = len(text) - i
	}
	line := text[start : i+end]
	if len(line) > 300 {
		line = line[:300] + "…"
	}
	return line
}
