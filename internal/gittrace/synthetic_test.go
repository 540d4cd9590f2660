package gittrace

import (
	"reflect"
	"strings"
	"testing"
)

const ts = "10:00:00.000001 run-command.c:655       "

func lines(ls ...string) string { return strings.Join(ls, "\n") + "\n" }

func TestParseSynthetic(t *testing.T) {
	req := func(auth bool) []string {
		l := []string{"10:00:00.000002 http.c:684              => Send header: GET /v1/repos/R/info/refs?service=git-upload-pack HTTP/1.1",
			"10:00:00.000002 http.c:684              => Send header: Host: h"}
		if auth {
			l = append(l, "10:00:00.000002 http.c:684              => Send header: Authorization: Basic <redacted>")
		}
		return l
	}
	status := func(s string) string { return "10:00:00.000003 http.c:684              <= Recv header: HTTP/1.1 " + s }
	join := func(parts ...any) string {
		var out []string
		for _, p := range parts {
			switch v := p.(type) {
			case string:
				out = append(out, v)
			case []string:
				out = append(out, v...)
			}
		}
		return lines(out...)
	}
	tests := []struct {
		name     string
		in       string
		helpers  []string
		answered string
		noHelper bool
		kind     Kind
		status   int
	}{
		{
			name: "keychain answers before the AWS helper",
			in: join(req(false), status("401 Unauthorized"),
				ts+"trace: run_command: 'git credential-osxkeychain get'",
				"10:00:00.000004 http.c:725              == Info: Server auth using Basic with user 'ASIAEXAMPLE%SECRETTOKEN'",
				req(true), status("403 Forbidden"),
				"fatal: unable to access 'https://h/v1/repos/R/': The requested URL returned error: 403"),
			helpers: []string{"osxkeychain:get"}, answered: "osxkeychain", kind: KindHTTP, status: 403,
		},
		{
			name: "cache has nothing, the AWS helper answers",
			in: join(req(false), status("401 Unauthorized"),
				ts+"trace: run_command: 'git credential-cache get'",
				ts+"trace: run_command: 'aws codecommit credential-helper --profile '\\''my team'\\'' $@ get'",
				req(true), status("200 OK")),
			helpers: []string{"cache:get", "aws:get"}, answered: "aws",
		},
		{
			name: "password in the URL: no helper asked",
			in: join(req(false), status("401 Unauthorized"), req(true), status("403 Forbidden"),
				"fatal: unable to access 'https://h/v1/repos/R/': The requested URL returned error: 403"),
			noHelper: true, kind: KindHTTP, status: 403,
		},
		{
			name: "401 after credentials",
			in: join(req(false), status("401 Unauthorized"),
				ts+"trace: run_command: '/usr/lib/git-core/git-credential-libsecret get'",
				req(true), status("401 Unauthorized"),
				ts+"trace: run_command: '/usr/lib/git-core/git-credential-libsecret erase'",
				"fatal: Authentication failed for 'https://h/v1/repos/R/'"),
			helpers: []string{"libsecret:get", "libsecret:erase"}, answered: "libsecret", kind: KindAuthFailed, status: 401,
		},
		{
			name:     "100 Continue is not the status",
			in:       join(req(true), status("100 Continue"), status("200 OK")),
			noHelper: true,
		},
		{
			name:    "Windows manager, unquoted old-style trace",
			in:      join(req(false), status("401 Unauthorized"), ts+"trace: run_command: git credential-manager-core get", req(true), status("200 OK")),
			helpers: []string{"manager-core:get"}, answered: "manager-core",
		},
		{
			name: "proxy refuses the tunnel",
			in: join("10:00:00.000002 http.c:684              => Send header: CONNECT h:443 HTTP/1.1",
				status("407 Proxy Authentication Required"),
				"10:00:00.000004 http.c:725              == Info: Received HTTP code 407 from proxy after CONNECT",
				"fatal: unable to access 'https://h/v1/repos/R/': Received HTTP code 407 from proxy after CONNECT"),
			kind: KindProxy,
		},
		{
			name: "timeout",
			in:   lines("fatal: unable to access 'https://h/v1/repos/R/': Failed to connect to h port 443 after 130000 ms: Connection timed out"),
			kind: KindTimeout,
		},
		{
			name: "TLS with OpenSSL wording",
			in:   lines("fatal: unable to access 'https://h/v1/repos/R/': SSL certificate problem: self-signed certificate in certificate chain"),
			kind: KindTLS,
		},
		{
			name: "not a helper: remote-https and other run_command lines",
			in:   lines(ts+"trace: run_command: GIT_DIR=.git git remote-https origin https://h/v1/repos/R", ts+"trace: run_command: 'unterminated"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := Parse(tt.in)
			if got := helperSummary(tr); !reflect.DeepEqual(got, tt.helpers) {
				t.Errorf("helpers = %v, want %v", got, tt.helpers)
			}
			h, ok := tr.Answered()
			if ok != (tt.answered != "") || h.Name != tt.answered {
				t.Errorf("answered = %q (%v), want %q", h.Name, ok, tt.answered)
			}
			if tr.AuthenticatedWithoutHelper() != tt.noHelper {
				t.Errorf("authenticated without helper = %v, want %v", tr.AuthenticatedWithoutHelper(), tt.noHelper)
			}
			if f := tr.Failure(); f.Kind != tt.kind || f.Status != tt.status {
				t.Errorf("failure = %+v, want %q %d", f, tt.kind, tt.status)
			}
			for _, e := range tr.Exchanges {
				if strings.Contains(e.User, "SECRETTOKEN") {
					t.Errorf("a session token was kept: %+v", e)
				}
			}
		})
	}
}

func TestHelperNames(t *testing.T) {
	tests := map[string]string{
		"git credential-store":                                         "store",
		"git credential-osxkeychain":                                   "osxkeychain",
		"aws codecommit credential-helper $@":                          "aws",
		"aws --profile x codecommit credential-helper $@":              "aws",
		"/usr/lib/git-core/git-credential-libsecret":                   "libsecret",
		`C:/Program\ Files/Git/mingw64/bin/git-credential-manager.exe`: "manager",
		"f() { echo password=x; }; f":                                  "f()",
	}
	for cmd, want := range tests {
		if got := helperName(cmd); got != want {
			t.Errorf("helperName(%q) = %q, want %q", cmd, got, want)
		}
	}
}

func TestSplitQuoted(t *testing.T) {
	tests := []struct {
		in   string
		want []string
		ok   bool
	}{
		{"'a b' c", []string{"a b", "c"}, true},
		{`'it'\''s' x`, []string{"it's", "x"}, true},
		{"plain words", []string{"plain", "words"}, true},
		{"'open", nil, false},
		{"", nil, true},
	}
	for _, tt := range tests {
		got, ok := splitQuoted(tt.in)
		if ok != tt.ok || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitQuoted(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
