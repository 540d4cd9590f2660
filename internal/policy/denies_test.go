package policy

import (
	"strings"
	"testing"
)

func TestCodeCommitKMSActions(t *testing.T) {
	got := CodeCommitKMSActions()
	want := []string{"kms:Encrypt", "kms:Decrypt", "kms:ReEncryptFrom", "kms:ReEncryptTo", "kms:GenerateDataKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:DescribeKey"}
	if !equalStrings(got, want) {
		t.Fatalf("CodeCommitKMSActions() = %q", got)
	}
	got[0] = "changed"
	if CodeCommitKMSActions()[0] != "kms:Encrypt" {
		t.Errorf("CodeCommitKMSActions shares its slice")
	}
	// Every action is covered by the documented kms:ReEncrypt* style patterns.
	for _, a := range want {
		if !globMatchFold("kms:*", a) {
			t.Errorf("%s is not a kms action", a)
		}
	}
}

func TestExplicitDenies(t *testing.T) {
	all := CodeCommitKMSActions()
	viaCC := map[string][]string{"kms:ViaService": {"codecommit.us-east-1.amazonaws.com"}, "aws:ViaAWSService": {"true"}}
	viaOther := map[string][]string{"kms:ViaService": {"codecommit.us-west-2.amazonaws.com"}}

	mk := func(name, body string) *Document { return mustParse(t, name, stmt(body)) }
	denyGen := mk("deny-gen", `"Sid":"DenyGen","Effect":"Deny","Action":"kms:Gen*","Resource":"*"`)
	denyMixed := mk("deny-mixed", `"Effect":"Deny","Action":["KMS:decrypt","kms:REENCRYPT*"],"Resource":"*"`)
	denyStar := mk("deny-star", `"Sid":"Everything","Effect":"Deny","Action":"*","Resource":"*"`)
	denyOtherKey := mk("deny-other-key", `"Sid":"OtherKey","Effect":"Deny","Action":"kms:*","Resource":"arn:aws:kms:*:*:key/other"`)
	denyExceptKey := mk("deny-except-key", `"Sid":"ExceptKey","Effect":"Deny","Action":"kms:*","NotResource":"`+testKey+`"`)
	denyS3 := mk("deny-s3", `"Effect":"Deny","Action":"s3:*","Resource":"*"`)

	prefixed := func(prefix string, actions []string, suffix string) []string {
		out := make([]string, len(actions))
		for i, a := range actions {
			out[i] = prefix + a + suffix
		}
		return out
	}
	tests := []struct {
		name     string
		docs     []*Document
		resource string
		ctx      map[string][]string
		want     []string
		detail   string
		reason   string
	}{
		{"Deny kms:* covers all seven", []*Document{loadFixture(t, "deny-kms-all.json")}, testKey, viaCC,
			prefixed("deny-kms-all/DenyAllKMS/Deny/", all, ""), `Action "kms:*" matches kms:Encrypt`, ""},
		{"Deny NotAction codecommit:* covers all seven", []*Document{loadFixture(t, "deny-everything-but-codecommit.json")}, testKey, viaCC,
			prefixed("deny-everything-but-codecommit/OnlyCodeCommit/Deny/", all, ""), "NotAction [codecommit:*] does not exclude kms:Decrypt", ""},
		{"ViaService codecommit matches the exemption", []*Document{loadFixture(t, "deny-kms-unless-via-codecommit.json")}, testKey, viaCC, []string{}, "", ""},
		{"ViaService in another region is denied", []*Document{loadFixture(t, "deny-kms-unless-via-codecommit.json")}, testKey, viaOther,
			prefixed("deny-kms-unless-via-codecommit/DenyKMSOutsideCodeCommit/Deny/", all, ""), `Action "kms:ReEncrypt*" matches kms:ReEncryptTo`, ""},
		{"ViaService not known: possible denies", []*Document{loadFixture(t, "deny-kms-unless-via-codecommit.json")}, testKey, nil,
			prefixed("deny-kms-unless-via-codecommit/DenyKMSOutsideCodeCommit/Deny/", all, "?"), "", "condition key kms:ViaService is not known locally"},
		{"kms:Gen* covers exactly the two GenerateDataKey actions", []*Document{denyGen}, testKey, viaCC,
			[]string{"deny-gen/DenyGen/Deny/kms:GenerateDataKey", "deny-gen/DenyGen/Deny/kms:GenerateDataKeyWithoutPlaintext"}, `Action "kms:Gen*" matches kms:GenerateDataKey`, ""},
		{"mixed case", []*Document{denyMixed}, testKey, viaCC,
			[]string{"deny-mixed/#0/Deny/kms:Decrypt", "deny-mixed/#0/Deny/kms:ReEncryptFrom", "deny-mixed/#0/Deny/kms:ReEncryptTo"}, `Action "KMS:decrypt" matches kms:Decrypt`, ""},
		{"Deny * covers all seven", []*Document{denyStar}, testKey, viaCC, prefixed("deny-star/Everything/Deny/", all, ""), "", ""},
		{"another key's deny does not apply", []*Document{denyOtherKey}, testKey, viaCC, []string{}, "", ""},
		{"another key's deny with unknown key ARN is possible", []*Document{denyOtherKey}, "", viaCC,
			prefixed("deny-other-key/OtherKey/Deny/", all, "?"), "", "the resource ARN is not known locally"},
		{"NotResource exempts our key", []*Document{denyExceptKey}, testKey, viaCC, []string{}, "", ""},
		{"Deny s3:* is irrelevant", []*Document{denyS3}, testKey, viaCC, []string{}, "", ""},
		{"allow-only policies never deny", []*Document{loadFixture(t, "AWSCodeCommitPowerUser.json"), loadFixture(t, "boundary-codecommit-read-only.json")}, testKey, viaCC, []string{}, "", ""},
		// CodeCommit calls KMS on the caller's behalf, so aws:ViaAWSService is
		// true and the IP deny's Bool condition rules it out.
		{"network deny does not apply to calls via CodeCommit", []*Document{loadFixture(t, "deny-outside-corporate-network.json")}, testKey, viaCC, []string{}, "", ""},
		{"network deny with nothing known is possible", []*Document{loadFixture(t, "deny-outside-corporate-network.json")}, testKey, nil,
			prefixed("deny-outside-corporate-network/DenyOutsideCorporateNetwork/Deny/", all, "?"), "", "aws:SourceIp is not known locally"},
		{"several documents in order, nil skipped", []*Document{denyGen, nil, denyMixed}, testKey, viaCC,
			[]string{"deny-gen/DenyGen/Deny/kms:GenerateDataKey", "deny-gen/DenyGen/Deny/kms:GenerateDataKeyWithoutPlaintext", "deny-mixed/#0/Deny/kms:Decrypt", "deny-mixed/#0/Deny/kms:ReEncryptFrom", "deny-mixed/#0/Deny/kms:ReEncryptTo"}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := ExplicitDenies(tt.docs, all, tt.resource, tt.ctx)
			if got := refs(ms); !equalStrings(got, tt.want) {
				t.Fatalf("denies = %q\nwant %q", got, tt.want)
			}
			if tt.detail != "" {
				found := false
				for _, m := range ms {
					found = found || m.Detail == tt.detail
				}
				if !found {
					t.Errorf("no match has detail %q", tt.detail)
				}
			}
			for _, m := range ms {
				if m.Certain != (len(m.Reasons) == 0) {
					t.Errorf("%v: Certain=%v with reasons %q", m.StatementRef, m.Certain, m.Reasons)
				}
				if tt.reason != "" && !containsSubstring(m.Reasons, tt.reason) {
					t.Errorf("%v: reasons %q lack %q", m.StatementRef, m.Reasons, tt.reason)
				}
				if !strings.Contains(m.String(), m.Policy) || !strings.Contains(m.String(), m.Action) {
					t.Errorf("String() = %q does not name policy and action", m.String())
				}
			}
		})
	}
}
