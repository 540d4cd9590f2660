package shellword

import (
	"os/exec"
	"testing"
)

func TestQuoteForms(t *testing.T) {
	tests := []struct{ in, goos, want string }{
		{"credential.helper", "linux", "credential.helper"},
		{"", "linux", "''"},
		{"", "windows", `""`},
		{"credential.https://git-codecommit.*.amazonaws.com.helper", "linux", "'credential.https://git-codecommit.*.amazonaws.com.helper'"},
		{"!aws codecommit credential-helper $@", "linux", "'!aws codecommit credential-helper $@'"},
		{"'!aws $@'", "linux", `''\''!aws $@'\'''`},
		{"!aws codecommit credential-helper $@", "windows", `"!aws codecommit credential-helper $@"`},
		{`!aws --profile "my profile" x`, "windows", `"!aws --profile \"my profile\" x"`},
		{`C:\Program Files\x\`, "windows", `"C:\Program Files\x\\"`},
	}
	for _, tc := range tests {
		if got := Quote(tc.in, tc.goos); got != tc.want {
			t.Errorf("Quote(%q, %s) = %s, want %s", tc.in, tc.goos, got, tc.want)
		}
	}
	// What sh reads back is the original.
	for _, s := range []string{"'!aws $@'", "a b", "x'y", "", `back\slash`} {
		out, err := exec.Command("/bin/sh", "-c", "printf %s "+Quote(s, "linux")).Output()
		if err != nil || string(out) != s {
			t.Errorf("sh reads %s as %q (%v), want %q", Quote(s, "linux"), out, err, s)
		}
	}
	for _, tc := range []struct{ path, want string }{
		{"/home/me/.git-credentials", "~/.git-credentials"},
		{"/home/me/My Files/creds", `"$HOME/"'My Files/creds'`},
		{"/etc/creds", "/etc/creds"},
		{"/tmp/a b", "'/tmp/a b'"},
	} {
		if got := Path(tc.path, "/home/me", "linux"); got != tc.want {
			t.Errorf("Path(%s) = %s, want %s", tc.path, got, tc.want)
		}
	}
}
