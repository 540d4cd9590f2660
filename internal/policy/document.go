package policy

import "strings"

// Version2012 is the policy language version in which policy variables are
// interpreted; in documents with another or no Version they are literal text.
const Version2012 = "2012-10-17"

// Document is a parsed policy document, named by the caller (for example
// "arn:aws:iam::aws:policy/AWSCodeCommitPowerUser" or
// "user/alice inline: deny-kms") so results can say where a statement came
// from. A Document is immutable once parsed and safe for concurrent use.
type Document struct {
	name       string
	version    string
	json       string
	statements []statement
}

// statement is the normalised form of one policy statement.
type statement struct {
	index int
	sid   string
	deny  bool

	actions   []string
	notAction bool

	resources   []string
	notResource bool
	anyResource bool // neither Resource nor NotResource: resource implied

	// principal is "" when the statement has no Principal/NotPrincipal or
	// names every principal; otherwise it describes the element, which is
	// not evaluated locally.
	principal string

	conditions []condition
}

// Name returns the name given to Parse.
func (d *Document) Name() string { return d.name }

// Version returns the document's Version element ("" when absent).
func (d *Document) Version() string { return d.version }

// JSON returns the document's JSON text (URL-decoded if it arrived encoded).
func (d *Document) JSON() string { return d.json }

// Statements lists references to the document's statements, in order.
func (d *Document) Statements() []StatementRef {
	refs := make([]StatementRef, len(d.statements))
	for i := range d.statements {
		refs[i] = d.ref(&d.statements[i], false)
	}
	return refs
}

func (d *Document) ref(s *statement, boundary bool) StatementRef {
	effect := "Allow"
	if s.deny {
		effect = "Deny"
	}
	return StatementRef{Policy: d.name, Sid: s.sid, Index: s.index, Effect: effect, Boundary: boundary}
}

func (d *Document) variablesEnabled() bool {
	return strings.TrimSpace(d.version) == Version2012
}
