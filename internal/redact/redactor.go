package redact

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Mask is what replaces a removed secret. It needs no escaping in JSON
// strings, XML text or attributes, markdown code blocks or GitHub workflow
// commands.
const Mask = "****"

// MinLiteralLen is the shortest literal secret (in characters, after
// trimming surrounding white space) that [New] accepts; shorter ones are
// ignored so that ordinary words are not destroyed.
const MinLiteralLen = 8

// maxPasses bounds the fixed-point loop in String. Every pass that changes
// its input strictly lowers (non-'*' characters, length), so the loop ends
// on its own; the bound only guards against pathological input.
const maxPasses = 64

// Redactor removes secrets from text. It is immutable after construction
// and safe for concurrent use. A nil *Redactor applies the built-in
// patterns only.
type Redactor struct {
	literals []string // accepted literal secrets, trimmed, deduplicated
	forms    []string // literals and their encoded forms, longest first
	public   []string // known not to be secrets: kept by the shape rules
}

// New returns a Redactor for the given literal secrets plus the built-in
// patterns. Literals are trimmed of surrounding white space; those shorter
// than MinLiteralLen characters are ignored. Each literal is also matched in
// its URL-encoded, JSON-escaped and XML-escaped forms.
func New(literals ...string) *Redactor {
	return (*Redactor)(nil).With(literals...)
}

// With returns a new Redactor that knows r's literals plus the given ones
// (for secrets learned later in a run, such as a helper's password). r is
// not modified.
func (r *Redactor) With(literals ...string) *Redactor {
	var known []string
	if r != nil {
		known = slices.Clone(r.literals)
	}
	for _, lit := range literals {
		lit = strings.TrimSpace(lit)
		if utf8.RuneCountInString(lit) < MinLiteralLen || slices.Contains(known, lit) {
			continue
		}
		known = append(known, lit)
	}
	seen := map[string]bool{}
	var forms []string
	for _, lit := range known {
		for _, f := range literalForms(lit) {
			if !seen[f] {
				seen[f] = true
				forms = append(forms, f)
			}
		}
	}
	slices.SortFunc(forms, func(a, b string) int { return len(b) - len(a) })
	var public []string
	if r != nil {
		public = r.public
	}
	return &Redactor{literals: known, forms: forms, public: public}
}

// Keeping returns a new Redactor that never removes the given strings by
// shape alone: a run that is exactly one of them is not taken for a secret
// key or a session token. It is for names the run itself established, such
// as the repository being diagnosed, whose 100 characters can look like a
// token. Literal secrets are still removed wherever they appear, and the
// other rules still apply. r is not modified.
func (r *Redactor) Keeping(public ...string) *Redactor {
	c := r.With()
	c.public = append(slices.Clone(c.public), public...)
	return c
}

// String returns s with every secret removed or masked.
func (r *Redactor) String(s string) string {
	for range maxPasses {
		next := r.pass(s)
		if next == s {
			return s
		}
		s = next
	}
	return s
}

// Bytes returns a redacted copy of b; b itself is not modified.
func (r *Redactor) Bytes(b []byte) []byte {
	return []byte(r.String(string(b)))
}

// pass applies every rule once, in an order where the more specific rules
// run first (a session token inside a username before the generic base64
// shapes, the shapes before access key masking).
func (r *Redactor) pass(s string) string {
	if r != nil {
		s = replaceLiterals(s, r.forms)
	}
	for _, c := range contextRules {
		s = c.apply(s)
	}
	var public []string
	if r != nil {
		public = r.public
	}
	s = redactShapes(s, public)
	return maskAccessKeyIDs(s)
}
