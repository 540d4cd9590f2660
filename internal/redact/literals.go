package redact

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"html"
	"net/url"
	"slices"
	"strings"
)

// literalForms returns lit and the forms it takes once encoded for a URL,
// a JSON string or XML/HTML text.
func literalForms(lit string) []string {
	forms := []string{lit}
	add := func(f string) {
		if f != "" && !slices.Contains(forms, f) {
			forms = append(forms, f)
		}
	}
	for _, f := range []string{url.QueryEscape(lit), url.PathEscape(lit)} {
		add(f)
		add(lowerPercent(f))
	}
	for _, escapeHTML := range []bool{true, false} {
		if f, ok := jsonEscape(lit, escapeHTML); ok {
			add(f)
			add(strings.ReplaceAll(f, "/", `\/`))
		}
	}
	var x strings.Builder
	if err := xml.EscapeText(&x, []byte(lit)); err == nil {
		add(x.String())
	}
	add(html.EscapeString(lit))
	add(namedEntities.Replace(lit))
	return forms
}

// namedEntities escapes text with the five predefined XML entities.
var namedEntities = strings.NewReplacer(
	"&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;",
)

// jsonEscape returns the body of the JSON string encoding lit.
func jsonEscape(lit string, escapeHTML bool) (string, bool) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(escapeHTML)
	if err := enc.Encode(lit); err != nil {
		return "", false
	}
	out := strings.TrimSuffix(buf.String(), "\n")
	if len(out) < 2 {
		return "", false
	}
	return out[1 : len(out)-1], true
}

// lowerPercent rewrites the hex digits of %XX escapes in lower case.
func lowerPercent(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' && isHex(b[i+1]) && isHex(b[i+2]) {
			b[i+1], b[i+2] = toLower(b[i+1]), toLower(b[i+2])
			i += 2
		}
	}
	return string(b)
}

func toLower(c byte) byte {
	if isUpper(c) {
		return c + 'a' - 'A'
	}
	return c
}

// replaceLiterals replaces every occurrence of any of forms with Mask.
// Overlapping or touching occurrences are merged into one Mask, so no
// fragment of a secret survives between two others, and each occurrence is
// widened so it does not cut an escape sequence.
func replaceLiterals(s string, forms []string) string {
	var spans []edit
	for _, f := range forms {
		for i := 0; i < len(s); {
			j := strings.Index(s[i:], f)
			if j < 0 {
				break
			}
			a, b := widen(s, i+j, i+j+len(f))
			spans = append(spans, edit{start: a, end: b, repl: Mask})
			i += j + 1
		}
	}
	if len(spans) == 0 {
		return s
	}
	slices.SortFunc(spans, func(x, y edit) int { return x.start - y.start })
	merged := spans[:1]
	for _, e := range spans[1:] {
		last := &merged[len(merged)-1]
		if e.start <= last.end {
			last.end = max(last.end, e.end)
			continue
		}
		merged = append(merged, e)
	}
	return applyEdits(s, merged)
}
