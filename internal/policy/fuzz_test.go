package policy

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse feeds arbitrary text to Parse and evaluates whatever parses: it
// must never panic, and a parsed document must always be explainable.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(fixtureDir, "*.json"))
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(string(b))
			f.Add(rfc3986Escape(string(b)))
		}
	}
	for _, s := range []string{
		"", "{}", "null", "[]", `{"Statement":null}`, `{"Statement":"x"}`,
		stmt(`"Effect":"Allow","Principal":"","Action":"*","Resource":"*"`),
		stmt(`"Effect":"Deny","NotAction":"kms:*","NotResource":"arn:${aws:username}${*}${","Condition":{"ForAllValues:StringLikeIfExists":{"aws:TagKeys":[1,true,"x"]},"Null":{"k":"true"},"Bool":{"b":null}}`),
		"%7B%22Statement%22%3A%7B%7D%7D", "%zz", "%7B+%7D",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse("fuzz", s)
		if err != nil {
			if d != nil {
				t.Fatalf("Parse returned a document and an error")
			}
			return
		}
		ctx := map[string][]string{"aws:username": {"alice"}, "aws:TagKeys": {"a", "b"}, "k": {}, "aws:CalledVia": nil}
		for _, res := range []string{testRepo, ""} {
			ev := Evaluate(Request{Action: "kms:Decrypt", Resource: res, Context: ctx}, []*Document{d}, []*Document{d})
			if len(ev.Reasons) == 0 {
				t.Fatalf("evaluation without reasons: %+v", ev)
			}
			for _, m := range ExplicitDenies([]*Document{d}, CodeCommitKMSActions(), res, ctx) {
				if m.Effect != "Deny" || m.String() == "" {
					t.Fatalf("bad match %+v", m)
				}
			}
		}
	})
}
