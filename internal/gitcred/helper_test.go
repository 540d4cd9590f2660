package gitcred

import (
	"strings"
	"testing"
)

func TestParseHelper(t *testing.T) {
	tests := []struct {
		name, value, goos string
		form              string
		kind              Kind
		problems          []string
		program, profile  string
		intended, region  string
		storeFile         string
		fixed             string // AWSHelper.Value(), when AWS
	}{
		{name: "documented form", value: "!aws codecommit credential-helper $@",
			form: FormShell, kind: KindAWSCLI, program: "aws", fixed: "!aws codecommit credential-helper $@"},
		{name: "no $@ still works", value: "!aws codecommit credential-helper",
			form: FormShell, kind: KindAWSCLI, program: "aws", fixed: "!aws codecommit credential-helper $@"},
		{name: "global profile", value: "!aws --profile CodeCommitProfile codecommit credential-helper $@",
			form: FormShell, kind: KindAWSCLI, program: "aws", profile: "CodeCommitProfile",
			fixed: "!aws --profile CodeCommitProfile codecommit credential-helper $@"},
		{name: "profile after the command", value: "!aws codecommit credential-helper --profile dev $@",
			form: FormShell, kind: KindAWSCLI, program: "aws", profile: "dev"},
		{name: "profile with =", value: "!aws --profile=dev codecommit credential-helper $@",
			form: FormShell, kind: KindAWSCLI, program: "aws", profile: "dev"},
		{name: "quoted profile with spaces", value: `!aws --profile "my profile" codecommit credential-helper $@`,
			form: FormShell, kind: KindAWSCLI, program: "aws", profile: "my profile",
			fixed: `!aws --profile "my profile" codecommit credential-helper $@`},
		{name: "single-quoted profile with spaces", value: `!aws --profile 'my profile' codecommit credential-helper $@`,
			form: FormShell, kind: KindAWSCLI, program: "aws", profile: "my profile"},
		{name: "unquoted profile with spaces", value: "!aws --profile my profile codecommit credential-helper $@",
			form: FormShell, kind: KindAWSCLI, program: "aws", profile: "my", intended: "my profile",
			problems: []string{ProblemProfileUnquoted}, fixed: `!aws --profile "my profile" codecommit credential-helper $@`},
		{name: "unquoted profile after the command", value: "!aws codecommit credential-helper --profile Team A Dev $@",
			form: FormShell, kind: KindAWSCLI, program: "aws", profile: "Team", intended: "Team A Dev",
			problems: []string{ProblemProfileUnquoted}, fixed: `!aws --profile "Team A Dev" codecommit credential-helper $@`},
		{name: "profile with no name", value: "!aws codecommit credential-helper --profile $@",
			form: FormShell, kind: KindAWSCLI, program: "aws", problems: []string{ProblemProfileNoValue}},
		{name: "region", value: "!aws --region eu-west-1 codecommit credential-helper $@",
			form: FormShell, kind: KindAWSCLI, program: "aws", region: "eu-west-1",
			fixed: "!aws --region eu-west-1 codecommit credential-helper $@"},
		{name: "region with =", value: "!aws codecommit credential-helper --region=eu-west-1 $@",
			form: FormShell, kind: KindAWSCLI, program: "aws", region: "eu-west-1"},
		{name: "absolute path to aws", value: "!/usr/local/bin/aws codecommit credential-helper $@",
			form: FormShell, kind: KindAWSCLI, program: "/usr/local/bin/aws"},
		{name: "absolute path without the bang runs too", value: "/usr/local/bin/aws codecommit credential-helper $@",
			form: FormPath, kind: KindAWSCLI, program: "/usr/local/bin/aws"},
		{name: "aws.cmd on Windows", value: "!aws.cmd codecommit credential-helper $@", goos: "windows",
			form: FormShell, kind: KindAWSCLI, program: "aws.cmd", fixed: "!aws.cmd codecommit credential-helper $@"},
		{name: "quoted Windows path", value: `!"C:\Program Files\Amazon\AWSCLIV2\aws.exe" codecommit credential-helper $@`, goos: "windows",
			form: FormShell, kind: KindAWSCLI, program: `C:\Program Files\Amazon\AWSCLIV2\aws.exe`,
			fixed: `!"C:\Program Files\Amazon\AWSCLIV2\aws.exe" codecommit credential-helper $@`},
		{name: "missing bang", value: "aws codecommit credential-helper $@",
			form: FormName, kind: KindAWSCLI, program: "aws", problems: []string{ProblemMissingBang},
			fixed: "!aws codecommit credential-helper $@"},
		{name: "missing bang with profile", value: "aws --profile dev codecommit credential-helper $@",
			form: FormName, kind: KindAWSCLI, profile: "dev", problems: []string{ProblemMissingBang}},
		{name: "single quotes kept from a Windows shell", value: "'!aws codecommit credential-helper $@'",
			form: FormName, kind: KindAWSCLI, problems: []string{ProblemQuotedValue}, fixed: "!aws codecommit credential-helper $@"},
		{name: "double quotes kept in the value", value: `"!aws codecommit credential-helper $@"`,
			form: FormName, kind: KindAWSCLI, problems: []string{ProblemQuotedValue}},
		{name: "half-quoted value", value: "'!aws codecommit credential-helper $@",
			form: FormName, kind: KindAWSCLI, problems: []string{ProblemQuotedValue}},
		{name: "unbalanced quotes", value: `!aws --profile "dev codecommit credential-helper $@`,
			form: FormShell, kind: KindAWSCLI, profile: "dev", problems: []string{ProblemUnbalancedQuotes},
			fixed: "!aws --profile dev codecommit credential-helper $@"},
		{name: "stray operation", value: "!aws codecommit credential-helper get $@",
			form: FormShell, kind: KindAWSCLI, problems: []string{ProblemStrayArguments}},
		{name: "ignore host check", value: "!aws codecommit credential-helper --ignore-host-check $@",
			form: FormShell, kind: KindAWSCLI, fixed: "!aws codecommit credential-helper --ignore-host-check $@"},
		{name: "shell function", value: `!f() { aws --profile dev codecommit credential-helper "$@"; }; f`,
			form: FormShell, kind: KindAWSCLI, profile: "dev"},
		{name: "aws but not the helper", value: "!aws sts get-caller-identity",
			form: FormShell, kind: KindOther},
		{name: "osxkeychain", value: "osxkeychain", form: FormName, kind: KindOSXKeychain},
		{name: "manager", value: "manager", form: FormName, kind: KindManager},
		{name: "manager-core", value: "manager-core", form: FormName, kind: KindManagerCore},
		{name: "GCM by absolute path", value: "/usr/local/share/gcm-core/git-credential-manager", form: FormPath, kind: KindManager},
		{name: "GCM Windows path", value: "C:/Program\\ Files/Git/mingw64/bin/git-credential-manager.exe", goos: "windows", form: FormPath, kind: KindManager},
		{name: "drive path is not absolute on Unix", value: "C:/x/git-credential-manager.exe", form: FormName, kind: KindOther},
		{name: "wincred", value: "wincred", form: FormName, kind: KindWincred},
		{name: "store", value: "store", form: FormName, kind: KindStore},
		{name: "store with file", value: "store --file ~/.my-credentials", form: FormName, kind: KindStore, storeFile: "~/.my-credentials"},
		{name: "store with file=", value: "store --file=/tmp/creds", form: FormName, kind: KindStore, storeFile: "/tmp/creds"},
		{name: "cache with timeout", value: "cache --timeout=3600", form: FormName, kind: KindCache},
		{name: "libsecret by path", value: "/usr/share/doc/git/contrib/credential/libsecret/git-credential-libsecret", form: FormPath, kind: KindLibsecret},
		{name: "gnome-keyring", value: "gnome-keyring", form: FormName, kind: KindGnomeKeyring},
		{name: "git credential-store through the shell", value: "!git credential-store --file /x", form: FormShell, kind: KindStore, storeFile: "/x"},
		{name: "custom", value: "!/opt/bin/my-helper", form: FormShell, kind: KindOther},
		{name: "empty", value: "", form: FormEmpty, kind: KindEmpty},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			goos := tc.goos
			if goos == "" {
				goos = "linux"
			}
			h := ParseHelper(tc.value, goos)
			if h.Form != tc.form || h.Kind != tc.kind {
				t.Fatalf("form, kind = %s, %s; want %s, %s", h.Form, h.Kind, tc.form, tc.kind)
			}
			var codes []string
			for _, p := range h.Problems {
				codes = append(codes, p.Code)
				if p.Message == "" {
					t.Errorf("problem %s has no message", p.Code)
				}
			}
			if strings.Join(codes, ",") != strings.Join(tc.problems, ",") {
				t.Errorf("problems = %v, want %v", codes, tc.problems)
			}
			if h.Runs() != (len(tc.problems) == 0 && tc.value != "") {
				t.Errorf("Runs() = %v with problems %v", h.Runs(), codes)
			}
			if h.StoreFile != tc.storeFile {
				t.Errorf("StoreFile = %q, want %q", h.StoreFile, tc.storeFile)
			}
			if tc.kind != KindAWSCLI {
				if h.AWS != nil {
					t.Errorf("AWS = %+v for a %s helper", h.AWS, tc.kind)
				}
				return
			}
			if h.AWS == nil {
				t.Fatal("AWS is nil for an AWS helper")
			}
			if tc.program != "" && h.AWS.Program != tc.program {
				t.Errorf("Program = %q, want %q", h.AWS.Program, tc.program)
			}
			if h.AWS.Profile != tc.profile || h.AWS.ProfileIntended != tc.intended || h.AWS.Region != tc.region {
				t.Errorf("profile, intended, region = %q, %q, %q; want %q, %q, %q",
					h.AWS.Profile, h.AWS.ProfileIntended, h.AWS.Region, tc.profile, tc.intended, tc.region)
			}
			if tc.fixed != "" && h.AWS.Value() != tc.fixed {
				t.Errorf("Value() = %q, want %q", h.AWS.Value(), tc.fixed)
			}
			if fixed := ParseHelper(h.AWS.Value(), goos); !fixed.Runs() || fixed.Kind != KindAWSCLI || fixed.AWS.ProfileName() != h.AWS.ProfileName() {
				t.Errorf("the fixed value %q does not parse back as a working AWS helper for profile %q: %+v", h.AWS.Value(), h.AWS.ProfileName(), fixed)
			}
		})
	}
}

