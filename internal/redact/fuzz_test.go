package redact

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"unicode/utf8"
)

func fuzzSeeds(f *testing.F) []string {
	var seeds []string
	for _, d := range canaryDocuments(f) {
		seeds = append(seeds, d.doc)
	}
	seeds = append(seeds, evidence()...)
	seeds = append(seeds, "", "ab****cd", `\\\"`, "&amp;", "%2", "password=", "https://a:@b",
		"AKIAIOSFODNN7EXAMPLE%", gitSHA, exampleSecret+exampleSecret)
	return seeds
}

// FuzzRedact checks that redaction never panics, removes planted literals
// wherever they land, is idempotent, and keeps valid UTF-8 valid.
func FuzzRedact(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s, "literal-secret-1", uint(len(s)/2))
	}
	f.Add("xx", "ab****cd", uint(1))
	f.Fuzz(func(t *testing.T, s, lit string, at uint) {
		k := int(at % uint(len(s)+1))
		in := s[:k] + canarySecret + lit + s[k:] + canaryToken + lit
		r := New(canarySecret, canaryToken, lit)
		out := r.String(in)
		planted := []string{canarySecret, canaryToken}
		if l := strings.TrimSpace(lit); utf8.RuneCountInString(l) >= MinLiteralLen {
			planted = append(planted, l)
		}
		for _, p := range planted {
			if strings.Contains(out, p) {
				t.Fatalf("planted %q survived in %q", p, out)
			}
		}
		if again := r.String(out); again != out {
			t.Fatalf("not idempotent:\n once  %q\n twice %q", out, again)
		}
		if b := r.Bytes([]byte(in)); !bytes.Equal(b, []byte(out)) {
			t.Fatalf("Bytes and String differ")
		}
		if utf8.ValidString(in) && utf8.ValidString(lit) && !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of valid input: %q", out)
		}
	})
}

// FuzzRedactFormats checks that redacting a JSON or XML document leaves it
// valid.
func FuzzRedactFormats(f *testing.F) {
	for _, s := range fuzzSeeds(f) {
		f.Add(s, "literal-secret-1")
	}
	f.Fuzz(func(t *testing.T, s, lit string) {
		r := New(canarySecret, lit)
		for _, escapeHTML := range []bool{true, false} {
			var b bytes.Buffer
			enc := json.NewEncoder(&b)
			enc.SetEscapeHTML(escapeHTML)
			if err := enc.Encode([]string{s, lit + s, s + canarySecret}); err != nil {
				t.Fatal(err)
			}
			if out := r.String(b.String()); !json.Valid([]byte(out)) {
				t.Fatalf("invalid JSON:\n in  %s\n out %s", b.String(), out)
			}
		}
		var x bytes.Buffer
		x.WriteString(`<a m="`)
		_ = xml.EscapeText(&x, []byte(s+lit))
		x.WriteString(`">`)
		_ = xml.EscapeText(&x, []byte(lit+s))
		x.WriteString(`</a>`)
		out := r.String(x.String())
		dec := xml.NewDecoder(strings.NewReader(out))
		for {
			_, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("invalid XML (%v):\n in  %s\n out %s", err, x.String(), out)
			}
		}
	})
}
