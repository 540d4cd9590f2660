package redact

const accessKeyIDLen = 20

// isAccessKeyPrefix reports whether p starts like an access key id:
// AKIA (long-term), ASIA (temporary), ABIA, ACCA.
func isAccessKeyPrefix(p string) bool {
	switch p {
	case "AKIA", "ASIA", "ABIA", "ACCA":
		return true
	}
	return false
}

func isUpperAlnum(c byte) bool { return isUpper(c) || isDigit(c) }

// MaskAccessKeyID keeps the first four and last four characters of id and
// replaces the middle with Mask, whatever its length:
// AKIAIOSFODNN7EXAMPLE becomes AKIA****MPLE. An id shorter than 12
// characters becomes Mask; the empty string stays empty.
func MaskAccessKeyID(id string) string {
	r := []rune(id)
	switch {
	case len(r) == 0:
		return ""
	case len(r) < 12:
		return Mask
	}
	return string(r[:4]) + Mask + string(r[len(r)-4:])
}

// maskAccessKeyIDs masks every access key id: a run of exactly 20
// upper-case letters and digits starting with a known prefix. Longer or
// shorter runs are left alone.
func maskAccessKeyIDs(s string) string {
	var edits []edit
	for _, r := range scanRuns(s, isUpperAlnum) {
		if r.end-r.start == accessKeyIDLen && isAccessKeyPrefix(s[r.start:r.start+4]) {
			edits = append(edits, edit{r.start + 4, r.end - 4, Mask})
		}
	}
	return applyEdits(s, edits)
}
