package redact

import "regexp"

// contextRule finds a secret by what precedes it: prefix matches the name
// (and separator) and value scans the secret that starts right after it.
type contextRule struct {
	prefix *regexp.Regexp
	// value returns the end of the value starting at s[i] (i if none).
	value func(s string, i int) int
	// minLen is the shortest value redacted; shorter ones are ordinary
	// words ("AWS_SESSION_TOKEN: unset").
	minLen int
	// followedBy, when not 0, is the byte that must follow the value.
	followedBy byte
	// replace returns the value's replacement; nil means Mask.
	replace func(v string) string
}

// apply redacts every value the rule finds in s.
func (c contextRule) apply(s string) string {
	var edits []edit
	for pos := 0; pos < len(s); {
		loc := c.prefix.FindStringIndex(s[pos:])
		if loc == nil {
			break
		}
		vs := pos + loc[1]
		ve := c.value(s, vs)
		if repl, ok := c.redaction(s, vs, ve); ok {
			edits = append(edits, edit{vs, ve, repl})
		}
		pos = max(ve, vs, pos+loc[0]+1)
	}
	return applyEdits(s, edits)
}

// redaction returns the replacement for the value s[vs:ve], if it is to be
// replaced.
func (c contextRule) redaction(s string, vs, ve int) (string, bool) {
	v := s[vs:ve]
	if len(v) < max(c.minLen, 1) || allStars(v) {
		return "", false
	}
	if c.followedBy != 0 && (ve >= len(s) || s[ve] != c.followedBy) {
		return "", false
	}
	repl := Mask
	if c.replace != nil {
		repl = c.replace(v)
	}
	return repl, repl != v
}

// Building blocks of the prefixes.
const (
	// quote is an optional quote around a name or value, raw or escaped
	// for JSON, JSON-in-JSON or XML.
	quote = `(?:\\*["']|&quot;|&#34;|&#39;|&apos;|\\u0022|\\u0027)?`
	// secretNames are the names a secret access key or session token goes
	// by: aws_secret_access_key, SecretAccessKey, secret_key,
	// AWS_SESSION_TOKEN, SessionToken, AWS_SECURITY_TOKEN,
	// X-Amz-Security-Token.
	secretNames = `(?:aws[_-]?)?secret[_-]?(?:access[_-]?)?key|(?:x-amz-|aws[_-]?)?(?:session|security)[_-]?token`
	// signedPassword is the timestamp that starts the CodeCommit helper's
	// password; the hex signature follows.
	signedPassword = `\d{8}T\d{6}Z`
)

// contextRules are applied in this order on every pass.
var contextRules = []contextRule{
	// username KEYID%<session token> (the CodeCommit helper's username
	// with temporary credentials), also URL-encoded (%25).
	{
		prefix: regexp.MustCompile(`(?:AKIA|ASIA|ABIA|ACCA)(?:[A-Z0-9]{16}|[A-Z0-9]{4}\*+[A-Z0-9]{4})(?:%25|%)`),
		value:  scanEncodedBase64,
		minLen: 32,
	},
	// The helper's password: keep the timestamp, drop the signature.
	{
		prefix: regexp.MustCompile(signedPassword),
		value:  scanWhile(isHex),
		minLen: 64,
	},
	// SigV4 signatures: Signature=<hex> (Authorization header, query).
	{
		prefix: regexp.MustCompile(`(?i)signature[ \t]*=[ \t]*`),
		value:  scanWhile(isHex),
		minLen: 64,
	},
	// botocore's debug log: "... DEBUG - Signature:" and the hex value
	// alone on the next line (also with the newline escaped, in JSON).
	{
		prefix: regexp.MustCompile(`(?i)signature:[ \t]*(?:\r?\n|\\r\\n|\\n)[ \t]*`),
		value:  scanWhile(isHex),
		minLen: 64,
	},
	{
		prefix: regexp.MustCompile(`(?i)x-amz-signature[ \t]*[:=][ \t]*`),
		value:  scanToken,
	},
	// Authorization: Basic|Bearer|Token <credentials>.
	{
		prefix: regexp.MustCompile(`(?i)authorization[ \t]*[:=][ \t]*(?:basic|bearer|token)[ \t]+`),
		value:  scanToken,
	},
	// scheme://user:password@host.
	{
		prefix:     regexp.MustCompile(`[A-Za-z][A-Za-z0-9+.\-]*://[^/\s:@"'<>\\]*:`),
		value:      scanURLPassword,
		followedBy: '@',
	},
	// password=<value> (git credential fill), whole value.
	{
		prefix:  regexp.MustCompile(`(?i)password[ \t]*=[ \t]*`),
		value:   scanLineValue,
		replace: keepSignedTimestamp,
	},
	// "password": "<value>" in JSON.
	{
		prefix:  regexp.MustCompile(`(?i)"password"[ \t]*:[ \t]*"`),
		value:   scanJSONString,
		replace: keepSignedTimestamp,
	},
	// The same, escaped inside a JSON string (\"password\": \"…\") or XML.
	{
		prefix:  regexp.MustCompile(`(?i)(?:\\+"|&quot;|&#34;)password(?:\\+"|&quot;|&#34;)[ \t]*:[ \t]*(?:\\+"|&quot;|&#34;)`),
		value:   scanEscapedString,
		replace: keepSignedTimestamp,
	},
	// NAME = value, NAME: value, "Name": "value", NAME='value'.
	{
		prefix: regexp.MustCompile(`(?i)(?:` + secretNames + `)` + quote + `[ \t]*[:=][ \t]*` + quote),
		value:  scanToken,
		minLen: 8,
	},
	// <Name>value</Name>, raw, XML-escaped or JSON-escaped.
	{
		prefix: regexp.MustCompile(`(?i)(?:` + secretNames + `)(?:>|&gt;|\\u003e)`),
		value:  scanWhile(func(c byte) bool { return !isSpace(c) && !isByteIn(c, `<&\`) }),
		minLen: 8,
	},
}

// signedPasswordValue is a complete password=… value made by the helper,
// before or after redaction.
var signedPasswordValue = regexp.MustCompile(`^` + signedPassword + `(?:[0-9a-fA-F]{64,}|\*{4})$`)

// keepSignedTimestamp replaces a password, keeping the timestamp of a
// signed CodeCommit password (useful to diagnose clock skew).
func keepSignedTimestamp(v string) string {
	if signedPasswordValue.MatchString(v) {
		return v[:len("YYYYMMDDTHHMMSSZ")] + Mask
	}
	return Mask
}
