package proxyprobe

import (
	"strings"
	"testing"
)

func TestForAWS(t *testing.T) {
	tests := []struct {
		vars  map[string]string
		url   string
		proxy string // "" for direct
	}{
		{map[string]string{"HTTPS_PROXY": "http://p:3128"}, "https://sts.us-east-1.amazonaws.com/", "http://p:3128"},
		{map[string]string{"https_proxy": "p:3128"}, "https://sts.us-east-1.amazonaws.com/", "http://p:3128"},
		{map[string]string{"HTTP_PROXY": "http://p:3128"}, "https://sts.us-east-1.amazonaws.com/", ""},
		{map[string]string{"HTTPS_PROXY": "http://p:3128"}, "https://127.0.0.1:8443/", ""},
		{map[string]string{"HTTPS_PROXY": "http://p:3128"}, "https://localhost/", ""},
		{map[string]string{"HTTPS_PROXY": "http://p:3128", "NO_PROXY": "amazonaws.com"}, "https://sts.us-east-1.amazonaws.com/", ""},
		{map[string]string{"HTTPS_PROXY": "http://p:3128", "no_proxy": ".amazonaws.com"}, "https://amazonaws.com/", "http://p:3128"},
		{map[string]string{"HTTPS_PROXY": "http://p:3128", "NO_PROXY": "*"}, "https://x.invalid/", ""},
		{map[string]string{"HTTPS_PROXY": "http://p:3128", "NO_PROXY": "10.0.0.0/8"}, "https://10.1.2.3/", ""},
		{map[string]string{"HTTPS_PROXY": "http://p:3128", "NO_PROXY": "x.invalid:8443"}, "https://x.invalid/", "http://p:3128"},
	}
	for _, tc := range tests {
		env := func(k string) (string, bool) { v, ok := tc.vars[k]; return v, ok }
		s, ok := ForAWS(env, tc.url)
		got := ""
		if ok && s.URL != nil {
			got = s.URL.String()
		}
		if got != tc.proxy {
			t.Errorf("%v %s: proxy %q, want %q", tc.vars, tc.url, got, tc.proxy)
		}
	}
}

func TestParseMalformedHidesThePassword(t *testing.T) {
	s := Parse("http://user:s3cret@[::1", "HTTPS_PROXY")
	if s.Malformed == nil || s.URL != nil {
		t.Fatalf("parsed: %+v", s)
	}
	w := s.Malformed.Words()
	if strings.Contains(w, "s3cret") || !strings.Contains(w, "HTTPS_PROXY is not a proxy URL that can be used") {
		t.Errorf("words %q", w)
	}
	if s := Parse("http://:3128", "HTTPS_PROXY"); s.Malformed == nil {
		t.Errorf("a proxy without a host parsed: %+v", s)
	}
}
