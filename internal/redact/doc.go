// Package redact removes secrets from everything codecommit-doctor prints:
// rendered reports (text, JSON, markdown, JUnit XML, GitHub workflow
// commands) and evidence (program output, git traces, HTTP traces).
//
// A [Redactor] combines literal secrets known at run time (environment
// variables, credential files, passwords returned by a credential helper)
// with built-in patterns:
//
//   - AWS access key ids (AKIA, ASIA, ABIA, ACCA + 16 upper-case letters or
//     digits, as a whole token) are masked, not removed:
//     AKIAIOSFODNN7EXAMPLE becomes AKIA****MPLE (see [MaskAccessKeyID]).
//   - Secret access keys: after a name such as aws_secret_access_key,
//     AWS_SECRET_ACCESS_KEY, "SecretAccessKey": or secret_key, and any
//     standalone 40-character token of [A-Za-z0-9/+] that mixes upper case,
//     lower case and a digit, '/' or '+' (lower-case hex git object ids are
//     left alone).
//   - Session tokens: after aws_session_token, AWS_SESSION_TOKEN,
//     SessionToken, AWS_SECURITY_TOKEN or X-Amz-Security-Token, and any
//     base64 run of 100 or more characters (with its '=' padding).
//   - The CodeCommit helper's signed password YYYYMMDDTHHMMSSZ<hex>: the
//     timestamp is kept, the signature removed (20261126T072702Z****);
//     "password=" values (git credential fill output) are removed whole;
//     a username KEYID%<session token> keeps the masked key id only.
//   - SigV4 signatures (Signature=<64 hex>, X-Amz-Signature=..., and
//     botocore's debug log, where "Signature:" ends a line and the 64-hex
//     value stands alone on the next), and the value of Authorization:
//     Basic/Bearer/Token headers. In botocore's CanonicalRequest blocks the
//     x-amz-security-token: line loses its value; the StringToSign's hash
//     of the canonical request is not a secret and is kept. Real AWS CLI
//     --debug output and a GIT_TRACE_CURL trace are the fixtures
//     (testdata/botocore).
//   - Passwords inside URLs: scheme://user:password@host becomes
//     scheme://user:****@host.
//
// Every replacement is made only of the input's own characters and '*'
// (the [Mask] "****"), and never cuts an escape sequence (JSON \x and
// \uXXXX, XML/HTML entities, URL %XX) in half, so redacting a valid JSON
// document, XML document, markdown code block or GitHub workflow command
// leaves it valid. Literal secrets are also found in their URL-encoded,
// JSON-escaped and XML-escaped forms.
//
// Redaction is idempotent: String(String(s)) == String(s). It is applied
// repeatedly until nothing changes, because removing one secret can expose
// the boundaries of another (at most 64 passes; real input needs two).
//
// Limits: patterns are heuristics. A secret with no recognisable shape and
// no recognisable name next to it (for example a URL-encoded key outside a
// query parameter, or another helper's password containing '"' outside
// JSON) is only removed when it was given to [New] as a literal. Values
// after a secret's name shorter than 8 characters are kept ("AWS_SESSION_TOKEN:
// unset"). A mixed-case path without '.', '-' or '_' that happens to be
// exactly 40 (or at least 100) characters long is removed too, except a
// CodeCommit repository path ("v1/repos/NAME", NAME at most 100 characters
// without '+': what surrounds it is judged on its own) and the names given
// to [Redactor.Keeping] (the repository the run diagnoses).
package redact