func TestShellWords(t *testing.T) {
	tests := []struct {
		in      string
		want    []string
		complex bool
		err     bool
	}{
		{in: `aws codecommit credential-helper $@`, want: []string{"aws", "codecommit", "credential-helper", "$@"}},
		{in: `a "b c" 'd e' f\ g`, want: []string{"a", "b c", "d e", "f g"}},
		{in: `a "x\"y\$z\q"`, want: []string{"a", `x"y$z\q`}},
		{in: `a 'it''s'`, want: []string{"a", "its"}},
		{in: `a "b`, err: true},
		{in: `a 'b`, err: true},
		{in: `a # comment "`, want: []string{"a"}},
		{in: `a#b`, want: []string{"a#b"}},
		{in: `f() { a; }; f`, want: []string{"f", "(", ")", "{", "a", ";", "}", ";", "f"}, complex: true},
		{in: "a\\\nb", want: []string{"ab"}},
		{in: `""`, want: []string{""}},
		{in: "  ", want: nil},
	}
	for _, tc := range tests {
		got, complex, err := shellWords(tc.in)
		if (err != nil) != tc.err {
			t.Errorf("shellWords(%q) error = %v, want error %v", tc.in, err, tc.err)
			continue
		}
		if tc.err {
			continue
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") || len(got) != len(tc.want) || complex != tc.complex {
			t.Errorf("shellWords(%q) = %q complex=%v, want %q complex=%v", tc.in, got, complex, tc.want, tc.complex)
		}
	}
}

