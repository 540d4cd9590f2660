package signer

import (
	"testing"
	"time"
)

// The expected passwords below were computed independently with Python's
// hmac/hashlib following the AWS CLI's canonical request and SigV4 steps.
func TestSignKnownAnswers(t *testing.T) {
	const exampleSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	tests := []struct {
		name         string
		creds        Credentials
		host, path   string
		region       string
		at           time.Time
		wantUser     string
		wantPassword string
	}{
		{
			name:         "us-east-1 repository path",
			creds:        Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: exampleSecret},
			host:         "git-codecommit.us-east-1.amazonaws.com",
			path:         "/v1/repos/MyDemoRepo",
			region:       "us-east-1",
			at:           time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
			wantUser:     "AKIAIOSFODNN7EXAMPLE",
			wantPassword: "20260102T030405Za65e1c7316c46466c73a462eb9fd7d4d94742a4d4f77bb5d51ac08f2531191a5",
		},
		{
			name:         "port is not signed, local time is converted to UTC, sub-second dropped",
			creds:        Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: exampleSecret},
			host:         "git-codecommit.us-east-1.amazonaws.com:8443",
			path:         "/v1/repos/MyDemoRepo",
			region:       "us-east-1",
			at:           time.Date(2026, 1, 2, 5, 4, 5, 999_000_000, time.FixedZone("UTC+2", 2*3600)),
			wantUser:     "AKIAIOSFODNN7EXAMPLE",
			wantPassword: "20260102T030405Za65e1c7316c46466c73a462eb9fd7d4d94742a4d4f77bb5d51ac08f2531191a5",
		},
		{
			name:         "double slash path as the CLI signs for path=/v1/repos/MyDemoRepo",
			creds:        Credentials{AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: exampleSecret},
			host:         "git-codecommit.us-east-1.amazonaws.com",
			path:         "//v1/repos/MyDemoRepo",
			region:       "us-east-1",
			at:           time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
			wantUser:     "AKIAIOSFODNN7EXAMPLE",
			wantPassword: "20260102T030405Zb72a869f0f6d8ce53185dc01b5d2d5f363cf7698a0ed97f7d77352e432010b34",
		},
		{
			name:         "loopback host with session token",
			creds:        Credentials{AccessKeyID: "ASIACANARY", SecretAccessKey: "secretcanary", SessionToken: "tok/en+=="},
			host:         "127.0.0.1:8443",
			path:         "/v1/repos/X",
			region:       "eu-west-1",
			at:           time.Date(2026, 12, 31, 23, 59, 59, 0, time.UTC),
			wantUser:     "ASIACANARY%tok/en+==",
			wantPassword: "20261231T235959Z0a968d994a7842428a32aeff648e13253c8549eaf5acef5f1d7e80763823a8ce",
		},
		{
			name:         "China host, root path",
			creds:        Credentials{AccessKeyID: "AKIACANARY", SecretAccessKey: "secretcanary"},
			host:         "git-codecommit.cn-north-1.amazonaws.com.cn",
			path:         "/",
			region:       "cn-north-1",
			at:           time.Date(2026, 12, 31, 23, 59, 59, 0, time.UTC),
			wantUser:     "AKIACANARY",
			wantPassword: "20261231T235959Z48c4b2c0741e1039c70b93fb85f139b107f71e6bfcb1228c6f2c4d0c9e433167",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			user, pass := Sign(tt.creds, tt.host, tt.path, tt.region, tt.at)
			if user != tt.wantUser {
				t.Errorf("username = %q, want %q", user, tt.wantUser)
			}
			if pass != tt.wantPassword {
				t.Errorf("password = %q, want %q", pass, tt.wantPassword)
			}
		})
	}
}

func TestCanonicalRequestAndStringToSign(t *testing.T) {
	cr := CanonicalRequest("git-codecommit.us-east-1.amazonaws.com", "/v1/repos/MyDemoRepo")
	wantCR := "GIT\n/v1/repos/MyDemoRepo\n\nhost:git-codecommit.us-east-1.amazonaws.com\n\nhost\n"
	if cr != wantCR {
		t.Fatalf("canonical request = %q, want %q", cr, wantCR)
	}
	sts := StringToSign("20260102T030405", "us-east-1", cr)
	// sha256 of wantCR computed with Python's hashlib.
	wantSTS := "AWS4-HMAC-SHA256\n20260102T030405\n20260102/us-east-1/codecommit/aws4_request\n" +
		"956504f984c57eae87a4d346014b4f0ecfc62a9cc354b2434e0408ec253be706"
	if sts != wantSTS {
		t.Fatalf("string to sign = %q, want %q", sts, wantSTS)
	}
}

func TestHelperPath(t *testing.T) {
	tests := []struct{ in, want string }{
		{"v1/repos/MyDemoRepo", "/v1/repos/MyDemoRepo"},
		{"/v1/repos/MyDemoRepo", "//v1/repos/MyDemoRepo"},
		{"", "/"},
		{"v1/repos/R?x=1", "/v1/repos/R"},
		{"v1/repos/R#frag", "/v1/repos/R"},
		{"v1/re\tpos/R", "/v1/repos/R"},
		{"v1/repos/R/", "/v1/repos/R/"},
	}
	for _, tt := range tests {
		if got := HelperPath(tt.in); got != tt.want {
			t.Errorf("HelperPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCanonicalHost(t *testing.T) {
	tests := []struct{ in, want string }{
		{"git-codecommit.us-east-1.amazonaws.com", "git-codecommit.us-east-1.amazonaws.com"},
		{"git-codecommit.us-east-1.amazonaws.com:443", "git-codecommit.us-east-1.amazonaws.com"},
		{"127.0.0.1:8443", "127.0.0.1"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := CanonicalHost(tt.in); got != tt.want {
			t.Errorf("CanonicalHost(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestUsernameRoundTrip(t *testing.T) {
	tests := []struct {
		creds Credentials
		want  string
	}{
		{Credentials{AccessKeyID: "AKIA1"}, "AKIA1"},
		{Credentials{AccessKeyID: "ASIA1", SessionToken: "abc/def=="}, "ASIA1%abc/def=="},
	}
	for _, tt := range tests {
		got := Username(tt.creds)
		if got != tt.want {
			t.Errorf("Username = %q, want %q", got, tt.want)
		}
		id, tok := ParseUsername(got)
		if id != tt.creds.AccessKeyID || tok != tt.creds.SessionToken {
			t.Errorf("ParseUsername(%q) = %q, %q", got, id, tok)
		}
	}
}
