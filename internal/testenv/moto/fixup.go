package moto

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// jsonErrorCodes are the codes JSON-protocol services such as CodeCommit
// send for the authentication and authorisation errors that moto renders
// in IAM's query-protocol form.
func jsonErrorCode(code string) string {
	switch code {
	case "AccessDenied":
		return "AccessDeniedException"
	case "SignatureDoesNotMatch":
		return "InvalidSignatureException"
	case "InvalidClientTokenId":
		return "UnrecognizedClientException"
	}
	return code
}

// fixCodeCommit rewrites moto's CodeCommit (and KMS) responses so the AWS
// SDK reads them as it reads the real service's:
//   - moto 5.x sends creationDate and lastModifiedDate as ISO 8601 strings,
//     while the service (JSON 1.1) sends epoch seconds and the SDK refuses
//     the strings ("unexpected string value for float");
//   - moto sends authentication and authorisation errors as query-protocol
//     XML, which the SDK's JSON deserializer cannot read; they become JSON
//     errors with the service's codes (AccessDeniedException, ...).
func fixCodeCommit(resp *http.Response) error {
	target := resp.Request.Header.Get("X-Amz-Target")
	if !strings.HasPrefix(target, "CodeCommit_") && !strings.HasPrefix(target, "TrentService.") {
		return nil
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	resp.Body.Close()
	if err != nil {
		return err
	}
	switch {
	case resp.StatusCode == http.StatusOK:
		var doc any
		if json.Unmarshal(body, &doc) == nil {
			if fixed, err := json.Marshal(epochDates(doc)); err == nil {
				body = fixed
			}
		}
	case bytes.HasPrefix(bytes.TrimSpace(body), []byte("<")):
		// <ErrorResponse><Errors><Error> (moto) or <ErrorResponse><Error>.
		var e struct {
			Code     string `xml:"Error>Code"`
			Message  string `xml:"Error>Message"`
			Code2    string `xml:"Errors>Error>Code"`
			Message2 string `xml:"Errors>Error>Message"`
		}
		if xml.Unmarshal(body, &e) == nil && e.Code+e.Code2 != "" {
			if e.Code == "" {
				e.Code, e.Message = e.Code2, e.Message2
			}
			code := jsonErrorCode(e.Code)
			body, _ = json.Marshal(map[string]string{"__type": code, "message": e.Message})
			resp.Header.Set("Content-Type", "application/x-amz-json-1.1")
			resp.Header.Set("X-Amzn-ErrorType", code)
		}
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
	return nil
}

// epochDates replaces every ISO 8601 string under a key ending in "Date"
// with its epoch seconds.
func epochDates(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && strings.HasSuffix(k, "Date") {
				if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
					v[k] = float64(t.UnixMilli()) / 1000
					continue
				}
			}
			v[k] = epochDates(x)
		}
	case []any:
		for i := range v {
			v[i] = epochDates(v[i])
		}
	}
	return v
}
