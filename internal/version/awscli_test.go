package version

import (
	"maps"
	"strings"
	"testing"
)

func TestParseAWSCLIFixtures(t *testing.T) {
	for _, f := range loadFixtures[awsFixture](t, "aws.json") {
		t.Run(f.Output, func(t *testing.T) {
			a, err := ParseAWSCLI(f.Output)
			if f.Error {
				checkParseError(t, err, "aws --version")
				return
			}
			if err != nil {
				t.Fatalf("ParseAWSCLI: %v", err)
			}
			if got := a.Version.String(); got != f.Version {
				t.Errorf("Version = %q, want %q", got, f.Version)
			}
			got := []string{a.Python, a.OS, a.OSRelease, a.Botocore, a.Installer, a.Exe}
			want := []string{f.Python, f.OS, f.OSRelease, f.Botocore, f.Installer, f.Exe}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("Python, OS, OSRelease, Botocore, Installer, Exe = %q, want %q", got, want)
					break
				}
			}
			if a.Major != f.Major {
				t.Errorf("Major = %d, want %d", a.Major, f.Major)
			}
			if a.Supported() != f.Supported {
				t.Errorf("Supported() = %v, want %v", a.Supported(), f.Supported)
			}
			if !strings.HasPrefix(a.Raw, "aws-cli/"+a.VersionText+" ") || !strings.Contains(f.Output, a.Raw) {
				t.Errorf("Raw = %q, VersionText = %q: not the version line of the output", a.Raw, a.VersionText)
			}
		})
	}
}

func TestParseAWSCLIVariants(t *testing.T) {
	tests := []struct {
		name, out string
		version   string
		major     int
		os        string
		extra     map[string]string
	}{
		{name: "v1 on stderr with CRLF", out: "aws-cli/1.16.116 Python/3.6.8 Windows/10 botocore/1.12.106\r\n", version: "1.16.116", major: 1, os: "Windows"},
		{name: "BOM and whitespace", out: "\uFEFF  aws-cli/1.18.69 Python/3.8.10 Linux/5.4.0-84-generic botocore/1.16.19  \n\n", version: "1.18.69", major: 1, os: "Linux"},
		{name: "PowerShell UTF-16LE file", out: utf16LE("aws-cli/2.15.32 Python/3.11.8 Windows/10 exe/AMD64 prompt/off\r\n"), version: "2.15.32", major: 2, os: "Windows", extra: map[string]string{"prompt": "off"}},
		{name: "extra tokens", out: "aws-cli/2.13.5 Python/3.11.4 Linux/4.14.255 exec-env/CloudShell exe/x86_64.amzn.2 prompt/off command/ec2.start-instances", version: "2.13.5", major: 2, os: "Linux",
			extra: map[string]string{"exec-env": "CloudShell", "prompt": "off", "command": "ec2.start-instances"}},
		{name: "dev version", out: "aws-cli/2.0.0dev4 Python/3.7.4 Darwin/18.7.0 botocore/2.0.0dev3", version: "2.0.0-dev4", major: 2, os: "Darwin"},
		{name: "two components", out: "aws-cli/1.7 Python/2.7.6 Linux/3.13.0", version: "1.7.0", major: 1, os: "Linux"},
		{name: "empty Windows release", out: "aws-cli/1.16.170 Python/3.6.0 Windows/ botocore/1.12.160", version: "1.16.170", major: 1, os: "Windows"},
		{name: "version only", out: "aws-cli/2.15.30", version: "2.15.30", major: 2},
		{name: "deprecation warning after", out: "aws-cli/1.29.85 Python/3.7.16 Linux/5.10.0 botocore/1.31.85\nPythonDeprecationWarning: Boto3 will no longer support Python 3.7\n", version: "1.29.85", major: 1, os: "Linux"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseAWSCLI(tt.out)
			if err != nil {
				t.Fatalf("ParseAWSCLI: %v", err)
			}
			if got := a.Version.String(); got != tt.version {
				t.Errorf("Version = %q, want %q", got, tt.version)
			}
			if a.Major != tt.major || a.OS != tt.os {
				t.Errorf("Major, OS = %d, %q; want %d, %q", a.Major, a.OS, tt.major, tt.os)
			}
			if !maps.Equal(a.Extra, tt.extra) {
				t.Errorf("Extra = %v, want %v", a.Extra, tt.extra)
			}
		})
	}
}

func TestParseAWSCLIErrors(t *testing.T) {
	tests := []struct {
		name, out, want string
	}{
		{name: "empty", out: "", want: "empty output"},
		{name: "git output", out: "git version 2.39.5\n", want: `got "git version 2.39.5"`},
		{name: "no version", out: "aws-cli/ Python/3.11.7\n", want: `after "aws-cli/", got empty output`},
		{name: "bad version", out: "aws-cli/latest Python/3.11.7\n", want: `got "latest"`},
		{name: "usage error", out: "usage: aws [options] <command> <subcommand> [<subcommand> ...] [parameters]\naws: error: the following arguments are required: command\n", want: "usage: aws"},
		{name: "huge component", out: "aws-cli/1.99999999999.1", want: "longer than 9 digits"},
		{name: "control characters", out: "\x07\x1b]0;title\x07aws: command not found\x00", want: `got "aws: command not found"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := ParseAWSCLI(tt.out)
			checkParseError(t, err, tt.want)
			if a.Version != nil {
				t.Errorf("Version = %v on error, want nil", a.Version)
			}
		})
	}
}
