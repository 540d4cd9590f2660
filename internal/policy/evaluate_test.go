package policy

import (
	"strings"
	"testing"
)

func TestEvaluate(t *testing.T) {
	powerUser := loadFixture(t, "AWSCodeCommitPowerUser.json")
	denyKMSAll := loadFixture(t, "deny-kms-all.json")
	denyKMSVia := loadFixture(t, "deny-kms-unless-via-codecommit.json")
	denyButCC := loadFixture(t, "deny-everything-but-codecommit.json")
	denyNetwork := loadFixture(t, "deny-outside-corporate-network.json")
	denyNoMFA := loadFixture(t, "deny-without-mfa.json")
	denyRegions := loadFixture(t, "deny-regions-outside-eu.json")
	boundaryRO := loadFixture(t, "boundary-codecommit-read-only.json")
	myRepos := loadFixture(t, "allow-my-repos-from-office.json")

	allowAll := mustParse(t, "allow-all", stmt(`"Sid":"All","Effect":"Allow","Action":"*","Resource":"*"`))
	allowNotKMS := mustParse(t, "allow-not-kms", stmt(`"Sid":"NotKMS","Effect":"Allow","NotAction":"kms:*","Resource":"*"`))
	allowPullOnly := mustParse(t, "allow-pull", stmt(`"Effect":"Allow","Action":"codecommit:GitPull","Resource":"*"`))
	allowMixedCase := mustParse(t, "allow-mixed-case", stmt(`"Sid":"Mixed","Effect":"Allow","Action":["CodeCommit:gitpull","KMS:decrypt"],"Resource":"*"`))
	denyKMSGen := mustParse(t, "deny-kms-gen", stmt(`"Sid":"DenyGen","Effect":"Deny","Action":"kms:Gen*","Resource":"*"`))
	denyStar := mustParse(t, "deny-star", stmt(`"Sid":"DenyAll","Effect":"Deny","Action":"*","Resource":"*"`))
	denyMixedCase := mustParse(t, "deny-mixed-case", stmt(`"Sid":"DenyDecrypt","Effect":"Deny","Action":"KMS:decrypt","Resource":"*"`))
	denyNotMyRepo := mustParse(t, "deny-not-my-repo", stmt(`"Sid":"OnlyMyDemoRepo","Effect":"Deny","Action":"codecommit:*","NotResource":"`+testRepo+`"`))
	allowFromIP := mustParse(t, "allow-from-ip", stmt(`"Sid":"FromOffice","Effect":"Allow","Action":"codecommit:Git*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}`))
	denyCalledVia := mustParse(t, "deny-called-via", stmt(`"Sid":"NoAthena","Effect":"Deny","Action":"*","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"aws:CalledVia":["athena.amazonaws.com"]}}`))
	allowTagKeys := mustParse(t, "allow-tag-keys", stmt(`"Sid":"OnlyTeamTags","Effect":"Allow","Action":"codecommit:*","Resource":"*","Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["Team","CostCenter"]}}`))
	allowTempCreds := mustParse(t, "allow-long-term-only", stmt(`"Sid":"LongTermKeysOnly","Effect":"Allow","Action":"codecommit:*","Resource":"*","Condition":{"Null":{"aws:TokenIssueTime":"true"}}`))
	allowOwnRepo := mustParse(t, "allow-own-repo", stmt(`"Sid":"OwnRepo","Effect":"Allow","Action":"codecommit:Git*","Resource":"arn:aws:codecommit:us-east-1:123456789012:${aws:username}-*"`))
	allowOwnRepo2008 := mustParse(t, "allow-own-repo-2008", `{"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"codecommit:Git*","Resource":"arn:aws:codecommit:us-east-1:123456789012:${aws:username}-*"}}`)
	keyPolicy := mustParse(t, "key-policy", stmt(`"Sid":"Root","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"`))
	boundaryDeny := mustParse(t, "boundary-deny-push", `{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Sid":"NoPush","Effect":"Deny","Action":"codecommit:GitPush","Resource":"*"}]}`)

	viaCC := map[string][]string{"kms:ViaService": {"codecommit.us-east-1.amazonaws.com"}, "aws:RequestedRegion": {"us-east-1"}}
	viaS3 := map[string][]string{"kms:ViaService": {"s3.us-east-1.amazonaws.com"}, "aws:RequestedRegion": {"us-east-1"}}

	type docs = []*Document
	tests := []struct {
		name     string
		identity docs
		boundary docs
		req      Request
		want     Decision
		matched  []string // refs(ev.Matched); nil means not checked
		reason   string   // substring expected in some reason
	}{
		// AWS managed policy.
		{"PowerUser allows GitPull", docs{powerUser}, nil, Request{Action: ActionGitPull, Resource: testRepo}, Allow,
			[]string{"AWSCodeCommitPowerUser/#0/Allow/codecommit:GitPull"}, `Action "codecommit:GitPull" matches codecommit:GitPull`},
		{"PowerUser allows GitPush", docs{powerUser}, nil, Request{Action: ActionGitPush, Resource: testRepo}, Allow, nil, "AWSCodeCommitPowerUser"},
		{"PowerUser cannot delete repositories", docs{powerUser}, nil, Request{Action: "codecommit:DeleteRepository", Resource: testRepo}, ImplicitDeny,
			[]string{}, "no identity policy statement allows codecommit:DeleteRepository"},
		{"PowerUser grants no KMS", docs{powerUser}, nil, Request{Action: "kms:Decrypt", Resource: testKey, Context: viaCC}, ImplicitDeny, nil, ""},

		// Deny kms:*.
		{"Deny kms:* wins over PowerUser+allow-all", docs{powerUser, allowAll, denyKMSAll}, nil, Request{Action: "kms:Decrypt", Resource: testKey, Context: viaCC}, ExplicitDeny,
			[]string{"allow-all/All/Allow/kms:Decrypt", "deny-kms-all/DenyAllKMS/Deny/kms:Decrypt"}, `policy "deny-kms-all" statement "DenyAllKMS" (Action "kms:*" matches kms:Decrypt) denies kms:Decrypt`},
		{"Deny kms:* leaves git alone", docs{powerUser, denyKMSAll}, nil, Request{Action: ActionGitPush, Resource: testRepo}, Allow, nil, ""},

		// Deny NotAction codecommit:*.
		{"Deny NotAction codecommit:* denies kms", docs{allowAll, denyButCC}, nil, Request{Action: "kms:GenerateDataKey", Resource: testKey}, ExplicitDeny,
			nil, "NotAction [codecommit:*] does not exclude kms:GenerateDataKey"},
		{"Deny NotAction codecommit:* spares codecommit", docs{allowAll, denyButCC}, nil, Request{Action: ActionGitPull, Resource: testRepo}, Allow, nil, ""},

		// Deny unless kms:ViaService.
		{"ViaService codecommit: no deny", docs{allowAll, denyKMSVia}, nil, Request{Action: "kms:Decrypt", Resource: testKey, Context: viaCC}, Allow,
			[]string{"allow-all/All/Allow/kms:Decrypt"}, ""},
		{"ViaService s3: deny", docs{allowAll, denyKMSVia}, nil, Request{Action: "kms:Decrypt", Resource: testKey, Context: viaS3}, ExplicitDeny,
			nil, "DenyKMSOutsideCodeCommit"},
		// Not in the context: the real request may or may not carry it, so
		// the deny is possible, not certain.
		{"ViaService not known: possible deny", docs{allowAll, denyKMSVia}, nil, Request{Action: "kms:Decrypt", Resource: testKey}, Unknown,
			[]string{"allow-all/All/Allow/kms:Decrypt", "deny-kms-unless-via-codecommit/DenyKMSOutsideCodeCommit/Deny/kms:Decrypt?"}, "condition key kms:ViaService is not known locally"},
		// Known to be absent (a direct KMS call): StringNotEquals is true, so it denies.
		{"ViaService known absent: deny", docs{allowAll, denyKMSVia}, nil, Request{Action: "kms:Decrypt", Resource: testKey, Context: map[string][]string{"kms:ViaService": nil}}, ExplicitDeny, nil, ""},

		// Allow NotAction kms:*.
		{"Allow NotAction kms:* allows git", docs{allowNotKMS}, nil, Request{Action: ActionGitPush, Resource: testRepo}, Allow, nil, "NotAction [kms:*] does not exclude codecommit:GitPush"},
		{"Allow NotAction kms:* implicitly denies kms", docs{allowNotKMS}, nil, Request{Action: "kms:Encrypt", Resource: testKey}, ImplicitDeny, []string{}, ""},

		// Allow-only policies.
		{"allow-only: pull", docs{allowPullOnly}, nil, Request{Action: ActionGitPull, Resource: testRepo}, Allow, []string{"allow-pull/#0/Allow/codecommit:GitPull"}, "Statement[0]"},
		{"allow-only: push", docs{allowPullOnly}, nil, Request{Action: ActionGitPush, Resource: testRepo}, ImplicitDeny, nil, ""},
		{"no policies at all", nil, nil, Request{Action: ActionGitPull, Resource: testRepo}, ImplicitDeny, []string{}, ""},

		// Wildcards.
		{"Deny kms:Gen* covers GenerateDataKey", docs{allowAll, denyKMSGen}, nil, Request{Action: "kms:GenerateDataKey", Resource: testKey}, ExplicitDeny, nil, `Action "kms:Gen*" matches`},
		{"Deny kms:Gen* covers WithoutPlaintext", docs{allowAll, denyKMSGen}, nil, Request{Action: "kms:GenerateDataKeyWithoutPlaintext", Resource: testKey}, ExplicitDeny, nil, ""},
		{"Deny kms:Gen* spares Decrypt", docs{allowAll, denyKMSGen}, nil, Request{Action: "kms:Decrypt", Resource: testKey}, Allow, nil, ""},
		{"Deny * covers everything", docs{powerUser, denyStar}, nil, Request{Action: ActionGitPull, Resource: testRepo}, ExplicitDeny, nil, `Action "*" matches codecommit:GitPull`},

		// Action names are case-insensitive.
		{"mixed-case Deny KMS:decrypt", docs{allowAll, denyMixedCase}, nil, Request{Action: "kms:Decrypt", Resource: testKey}, ExplicitDeny, nil, ""},
		{"mixed-case Allow CodeCommit:gitpull", docs{allowMixedCase}, nil, Request{Action: ActionGitPull, Resource: testRepo}, Allow, nil, ""},
		{"mixed-case request action", docs{allowPullOnly}, nil, Request{Action: "CODECOMMIT:GITPULL", Resource: testRepo}, Allow, nil, ""},

		// Permissions boundaries.
		{"boundary allows GitPull", docs{powerUser}, docs{boundaryRO}, Request{Action: ActionGitPull, Resource: testRepo}, Allow,
			[]string{"AWSCodeCommitPowerUser/#0/Allow/codecommit:GitPull", "B:boundary-codecommit-read-only/CodeCommitReadOnly/Allow/codecommit:GitPull"}, "within the permissions boundary"},
		{"boundary does not allow GitPush", docs{powerUser}, docs{boundaryRO}, Request{Action: ActionGitPush, Resource: testRepo}, ImplicitDeny,
			nil, "the permissions boundary does not allow codecommit:GitPush"},
		{"boundary alone grants nothing", docs{allowNotKMS}, docs{boundaryRO}, Request{Action: "kms:Decrypt", Resource: testKey, Context: viaCC}, ImplicitDeny,
			nil, "no identity policy statement allows kms:Decrypt"},
		{"explicit deny in the boundary wins", docs{powerUser}, docs{boundaryDeny}, Request{Action: ActionGitPush, Resource: testRepo}, ExplicitDeny,
			nil, `permissions boundary policy "boundary-deny-push" statement "NoPush"`},
		{"nil boundary entries are no boundary", docs{powerUser}, docs{nil}, Request{Action: ActionGitPush, Resource: testRepo}, Allow, nil, ""},

		// Resource matching.
		{"Resource wildcard My*", docs{myRepos}, nil, Request{Action: ActionGitPull, Resource: testRepo}, Allow, nil, "GitOnMyRepos"},
		{"Resource wildcard excludes OtherRepo", docs{myRepos}, nil, Request{Action: ActionGitPull, Resource: testOther}, ImplicitDeny, nil, ""},
		{"Resource is case-sensitive", docs{myRepos}, nil, Request{Action: ActionGitPull, Resource: "arn:aws:codecommit:us-east-1:123456789012:myDemoRepo"}, ImplicitDeny, nil, ""},
		{"NotResource spares the named repo", docs{allowAll, denyNotMyRepo}, nil, Request{Action: ActionGitPush, Resource: testRepo}, Allow, nil, ""},
		{"NotResource denies other repos", docs{allowAll, denyNotMyRepo}, nil, Request{Action: ActionGitPush, Resource: testOther}, ExplicitDeny, nil, "OnlyMyDemoRepo"},
		{"unknown resource, Resource *", docs{allowAll}, nil, Request{Action: "kms:Decrypt"}, Allow, nil, ""},
		{"unknown resource, specific Resource", docs{myRepos}, nil, Request{Action: ActionGitPull}, Unknown, nil, "the resource ARN is not known locally"},
		{"unknown resource, NotResource deny", docs{allowAll, denyNotMyRepo}, nil, Request{Action: ActionGitPull}, Unknown, nil, "possible explicit deny"},

		// aws:SourceIp cannot be known locally.
		{"SourceIp deny: possible deny", docs{myRepos}, nil, Request{Action: ActionGitPush, Resource: testRepo}, Unknown,
			[]string{"allow-my-repos-from-office/GitOnMyRepos/Allow/codecommit:GitPush", "allow-my-repos-from-office/PushFromOfficeOnly/Deny/codecommit:GitPush?"}, "condition key aws:SourceIp is not known locally"},
		{"SourceIp deny does not cover pull", docs{myRepos}, nil, Request{Action: ActionGitPull, Resource: testRepo}, Allow, nil, ""},
		{"SourceIp allow: possible allow", docs{allowFromIP}, nil, Request{Action: ActionGitPull, Resource: testRepo}, Unknown,
			[]string{"allow-from-ip/FromOffice/Allow/codecommit:GitPull?"}, "no identity policy statement definitely allows"},
		{"SourceIp allow is moot when another allows", docs{allowFromIP, powerUser}, nil, Request{Action: ActionGitPull, Resource: testRepo}, Allow, nil, ""},
		{"possible deny without any allow is still a deny", docs{denyNetwork}, nil, Request{Action: ActionGitPull, Resource: testRepo, Context: map[string][]string{"aws:ViaAWSService": {"false"}}}, ImplicitDeny,
			nil, "might also be explicitly denied"},
		{"network deny, direct call: unknown", docs{powerUser, denyNetwork}, nil, Request{Action: ActionGitPull, Resource: testRepo, Context: map[string][]string{"aws:ViaAWSService": {"false"}}}, Unknown,
			nil, "aws:SourceIp is not known locally"},
		{"network deny, call via a service: the Bool decides", docs{allowAll, denyNetwork}, nil, Request{Action: "kms:Decrypt", Resource: testKey, Context: map[string][]string{"aws:ViaAWSService": {"true"}}}, Allow, nil, ""},
		{"definite deny beats possible deny", docs{powerUser, denyNetwork, denyStar}, nil, Request{Action: ActionGitPull, Resource: testRepo}, ExplicitDeny, nil, "DenyAll"},

		// ForAnyValue / ForAllValues.
		{"ForAnyValue hit denies", docs{allowAll, denyCalledVia}, nil, Request{Action: "kms:Decrypt", Resource: testKey, Context: map[string][]string{"aws:CalledVia": {"cloudformation.amazonaws.com", "athena.amazonaws.com"}}}, ExplicitDeny, nil, ""},
		{"ForAnyValue miss", docs{allowAll, denyCalledVia}, nil, Request{Action: "kms:Decrypt", Resource: testKey, Context: map[string][]string{"aws:CalledVia": {"codecommit.amazonaws.com"}}}, Allow, nil, ""},
		{"ForAnyValue absent key", docs{allowAll, denyCalledVia}, nil, Request{Action: "kms:Decrypt", Resource: testKey, Context: map[string][]string{"aws:CalledVia": {}}}, Allow, nil, ""},
		{"ForAllValues subset allows", docs{allowTagKeys}, nil, Request{Action: ActionGitPull, Resource: testRepo, Context: map[string][]string{"aws:TagKeys": {"Team"}}}, Allow, nil, ""},
		{"ForAllValues outside the set", docs{allowTagKeys}, nil, Request{Action: ActionGitPull, Resource: testRepo, Context: map[string][]string{"aws:TagKeys": {"Team", "Owner"}}}, ImplicitDeny, nil, ""},
		{"ForAllValues absent key holds", docs{allowTagKeys}, nil, Request{Action: ActionGitPull, Resource: testRepo, Context: map[string][]string{"aws:TagKeys": nil}}, Allow, nil, ""},

		// ...IfExists (BoolIfExists aws:MultiFactorAuthPresent false).
		{"IfExists: MFA false denies", docs{powerUser, denyNoMFA}, nil, Request{Action: ActionGitPull, Resource: testRepo, Context: map[string][]string{"aws:MultiFactorAuthPresent": {"false"}}}, ExplicitDeny, nil, "BlockMostAccessUnlessSignedInWithMFA"},
		{"IfExists: MFA true allows", docs{powerUser, denyNoMFA}, nil, Request{Action: ActionGitPull, Resource: testRepo, Context: map[string][]string{"aws:MultiFactorAuthPresent": {"true"}}}, Allow, nil, ""},
		{"IfExists: key absent (access keys) denies", docs{powerUser, denyNoMFA}, nil, Request{Action: ActionGitPull, Resource: testRepo, Context: map[string][]string{"aws:MultiFactorAuthPresent": {}}}, ExplicitDeny, nil, ""},
		{"IfExists: key not known", docs{powerUser, denyNoMFA}, nil, Request{Action: ActionGitPull, Resource: testRepo}, Unknown, nil, "aws:MultiFactorAuthPresent is not known locally"},
		{"IfExists: NotAction exempts iam:ListUsers", docs{powerUser, denyNoMFA}, nil, Request{Action: "iam:ListUsers", Resource: "*", Context: map[string][]string{"aws:MultiFactorAuthPresent": {}}}, Allow, nil, ""},

		// Null.
		{"Null true, key absent", docs{allowTempCreds}, nil, Request{Action: ActionGitPull, Resource: testRepo, Context: map[string][]string{"aws:TokenIssueTime": {}}}, Allow, nil, ""},
		{"Null true, key present", docs{allowTempCreds}, nil, Request{Action: ActionGitPull, Resource: testRepo, Context: map[string][]string{"aws:TokenIssueTime": {"2024-01-01T00:00:00Z"}}}, ImplicitDeny, nil, ""},
		{"Null, key not known", docs{allowTempCreds}, nil, Request{Action: ActionGitPull, Resource: testRepo}, Unknown, nil, "aws:TokenIssueTime is not known locally"},

		// Bool and string operators against a region restriction.
		{"region deny outside EU", docs{powerUser, denyRegions}, nil, Request{Action: ActionGitPull, Resource: testRepo, Context: map[string][]string{"AWS:RequestedRegion": {"us-east-1"}}}, ExplicitDeny, nil, "DenyAllOutsideEU"},
		{"region allowed in EU", docs{powerUser, denyRegions}, nil, Request{Action: ActionGitPull, Resource: "arn:aws:codecommit:eu-west-1:123456789012:MyDemoRepo", Context: map[string][]string{"aws:requestedregion": {"eu-west-1"}}}, Allow, nil, ""},

		// Policy variables.
		{"variable resolved", docs{allowOwnRepo}, nil, Request{Action: ActionGitPush, Resource: "arn:aws:codecommit:us-east-1:123456789012:alice-tools", Context: map[string][]string{"aws:username": {"alice"}}}, Allow, nil, ""},
		{"variable resolved, other user's repo", docs{allowOwnRepo}, nil, Request{Action: ActionGitPush, Resource: "arn:aws:codecommit:us-east-1:123456789012:bob-tools", Context: map[string][]string{"aws:username": {"alice"}}}, ImplicitDeny, nil, ""},
		{"variable not known", docs{allowOwnRepo}, nil, Request{Action: ActionGitPush, Resource: "arn:aws:codecommit:us-east-1:123456789012:alice-tools"}, Unknown, nil, "policy variable ${aws:username} is not known locally"},
		{"variable absent (a role)", docs{allowOwnRepo}, nil, Request{Action: ActionGitPush, Resource: "arn:aws:codecommit:us-east-1:123456789012:alice-tools", Context: map[string][]string{"aws:username": {}}}, ImplicitDeny, nil, ""},
		{"2008-10-17 has no variables", docs{allowOwnRepo2008}, nil, Request{Action: ActionGitPush, Resource: "arn:aws:codecommit:us-east-1:123456789012:alice-tools", Context: map[string][]string{"aws:username": {"alice"}}}, ImplicitDeny, nil, ""},

		// Principal elements are not evaluated locally.
		{"key policy principal", docs{keyPolicy}, nil, Request{Action: "kms:Decrypt", Resource: testKey}, Unknown, nil, "principals are not evaluated locally"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ev := Evaluate(tt.req, tt.identity, tt.boundary)
			if ev.Decision != tt.want {
				t.Fatalf("decision = %v, want %v\nreasons: %s\nmatched: %v", ev.Decision, tt.want, strings.Join(ev.Reasons, "\n  "), refs(ev.Matched))
			}
			if tt.matched != nil && !equalStrings(refs(ev.Matched), tt.matched) {
				t.Errorf("matched = %q, want %q", refs(ev.Matched), tt.matched)
			}
			if len(ev.Reasons) == 0 {
				t.Errorf("no reasons given")
			}
			if tt.reason != "" && !containsSubstring(ev.Reasons, tt.reason) {
				t.Errorf("reasons lack %q:\n  %s", tt.reason, strings.Join(ev.Reasons, "\n  "))
			}
		})
	}
}

