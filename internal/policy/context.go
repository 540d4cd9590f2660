package policy

import "strings"

// reqContext is a request context with case-folded keys (IAM condition key
// names are case-insensitive).
type reqContext struct {
	vals map[string][]string
}

func newContext(m map[string][]string) reqContext {
	vals := make(map[string][]string, len(m))
	for k, v := range m {
		lk := strings.ToLower(k)
		vals[lk] = append(vals[lk], v...)
		if vals[lk] == nil {
			vals[lk] = []string{} // keep "known to be absent" distinct from "unknown"
		}
	}
	return reqContext{vals: vals}
}

// lookup returns the values of key and whether the key is known locally. A
// known key with no values is known to be absent from the request.
func (c reqContext) lookup(key string) ([]string, bool) {
	v, ok := c.vals[strings.ToLower(key)]
	return v, ok
}
