package ccurl

import (
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

var codeRE = regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)

// urlPassword returns the password net/url finds in s, raw (still
// %-escaped) and decoded.
func urlPassword(s string) (raw, decoded string, ok bool) {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return "", "", false
	}
	decoded, ok = u.User.Password()
	if !ok {
		return "", "", false
	}
	raw, _ = rawPassword(s)
	return raw, decoded, true
}

// rawPassword splits s the way net/url does, without validating it: the
// authority is the text after "//" up to the first '/', once any "#..." and
// "?..." are cut off; the user info is what precedes the last '@' in it; the
// password is what follows the first ':' in the user info.
func rawPassword(s string) (string, bool) {
	rest, _, _ := strings.Cut(s, "#")
	rest, _, _ = strings.Cut(rest, "?")
	i := strings.Index(rest, "//")
	if i < 0 {
		return "", false
	}
	authority := rest[i+2:]
	if j := strings.IndexByte(authority, '/'); j >= 0 {
		authority = authority[:j]
	}
	at := strings.LastIndexByte(authority, '@')
	if at < 0 {
		return "", false
	}
	_, pw, found := strings.Cut(authority[:at], ":")
	return pw, found
}

func FuzzParse(f *testing.F) {
	for _, fx := range fixtureURLs(f) {
		f.Add(fx[1])
	}
	for _, s := range []string{
		"", " ", "https://", "https://u:p@", "https://u:p@ss@h/", "https://u:%zz@h/", "//u:secret@h/x",
		"codecommit::", "codecommit::://", "codecommit://a:b@c@d", "ssh://u:pw@h:22/v1/repos/r",
		"https://[::1]:443/v1/repos/r", "https://h/v1/repos/%E2%82%AC", "x::y", "a:b", "[h]:v1/repos/r",
		"https://u:D@h@h/", "https://u:%00@h/", "https://git-codecommit.\xff.amazonaws.com/v1/repos/r",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := Parse(s)
		if r.Raw != s {
			t.Fatalf("Raw = %q, want the input %q", r.Raw, s)
		}
		switch r.Scheme {
		case SchemeHTTPS, SchemeCodeCommit, SchemeSSH, SchemeOther:
		default:
			t.Fatalf("Scheme = %q", r.Scheme)
		}
		if hasControl(r.Display) {
			t.Fatalf("Display %q has control characters", r.Display)
		}
		for _, p := range r.Problems {
			if !codeRE.MatchString(p.Code) || p.Message == "" {
				t.Fatalf("bad problem %+v", p)
			}
		}
		if r.Scheme == SchemeOther && len(r.Problems) == 0 {
			t.Fatalf("Scheme other without a reason for %q", s)
		}
		if r.HasPassword && !r.HasUserInfo {
			t.Fatalf("HasPassword without HasUserInfo for %q", s)
		}
		if !reflect.DeepEqual(r, Parse(s)) {
			t.Fatalf("Parse(%q) is not deterministic", s)
		}
		// The password never shows. Check the pieces between markers, so
		// text around a marker cannot spell a password by accident.
		raw, decoded, ok := urlPassword(s)
		if !ok {
			return
		}
		// Read the same way, Display's password is exactly the marker.
		if pw, _ := rawPassword(r.Display); pw != Redacted {
			t.Fatalf("Display %q of %q has password %q, want %q", r.Display, s, pw, Redacted)
		}
		for piece := range strings.SplitSeq(r.Display, Redacted) {
			if raw != "" && strings.Count(s, raw) == 1 && strings.Contains(piece, raw) {
				t.Fatalf("Display %q shows the password of %q", r.Display, s)
			}
			if decoded != "" && strings.Count(s, decoded) <= 1 && strings.Contains(piece, decoded) {
				t.Fatalf("Display %q shows the decoded password of %q", r.Display, s)
			}
		}
	})
}

// FuzzConsole checks that console recognition never panics, and that
// the clone URL it makes for a valid name in a CodeCommit region parses as
// a CodeCommit URL with no problem.
func FuzzConsole(f *testing.F) {
	for _, s := range []string{
		"https://us-east-1.console.aws.amazon.com/codesuite/codecommit/repositories/R/browse?region=us-east-1",
		"https://console.aws.amazon.com/codecommit/home?region=us-west-2#/repository/R/browse/HEAD/--/",
		"https://console.aws.amazon.com//codesuite//codecommit/repositories//R.git//setup",
		"https://console.aws.amazon.com/codesuite/codecommit/repositories/%zz/browse",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, ok := ParseConsole(s)
		if !ok || c.CloneURL() == "" || !ValidRepositoryName(c.Repository) || !RegionSupported(c.Region) {
			return
		}
		r := Parse(c.CloneURL())
		if !r.IsCodeCommit() || r.Repository != c.Repository || r.Region != c.Region {
			t.Fatalf("console %q: clone URL %q parses as %+v", s, c.CloneURL(), r)
		}
		for _, p := range r.Problems {
			if !IsRegionProblem(p.Code) {
				t.Fatalf("console %q: clone URL %q has problem %s", s, c.CloneURL(), p.Code)
			}
		}
	})
}
