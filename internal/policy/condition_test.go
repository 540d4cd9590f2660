package policy

import "testing"

func TestConditionOperators(t *testing.T) {
	ctx := map[string][]string{
		"kms:ViaService":             {"codecommit.us-east-1.amazonaws.com"},
		"aws:RequestedRegion":        {"us-east-1"},
		"aws:SecureTransport":        {"true"},
		"aws:PrincipalArn":           {"arn:aws:iam::123456789012:user/alice"},
		"aws:CalledVia":              {"cloudformation.amazonaws.com", "athena.amazonaws.com"},
		"aws:TagKeys":                {"Team", "CostCenter"},
		"aws:MultiFactorAuthPresent": {}, // known to be absent (long-term keys)
		"aws:TokenIssueTime":         {},
		"aws:MultiFactorAuthAge":     {"30"},
	}
	tests := []struct {
		name   string
		op     string
		key    string
		values []string
		want   tri
		why    string // substring of a reason, for maybe
	}{
		// String family.
		{"StringEquals match", "StringEquals", "kms:ViaService", []string{"codecommit.us-east-1.amazonaws.com"}, yes, ""},
		{"StringEquals values OR", "StringEquals", "kms:ViaService", []string{"s3.us-east-1.amazonaws.com", "codecommit.us-east-1.amazonaws.com"}, yes, ""},
		{"StringEquals case-sensitive", "StringEquals", "kms:ViaService", []string{"CodeCommit.us-east-1.amazonaws.com"}, no, ""},
		{"StringEquals no wildcards", "StringEquals", "kms:ViaService", []string{"codecommit.*.amazonaws.com"}, no, ""},
		{"key name case-insensitive", "StringEquals", "KMS:VIASERVICE", []string{"codecommit.us-east-1.amazonaws.com"}, yes, ""},
		{"operator name case-insensitive", "stringequals", "kms:ViaService", []string{"codecommit.us-east-1.amazonaws.com"}, yes, ""},
		{"StringNotEquals equal value", "StringNotEquals", "kms:ViaService", []string{"codecommit.us-east-1.amazonaws.com"}, no, ""},
		{"StringNotEquals other value", "StringNotEquals", "kms:ViaService", []string{"s3.us-east-1.amazonaws.com"}, yes, ""},
		{"StringNotEquals values NOR", "StringNotEquals", "kms:ViaService", []string{"s3.us-east-1.amazonaws.com", "codecommit.us-east-1.amazonaws.com"}, no, ""},
		{"StringEqualsIgnoreCase", "StringEqualsIgnoreCase", "kms:ViaService", []string{"CODECOMMIT.us-east-1.AMAZONAWS.com"}, yes, ""},
		{"StringNotEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "kms:ViaService", []string{"CODECOMMIT.us-east-1.AMAZONAWS.com"}, no, ""},
		{"StringLike", "StringLike", "kms:ViaService", []string{"codecommit.*.amazonaws.com"}, yes, ""},
		{"StringLike question mark", "StringLike", "aws:RequestedRegion", []string{"us-east-?"}, yes, ""},
		{"StringLike case-sensitive", "StringLike", "kms:ViaService", []string{"CodeCommit.*"}, no, ""},
		{"StringNotLike", "StringNotLike", "kms:ViaService", []string{"codecommit.*"}, no, ""},
		{"StringNotLike other", "StringNotLike", "kms:ViaService", []string{"s3.*"}, yes, ""},
		// ARN family.
		{"ArnLike", "ArnLike", "aws:PrincipalArn", []string{"arn:aws:iam::*:user/*"}, yes, ""},
		{"ArnEquals takes wildcards too", "ArnEquals", "aws:PrincipalArn", []string{"arn:aws:iam::123456789012:user/al*"}, yes, ""},
		{"ArnLike mismatch", "ArnLike", "aws:PrincipalArn", []string{"arn:aws:iam::*:role/*"}, no, ""},
		{"ArnNotLike", "ArnNotLike", "aws:PrincipalArn", []string{"arn:aws:iam::*:role/*"}, yes, ""},
		{"ArnNotEquals equal", "ArnNotEquals", "aws:PrincipalArn", []string{"arn:aws:iam::123456789012:user/alice"}, no, ""},
		// Bool.
		{"Bool string", "Bool", "aws:SecureTransport", []string{"true"}, yes, ""},
		{"Bool mismatch", "Bool", "aws:SecureTransport", []string{"false"}, no, ""},
		{"Bool case-insensitive", "Bool", "aws:SecureTransport", []string{"TRUE"}, yes, ""},
		// Missing-key rules (key known to be absent).
		{"absent positive", "Bool", "aws:MultiFactorAuthPresent", []string{"false"}, no, ""},
		{"absent negated", "StringNotEquals", "aws:TokenIssueTime", []string{"x"}, yes, ""},
		{"absent IfExists", "BoolIfExists", "aws:MultiFactorAuthPresent", []string{"false"}, yes, ""},
		{"absent ForAnyValue", "ForAnyValue:StringEquals", "aws:TokenIssueTime", []string{"x"}, no, ""},
		{"absent ForAllValues", "ForAllValues:StringEquals", "aws:TokenIssueTime", []string{"x"}, yes, ""},
		{"absent not-evaluated operator", "NumericLessThan", "aws:TokenIssueTime", []string{"1"}, no, ""},
		{"absent negated not-evaluated operator", "NotIpAddress", "aws:TokenIssueTime", []string{"10.0.0.0/8"}, yes, ""},
		// IfExists with the key present behaves like the base operator.
		{"IfExists present match", "StringEqualsIfExists", "aws:RequestedRegion", []string{"us-east-1"}, yes, ""},
		{"IfExists present mismatch", "StringEqualsIfExists", "aws:RequestedRegion", []string{"eu-west-1"}, no, ""},
		// Null.
		{"Null true on absent", "Null", "aws:TokenIssueTime", []string{"true"}, yes, ""},
		{"Null false on absent", "Null", "aws:TokenIssueTime", []string{"false"}, no, ""},
		{"Null true on present", "Null", "aws:RequestedRegion", []string{"true"}, no, ""},
		{"Null false on present", "Null", "aws:RequestedRegion", []string{"false"}, yes, ""},
		{"Null on unknown key", "Null", "aws:SourceVpce", []string{"true"}, maybe, "aws:SourceVpce is not known locally"},
		// Set operators on a multivalued key.
		{"ForAnyValue hit", "ForAnyValue:StringEquals", "aws:CalledVia", []string{"athena.amazonaws.com"}, yes, ""},
		{"ForAnyValue miss", "ForAnyValue:StringEquals", "aws:CalledVia", []string{"dynamodb.amazonaws.com"}, no, ""},
		{"ForAllValues subset", "ForAllValues:StringEquals", "aws:TagKeys", []string{"Team", "CostCenter", "Project"}, yes, ""},
		{"ForAllValues not subset", "ForAllValues:StringEquals", "aws:TagKeys", []string{"Team"}, no, ""},
		{"ForAllValues StringLike", "ForAllValues:StringLike", "aws:CalledVia", []string{"*.amazonaws.com"}, yes, ""},
		{"ForAnyValue negated", "ForAnyValue:StringNotEquals", "aws:TagKeys", []string{"Team"}, yes, ""},
		{"ForAllValues negated", "ForAllValues:StringNotEquals", "aws:TagKeys", []string{"Team"}, no, ""},
		{"ForAllValues negated disjoint", "ForAllValues:StringNotEquals", "aws:TagKeys", []string{"Project"}, yes, ""},
		{"no qualifier, multivalued, negated", "StringNotEquals", "aws:CalledVia", []string{"athena.amazonaws.com"}, no, ""},
		// Undecidable.
		{"unknown key", "StringEquals", "aws:PrincipalTag/team", []string{"dev"}, maybe, "condition key aws:PrincipalTag/team is not known locally"},
		{"unknown key IfExists", "StringEqualsIfExists", "aws:SourceVpce", []string{"vpce-1"}, maybe, "aws:SourceVpce is not known locally"},
		{"unknown key negated", "StringNotEquals", "aws:SourceVpce", []string{"vpce-1"}, maybe, "not known locally"},
		{"IpAddress", "IpAddress", "aws:SourceIp", []string{"192.0.2.0/24"}, maybe, "aws:SourceIp is not known locally"},
		{"Numeric on a known key", "NumericLessThan", "aws:MultiFactorAuthAge", []string{"3600"}, maybe, "NumericLessThan on aws:MultiFactorAuthAge is not evaluated locally"},
		{"unrecognised operator", "StringEqualz", "kms:ViaService", []string{"x"}, maybe, "StringEqualz is not supported"},
		{"Null with set qualifier", "ForAnyValue:Null", "aws:TagKeys", []string{"true"}, maybe, "not supported"},
		// Policy variables in condition values.
		{"variable not known", "StringLike", "aws:PrincipalArn", []string{"arn:aws:iam::*:user/${aws:username}"}, maybe, "${aws:username} is not known locally"},
	}
	r := resolver{ctx: newContext(ctx), vars: true}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := condition{op: tt.op, key: tt.key, values: tt.values}.eval(r)
			if got.t != tt.want {
				t.Fatalf("eval = %v %v, want %v", got.t, got.reasons, tt.want)
			}
			if tt.why != "" && !containsSubstring(got.reasons, tt.why) {
				t.Errorf("reasons %q lack %q", got.reasons, tt.why)
			}
		})
	}
}

func TestConditionBlockIsAND(t *testing.T) {
	r := resolver{ctx: newContext(map[string][]string{
		"aws:RequestedRegion": {"us-east-1"},
		"aws:SecureTransport": {"true"},
	}), vars: true}
	region := condition{op: "StringEquals", key: "aws:RequestedRegion", values: []string{"us-east-1"}}
	tls := condition{op: "Bool", key: "aws:SecureTransport", values: []string{"true"}}
	noTLS := condition{op: "Bool", key: "aws:SecureTransport", values: []string{"false"}}
	ip := condition{op: "IpAddress", key: "aws:SourceIp", values: []string{"192.0.2.0/24"}}
	tests := []struct {
		name  string
		conds []condition
		want  tri
	}{
		{"empty block holds", nil, yes},
		{"all hold", []condition{region, tls}, yes},
		{"one fails", []condition{region, noTLS}, no},
		{"unknown and true", []condition{region, ip}, maybe},
		{"unknown and false is false", []condition{ip, noTLS}, no},
	}
	for _, tt := range tests {
		if got := evalConditions(tt.conds, r); got.t != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got.t, tt.want)
		}
	}
}
