package kms

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/kms/types"

	"github.com/codecommit-doctor/codecommit-doctor/checks"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
)

// keyPolicyDocs is AWS's page on key policies.
const keyPolicyDocs = "https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html"

// keyDocs are the finding codes about a customer managed key.
var keyDocs = []checks.FindingDoc{
	{Code: "kms-key-unreadable", Severity: checks.Error, Meaning: "kms:DescribeKey on the repository's key was refused or failed: whether it is the AWS-managed key, whether it is enabled, and whether the identity may use it are unknown.",
		Remediation: []string{"aws kms describe-key --key-id KEY --region REGION   # run by someone who may read the key"}},
	{Code: "kms-key-disabled", Severity: checks.Fail, Meaning: "The repository's customer managed key is disabled: CodeCommit cannot decrypt or encrypt the repository, and every git operation fails.",
		Remediation: []string{"aws kms enable-key --key-id KEY --region REGION   # run by a key administrator"}},
	{Code: "kms-key-pending-deletion", Severity: checks.Fail, Meaning: "The repository's customer managed key is scheduled for deletion: git fails now, and once the key is deleted the repository cannot be read again.",
		Remediation: []string{"aws kms cancel-key-deletion --key-id KEY --region REGION   # run by a key administrator; the key is then disabled", "aws kms enable-key --key-id KEY --region REGION"}},
	{Code: "kms-key-unavailable", Severity: checks.Fail, Meaning: "The repository's customer managed key is in a state in which it cannot be used (PendingImport, Unavailable, ...)."},
	{Code: "kms-key-policy-no-access", Severity: checks.Fail, Meaning: "The key policy of the repository's customer managed key allows the KMS actions CodeCommit needs neither to the identity nor to its account (the account root principal, which lets IAM policies decide), and no grant does: git fails with 403. The finding quotes the statement an administrator adds to the key policy (a manual edit).",
		Remediation: []string{`An administrator of the key adds to its key policy: {"Sid":"AllowUseThroughCodeCommit","Effect":"Allow","Principal":{"AWS":"ARN"},"Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKey*","kms:DescribeKey"],"Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"codecommit.REGION.amazonaws.com"}}}`}},
	{Code: "kms-key-iam-not-allowed", Severity: checks.Fail, Meaning: "The key policy leaves the key's use to IAM policies (it allows the account root principal), but no IAM policy of the identity allows the KMS actions CodeCommit needs on the key, and no grant does.",
		Remediation: []string{`An administrator adds to a policy of the identity: {"Effect":"Allow","Action":["kms:Encrypt","kms:Decrypt","kms:ReEncrypt*","kms:GenerateDataKey*","kms:DescribeKey"],"Resource":"KEYARN"}`}},
	{Code: "kms-key-policy-denies", Severity: checks.Fail, Meaning: "A Deny statement in the key policy covers a KMS action CodeCommit needs, for the identity."},
	{Code: "kms-key-policy-unreadable", Severity: checks.Error, Meaning: "kms:GetKeyPolicy on the repository's customer managed key was refused: whether the key policy lets the identity use the key is unknown (no grant was seen that would).",
		Remediation: []string{"aws kms get-key-policy --key-id KEY --policy-name default --region REGION --output text   # run by a key administrator"}},
	{Code: "kms-key-access-undecided", Severity: checks.Error, Meaning: "Whether the identity may use the repository's customer managed key depends on something not decided here (conditions, grants that could not be listed, IAM policies that could not be read); the finding names it."},
	{Code: "kms-key-allowed", Severity: checks.Pass, Meaning: "The repository's customer managed key is enabled and its key policy, IAM policies or grants let the identity perform the KMS actions CodeCommit needs; says which."},
}

// stateFinding reports a key that cannot be used at all, or false.
func stateFinding(k *keyView, region string) (checks.Finding, bool) {
	enable := fmt.Sprintf("aws kms enable-key --key-id %s --region %s   # run by a key administrator", k.arn, region)
	switch k.state {
	case types.KeyStateEnabled, "":
		return checks.Finding{}, false
	case types.KeyStateDisabled:
		return checks.Finding{Code: "kms-key-disabled", Severity: checks.Fail,
			Message:     fmt.Sprintf("The repository's customer managed key %s is disabled: CodeCommit cannot decrypt or encrypt the repository's data, so every git pull and push fails.", k.label()),
			Remediation: []string{enable}, Docs: []string{"https://docs.aws.amazon.com/kms/latest/developerguide/enabling-keys.html", remedy.KMSDocs}}, true
	case types.KeyStatePendingDeletion, types.KeyStatePendingReplicaDeletion:
		return checks.Finding{Code: "kms-key-pending-deletion", Severity: checks.Fail,
			Message: fmt.Sprintf("The repository's customer managed key %s is scheduled for deletion (KeyState %s): git fails now, and once the key is deleted the repository's data cannot be decrypted again.", k.label(), k.state),
			Remediation: []string{
				fmt.Sprintf("aws kms cancel-key-deletion --key-id %s --region %s   # run by a key administrator; the key is then disabled", k.arn, region),
				fmt.Sprintf("aws kms enable-key --key-id %s --region %s", k.arn, region),
			},
			Docs: []string{"https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys-scheduling-key-deletion.html", remedy.KMSDocs}}, true
	}
	return checks.Finding{Code: "kms-key-unavailable", Severity: checks.Fail,
		Message: fmt.Sprintf("The repository's customer managed key %s is in state %s, in which KMS does not use it: git pull and push fail.", k.label(), k.state),
		Docs:    []string{"https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html"}}, true
}

