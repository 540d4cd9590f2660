package gitendpoint

import (
	"net/http"
	"strings"
)

// ServeHTTP implements http.Handler: it records the request, checks it like
// the CodeCommit git endpoint and passes authorised requests for existing
// repositories to git http-backend.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec := Request{Time: s.Now(), Method: r.Method, Host: r.Host, Path: r.URL.Path, Query: r.URL.RawQuery}
	sw := &statusWriter{ResponseWriter: w}
	defer func() {
		rec.Status = sw.status()
		s.record(rec)
	}()

	name, ok := splitRepoPath(r.URL.Path)
	if !ok {
		rec.Auth, rec.Reason = AuthNotChecked, "not a /v1/repos/NAME path"
		writeError(sw, http.StatusNotFound, "Not Found\n")
		return
	}
	rec.Repo, rec.Action = name, actionFor(r)
	if f, ok := s.takeFault(); ok {
		rec.Auth, rec.Reason = AuthInjectedFault, "fault injected by the test"
		writeError(sw, f.status, f.body)
		return
	}
	v := s.authenticate(r, name, rec.Action)
	rec.Auth, rec.Reason, rec.KeyID, rec.HasSessionToken = v.outcome, v.reason, v.keyID, v.hasToken
	if v.outcome != AuthOK {
		if v.status == http.StatusUnauthorized {
			sw.Header().Set("WWW-Authenticate", `Basic realm="`+strings.ReplaceAll(s.opts.Realm, `"`, "")+`"`)
		}
		writeError(sw, v.status, v.body)
		return
	}
	if !s.repoExists(name) {
		rec.Reason = "repository " + name + " does not exist"
		writeError(sw, http.StatusNotFound, "Repository "+name+" does not exist\n")
		return
	}
	s.serveGit(sw, r, v.keyID)
}

// writeError sends an error response. The body explains the error to a Go
// probe or a human with curl, but is deliberately not text/plain: git prints
// text/plain error bodies as "remote: ..." lines, and reports of the real
// endpoint's 403s show no such line.
func writeError(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}
