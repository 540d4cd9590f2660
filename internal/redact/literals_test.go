package redact

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestLiterals(t *testing.T) {
	const pw = `p@ss/w+rd&"x" <y>`
	r := New(pw, "  padded-secret-value\n", "short7!", "overlapAAAA1", "AAAA1tailpart")
	runCases(t, r, []redactCase{
		{"raw", "pw is " + pw + ".", "pw is ****."},
		{"trimmed literal", "v=padded-secret-value;", "v=****;"},
		{"query escaped", "q=p%40ss%2Fw%2Brd%26%22x%22+%3Cy%3E&n=1", "q=****&n=1"},
		{"lower-case percent", "q=p%40ss%2fw%2brd%26%22x%22+%3cy%3e&n=1", "q=****&n=1"},
		{"path escaped", "/p@ss%2Fw+rd&%22x%22%20%3Cy%3E/", "/****/"},
		{"json html-escaped", `"p@ss/w+rd\u0026\"x\" \u003cy\u003e"`, `"****"`},
		{"json plain", `"p@ss/w+rd&\"x\" <y>"`, `"****"`},
		{"json slash-escaped", `"p@ss\/w+rd&\"x\" <y>"`, `"****"`},
		{"xml numeric", "<a>p@ss/w+rd&amp;&#34;x&#34; &lt;y&gt;</a>", "<a>****</a>"},
		{"xml named", "<a>p@ss/w+rd&amp;&quot;x&quot; &lt;y&gt;</a>", "<a>****</a>"},
		{"overlapping literals merged", "[overlapAAAA1tailpart]", "[****]"},
		{"short literal ignored", "short7! stays", "short7! stays"},
	})
}

func TestWithKeepsOriginal(t *testing.T) {
	base := New("first-secret-1")
	more := base.With("second-secret-2")
	in := "first-secret-1 second-secret-2"
	if got, want := base.String(in), "**** second-secret-2"; got != want {
		t.Errorf("base: got %q, want %q", got, want)
	}
	if got, want := more.String(in), "**** ****"; got != want {
		t.Errorf("with: got %q, want %q", got, want)
	}
	var nilRedactor *Redactor
	if got, want := nilRedactor.String("key AKIAIOSFODNN7EXAMPLE"), "key AKIA****MPLE"; got != want {
		t.Errorf("nil redactor: got %q, want %q", got, want)
	}
}

// TestLiteralsKeepJSONValid plants literals whose ends fall inside escape
// sequences of the surrounding JSON.
func TestLiteralsKeepJSONValid(t *testing.T) {
	for _, tc := range []struct{ lit, value string }{
		{`endsWithBackslash\`, `endsWithBackslash\`},
		{`endsWithBackslash\`, `endsWithBackslash"quote`},
		{`trailing-uni\u00`, "trailing-uni\u00e9"},
		{`amp;startsmid`, "&amp;startsmid"},
		{`secret-val`, `x\secret-val`},
	} {
		b, err := json.Marshal(map[string]string{"v": tc.value, "w": "keep"})
		if err != nil {
			t.Fatal(err)
		}
		out := New(tc.lit).String(string(b))
		if !json.Valid([]byte(out)) {
			t.Errorf("literal %q in %s: invalid JSON %s", tc.lit, b, out)
		}
		if !strings.Contains(out, `"w":"keep"`) {
			t.Errorf("literal %q: unrelated field damaged: %s", tc.lit, out)
		}
	}
}
