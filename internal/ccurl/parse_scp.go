package ccurl

import "strings"

// parseSCP handles git's scp-like SSH syntax [USER@]HOST:PATH, where colon
// is the index of the first ':' (git splits there) and no '/' precedes it.
// CodeCommit's form is KEYID@git-codecommit.REGION.amazonaws.com:v1/repos/NAME.
func parseSCP(r *Remote, s string, colon int) {
	r.Scheme = SchemeSSH
	hostpart, path := s[:colon], s[colon+1:]
	if at := strings.LastIndexByte(hostpart, '@'); at >= 0 {
		r.HasUserInfo = true
		r.Username = redactUsername(hostpart[:at])
		hostpart = hostpart[at+1:]
	}
	hostpart = strings.TrimSuffix(strings.TrimPrefix(hostpart, "["), "]")
	analyzeHost(r, hostpart, hostpart, false)
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	analyzeRepoPath(r, path, false)
}
