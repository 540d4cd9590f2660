package gitendpoint

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzServeHTTP feeds arbitrary paths, hosts and Authorization headers to the
// handler: it must never panic, never answer 200 without valid credentials,
// and never echo the password.
func FuzzServeHTTP(f *testing.F) {
	s := Start(f, Options{})
	s.AddKey(testKeyID, testSecret, "")
	f.Add("/v1/repos/R/info/refs", "git-codecommit.us-east-1.amazonaws.com:443", "Basic QUtJQTpwYXNz")
	f.Add("/v1/repos/../x", "", "")
	f.Add("/v1/repos/R", "h:1:2", "Basic !!!")
	f.Add("/", "git-codecommit.us-east-1.amazonaws.com", "Bearer x")
	f.Fuzz(func(t *testing.T, path, host, authz string) {
		s.ResetRequests() // keep memory flat over many executions
		r := &http.Request{
			Method: http.MethodGet,
			URL:    &url.URL{Path: path},
			Host:   host,
			Header: http.Header{},
		}
		if authz != "" {
			r.Header.Set("Authorization", authz)
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code == http.StatusOK {
			t.Fatalf("200 for path %q host %q authz %q", path, host, authz)
		}
		if _, pass, ok := r.BasicAuth(); ok && len(pass) >= 8 && strings.Contains(w.Body.String(), pass) {
			t.Fatalf("body echoes the password")
		}
	})
}
