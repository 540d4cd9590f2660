package gitcred

import "testing"

func TestNormalizeURL(t *testing.T) {
	tests := []struct {
		in   string
		glob bool
		ok   bool
		want normURL
	}{
		{in: "https://git-codecommit.us-east-1.amazonaws.com", ok: true,
			want: normURL{scheme: "https", host: "git-codecommit.us-east-1.amazonaws.com", path: "/"}},
		{in: "HTTPS://Git-CodeCommit.US-EAST-1.amazonaws.com:443/v1/./repos/x/../R", ok: true,
			want: normURL{scheme: "https", host: "git-codecommit.us-east-1.amazonaws.com", path: "/v1/repos/R"}},
		{in: "https://h:08443/a%2fb%41", ok: true, want: normURL{scheme: "https", host: "h", port: "8443", path: "/a%2FbA"}},
		{in: "https://user:pw@h/", ok: true, want: normURL{scheme: "https", hasUser: true, user: "user", host: "h", path: "/"}},
		{in: "https://@h", ok: true, want: normURL{scheme: "https", hasUser: true, host: "h", path: "/"}},
		{in: "https://git-codecommit.*.amazonaws.com", glob: true, ok: true,
			want: normURL{scheme: "https", host: "git-codecommit.*.amazonaws.com", path: "/"}},
		{in: "https://git-codecommit.*.amazonaws.com", glob: false, ok: false},
		{in: "https://h/a b", ok: true, want: normURL{scheme: "https", host: "h", path: "/a%20b"}},
		{in: "https://h/.", ok: true, want: normURL{scheme: "https", host: "h", path: "/"}},
		{in: "https://h/a/..", ok: true, want: normURL{scheme: "https", host: "h", path: "/"}},
		{in: "https://h/a/b/..", ok: true, want: normURL{scheme: "https", host: "h", path: "/a"}},
		{in: "https://h/..", ok: false},
		{in: "https://h/%zz", ok: false},
		{in: "https://h:0", ok: false},
		{in: "https://h:65536", ok: false},
		{in: "https://h:x", ok: false},
		{in: "https://h:", ok: true, want: normURL{scheme: "https", host: "h", path: "/"}},
		{in: "https://", ok: false},
		{in: "git-codecommit.us-east-1.amazonaws.com", ok: false},
		{in: "1https://h", ok: false},
		{in: "https://h_x!/", ok: false},
		{in: "file:///tmp/x", ok: true, want: normURL{scheme: "file", path: "/tmp/x"}},
	}
	for _, tc := range tests {
		got, ok := normalizeURL(tc.in, tc.glob)
		if ok != tc.ok {
			t.Errorf("normalizeURL(%q) ok = %v, want %v", tc.in, ok, tc.ok)
			continue
		}
		if ok && got != tc.want {
			t.Errorf("normalizeURL(%q) = %+v, want %+v", tc.in, got, tc.want)
		}
	}
}

