package policy

import "testing"

func TestGlobMatch(t *testing.T) {
	tests := []struct {
		pat, s string
		want   bool
	}{
		{"*", "", true},
		{"*", "anything:at/all", true},
		{"", "", true},
		{"", "x", false},
		{"kms:*", "kms:Decrypt", true},
		{"kms:Gen*", "kms:GenerateDataKey", true},
		{"kms:Gen*", "kms:Decrypt", false},
		{"kms:?ecrypt", "kms:Decrypt", true},
		{"kms:?ecrypt", "kms:Encrypt", false}, // E-n-c..., not ?-e-c...
		{"kms:?ncrypt", "kms:Encrypt", true},
		{"kms:?ecrypt", "kms:ecrypt", false},
		{"a*b*c", "aXXbYYc", true},
		{"a*b*c", "aXXbYY", false},
		{"a*a*a", "aaaa", true},
		{"*Repo", "MyDemoRepo", true},
		{"My*", "myDemoRepo", false},
		{"??", "é1", true},
	}
	for _, tt := range tests {
		if got := globPattern(tt.pat).match(tt.s); got != tt.want {
			t.Errorf("globPattern(%q).match(%q) = %v, want %v", tt.pat, tt.s, got, tt.want)
		}
	}
}

func TestGlobMatchFoldIsCaseInsensitive(t *testing.T) {
	for _, tt := range []struct {
		pat, s string
		want   bool
	}{
		{"KMS:decrypt", "kms:Decrypt", true},
		{"kms:GEN*", "kms:GenerateDataKey", true},
		{"CodeCommit:Git*", "codecommit:GitPush", true},
		{"codecommit:GitPull", "codecommit:GitPush", false},
	} {
		if got := globMatchFold(tt.pat, tt.s); got != tt.want {
			t.Errorf("globMatchFold(%q, %q) = %v, want %v", tt.pat, tt.s, got, tt.want)
		}
	}
}

func TestMatchARN(t *testing.T) {
	tests := []struct {
		pat, val string
		want     bool
	}{
		{"arn:aws:codecommit:us-east-1:123456789012:MyDemoRepo", testRepo, true},
		{"arn:aws:codecommit:*:123456789012:My*", testRepo, true},
		{"arn:aws:codecommit:*", testRepo, true},
		{"*", testRepo, true},
		{"arn:aws:codecommit:us-east-?:*:*", testRepo, true},
		{"arn:aws:codecommit:us-west-2:*:*", testRepo, false},
		{"arn:aws:codecommit:us-east-1:123456789012:mydemorepo", testRepo, false},
		// '*' stays within its component: the account component cannot eat the region.
		{"arn:aws:codecommit:*:MyDemoRepo", testRepo, false},
		{"arn:aws:iam::123456789012:role/a:b", "arn:aws:iam::123456789012:role/a:b", true},
		{"*", "not-an-arn", false},
	}
	for _, tt := range tests {
		if got := matchARN(globPattern(tt.pat), tt.val); got != tt.want {
			t.Errorf("matchARN(%q, %q) = %v, want %v", tt.pat, tt.val, got, tt.want)
		}
	}
}

func TestResolverVariables(t *testing.T) {
	ctx := newContext(map[string][]string{
		"aws:username":          {"alice"},
		"aws:PrincipalTag/team": {},
		"aws:CalledVia":         {"a", "b"},
	})
	tests := []struct {
		name      string
		in        string
		vars      bool
		wantT     tri
		matches   string
		noMatches string
	}{
		{"substituted", "arn:aws:iam::*:user/${aws:username}", true, yes, "arn:aws:iam::1:user/alice", "arn:aws:iam::1:user/bob"},
		{"key case-insensitive", "home/${AWS:UserName}/*", true, yes, "home/alice/x", "home/bob/x"},
		{"literal star escape", "a${*}", true, yes, "a*", "ab"},
		{"literal question escape", "a${?}", true, yes, "a?", "ab"},
		{"dollar escape", "${$}x", true, yes, "$x", "x"},
		{"2008 version keeps text", "${aws:username}", false, yes, "${aws:username}", "alice"},
		{"default for absent key", "team-${aws:PrincipalTag/team, 'shared'}", true, yes, "team-shared", "team-"},
		{"unterminated is literal", "a${b", true, yes, "a${b", "ab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, o := resolver{ctx: ctx, vars: tt.vars}.compile(tt.in, true)
			if o.t != tt.wantT {
				t.Fatalf("outcome %v, want %v (%v)", o.t, tt.wantT, o.reasons)
			}
			if !p.match(tt.matches) {
				t.Errorf("%q should match %q", tt.in, tt.matches)
			}
			if p.match(tt.noMatches) {
				t.Errorf("%q should not match %q", tt.in, tt.noMatches)
			}
		})
	}
	for _, tt := range []struct {
		in    string
		wantT tri
		why   string
	}{
		{"${aws:SourceIdentity}", maybe, "not known locally"},
		{"${aws:PrincipalTag/team}", no, "has no value"},
		{"${aws:CalledVia}", no, "multivalued"},
		{"${aws:username, shared}", no, "malformed"},
	} {
		_, o := resolver{ctx: ctx, vars: true}.compile(tt.in, true)
		if o.t != tt.wantT || !containsSubstring(o.reasons, tt.why) {
			t.Errorf("compile(%q) = %v %v, want %v with %q", tt.in, o.t, o.reasons, tt.wantT, tt.why)
		}
	}
}
