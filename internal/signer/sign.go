package signer

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

const (
	// timestampLayout is the helper's timestamp format (UTC).
	timestampLayout = "20060102T150405"
	// service is the SigV4 service name used in the credential scope.
	service = "codecommit"
	// method is the pseudo HTTP method the helper signs.
	method = "GIT"
)

// Sign returns the username and password the AWS CLI credential helper would
// print for credentials c, the host git sent (a port, if any, is dropped as
// the helper does), the signed URL path (use [HelperPath] to turn git's
// "path=" value into it), the signing region and the signing time t (used in
// UTC, truncated to the second).
func Sign(c Credentials, host, path, region string, t time.Time) (username, password string) {
	ts := t.UTC().Format(timestampLayout)
	return Username(c), ts + "Z" + signature(c.SecretAccessKey, ts, CanonicalHost(host), path, region)
}

// Username returns the username the helper prints: the access key id, plus
// "%" and the session token when there is one.
func Username(c Credentials) string {
	if c.SessionToken == "" {
		return c.AccessKeyID
	}
	return c.AccessKeyID + "%" + c.SessionToken
}

// ParseUsername splits a helper username into the access key id and the
// session token (empty when the username carries none).
func ParseUsername(username string) (keyID, sessionToken string) {
	keyID, sessionToken, _ = strings.Cut(username, "%")
	return keyID, sessionToken
}

// CanonicalHost returns the host as the helper signs it: everything before
// the first ':' (the AWS CLI drops the port this way; it would also cut an
// IPv6 literal, which CodeCommit hosts never are).
func CanonicalHost(host string) string {
	h, _, _ := strings.Cut(host, ":")
	return h
}

// HelperPath returns the URL path the AWS CLI helper signs for the "path="
// value git sent. The helper builds "<protocol>://<host>/<path>" and signs
// that URL's path, so "v1/repos/R" (what git sends with
// credential.UseHttpPath=true) becomes "/v1/repos/R", a path that already
// starts with '/' gets a second one ("//v1/repos/R"), an empty path becomes
// "/", and anything from the first '?' or '#' on is not part of the path.
// Tabs and line breaks are removed first, as Python's URL splitting does.
func HelperPath(gitPath string) string {
	p := strings.Map(func(r rune) rune {
		if r == '\t' || r == '\r' || r == '\n' {
			return -1
		}
		return r
	}, gitPath)
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	return "/" + p
}

// CanonicalRequest returns the helper's canonical request for host (already
// without port) and path.
func CanonicalRequest(host, path string) string {
	return method + "\n" + path + "\n\nhost:" + host + "\n\nhost\n"
}

// StringToSign returns the helper's SigV4 string to sign for timestamp ts
// (YYYYMMDDTHHMMSS), region and canonical request.
func StringToSign(ts, region, canonicalRequest string) string {
	sum := sha256.Sum256([]byte(canonicalRequest))
	return "AWS4-HMAC-SHA256\n" + ts + "\n" + scope(ts, region) + "\n" + hex.EncodeToString(sum[:])
}

// scope returns the credential scope date/region/codecommit/aws4_request.
func scope(ts, region string) string {
	date := ts
	if len(date) > 8 {
		date = date[:8]
	}
	return date + "/" + region + "/" + service + "/aws4_request"
}

// signature returns the hex signature for the given inputs.
func signature(secret, ts, host, path, region string) string {
	date := ts
	if len(date) > 8 {
		date = date[:8]
	}
	k := mac([]byte("AWS4"+secret), date)
	k = mac(k, region)
	k = mac(k, service)
	k = mac(k, "aws4_request")
	return hex.EncodeToString(mac(k, StringToSign(ts, region, CanonicalRequest(host, path))))
}

func mac(key []byte, msg string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(msg))
	return h.Sum(nil)
}
