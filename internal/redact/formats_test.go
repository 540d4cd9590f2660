package redact

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
)

// evidence mixes every kind of secret with the characters each format must
// escape.
func evidence() []string {
	return []string{
		"AWS_SECRET_ACCESS_KEY=" + canarySecret + "\nAWS_SESSION_TOKEN=" + canaryToken,
		"username=" + canaryKeyID + "%" + canaryToken + "\npassword=" + canarySigned + "\n",
		`{"SecretAccessKey": "` + canarySecret + `", "password": "` + canaryHelperPW + `"}`,
		"<SessionToken>" + canaryToken + "</SessionToken> & <x a=\"1\">",
		"https://alice:" + canaryURLPass + "@git-codecommit.us-east-1.amazonaws.com/v1/repos/demo",
		"password=" + canaryHelperPW + "\tafter",
		`back\slash "quote" 'apos' <lt> &amp; ` + canarySecret,
	}
}

func assertNoCanary(t *testing.T, out string) {
	t.Helper()
	for _, frag := range canaryFragments {
		if strings.Contains(out, frag) {
			t.Errorf("%q survived in %s", frag, out)
		}
	}
}

func TestRedactedJSONStaysValid(t *testing.T) {
	r := New(canaryHelperPW)
	for _, escapeHTML := range []bool{true, false} {
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(escapeHTML)
		enc.SetIndent("", "  ")
		if err := enc.Encode(map[string]any{"evidence": evidence(), "keep": "unchanged"}); err != nil {
			t.Fatal(err)
		}
		out := r.String(b.String())
		var got struct {
			Evidence []string
			Keep     string
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("escapeHTML=%v: invalid JSON after redaction: %v\n%s", escapeHTML, err, out)
		}
		if got.Keep != "unchanged" || len(got.Evidence) != len(evidence()) {
			t.Errorf("structure damaged: %+v", got)
		}
		assertNoCanary(t, out)
	}
}

func TestRedactedXMLStaysValid(t *testing.T) {
	type failure struct {
		Message string `xml:"message,attr"`
		Text    string `xml:",chardata"`
	}
	type testcase struct {
		Name    string    `xml:"name,attr"`
		Failure []failure `xml:"failure"`
	}
	var tc testcase
	tc.Name = "reproduce"
	for _, e := range evidence() {
		tc.Failure = append(tc.Failure, failure{Message: e, Text: e})
	}
	b, err := xml.MarshalIndent(tc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	out := New(canaryHelperPW, "mp;secretval1").String(string(b) + "<!-- &amp;secretval1 -->")
	dec := xml.NewDecoder(strings.NewReader(out))
	for {
		_, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("invalid XML after redaction: %v\n%s", err, out)
		}
	}
	var got testcase
	if err := xml.Unmarshal([]byte(out), &got); err != nil || got.Name != "reproduce" || len(got.Failure) != len(evidence()) {
		t.Errorf("structure damaged: %v %+v", err, got)
	}
	assertNoCanary(t, out)
}

func TestRedactedGitHubCommandStaysOneLine(t *testing.T) {
	// GitHub's escaping: data escapes % CR LF; properties also : and ,.
	data := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	prop := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
	for _, e := range evidence() {
		cmd := "::error title=" + prop.Replace("reproduce, step 1") + "::" + data.Replace(e)
		out := New(canaryHelperPW).String(cmd)
		if strings.ContainsAny(out, "\r\n") || !strings.HasPrefix(out, "::error title=reproduce%2C step 1::") {
			t.Errorf("command damaged: %q", out)
		}
		assertNoCanary(t, out)
	}
}

func TestRedactedMarkdownKeepsFences(t *testing.T) {
	doc := "## reproduce\n\n```text\n" + strings.Join(evidence(), "\n") + "\n```\n\nafter `code` text\n"
	out := New(canaryHelperPW).String(doc)
	if strings.Count(out, "```") != 2 || !strings.HasSuffix(out, "\n```\n\nafter `code` text\n") {
		t.Errorf("markdown structure damaged:\n%s", out)
	}
	assertNoCanary(t, out)
}