func TestShellQuoteWordRoundTrips(t *testing.T) {
	for _, w := range []string{"dev", "my profile", `a"b`, `C:\Program Files\x`, `a\`, "$HOME", "back`tick", `a\"b`, "", "tab\there"} {
		q := shellQuoteWord(w)
		got, _, err := shellWords(q)
		if err != nil || len(got) != 1 || got[0] != w {
			t.Errorf("shellQuoteWord(%q) = %s, which the shell reads as %q (%v)", w, q, got, err)
		}
	}
}

func FuzzParseHelper(f *testing.F) {
	for _, s := range []string{
		"!aws codecommit credential-helper $@",
		`!aws --profile "my profile" codecommit credential-helper $@`,
		"!aws --profile my profile codecommit credential-helper $@",
		"'!aws codecommit credential-helper $@'",
		`"!aws codecommit credential-helper $@"`,
		"aws codecommit credential-helper $@",
		`!"C:\Program Files\Amazon\AWSCLIV2\aws.exe" codecommit credential-helper $@`,
		"!aws.cmd codecommit credential-helper --region us-east-1 $@",
		`!f() { aws codecommit credential-helper "$@"; }; f`,
		"store --file ~/.git-credentials", "osxkeychain", "manager", "", "!", "'", `"`, "!aws --profile",
		"!aws codecommit credential-helper --profile=x --region= --endpoint-url",
	} {
		f.Add(s, "linux")
		f.Add(s, "windows")
	}
	f.Fuzz(func(t *testing.T, value, goos string) {
		h := ParseHelper(value, goos)
		if h.Raw != value {
			t.Fatalf("Raw = %q, want %q", h.Raw, value)
		}
		if (h.Kind == KindAWSCLI) != (h.AWS != nil) {
			t.Fatalf("kind %s with AWS %+v", h.Kind, h.AWS)
		}
		if h.AWS == nil {
			return
		}
		fixed := h.AWS.Value()
		if !strings.HasPrefix(fixed, "!") {
			t.Fatalf("Value() = %q does not start with !", fixed)
		}
		// The corrected value must itself be a working AWS helper with the
		// same profile, unless the program name cannot survive quoting.
		back := ParseHelper(fixed, goos)
		if back.Kind != KindAWSCLI || back.AWS.ProfileName() != h.AWS.ProfileName() || back.AWS.Region != h.AWS.Region {
			t.Fatalf("Value() %q of %q parses back as %+v", fixed, value, back.AWS)
		}
	})
}
