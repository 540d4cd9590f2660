package policy

import (
	"fmt"
	"strconv"
	"strings"
)

// Decision is the outcome of an evaluation. The zero value is Unknown, so an
// unset Decision never reads as Allow.
type Decision int

const (
	// Unknown: the outcome depends on something not known locally; see
	// Evaluation.Reasons.
	Unknown Decision = iota
	// Allow: an Allow statement applies (in the boundary too, when one is
	// given) and no Deny statement applies or might apply.
	Allow
	// ImplicitDeny: the request is denied for certain because nothing allows
	// it; no statement definitely denies it (one that might is listed in
	// Evaluation.Reasons).
	ImplicitDeny
	// ExplicitDeny: a Deny statement applies.
	ExplicitDeny
)

// String returns "Unknown", "Allow", "ImplicitDeny" or "ExplicitDeny".
func (d Decision) String() string {
	switch d {
	case Allow:
		return "Allow"
	case ImplicitDeny:
		return "ImplicitDeny"
	case ExplicitDeny:
		return "ExplicitDeny"
	case Unknown:
		return "Unknown"
	default:
		return "Decision(" + strconv.Itoa(int(d)) + ")"
	}
}

// StatementRef identifies one statement of one named document.
type StatementRef struct {
	Policy   string // the name given to Parse
	Sid      string // the statement's Sid, "" when it has none
	Index    int    // 0-based position in the document's Statement list
	Effect   string // "Allow" or "Deny"
	Boundary bool   // the statement belongs to the permissions boundary
}

// String renders the reference as `policy "NAME" statement "SID"` or, when
// the statement has no Sid, `policy "NAME" Statement[INDEX]`.
func (r StatementRef) String() string {
	var b strings.Builder
	if r.Boundary {
		b.WriteString("permissions boundary ")
	}
	fmt.Fprintf(&b, "policy %q ", r.Policy)
	if r.Sid != "" {
		fmt.Fprintf(&b, "statement %q", r.Sid)
	} else {
		fmt.Fprintf(&b, "Statement[%d]", r.Index)
	}
	return b.String()
}

// Match is a statement that covers a requested action, for certain or
// possibly.
type Match struct {
	StatementRef
	Action  string   // the requested action the statement covers
	Certain bool     // the statement definitely applies; otherwise it might, see Reasons
	Detail  string   // how the Action/NotAction element covers Action
	Reasons []string // why applicability could not be decided (only when !Certain)
}

// String explains the match in one line.
func (m Match) String() string {
	verb := "allows"
	if m.Effect == "Deny" {
		verb = "denies"
	}
	if !m.Certain {
		verb = "might " + strings.ToLower(m.Effect)
	}
	s := fmt.Sprintf("%s (%s) %s %s", m.StatementRef, m.Detail, verb, m.Action)
	if !m.Certain && len(m.Reasons) > 0 {
		s += ": " + strings.Join(m.Reasons, "; ")
	}
	return s
}

// Request is one authorization question.
type Request struct {
	// Action is a concrete action such as "codecommit:GitPull" (wildcards
	// here are not expanded; they only match patterns literally).
	Action string
	// Resource is the resource ARN; "" when it is not known locally.
	Resource string
	// Context holds condition keys (case-insensitive) and their values. A key
	// missing from the map is not known locally; a key mapped to an empty
	// slice is known to be absent from the request.
	Context map[string][]string
}

// Evaluation is the explained outcome of Evaluate.
type Evaluation struct {
	Decision Decision
	// Matched lists every statement that covers the request for certain or
	// possibly, identity statements first, in document and statement order.
	Matched []Match
	// Reasons explains the decision in plain sentences, the deciding ones
	// first.
	Reasons []string
}
