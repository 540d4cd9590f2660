package version

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/Masterminds/semver/v3"
)

func TestAtLeast(t *testing.T) {
	tests := []struct {
		v, min string
		want   bool
	}{
		{"1.7.9", MinGit, true},
		{"1.7.8", MinGit, false},
		{"1.7.10", MinGit, true},
		{"1.8.0", MinGit, true},
		{"2.0.0", "1.99.99", true},
		{"1.7.38", MinAWSCLI, true},
		{"1.7.37", MinAWSCLI, false},
		{"2.9.0-rc0", "2.9.0", true},
		{"2.9.0", "2.9", true},
		{"2.9.0", "not a version", false},
		{"2.9.0", "2.9.0.1", false},
	}
	for _, tt := range tests {
		if got := AtLeast(semver.MustParse(tt.v), tt.min); got != tt.want {
			t.Errorf("AtLeast(%s, %q) = %v, want %v", tt.v, tt.min, got, tt.want)
		}
	}
	if AtLeast(nil, MinGit) {
		t.Error("AtLeast(nil) = true")
	}
}

func TestParseCore(t *testing.T) {
	tests := []struct {
		in                  string
		major, minor, patch uint64
		rest                string
		wantErr             bool
	}{
		{in: "2.39.5", major: 2, minor: 39, patch: 5},
		{in: "2.39", major: 2, minor: 39},
		{in: "1.8.3.1", major: 1, minor: 8, patch: 3, rest: ".1"},
		{in: "2.45.1.windows.1", major: 2, minor: 45, patch: 1, rest: ".windows.1"},
		{in: "2.0.0dev4", major: 2, rest: "dev4"},
		{in: "2.39.", major: 2, minor: 39, rest: "."},
		{in: "2", wantErr: true},
		{in: "v2.39.5", wantErr: true},
		{in: "", wantErr: true},
		{in: "1234567890.1", wantErr: true},
	}
	for _, tt := range tests {
		c, err := parseCore(tt.in)
		if (err != nil) != tt.wantErr {
			t.Errorf("parseCore(%q) error = %v, wantErr %v", tt.in, err, tt.wantErr)
			continue
		}
		if err == nil && (c.major != tt.major || c.minor != tt.minor || c.patch != tt.patch || c.rest != tt.rest) {
			t.Errorf("parseCore(%q) = %+v", tt.in, c)
		}
	}
}

func TestExcerpt(t *testing.T) {
	long := "Traceback (most recent call last):\n" + "  File \"/usr/bin/aws\", line 19, in <module>\n" +
		"    import awscli.clidriver\nModuleNotFoundError: No module named 'awscli'\n"
	tests := []struct{ in, want string }{
		{"", "empty output"},
		{"\r\n \n", "empty output"},
		{"a\tb\r\nc", `"a b | c"`},
		{"\x1b[1;31merror\x1b[0m\u200b!", `"error!"`},
		{long, `"Traceback (most recent call last): | Fil…NotFoundError: No module named 'awscli'"`},
	}
	for _, tt := range tests {
		if got := excerpt(tt.in); got != tt.want {
			t.Errorf("excerpt(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestValidPrerelease(t *testing.T) {
	for p, want := range map[string]bool{"rc0": true, "dev4": true, "0": true, "01": false, "": false, "a.b": false, "a+b": false, "x-1": true} {
		if got := validPrerelease(p); got != want {
			t.Errorf("validPrerelease(%q) = %v, want %v", p, got, want)
		}
	}
}

func TestExcerptBoundAppliesAfterQuoting(t *testing.T) {
	// Runes that quote as \uXXXX or \U00XXXXXX: 80 of them quote to far
	// more than 80 bytes.
	for _, r := range []rune{'\u0378', '\U000e0100', '\ufffe', 'é', '"'} {
		s := strings.Repeat(string(r), 200)
		got := excerpt("aws-cli/" + s)
		if len(got) > excerptMaxBytes+5 {
			t.Errorf("rune %U: excerpt is %d bytes: %s", r, len(got), got)
		}
		if !strings.HasPrefix(got, `"aws-cli/`) || !strings.Contains(got, "…") {
			t.Errorf("rune %U: excerpt lost its beginning or ellipsis: %s", r, got)
		}
	}
	_, err := ParseAWSCLI("aws-cli/" + strings.Repeat("\u0378", 300))
	if err == nil || len(err.Error()) > 400 {
		t.Fatalf("error too long or missing: %d bytes", len(fmt.Sprint(err)))
	}
}

func FuzzQuoteBounded(f *testing.F) {
	f.Add("aws-cli/" + strings.Repeat("\u0378", 100))
	f.Add("plain")
	f.Add("\xff\xfe")
	f.Fuzz(func(t *testing.T, s string) {
		q := quoteBounded(s, excerptMax, excerptMaxBytes)
		if len(q) > excerptMaxBytes+5 {
			t.Fatalf("%d bytes: %s", len(q), q)
		}
		if _, err := strconv.Unquote(q); err != nil {
			t.Fatalf("not a valid quoted string: %s (%v)", q, err)
		}
	})
}