func TestSectionMatches(t *testing.T) {
	req := Request{Protocol: "https", Host: "git-codecommit.us-east-1.amazonaws.com", Path: "v1/repos/r"}
	withUser := req
	withUser.Username = "AKIAIOSFODNN7EXAMPLE"
	old := Features{HelperReset: true}
	tests := []struct {
		section string
		r       Request
		f       Features
		want    bool
	}{
		{"https://git-codecommit.us-east-1.amazonaws.com", req, AllFeatures(), true},
		{"https://git-codecommit.*.amazonaws.com", req, AllFeatures(), true},
		{"https://*.amazonaws.com", req, AllFeatures(), false},
		{"https://git-codecommit.*.amazonaws.com/v1/repos/r", req, AllFeatures(), true},
		{"https://git-codecommit.*.amazonaws.com/v1/repos/x", req, AllFeatures(), false},
		{"https://git-codecommit.us-east-1.amazonaws.com:443", req, AllFeatures(), true},
		{"http://git-codecommit.us-east-1.amazonaws.com", req, AllFeatures(), false},
		{"https://AKIAIOSFODNN7EXAMPLE@git-codecommit.us-east-1.amazonaws.com", withUser, AllFeatures(), true},
		{"https://AKIAIOSFODNN7EXAMPLE@git-codecommit.us-east-1.amazonaws.com", req, AllFeatures(), false},
		{"git-codecommit.us-east-1.amazonaws.com", req, AllFeatures(), true},
		{"https://", req, AllFeatures(), true},
		// git before 2.26: exact strings, no wildcards, no prefixes.
		{"https://git-codecommit.us-east-1.amazonaws.com", req, old, true},
		{"https://git-codecommit.*.amazonaws.com", req, old, false},
		{"https://GIT-CODECOMMIT.us-east-1.amazonaws.com", req, old, false},
		{"https://git-codecommit.us-east-1.amazonaws.com/v1", req, old, false},
		{"https://git-codecommit.us-east-1.amazonaws.com/v1/repos/r/", req, old, true},
		{"git-codecommit.us-east-1.amazonaws.com", req, old, true},
	}
	for _, tc := range tests {
		if got := SectionMatches(tc.section, tc.r, tc.f); got != tc.want {
			t.Errorf("SectionMatches(%q, %+v, %+v) = %v, want %v", tc.section, tc.r, tc.f, got, tc.want)
		}
	}
}

func FuzzSectionMatches(f *testing.F) {
	for _, s := range []string{"https://git-codecommit.*.amazonaws.com", "https://h:443/a/../b", "h", "https://", "/x", "u@h", "https://h/%", "https://[::1]:8/x"} {
		f.Add(s, "git-codecommit.us-east-1.amazonaws.com", "v1/repos/r")
	}
	f.Fuzz(func(t *testing.T, section, host, path string) {
		r := Request{Protocol: "https", Host: host, Path: path}
		_ = SectionMatches(section, r, AllFeatures())
		_ = SectionMatches(section, r, Features{})
		if n, ok := normalizeURL(section, true); ok {
			// Normalizing is idempotent, as git relies on.
			again := n.scheme + "://"
			if n.hasUser {
				again += n.user + "@"
			}
			again += n.host
			if n.port != "" {
				again += ":" + n.port
			}
			again += n.path
			if m, ok := normalizeURL(again, true); ok && m.path != n.path {
				t.Fatalf("path %q normalizes again to %q", n.path, m.path)
			}
		}
	})
}

func TestRequestFromURL(t *testing.T) {
	tests := []struct {
		in   string
		want Request
		url  string
	}{
		{"https://git-codecommit.us-east-2.amazonaws.com/v1/repos/MyDemoRepo",
			Request{Protocol: "https", Host: "git-codecommit.us-east-2.amazonaws.com", Path: "v1/repos/MyDemoRepo"},
			"https://git-codecommit.us-east-2.amazonaws.com/v1/repos/MyDemoRepo"},
		{"https://user:secret@h:8443//v1/repos/x/",
			Request{Protocol: "https", Host: "h:8443", Path: "v1/repos/x", Username: "user"},
			"https://user@h:8443/v1/repos/x"},
		{"https://h", Request{Protocol: "https", Host: "h"}, "https://h"},
		{"https://a%40b@h/p%20q", Request{Protocol: "https", Host: "h", Path: "p q", Username: "a@b"}, "https://a@b@h/p%20q"},
	}
	for _, tc := range tests {
		got, err := RequestFromURL(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("RequestFromURL(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
		if got.URL() != tc.url {
			t.Errorf("URL() = %q, want %q", got.URL(), tc.url)
		}
	}
	if _, err := RequestFromURL("git-codecommit.us-east-1.amazonaws.com/v1/repos/x"); err == nil {
		t.Error("a URL without a scheme was accepted")
	}
}