// useStatement is the key policy statement that lets arn use the key
// through CodeCommit.
func useStatement(principal, resource, region string, withPrincipal bool) string {
	st := map[string]any{
		"Effect":    "Allow",
		"Action":    []string{"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"},
		"Resource":  resource,
		"Condition": map[string]any{"StringEquals": map[string]string{"kms:ViaService": "codecommit." + region + ".amazonaws.com"}},
	}
	if withPrincipal {
		st["Sid"] = "AllowUseThroughCodeCommit"
		st["Principal"] = map[string]string{"AWS": principal}
	}
	b, _ := json.Marshal(st)
	return string(b)
}

// accessFindings turns the verdicts into findings, one per kind of gap.
func accessFindings(k *keyView, s subject, vs []keyVerdict, region, method string) []checks.Finding {
	by := map[int][]keyVerdict{}
	var allowedHow []string
	for _, v := range vs {
		if v.allowed {
			allowedHow = appendNew(allowedHow, v.how)
			continue
		}
		by[v.gap] = append(by[v.gap], v)
	}
	var out []checks.Finding
	if g := by[gapKeyPolicy]; len(g) > 0 {
		out = append(out, checks.Finding{Code: "kms-key-policy-no-access", Severity: checks.Fail,
			Message: fmt.Sprintf("The key policy of the repository's customer managed key %s has no statement that allows %s to %s: it names neither %s nor its account's root principal (arn:aws:iam::%s:root, which would let IAM policies decide), and no grant allows it. CodeCommit performs these with the key on your behalf, so git fails with 403.",
				k.label(), s.describe, actionList(g), s.adminARN, s.principal.account),
			Remediation: []string{
				fmt.Sprintf("An administrator of the key adds this statement to the Statement list of its key policy (a manual edit, in the KMS console under Key policy, or with get-key-policy and put-key-policy): %s", useStatement(s.adminARN, "*", region, true)),
			},
			Docs: []string{keyPolicyDocs, remedy.KMSDocs}})
	}
	if g := by[gapIAM]; len(g) > 0 {
		out = append(out, checks.Finding{Code: "kms-key-iam-not-allowed", Severity: checks.Fail,
			Message: fmt.Sprintf("The key policy of the repository's customer managed key %s lets IAM policies decide (it allows the account root principal), but no IAM policy of %s allows %s on the key (%s), and no grant does: git fails with 403.",
				k.label(), s.describe, actionList(g), method),
			Remediation: []string{
				fmt.Sprintf("An administrator adds this statement to a policy of %s (a manual edit): %s", s.adminARN, useStatement("", k.arn, region, false)),
			},
			Docs: []string{keyPolicyDocs, remedy.KMSDocs}})
	}
	if g := by[gapKeyDeny]; len(g) > 0 {
		out = append(out, checks.Finding{Code: "kms-key-policy-denies", Severity: checks.Fail,
			Message: fmt.Sprintf("The key policy of the repository's customer managed key %s denies %s to %s: %s.", k.label(), actionList(g), s.describe, g[0].why),
			Docs:    []string{keyPolicyDocs}})
	}
	if g := by[gapUndecidable]; len(g) > 0 {
		code, msg := "kms-key-access-undecided", fmt.Sprintf("Whether %s may perform %s with the repository's customer managed key %s is unknown: %s.", s.describe, actionList(g), k.label(), g[0].why)
		var fix []string
		if k.policyErr != nil {
			code = "kms-key-policy-unreadable"
			msg = fmt.Sprintf("Could not read the key policy of the repository's customer managed key %s (kms:GetKeyPolicy: %s), and no grant that was seen allows %s to %s: whether the key policy lets it use the key is unknown.",
				k.label(), awsclient.Describe(k.policyErr), s.describe, actionList(g))
			fix = append(fix, fmt.Sprintf("aws kms get-key-policy --key-id %s --policy-name default --region %s --output text   # run by a key administrator", k.arn, region))
		}
		out = append(out, checks.Finding{Code: code, Severity: checks.Error, Message: msg, Remediation: fix, Docs: []string{keyPolicyDocs}})
	}
	if len(out) == 0 && len(by[gapIAMDeny]) == 0 {
		seen := []string{}
		if k.grantsErr != nil {
			seen = append(seen, "the key's grants (kms:ListGrants: "+awsclient.Describe(k.grantsErr)+")")
		}
		how := strings.Join(allowedHow, "; ")
		if strings.Contains(how, "IAM policy") {
			how += "; IAM policies " + method
		}
		msg := fmt.Sprintf("The repository's customer managed key %s is enabled, and %s may perform the KMS actions CodeCommit needs with it (allowed by %s).",
			k.label(), s.describe, how)
		if len(seen) > 0 {
			msg += " Not seen: " + strings.Join(seen, ", ") + "."
		}
		out = append(out, checks.Finding{Code: "kms-key-allowed", Severity: checks.Pass, Message: msg})
	}
	return out
}

func actionList(vs []keyVerdict) string {
	names := make([]string, len(vs))
	for i, v := range vs {
		names[i] = v.action
	}
	return strings.Join(names, ", ")
}

func appendNew(ss []string, s string) []string {
	if contains(ss, s) {
		return ss
	}
	return append(ss, s)
}
