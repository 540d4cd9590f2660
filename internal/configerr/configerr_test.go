package configerr

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/tools"
)

// The messages are what git 2.39.5 printed for each broken file.
func TestGit(t *testing.T) {
	cases := []struct {
		name, stderr string
		want         Error
	}{
		{"bad line", "fatal: bad config line 3 in file /h/.gitconfig\n",
			Error{Tool: "git", File: "/h/.gitconfig", Line: 3, Problem: BadLine}},
		{"old git", "fatal: bad config file line 7 in /h/.gitconfig\n",
			Error{Tool: "git", File: "/h/.gitconfig", Line: 7, Problem: BadLine}},
		{"relative local", "fatal: bad config line 6 in file .git/config\n",
			Error{Tool: "git", File: ".git/config", Line: 6, Problem: BadLine}},
		{"include loop", "fatal: exceeded maximum include depth (10) while including\n\t/h/a\nfrom\n\t/h/.gitconfig\nThis might be due to circular includes.\n",
			Error{Tool: "git", File: "/h/a", Includer: "/h/.gitconfig", Problem: IncludeLoop}},
		{"directory", "warning: unable to access '/h/.gitconfig': Is a directory\nwarning: unable to access '/h/.gitconfig': Is a directory\nfatal: error processing config file(s)\n",
			Error{Tool: "git", File: "/h/.gitconfig", Problem: Inaccessible, Reason: "Is a directory"}},
		{"included directory", "warning: unable to access '/h/inc': Is a directory\nfatal: bad config line 2 in file /h/.gitconfig\n",
			Error{Tool: "git", File: "/h/inc", Problem: Inaccessible, Reason: "Is a directory", Includer: "/h/.gitconfig", IncluderLine: 2}},
		{"global directory", "warning: unable to access '/h/.gitconfig': Is a directory\nfatal: unable to read config file '/h/.gitconfig': Is a directory\n",
			Error{Tool: "git", File: "/h/.gitconfig", Problem: Inaccessible, Reason: "Is a directory"}},
		{"command line", "error: key does not contain a section: bad\nfatal: unable to parse command-line config\n",
			Error{Tool: "git", Problem: CommandLine}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Git(c.stderr)
			if got == nil {
				t.Fatalf("Git(%q) = nil", c.stderr)
			}
			got.Quote = ""
			if *got != c.want {
				t.Errorf("Git(%q)\n got %+v\nwant %+v", c.stderr, *got, c.want)
			}
		})
	}
	for _, s := range []string{"", "git: error while loading shared libraries: libpcre2-8.so.0", "warning: unable to access '/h/x': Is a directory\n",
		"fatal: unable to access 'https://git-codecommit.us-east-1.amazonaws.com/v1/repos/r/': The requested URL returned error: 403\n"} {
		if got := Git(s); got != nil {
			t.Errorf("Git(%q) = %+v, want nil", s, got)
		}
	}
}

func TestGitDescribe(t *testing.T) {
	e := Git("warning: unable to access '/h/inc': Is a directory\nfatal: bad config line 2 in file /h/.gitconfig\n")
	if got, want := e.Describe(func(p string) string { return p }), "git cannot read /h/inc: is a directory (included from /h/.gitconfig line 2)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if f, n := e.EditTarget(); f != "/h/inc" || n != 0 {
		t.Errorf("EditTarget = %q %d", f, n)
	}
	loop := Git("fatal: exceeded maximum include depth (10) while including\n\t/h/a\nfrom\n\t/h/.gitconfig\n")
	if f, _ := loop.EditTarget(); f != "/h/.gitconfig" {
		t.Errorf("the include loop is fixed in the includer, got %q", f)
	}
}

// The last line of the traceback AWS CLI 1.45.11 printed for a config file
// with an unclosed section header.
const traceback = `Traceback (most recent call last):
  File "/usr/bin/aws", line 27, in <module>
    sys.exit(main())
  File "/usr/lib/python3/site-packages/botocore/configloader.py", line 150, in raw_config_parse
    raise botocore.exceptions.ConfigParseError(
botocore.exceptions.ConfigParseError: Unable to parse config file: /h/.aws/config
`

func TestBotocore(t *testing.T) {
	e := Botocore(traceback)
	if e == nil || e.File != "/h/.aws/config" || e.Tool != "aws" {
		t.Fatalf("Botocore = %+v", e)
	}
	if Botocore("Traceback (most recent call last):\n  KeyError: 'path'\n") != nil {
		t.Error("a traceback without ConfigParseError is not a config problem")
	}
}

var iniCases = []string{
	"[default\nregion = us-east-1\n",
	"region = us-east-1\n",
	"[default]\nregion = us-east-1\nthis is bad\n",
	"[default]\naws_access_key_id\n",
	"[default]\nregion = a\nregion = b\n",
	"[default]\n[default]\n",
	"[DEFAULT]\n[DEFAULT]\n",
	"[default]\nregion = a\n  continued\n\n   still\nx = 1\n",
	"# c\n; c\n\n[a]\nk: v\n = v\n",
	"[a]\n= v\n  cont\n",
	"[a]\nbad\n[b]\nk = 1\nk = 2\n",
	"[a] trailing\nk = v\n",
	"[a]\r\nk = v\r\nbad\r\n",
	"[profile x]\ns3 =\n  addressing_style = path\n",
	"\ufeff[a]\nk = v\n",
	"[a]\nk = \xff\n",
	"[a]\nK = 1\nk = 2\n",
	"",
	"[a]\n  [b]\n",
	"[a]\nk = 1\n  [b]\n",
}

// BadINILine agrees with Python's configparser, which botocore uses.
func TestBadINILineMatchesConfigparser(t *testing.T) {
	py := tools.RequireTool(t, "python3")
	const script = `
import configparser, json, sys
out = []
for text in json.load(sys.stdin):
    cp = configparser.RawConfigParser()
    try:
        cp.read_string(text)
        out.append(0)
    except (configparser.MissingSectionHeaderError, configparser.DuplicateSectionError, configparser.DuplicateOptionError) as e:
        out.append(e.lineno)
    except configparser.ParsingError as e:
        out.append(e.errors[0][0])
print(json.dumps(out))
`
	var texts []string
	for _, c := range iniCases {
		if strings.ToValidUTF8(c, "") != c {
			continue // Python reads bytes as UTF-8 before configparser sees them
		}
		texts = append(texts, c)
	}
	in, _ := json.Marshal(texts)
	cmd := exec.Command(py, "-c", script)
	cmd.Stdin = strings.NewReader(string(in))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	var want []int
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatalf("python3 printed %q: %v", out, err)
	}
	for i, text := range texts {
		got := 0
		if e := BadINILine([]byte(text)); e != nil {
			got = e.Line
		}
		if got != want[i] {
			t.Errorf("BadINILine(%q) line %d, configparser says %d", text, got, want[i])
		}
	}
	if e := BadINILine([]byte("[a]\nk = \xff\n")); e == nil || e.Line != 2 {
		t.Errorf("invalid UTF-8: %+v", e)
	}
}
