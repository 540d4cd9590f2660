package version

import (
	"strings"
	"testing"
)

func TestParseGitFixtures(t *testing.T) {
	for _, f := range loadFixtures[gitFixture](t, "git.json") {
		t.Run(f.Output, func(t *testing.T) {
			g, err := ParseGit(f.Output)
			if f.Error {
				checkParseError(t, err, "git --version")
				return
			}
			if err != nil {
				t.Fatalf("ParseGit: %v", err)
			}
			if got := g.Version.String(); got != f.Version {
				t.Errorf("Version = %q, want %q", got, f.Version)
			}
			if g.Flavor != f.Flavor {
				t.Errorf("Flavor = %q, want %q", g.Flavor, f.Flavor)
			}
			if g.Build != f.Build {
				t.Errorf("Build = %q, want %q", g.Build, f.Build)
			}
			if g.Supported() != f.Supported {
				t.Errorf("Supported() = %v, want %v", g.Supported(), f.Supported)
			}
			if !strings.HasPrefix(g.Raw, "git version ") || !strings.Contains(f.Output, g.Raw) {
				t.Errorf("Raw = %q is not the version line of the output", g.Raw)
			}
			if !strings.HasPrefix(g.Raw[len("git version "):], g.VersionText) {
				t.Errorf("VersionText = %q is not the printed version in %q", g.VersionText, g.Raw)
			}
		})
	}
}

func TestParseGitVariants(t *testing.T) {
	tests := []struct {
		name, out            string
		version, flavor      string
		build, suffix, vtext string
	}{
		{name: "two components", out: "git version 2.39\n", version: "2.39.0", flavor: FlavorPlain, vtext: "2.39"},
		{name: "three components", out: "git version 2.39.5", version: "2.39.5", flavor: FlavorPlain, vtext: "2.39.5"},
		{name: "fourth component kept in suffix", out: "git version 1.8.3.1\n", version: "1.8.3", flavor: FlavorPlain, suffix: "1", vtext: "1.8.3.1"},
		{name: "CRLF", out: "git version 2.45.1.windows.1\r\n", version: "2.45.1", flavor: FlavorWindows, build: "windows.1", suffix: "windows.1", vtext: "2.45.1.windows.1"},
		{name: "UTF-8 BOM", out: "\uFEFFgit version 2.43.0.windows.1\r\n", version: "2.43.0", flavor: FlavorWindows, build: "windows.1", suffix: "windows.1", vtext: "2.43.0.windows.1"},
		{name: "PowerShell UTF-16LE file", out: utf16LE("git version 2.43.0.windows.1\r\n"), version: "2.43.0", flavor: FlavorWindows, build: "windows.1", suffix: "windows.1", vtext: "2.43.0.windows.1"},
		{name: "surrounding whitespace", out: "  \n\t git version 2.39.3 (Apple Git-145)  \n\n", version: "2.39.3", flavor: FlavorApple, build: "Apple Git-145", vtext: "2.39.3"},
		{name: "warning first", out: "warning: unable to access '/root/.config/git/attributes': Permission denied\ngit version 2.34.1\n", version: "2.34.1", flavor: FlavorPlain, vtext: "2.34.1"},
		{name: "rc with windows", out: "git version 2.53.0.rc0.windows.1", version: "2.53.0-rc0", flavor: FlavorWindows, build: "windows.1", suffix: "rc0.windows.1", vtext: "2.53.0.rc0.windows.1"},
		{name: "dev build", out: "git version 2.46.0.rc2.20.g11f841c1cc", version: "2.46.0-rc2", flavor: FlavorPlain, suffix: "rc2.20.g11f841c1cc", vtext: "2.46.0.rc2.20.g11f841c1cc"},
		{name: "other parenthesised build", out: "git version 2.39.2 (Custom Build-7)", version: "2.39.2", flavor: FlavorPlain, build: "Custom Build-7", vtext: "2.39.2"},
		{name: "first bad line skipped", out: "git version unknown\ngit version 2.40.1\n", version: "2.40.1", flavor: FlavorPlain, vtext: "2.40.1"},
		{name: "tab before build", out: "git version 2.39.3\t(Apple Git-145)", version: "2.39.3", flavor: FlavorApple, build: "Apple Git-145", vtext: "2.39.3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := ParseGit(tt.out)
			if err != nil {
				t.Fatalf("ParseGit: %v", err)
			}
			if got := g.Version.String(); got != tt.version {
				t.Errorf("Version = %q, want %q", got, tt.version)
			}
			if g.Flavor != tt.flavor || g.Build != tt.build {
				t.Errorf("Flavor, Build = %q, %q; want %q, %q", g.Flavor, g.Build, tt.flavor, tt.build)
			}
			if g.Suffix != tt.suffix || g.VersionText != tt.vtext {
				t.Errorf("Suffix, VersionText = %q, %q; want %q, %q", g.Suffix, g.VersionText, tt.suffix, tt.vtext)
			}
			if strings.ContainsAny(g.Raw, "\r\n\uFEFF") || g.Raw != strings.TrimSpace(g.Raw) {
				t.Errorf("Raw = %q is not a trimmed line", g.Raw)
			}
		})
	}
}

func TestParseGitErrors(t *testing.T) {
	tests := []struct {
		name, out, want string
	}{
		{name: "empty", out: "", want: "empty output"},
		{name: "blank", out: " \r\n\t\n", want: "empty output"},
		{name: "prefix only", out: "git version\n", want: `got "git version"`},
		{name: "not a number", out: "git version abc\n", want: `got "abc"`},
		{name: "single component", out: "git version 2\n", want: "MAJOR.MINOR"},
		{name: "huge component", out: "git version 12345678901234567890.1.1\n", want: "longer than 9 digits"},
		{name: "other program", out: "hub version 2.14.2\n", want: `got "hub version 2.14.2"`},
		{name: "escape sequences stripped", out: "\x1b[31mfatal\x1b[0m: \x00bad\u202e\n", want: `got "fatal: bad"`},
		{name: "invalid UTF-8", out: "\xff\xfd\xfc", want: "expected a line like"},
		{name: "long text keeps head and tail", out: "fatal: " + strings.Repeat("x", 500) + " the end", want: "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := ParseGit(tt.out)
			checkParseError(t, err, tt.want)
			if g.Version != nil {
				t.Errorf("Version = %v on error, want nil", g.Version)
			}
		})
	}
}
