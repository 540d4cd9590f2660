package kms

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/permissions"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
)

// maxQuotedStatement bounds the statement a possible-deny finding quotes.
const maxQuotedStatement = 600

func kmsDenyFinding(set *awsclient.PolicySet, g *denyGroup, region string) checks.Finding {
	ref := set.Ref(g.ref.Policy)
	where := fmt.Sprintf("%s %s", ref.Label(), permissions.SidLabel(g.ref))
	actions := strings.Join(g.actions, ", ")
	exempt := fmt.Sprintf(`"Condition": {"StringNotEquals": {"kms:ViaService": "codecommit.%s.amazonaws.com"}}`, region)
	fix := []string{
		ref.ExportCommand(),
		"edit fixed-policy.json: remove " + actions + " from " + permissions.SidLabel(g.ref) + ", or exempt CodeCommit by adding to it " + exempt,
		ref.UpdateCommand(),
	}
	if g.certain {
		return checks.Finding{Code: "kms-explicit-deny", Severity: checks.Fail,
			Message: fmt.Sprintf("%s explicitly denies %s (%s). CodeCommit performs these with the repository's key on your behalf, "+
				"so git pull and push fail with 403, even with the AWS-managed key aws/codecommit.", where, actions, g.detail),
			Remediation: fix, Docs: []string{remedy.KMSDocs}}
	}
	quoted := quoteStatement(set, g.ref.Policy, g.ref.Index)
	return checks.Finding{Code: "kms-possible-deny", Severity: checks.Warn,
		Message: fmt.Sprintf("%s might deny %s, which CodeCommit performs on your behalf: %s. The statement: %s",
			where, actions, strings.Join(g.reasons, "; "), quoted),
		Remediation: fix, Docs: []string{remedy.KMSDocs}}
}

// quoteStatement returns the JSON of one statement of a document, compact
// and bounded.
func quoteStatement(set *awsclient.PolicySet, name string, index int) string {
	for _, d := range set.All() {
		if d.Name() != name {
			continue
		}
		var doc struct {
			Statement json.RawMessage
		}
		if json.Unmarshal([]byte(d.JSON()), &doc) != nil {
			return "(unreadable)"
		}
		var list []json.RawMessage
		if json.Unmarshal(doc.Statement, &list) != nil {
			list = []json.RawMessage{doc.Statement}
		}
		if index < 0 || index >= len(list) {
			return "(not found)"
		}
		var v any
		if json.Unmarshal(list[index], &v) != nil {
			return "(unreadable)"
		}
		b, err := json.Marshal(v)
		if err != nil {
			return "(unreadable)"
		}
		return checks.Cut(string(b), maxQuotedStatement)
	}
	return "(not found)"
}
