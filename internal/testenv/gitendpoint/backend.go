package gitendpoint

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/cgi"
	"strings"
)

// maxBufferedBody bounds a request body that has to be buffered because
// net/http/cgi refuses bodies of unknown length (chunked uploads: git sends
// those for packs larger than http.postBuffer).
const maxBufferedBody = 256 << 20

// actionFor returns the IAM action a git smart-HTTP request needs.
func actionFor(r *http.Request) string {
	if r.URL.Query().Get("service") == "git-receive-pack" || strings.HasSuffix(r.URL.Path, "/git-receive-pack") {
		return ActionGitPush
	}
	return ActionGitPull
}

// serveGit hands an authenticated request to git http-backend.
func (s *Server) serveGit(w http.ResponseWriter, r *http.Request, keyID string) {
	r2 := r.Clone(r.Context())
	// Keep the password out of the CGI environment (HTTP_AUTHORIZATION).
	r2.Header.Del("Authorization")
	if r2.ContentLength < 0 || len(r2.TransferEncoding) > 0 {
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBufferedBody+1))
		if err != nil {
			http.Error(w, "reading request body", http.StatusBadRequest)
			return
		}
		if len(body) > maxBufferedBody {
			http.Error(w, "request body too large for the emulator", http.StatusRequestEntityTooLarge)
			return
		}
		r2.Body = io.NopCloser(bytes.NewReader(body))
		r2.ContentLength = int64(len(body))
		r2.TransferEncoding = nil
	}
	h := &cgi.Handler{
		Path: s.git,
		Args: []string{"http-backend"},
		Dir:  s.reposDir,
		Root: strings.TrimSuffix(reposPrefix, "/"),
		Env: append(s.backendEnv(),
			"GIT_PROJECT_ROOT="+s.reposDir,
			"GIT_HTTP_EXPORT_ALL=1",
			"REMOTE_USER="+keyID,
		),
		Stderr: s.logw,
		Logger: log.New(s.logw, "gitendpoint cgi: ", 0),
	}
	h.ServeHTTP(w, r2)
}

// logWriter forwards lines to Options.Logf, or drops them.
type logWriter struct {
	logf func(format string, args ...any)
}

func (l logWriter) Write(p []byte) (int, error) {
	if l.logf != nil {
		l.logf("%s", strings.TrimRight(string(p), "\n"))
	}
	return len(p), nil
}

// statusWriter remembers the status code written.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(p []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(p)
	if err != nil {
		return n, fmt.Errorf("writing response: %w", err)
	}
	return n, nil
}

// status returns the code sent (200 if the handler wrote nothing at all).
func (w *statusWriter) status() int {
	if w.code == 0 {
		return http.StatusOK
	}
	return w.code
}
