package version

import (
	"errors"
	"testing"
)

func FuzzParseGit(f *testing.F) {
	for _, fx := range loadFixtures[gitFixture](f, "git.json") {
		f.Add(fx.Output)
	}
	f.Add(utf16LE("git version 2.43.0.windows.1\r\n"))
	f.Add("git version 2.39")
	f.Fuzz(func(t *testing.T, out string) {
		g, err := ParseGit(out)
		if err != nil {
			if !errors.Is(err, ErrUnrecognized) {
				t.Fatalf("error %q does not wrap ErrUnrecognized", err)
			}
			if len(err.Error()) > 400 {
				t.Fatalf("error is %d bytes long", len(err.Error()))
			}
			return
		}
		if g.Version == nil {
			t.Fatal("success with nil Version")
		}
		switch g.Flavor {
		case FlavorApple, FlavorWindows, FlavorVFS, FlavorMsysgit, FlavorPlain:
		default:
			t.Fatalf("unknown flavor %q", g.Flavor)
		}
		if g.Raw == "" || g.VersionText == "" {
			t.Fatalf("empty Raw or VersionText: %+v", g)
		}
		_ = GitFeatures(g.Version)
	})
}

func FuzzParseAWSCLI(f *testing.F) {
	for _, fx := range loadFixtures[awsFixture](f, "aws.json") {
		f.Add(fx.Output)
	}
	f.Add(utf16LE("aws-cli/2.15.32 Python/3.11.8 Windows/10 exe/AMD64 prompt/off\r\n"))
	f.Add("aws-cli/2.0.0dev4 Python/3.7.4")
	f.Fuzz(func(t *testing.T, out string) {
		a, err := ParseAWSCLI(out)
		if err != nil {
			if !errors.Is(err, ErrUnrecognized) {
				t.Fatalf("error %q does not wrap ErrUnrecognized", err)
			}
			if len(err.Error()) > 400 {
				t.Fatalf("error is %d bytes long", len(err.Error()))
			}
			return
		}
		if a.Version == nil {
			t.Fatal("success with nil Version")
		}
		if a.Major < 0 || uint64(a.Major) != a.Version.Major() {
			t.Fatalf("Major %d disagrees with Version %s", a.Major, a.Version)
		}
		if a.Raw == "" || a.VersionText == "" {
			t.Fatalf("empty Raw or VersionText: %+v", a)
		}
	})
}
