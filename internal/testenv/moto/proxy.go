package moto

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strings"
	"time"
)

// maxBody bounds the request bodies the proxy reads.
const maxBody = 8 << 20

// Fault is an error the proxy sends instead of forwarding, for requests
// signed with a given access key id.
type Fault struct {
	Status  int    // HTTP status; 403 when zero
	Code    string // AWS error code, e.g. ExpiredToken
	Message string
}

// FailKey makes the proxy answer every request signed with keyID with the
// fault (in the request's protocol), e.g. ExpiredToken for session
// credentials that moto would still accept.
func (s *Server) FailKey(keyID string, f Fault) {
	if f.Status == 0 {
		f.Status = http.StatusForbidden
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[keyID] = f
}

func (s *Server) handler(target *url.URL) http.Handler {
	rp := &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.Out.URL.Scheme = target.Scheme
			pr.Out.URL.Host = target.Host
			// Keep the Host the client signed, or moto's signature check fails.
			pr.Out.Host = pr.In.Host
		},
		ModifyResponse: s.modifyResponse,
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBody))
		if err != nil {
			http.Error(w, "reading the request: "+err.Error(), http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		rec := describe(r, body)
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		switch {
		case s.fault(rec.KeyID) != nil:
			rec.AnsweredBy = AnsweredByFault
			writeError(sw, r, *s.fault(rec.KeyID))
		case rec.Service == "iam" && rec.Action == "SimulatePrincipalPolicy":
			rec.AnsweredBy = AnsweredBySimulator
			s.simulate(sw, rec, body)
		default:
			rec.AnsweredBy = AnsweredByMoto
			rp.ServeHTTP(sw, r)
		}
		rec.Status = sw.status
		s.record(rec)
	})
}

func (s *Server) fault(keyID string) *Fault {
	if keyID == "" {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if f, ok := s.faults[keyID]; ok {
		return &f
	}
	return nil
}

// describe reads what a request is without keeping any secret.
func describe(r *http.Request, body []byte) Request {
	rec := Request{Time: time.Now(), Method: r.Method, Path: r.URL.Path,
		HasSessionToken: r.Header.Get("X-Amz-Security-Token") != ""}
	// Authorization: AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request, ...
	if _, rest, ok := strings.Cut(r.Header.Get("Authorization"), "Credential="); ok {
		scope, _, _ := strings.Cut(rest, ",")
		parts := strings.Split(scope, "/")
		if len(parts) >= 4 {
			rec.KeyID, rec.Region, rec.Service = parts[0], parts[2], parts[3]
		}
	}
	if target := r.Header.Get("X-Amz-Target"); target != "" {
		_, rec.Action, _ = strings.Cut(target, ".")
		return rec
	}
	if vals, err := url.ParseQuery(string(body)); err == nil && vals.Get("Action") != "" {
		rec.Action = vals.Get("Action")
		return rec
	}
	rec.Action = r.URL.Query().Get("Action")
	return rec
}

// writeError answers in the protocol the request used: JSON for
// X-Amz-Target requests, IAM/STS query XML otherwise.
func writeError(w http.ResponseWriter, r *http.Request, f Fault) {
	if r.Header.Get("X-Amz-Target") != "" {
		w.Header().Set("Content-Type", "application/x-amz-json-1.1")
		w.Header().Set("X-Amzn-ErrorType", f.Code)
		w.WriteHeader(f.Status)
		fmt.Fprintf(w, `{"__type":%q,"message":%q}`, f.Code, f.Message)
		return
	}
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(f.Status)
	fmt.Fprintf(w, `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>`,
		xmlEscape(f.Code), xmlEscape(f.Message))
}

// statusWriter remembers the status code written.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Flush() {
	if f, ok := w.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}
