package redact

import "testing"

func TestMaskAccessKeyID(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"AKIAIOSFODNN7EXAMPLE", "AKIA****MPLE"},
		{"ASIAY34FZKBOKMUTVV7A", "ASIA****VV7A"},
		{"ABCDEFGHIJKL", "ABCD****IJKL"},
		{"ABCDEFGHIJK", Mask},
		{"x", Mask},
		{"", ""},
		{"ÄÖÜßabcdéèêë", "ÄÖÜß****éèêë"},
	} {
		if got := MaskAccessKeyID(tc.in); got != tc.want {
			t.Errorf("MaskAccessKeyID(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAccessKeyIDs(t *testing.T) {
	runCases(t, New(), []redactCase{
		{"long-term", "key AKIAIOSFODNN7EXAMPLE here", "key AKIA****MPLE here"},
		{"temporary", "ASIAY34FZKBOKMUTVV7A", "ASIA****VV7A"},
		{"ABIA", "ABIAY34FZKBOKMUTVV7A", "ABIA****VV7A"},
		{"ACCA", "ACCAY34FZKBOKMUTVV7A", "ACCA****VV7A"},
		{"ini", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n", "aws_access_key_id = AKIA****MPLE\n"},
		{"json", `{"AccessKeyId":"AKIAIOSFODNN7EXAMPLE"}`, `{"AccessKeyId":"AKIA****MPLE"}`},
		{"after json newline escape", `"a\nAKIAIOSFODNN7EXAMPLE"`, `"a\nAKIA****MPLE"`},
		{"after json unicode escape", `=\u003dAKIAIOSFODNN7EXAMPLE`, `=\u003dAKIA****MPLE`},
		{"after url escape", "Credential%3DAKIAIOSFODNN7EXAMPLE%2F2026", "Credential%3DAKIA****MPLE%2F2026"},
		{"credential scope", "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request",
			"Credential=AKIA****MPLE/20130524/us-east-1/s3/aws4_request"},
		{"two keys", "AKIAIOSFODNN7EXAMPLE,ASIAY34FZKBOKMUTVV7A", "AKIA****MPLE,ASIA****VV7A"},
		// Near misses: left alone.
		{"too short", "AKIAIOSFODNN7EXAMPL", "AKIAIOSFODNN7EXAMPL"},
		{"too long", "AKIAIOSFODNN7EXAMPLEX", "AKIAIOSFODNN7EXAMPLEX"},
		{"inside a longer run", "XAKIAIOSFODNN7EXAMPLE", "XAKIAIOSFODNN7EXAMPLE"},
		{"lower case", "akiaiosfodnn7example", "akiaiosfodnn7example"},
		{"other prefix", "AKIBIOSFODNN7EXAMPLE", "AKIBIOSFODNN7EXAMPLE"},
		{"IAM unique id", "AIDAIOSFODNN7EXAMPLE AROAIOSFODNN7EXAMPLE", "AIDAIOSFODNN7EXAMPLE AROAIOSFODNN7EXAMPLE"},
		{"already masked", "AKIA****MPLE", "AKIA****MPLE"},
	})
}