func TestEvaluateContextIsNotMutated(t *testing.T) {
	ctx := map[string][]string{"KMS:ViaService": {"codecommit.us-east-1.amazonaws.com"}, "aws:TokenIssueTime": nil}
	d := loadFixture(t, "deny-kms-unless-via-codecommit.json")
	Evaluate(Request{Action: "kms:Decrypt", Resource: testKey, Context: ctx}, []*Document{d}, nil)
	if len(ctx) != 2 || ctx["aws:TokenIssueTime"] != nil || ctx["KMS:ViaService"][0] != "codecommit.us-east-1.amazonaws.com" {
		t.Errorf("context was modified: %v", ctx)
	}
}

func TestDecisionString(t *testing.T) {
	for d, want := range map[Decision]string{Allow: "Allow", ImplicitDeny: "ImplicitDeny", ExplicitDeny: "ExplicitDeny", Unknown: "Unknown", Decision(42): "Decision(42)"} {
		if got := d.String(); got != want {
			t.Errorf("%d.String() = %q, want %q", int(d), got, want)
		}
	}
	var zero Decision
	if zero != Unknown {
		t.Errorf("zero Decision is %v, want Unknown", zero)
	}
}

func TestStatementRefString(t *testing.T) {
	tests := []struct {
		ref  StatementRef
		want string
	}{
		{StatementRef{Policy: "user/alice inline: deny-kms", Sid: "DenyKMS", Effect: "Deny"}, `policy "user/alice inline: deny-kms" statement "DenyKMS"`},
		{StatementRef{Policy: "arn:aws:iam::aws:policy/AWSCodeCommitPowerUser", Index: 0, Effect: "Allow"}, `policy "arn:aws:iam::aws:policy/AWSCodeCommitPowerUser" Statement[0]`},
		{StatementRef{Policy: "b", Index: 3, Boundary: true}, `permissions boundary policy "b" Statement[3]`},
	}
	for _, tt := range tests {
		if got := tt.ref.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestDocumentAccessors(t *testing.T) {
	d := loadFixture(t, "allow-my-repos-from-office.json")
	if d.Name() != "allow-my-repos-from-office" || d.Version() != Version2012 || !strings.Contains(d.JSON(), "GitOnMyRepos") {
		t.Errorf("accessors: %q %q", d.Name(), d.Version())
	}
	got := d.Statements()
	want := []StatementRef{
		{Policy: "allow-my-repos-from-office", Sid: "GitOnMyRepos", Index: 0, Effect: "Allow"},
		{Policy: "allow-my-repos-from-office", Sid: "PushFromOfficeOnly", Index: 1, Effect: "Deny"},
	}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("Statements() = %+v, want %+v", got, want)
	}
}
