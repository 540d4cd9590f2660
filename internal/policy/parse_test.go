package policy

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// rfc3986Escape percent-encodes everything except unreserved characters, as
// IAM does for policy documents.
func rfc3986Escape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("-._~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

func TestParseShapes(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		version string
		check   func(t *testing.T, d *Document)
	}{
		{
			name:    "statement object, string action and resource",
			text:    `{"Version":"2012-10-17","Statement":{"Sid":"A","Effect":"Allow","Action":"codecommit:GitPull","Resource":"*"}}`,
			version: "2012-10-17",
			check: func(t *testing.T, d *Document) {
				s := d.statements[0]
				if s.deny || s.sid != "A" || !equalStrings(s.actions, []string{"codecommit:GitPull"}) || !equalStrings(s.resources, []string{"*"}) {
					t.Errorf("statement = %+v", s)
				}
			},
		},
		{
			name: "statement array, array elements, NotAction, NotResource",
			text: `{"Statement":[{"Effect":"Deny","NotAction":["codecommit:*","iam:*"],"NotResource":["arn:a","arn:b"]},{"Effect":"Allow","Action":["*"]}]}`,
			check: func(t *testing.T, d *Document) {
				if len(d.statements) != 2 {
					t.Fatalf("%d statements", len(d.statements))
				}
				s := d.statements[0]
				if !s.deny || !s.notAction || !s.notResource || len(s.actions) != 2 || len(s.resources) != 2 {
					t.Errorf("statement 0 = %+v", s)
				}
				if !d.statements[1].anyResource || d.statements[1].index != 1 {
					t.Errorf("statement 1 = %+v", d.statements[1])
				}
			},
		},
		{
			name:    "condition values as string, bool, number and array",
			version: Version2012,
			text:    stmt(`"Effect":"Deny","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":false},"NumericLessThan":{"aws:MultiFactorAuthAge":3600},"StringEquals":{"aws:RequestedRegion":["us-east-1","eu-west-1"],"aws:PrincipalAccount":123456789012}}`),
			check: func(t *testing.T, d *Document) {
				got := map[string][]string{}
				for _, c := range d.statements[0].conditions {
					got[c.op+" "+c.key] = c.values
				}
				want := map[string][]string{
					"Bool aws:SecureTransport":               {"false"},
					"NumericLessThan aws:MultiFactorAuthAge": {"3600"},
					"StringEquals aws:RequestedRegion":       {"us-east-1", "eu-west-1"},
					"StringEquals aws:PrincipalAccount":      {"123456789012"},
				}
				if len(got) != len(want) {
					t.Fatalf("conditions = %v", got)
				}
				for k, v := range want {
					if !equalStrings(got[k], v) {
						t.Errorf("%s = %q, want %q", k, got[k], v)
					}
				}
			},
		},
		{
			name:    "principal star is every principal",
			version: Version2012,
			text:    stmt(`"Effect":"Allow","Principal":"*","Action":"kms:*","Resource":"*"`),
			check: func(t *testing.T, d *Document) {
				if p := d.statements[0].principal; p != "" {
					t.Errorf("principal = %q, want none", p)
				}
			},
		},
		{
			name:    "principal AWS star is every principal",
			version: Version2012,
			text:    stmt(`"Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:*","Resource":"*"`),
			check: func(t *testing.T, d *Document) {
				if p := d.statements[0].principal; p != "" {
					t.Errorf("principal = %q, want none", p)
				}
			},
		},
		{
			name:    "specific principal is kept for explanation",
			version: Version2012,
			text:    stmt(`"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:root"]},"Action":"kms:*","Resource":"*"`),
			check: func(t *testing.T, d *Document) {
				if p := d.statements[0].principal; !strings.Contains(p, "123456789012:root") {
					t.Errorf("principal = %q", p)
				}
			},
		},
		{
			name:    "empty principal string does not panic",
			version: Version2012,
			text:    stmt(`"Effect":"Allow","Principal":"","Action":"kms:*","Resource":"*"`),
			check: func(t *testing.T, d *Document) {
				if p := d.statements[0].principal; p == "" {
					t.Errorf("an empty Principal must not read as every principal")
				}
			},
		},
		{
			name:    "lower-case effect is accepted",
			version: Version2012,
			text:    stmt(`"Effect":"deny","Action":"kms:*","Resource":"*"`),
			check: func(t *testing.T, d *Document) {
				if !d.statements[0].deny {
					t.Errorf("effect not read as Deny")
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := mustParse(t, "p", tt.text)
			if d.Version() != tt.version {
				t.Errorf("Version() = %q, want %q", d.Version(), tt.version)
			}
			tt.check(t, d)
		})
	}
}

func TestParseURLEncoded(t *testing.T) {
	// As returned by iam get-policy-version without the CLI's decoding.
	iamForm := "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Sid%22%3A%22Git%22%2C%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%5B%22codecommit%3AGitPull%22%5D%2C%22Resource%22%3A%22arn%3Aaws%3Acodecommit%3Aus-east-1%3A123456789012%3AMy%2A%22%7D%5D%7D"
	raw := `{"Version":"2012-10-17","Statement":[{"Sid":"Git","Effect":"Allow","Action":["codecommit:GitPull"],"Resource":"arn:aws:codecommit:us-east-1:123456789012:My*"}]}`
	formEncoded := strings.ReplaceAll(rfc3986Escape("{\"Statement\": {\"Effect\": \"Allow\", \"Action\": \"codecommit:GitPull\", \"Resource\": \"*\"}}"), "%20", "+")
	withPercent := stmt(`"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringLike":{"aws:userid":"100%*"}}`)
	for name, text := range map[string]string{
		"IAM form":                iamForm,
		"raw":                     raw,
		"raw with whitespace":     "\n  " + raw + "\n",
		"encoded with whitespace": rfc3986Escape("\n" + raw),
		"plus for space":          formEncoded,
		"raw containing percent":  withPercent,
	} {
		t.Run(name, func(t *testing.T) {
			d := mustParse(t, "p", text)
			if !strings.HasPrefix(d.JSON(), "{") {
				t.Errorf("JSON() = %q", d.JSON())
			}
			ev := Evaluate(Request{Action: ActionGitPull, Resource: testRepo}, []*Document{d}, nil)
			if name == "raw containing percent" {
				if !strings.Contains(d.JSON(), "100%*") {
					t.Errorf("raw JSON was unescaped: %q", d.JSON())
				}
				return
			}
			if ev.Decision != Allow {
				t.Errorf("decision = %v, want Allow (%v)", ev.Decision, ev.Reasons)
			}
		})
	}
}

func TestParseFixturesURLEncodedRoundTrip(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(fixtureDir, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		raw := mustParse(t, f, string(b))
		enc := mustParse(t, f, rfc3986Escape(string(b)))
		if raw.JSON() != enc.JSON() || len(raw.Statements()) != len(enc.Statements()) || len(raw.Statements()) == 0 {
			t.Errorf("%s: raw and URL-encoded parses differ", f)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string
	}{
		{"empty", "", "neither a JSON object"},
		{"array", "[]", "neither a JSON object"},
		{"null", "null", "neither a JSON object"},
		{"no statement", `{"Version":"2012-10-17"}`, "no Statement"},
		{"null statement", `{"Statement":null}`, "no Statement"},
		{"statement string", `{"Statement":"x"}`, "decode JSON"},
		{"bad effect", stmt(`"Effect":"Maybe","Action":"*","Resource":"*"`), `Effect "Maybe"`},
		{"missing effect", stmt(`"Action":"*","Resource":"*"`), "Effect"},
		{"both actions", stmt(`"Effect":"Allow","Action":"*","NotAction":"x","Resource":"*"`), "both Action and NotAction"},
		{"no action", stmt(`"Effect":"Allow","Resource":"*"`), "neither Action nor NotAction"},
		{"both resources", stmt(`"Effect":"Allow","Action":"*","Resource":"*","NotResource":"x"`), "both Resource and NotResource"},
		{"both principals", stmt(`"Effect":"Allow","Action":"*","Principal":"*","NotPrincipal":{"AWS":"x"}`), "both Principal and NotPrincipal"},
		{"null condition value", stmt(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":null}}`), "null value"},
		{"object condition value", stmt(`"Effect":"Allow","Action":"*","Resource":"*","Condition":{"Bool":{"k":{"a":1}}}`), "decode JSON"},
		{"unknown statement field", stmt(`"Effect":"Allow","Action":"*","Resource":"*","Comment":"x"`), "decode JSON"},
		{"number action", stmt(`"Effect":"Allow","Action":1,"Resource":"*"`), "decode JSON"},
		{"trailing garbage", `{"Statement":[]} x`, "decode JSON"},
		{"bad percent encoding", "%7B%zz", "does not decode"},
		{"percent-encoded non-JSON", "%41%42", "does not decode"},
		{"too big", "{" + strings.Repeat(" ", maxDocumentSize) + "}", "more than"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Parse("user/alice inline: x", tt.text)
			if err == nil {
				t.Fatalf("Parse succeeded: %+v", d)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), `"user/alice inline: x"`) {
				t.Errorf("error %q lacks %q or the policy name", err, tt.want)
			}
		})
	}
}

func TestParseErrorNamesStatement(t *testing.T) {
	_, err := Parse("p", `{"Statement":[{"Effect":"Allow","Action":"*"},{"Sid":"Bad","Effect":"x","Action":"*"},{"Effect":"y","Action":"*"}]}`)
	if err == nil || !strings.Contains(err.Error(), `statement "Bad"`) {
		t.Errorf("error = %v, want it to name statement \"Bad\"", err)
	}
	_, err = Parse("p", `{"Statement":[{"Effect":"Allow","Action":"*"},{"Effect":"y","Action":"*"}]}`)
	if err == nil || !strings.Contains(err.Error(), "Statement[1]") {
		t.Errorf("error = %v, want it to name Statement[1]", err)
	}
}
