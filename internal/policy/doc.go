// Package policy parses AWS IAM policy documents and evaluates them locally.
//
// The doctor uses it when iam:SimulatePrincipalPolicy is not available: to
// decide whether an identity may call codecommit:GitPull / codecommit:GitPush
// on a repository, and whether any policy explicitly denies one of the KMS
// actions CodeCommit performs on the caller's behalf.
//
// Evaluation follows AWS's rules for identity-based policies and permissions
// boundaries (explicit Deny wins, no Allow means implicit deny), but is
// three-valued: whenever the outcome depends on something that is not known
// locally (a condition key missing from the request context, an operator that
// is not evaluated here, a policy variable, a Principal element) the result is
// Unknown rather than a guess. Every result names the policy and statement
// that decided it, or the statements that could not be decided and why.
//
// The request context distinguishes two kinds of missing keys: a key that is
// not in the map at all is not known locally (its conditions are Unknown); a
// key mapped to an empty slice is known to be absent from the real request
// (AWS's missing-key rules then apply: positive operators are false, negated
// operators and ...IfExists are true, Null is true).
package policy
