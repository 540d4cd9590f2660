package kms

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/internal/policy"
)

// Who a key policy statement's Principal names, as far as the subject is
// concerned.
const (
	principalOther   = iota // someone else: the statement does not apply
	principalSubject        // the subject itself (or "*")
	principalAccount        // the subject's account: IAM policies decide
	principalUnknown        // NotPrincipal: not evaluated here
)

// keyStatement is one statement of a key policy, with its Principal worked
// out and the rest as a policy document the policy package evaluates.
type keyStatement struct {
	sid       string
	index     int
	principal int
	doc       *policy.Document
}

// keyPolicy is a key policy read with kms:GetKeyPolicy.
type keyPolicy struct {
	statements []keyStatement
}

// keyPrincipal is whom a key policy must allow: the subject's ARNs (the
// IAM user or role ARN, and a session ARN) and account.
type keyPrincipal struct {
	arns    []string
	account string
}

// parseKeyPolicy reads a key policy for p. Conditions stay in the
// documents, to be evaluated with the request's context.
func parseKeyPolicy(raw string, p keyPrincipal) (*keyPolicy, error) {
	var doc struct {
		Version   string          `json:"Version"`
		Statement json.RawMessage `json:"Statement"`
	}
	if err := json.Unmarshal([]byte(raw), &doc); err != nil {
		return nil, fmt.Errorf("reading the key policy: %w", err)
	}
	var list []map[string]json.RawMessage
	if err := json.Unmarshal(doc.Statement, &list); err != nil {
		var one map[string]json.RawMessage
		if err := json.Unmarshal(doc.Statement, &one); err != nil {
			return nil, fmt.Errorf("reading the key policy's statements: %w", err)
		}
		list = []map[string]json.RawMessage{one}
	}
	kp := &keyPolicy{}
	for i, st := range list {
		ks := keyStatement{index: i, principal: principalOther}
		_ = json.Unmarshal(st["Sid"], &ks.sid)
		switch {
		case st["NotPrincipal"] != nil:
			ks.principal = principalUnknown
		default:
			ks.principal = classifyPrincipal(st["Principal"], p)
		}
		rest := map[string]json.RawMessage{}
		for k, v := range st {
			if k != "Principal" && k != "NotPrincipal" {
				rest[k] = v
			}
		}
		body, err := json.Marshal(map[string]any{"Version": doc.Version, "Statement": []any{rest}})
		if err != nil {
			return nil, fmt.Errorf("reading key policy statement %d: %w", i, err)
		}
		d, err := policy.Parse(statementName(ks), string(body))
		if err != nil {
			return nil, fmt.Errorf("reading key policy %s: %w", statementName(ks), err)
		}
		ks.doc = d
		kp.statements = append(kp.statements, ks)
	}
	return kp, nil
}

func statementName(s keyStatement) string {
	if s.sid != "" {
		return fmt.Sprintf("statement %q", s.sid)
	}
	return fmt.Sprintf("Statement[%d]", s.index)
}

// classifyPrincipal says whom a Principal element names: "*" and the
// subject's ARNs are the subject, the account root or id is the account.
func classifyPrincipal(raw json.RawMessage, p keyPrincipal) int {
	if raw == nil {
		return principalOther
	}
	var star string
	if json.Unmarshal(raw, &star) == nil {
		if star == "*" {
			return principalSubject
		}
		return principalOther
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return principalUnknown
	}
	var values []string
	if json.Unmarshal(m["AWS"], &values) != nil {
		var one string
		if json.Unmarshal(m["AWS"], &one) == nil {
			values = []string{one}
		}
	}
	best := principalOther
	for _, v := range values {
		switch {
		case v == "*" || slices.Contains(p.arns, v):
			return principalSubject
		case v == p.account || strings.HasSuffix(v, ":iam::"+p.account+":root"):
			best = principalAccount
		}
	}
	return best
}

// keyPolicyVerdict is what the key policy says about one action.
type keyPolicyVerdict struct {
	// subject and account are the evaluations of the statements naming
	// the subject and its account.
	subject, account policy.Evaluation
	// unknownPrincipal: a NotPrincipal statement covers the action.
	unknownPrincipal bool
}

// evaluate decides action on the key for the statements of each kind.
func (kp *keyPolicy) evaluate(action, keyARN string, ctx map[string][]string) keyPolicyVerdict {
	var subj, acct []*policy.Document
	var v keyPolicyVerdict
	for _, s := range kp.statements {
		switch s.principal {
		case principalSubject:
			subj = append(subj, s.doc)
		case principalAccount:
			acct = append(acct, s.doc)
		case principalUnknown:
			ev := policy.Evaluate(policy.Request{Action: action, Resource: keyARN, Context: ctx}, []*policy.Document{s.doc}, nil)
			if ev.Decision != policy.ImplicitDeny {
				v.unknownPrincipal = true
			}
		}
	}
	req := policy.Request{Action: action, Resource: keyARN, Context: ctx}
	v.subject = policy.Evaluate(req, subj, nil)
	v.account = policy.Evaluate(req, acct, nil)
	return v
}
