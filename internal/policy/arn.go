package policy

import "strings"

// matchARN implements ArnLike / ArnEquals (which AWS treats alike): the six
// colon-separated components are matched separately, each may carry '*' and
// '?'. A pattern with fewer components matches its last component against
// the rest of the value, so "arn:aws:codecommit:*" covers every CodeCommit
// ARN. A value that is not an ARN never matches.
func matchARN(p pattern, value string) bool {
	vparts := strings.SplitN(value, ":", 6)
	if len(vparts) != 6 || vparts[0] != "arn" {
		return false
	}
	pparts := p.splitN(':', 6)
	last := len(pparts) - 1
	for i := range last {
		if !pparts[i].match(vparts[i]) {
			return false
		}
	}
	return pparts[last].match(strings.Join(vparts[last:], ":"))
}
