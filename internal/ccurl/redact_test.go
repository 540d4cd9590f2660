package ccurl

import "testing"

func TestRedact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://git-codecommit.us-east-1.amazonaws.com/v1/repos/r", "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/r"},
		{"https://user:pa55@h/v1/repos/r", "https://user:REDACTED@h/v1/repos/r"},
		{"https://user:@h/", "https://user:REDACTED@h/"},
		{"https://user@h/", "https://user@h/"},
		{"https://u:p@ss@h/x", "https://u:REDACTED@h/x"},
		{"https://AKIAEXAMPLE%25FwoGZXIvYXdzEXAMPLE:20240101T000000Zsig@h/x", "https://AKIAEXAMPLE%REDACTED:REDACTED@h/x"},
		{"https://h/x?token=abc#frag", "https://h/x?REDACTED#REDACTED"},
		{"https://h/x#frag", "https://h/x#REDACTED"},
		{"https://u:p@h?x@y", "https://u:REDACTED@h?REDACTED"},
		{"//u:p@h/x", "//u:REDACTED@h/x"},
		{"codecommit://prof:pw@repo", "codecommit://prof:REDACTED@repo"},
		{"codecommit::us-east-1://prof@repo", "codecommit::us-east-1://prof@repo"},
		{"APKAEXAMPLE@git-codecommit.us-east-1.amazonaws.com:v1/repos/r", "APKAEXAMPLE@git-codecommit.us-east-1.amazonaws.com:v1/repos/r"},
		{"user:pw@host:v1/repos/r", "user:REDACTED@host:v1/repos/r"},
		{"/home/u@x/repo", "/home/u@x/repo"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := redact(tt.in); got != tt.want {
			t.Errorf("redact(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDisplayHasNoControlCharacters(t *testing.T) {
	r := Parse("https://h/x\x1b[31m\n")
	if r.Display != "https://h/x?[31m" {
		t.Errorf("Display = %q", r.Display)
	}
}
