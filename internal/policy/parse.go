package policy

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	iampolicy "github.com/micahhausler/aws-iam-policy/policy"
)

// maxDocumentSize bounds the input accepted by Parse. IAM's own limits are
// far smaller (managed policies: 6,144 characters without whitespace).
const maxDocumentSize = 1 << 20

// Parse parses a policy document given either as JSON or as URL-encoded
// (percent-encoded) JSON, as returned by IAM's GetPolicyVersion,
// GetUserPolicy, GetRolePolicy and GetAccountAuthorizationDetails. name
// identifies the document in evaluation results.
//
// Decoding of the JSON shapes (Statement as object or array, Action and
// Resource as string or array, Principal as "*" or object, Condition values
// as string, bool, number or array) is delegated to
// github.com/micahhausler/aws-iam-policy. This function adds what that
// package does not do: URL-decoding; rejecting a missing or null Statement
// (the package accepts it silently); rejecting null condition values (the
// package leaves a nil pointer); rendering bool and number condition values
// as the strings IAM compares them as; and detecting a wildcard Principal by
// re-marshalling it, because the package's Principal.Kinds panics on
// "Principal": "".
func Parse(name string, raw string) (*Document, error) {
	text, err := decodeText(raw)
	if err != nil {
		return nil, fmt.Errorf("parse policy %q: %w", name, err)
	}
	var p iampolicy.Policy
	if err := json.Unmarshal([]byte(text), &p); err != nil {
		return nil, fmt.Errorf("parse policy %q: decode JSON: %w", name, err)
	}
	if p.Statements == nil {
		return nil, fmt.Errorf("parse policy %q: document has no Statement element", name)
	}
	doc := &Document{name: name, version: p.Version, json: text}
	for i, st := range p.Statements.Values() {
		s, err := convertStatement(i, st)
		if err != nil {
			return nil, fmt.Errorf("parse policy %q: statement %s: %w", name, statementLabel(i, st.Sid), err)
		}
		doc.statements = append(doc.statements, s)
	}
	return doc, nil
}

// decodeText returns the JSON text of a raw or URL-encoded document.
func decodeText(raw string) (string, error) {
	if len(raw) > maxDocumentSize {
		return "", fmt.Errorf("document is %d bytes, more than the %d accepted", len(raw), maxDocumentSize)
	}
	text := strings.TrimSpace(raw)
	if strings.HasPrefix(text, "{") {
		return text, nil
	}
	if !strings.Contains(text, "%") {
		return "", errors.New("document is neither a JSON object nor URL-encoded JSON")
	}
	// IAM encodes per RFC 3986 (spaces as %20), so '+' is literal; fall back
	// to form decoding ('+' as space) for documents encoded by other tools.
	for _, unescape := range []func(string) (string, error){url.PathUnescape, url.QueryUnescape} {
		dec, err := unescape(text)
		if err != nil {
			continue
		}
		dec = strings.TrimSpace(dec)
		if strings.HasPrefix(dec, "{") && json.Valid([]byte(dec)) {
			return dec, nil
		}
	}
	return "", errors.New("document looks URL-encoded but does not decode to a JSON object")
}

func statementLabel(i int, sid string) string {
	if sid != "" {
		return strconv.Quote(sid)
	}
	return fmt.Sprintf("Statement[%d]", i)
}

func convertStatement(i int, st iampolicy.Statement) (statement, error) {
	s := statement{index: i, sid: st.Sid}
	switch {
	case strings.EqualFold(st.Effect, iampolicy.EffectAllow):
	case strings.EqualFold(st.Effect, iampolicy.EffectDeny):
		s.deny = true
	default:
		return s, fmt.Errorf("the Effect %q is neither Allow nor Deny", st.Effect)
	}
	switch {
	case st.Action != nil && st.NotAction != nil:
		return s, errors.New("has both Action and NotAction")
	case st.Action != nil:
		s.actions = st.Action.Values()
	case st.NotAction != nil:
		s.actions, s.notAction = st.NotAction.Values(), true
	default:
		return s, errors.New("has neither Action nor NotAction")
	}
	switch {
	case st.Resource != nil && st.NotResource != nil:
		return s, errors.New("has both Resource and NotResource")
	case st.Resource != nil:
		s.resources = st.Resource.Values()
	case st.NotResource != nil:
		s.resources, s.notResource = st.NotResource.Values(), true
	default:
		s.anyResource = true
	}
	var err error
	if s.principal, err = describePrincipal(st.Principal, st.NotPrincipal); err != nil {
		return s, err
	}
	if s.conditions, err = convertConditions(st.Condition); err != nil {
		return s, err
	}
	return s, nil
}

// describePrincipal returns "" when the statement applies to every
// principal (no element, "*" or {"AWS": "*"}), else a description of the
// element for Unknown reasons.
func describePrincipal(p, notP *iampolicy.Principal) (string, error) {
	if p != nil && notP != nil {
		return "", errors.New("has both Principal and NotPrincipal")
	}
	elem, label := p, "Principal"
	if notP != nil {
		elem, label = notP, "NotPrincipal"
	}
	if elem == nil {
		return "", nil
	}
	b, err := json.Marshal(elem)
	if err != nil {
		return "", fmt.Errorf("re-encode %s: %w", label, err)
	}
	text := string(b)
	if label == "Principal" && (text == `"*"` || text == `{"AWS":"*"}`) {
		return "", nil
	}
	return label + " " + text, nil
}

func convertConditions(block map[string]map[string]*iampolicy.ConditionValue) ([]condition, error) {
	var conds []condition
	for op, keys := range block {
		for key, cv := range keys {
			if cv == nil {
				return nil, fmt.Errorf("condition %s %s has a null value", op, key)
			}
			conds = append(conds, condition{op: op, key: key, values: conditionStrings(cv)})
		}
	}
	// Map order is random; sort so results and reasons are deterministic.
	sort.Slice(conds, func(i, j int) bool {
		if conds[i].op != conds[j].op {
			return conds[i].op < conds[j].op
		}
		return conds[i].key < conds[j].key
	})
	return conds, nil
}

// conditionStrings renders condition values as IAM compares them: strings
// as is, booleans as "true"/"false", numbers in plain decimal (the package
// decodes numbers as float64, exact for integers below 2^53, which covers
// account ids and ages in seconds).
func conditionStrings(cv *iampolicy.ConditionValue) []string {
	strs, bools, nums := cv.Values()
	out := make([]string, 0, len(strs)+len(bools)+len(nums))
	out = append(out, strs...)
	for _, b := range bools {
		out = append(out, strconv.FormatBool(b))
	}
	for _, n := range nums {
		out = append(out, strconv.FormatFloat(n, 'f', -1, 64))
	}
	return out
}
