package moto

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

// SimulateCall is one iam:SimulatePrincipalPolicy request as the proxy
// received it.
type SimulateCall struct {
	CallerKeyID     string
	PolicySourceARN string
	Actions         []string
	Resources       []string
	// Context maps each ContextEntries key to its values.
	Context map[string][]string
}

// SimulateResult is the answer for one action.
type SimulateResult struct {
	// Decision is "allowed", "explicitDeny" or "implicitDeny".
	Decision string
	// MatchedPolicies are the SourcePolicyId values of the statements that
	// decided it (for example "alice-deny-kms" or an ARN).
	MatchedPolicies []string
	// MissingContext lists context keys the decision needed but did not get.
	MissingContext []string
}

// Simulator decides a SimulatePrincipalPolicy call: the result for each
// requested action (a missing action is "implicitDeny"), or denied = true
// to answer AccessDenied, as IAM does for a caller without
// iam:SimulatePrincipalPolicy.
type Simulator func(SimulateCall) (results map[string]SimulateResult, denied bool)

// SetSimulator installs the fake iam:SimulatePrincipalPolicy. Without one,
// every call is answered AccessDenied.
func (s *Server) SetSimulator(f Simulator) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.simulator = f
}

func (s *Server) simulate(w http.ResponseWriter, rec Request, body []byte) {
	vals, err := url.ParseQuery(string(body))
	if err != nil {
		writeIAMError(w, http.StatusBadRequest, "MalformedInput", "cannot parse the form: "+err.Error())
		return
	}
	call := SimulateCall{
		CallerKeyID:     rec.KeyID,
		PolicySourceARN: vals.Get("PolicySourceArn"),
		Actions:         members(vals, "ActionNames.member."),
		Resources:       members(vals, "ResourceArns.member."),
		Context:         contextEntries(vals),
	}
	if call.PolicySourceARN == "" || len(call.Actions) == 0 {
		writeIAMError(w, http.StatusBadRequest, "ValidationError", "PolicySourceArn and ActionNames are required")
		return
	}
	s.mu.Lock()
	sim := s.simulator
	s.mu.Unlock()
	var results map[string]SimulateResult
	denied := true
	if sim != nil {
		results, denied = sim(call)
	}
	if denied {
		writeIAMError(w, http.StatusForbidden, "AccessDenied", fmt.Sprintf(
			"User: %s is not authorized to perform: iam:SimulatePrincipalPolicy on resource: %s", callerName(rec.KeyID), call.PolicySourceARN))
		return
	}
	resources := call.Resources
	if len(resources) == 0 {
		resources = []string{"*"}
	}
	var b strings.Builder
	b.WriteString(`<SimulatePrincipalPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><SimulatePrincipalPolicyResult><IsTruncated>false</IsTruncated><EvaluationResults>`)
	for _, action := range call.Actions {
		r, ok := results[action]
		if !ok || r.Decision == "" {
			r.Decision = "implicitDeny"
		}
		for _, res := range resources {
			fmt.Fprintf(&b, "<member><EvalActionName>%s</EvalActionName><EvalResourceName>%s</EvalResourceName><EvalDecision>%s</EvalDecision><MatchedStatements>",
				xmlEscape(action), xmlEscape(res), xmlEscape(r.Decision))
			for _, p := range r.MatchedPolicies {
				fmt.Fprintf(&b, "<member><SourcePolicyId>%s</SourcePolicyId><SourcePolicyType>IAM Policy</SourcePolicyType></member>", xmlEscape(p))
			}
			b.WriteString("</MatchedStatements><MissingContextValues>")
			for _, k := range r.MissingContext {
				fmt.Fprintf(&b, "<member>%s</member>", xmlEscape(k))
			}
			b.WriteString("</MissingContextValues></member>")
		}
	}
	b.WriteString(`</EvaluationResults></SimulatePrincipalPolicyResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000001</RequestId></ResponseMetadata></SimulatePrincipalPolicyResponse>`)
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(b.String()))
}

// members reads a query-protocol list (PREFIX1, PREFIX2, ...) in order.
func members(vals url.Values, prefix string) []string {
	type item struct {
		n int
		v string
	}
	var items []item
	for k, v := range vals {
		rest, ok := strings.CutPrefix(k, prefix)
		if !ok || len(v) == 0 {
			continue
		}
		n, err := strconv.Atoi(rest)
		if err != nil {
			continue
		}
		items = append(items, item{n, v[0]})
	}
	sort.Slice(items, func(i, j int) bool { return items[i].n < items[j].n })
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.v
	}
	return out
}

func contextEntries(vals url.Values) map[string][]string {
	out := map[string][]string{}
	for i := 1; ; i++ {
		prefix := fmt.Sprintf("ContextEntries.member.%d.", i)
		key := vals.Get(prefix + "ContextKeyName")
		if key == "" {
			return out
		}
		out[key] = members(vals, prefix+"ContextKeyValues.member.")
	}
}

func writeIAMError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(status)
	fmt.Fprintf(w, `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>00000000-0000-0000-0000-000000000002</RequestId></ErrorResponse>`,
		xmlEscape(code), xmlEscape(msg))
}

func callerName(keyID string) string {
	if keyID == "" {
		return "anonymous"
	}
	return "the caller with access key " + keyID[:min(4, len(keyID))] + "…"
}

func xmlEscape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
