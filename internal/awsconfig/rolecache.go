package awsconfig

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
)

// RoleCacheDir is where the AWS CLI (v1 and v2) keeps the credentials of
// roles it assumed, one JSON file per role configuration.
func RoleCacheDir(home string) string { return filepath.Join(home, ".aws", "cli", "cache") }

// RoleCacheKey is the file name (without .json) under which the AWS CLI
// caches the credentials of the role profile p assumes: botocore's
// AssumeRoleCredentialFetcher hashes the AssumeRole arguments it takes
// from the profile (RoleArn, ExternalId, SerialNumber from mfa_serial,
// DurationSeconds, RoleSessionName when set) as sorted JSON with SHA-1.
func RoleCacheKey(p Profile) string {
	args := map[string]string{"RoleArn": pyJSONString(p.Get("role_arn"))}
	for key, setting := range map[string]string{"ExternalId": "external_id", "SerialNumber": "mfa_serial", "RoleSessionName": "role_session_name"} {
		if v, ok := p.values[setting]; ok {
			args[key] = pyJSONString(v)
		}
	}
	if v, ok := p.values["duration_seconds"]; ok {
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
			args["DurationSeconds"] = strconv.Itoa(n)
		}
	}
	keys := make([]string, 0, len(args))
	for k := range args {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(pyJSONString(k) + ": " + args[k])
	}
	b.WriteByte('}')
	sum := sha1.Sum([]byte(b.String()))
	return hex.EncodeToString(sum[:])
}

// pyJSONString encodes s as Python's json.dumps does by default
// (ensure_ascii): every non-ASCII character as \uXXXX.
func pyJSONString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r < 0x20 || (r > 0x7e && r <= 0xffff):
			fmt.Fprintf(&b, `\u%04x`, r)
		case r > 0xffff:
			hi, lo := utf16.EncodeRune(r)
			fmt.Fprintf(&b, `\u%04x\u%04x`, hi, lo)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
