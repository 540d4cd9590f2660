package main

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/fakeaws"
	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/tools"
)

var update = flag.Bool("update", false, "rewrite testdata/golden files from the current output")

// TestMain lets the test binary act as the codecommit-doctor program, sealed
// like main, so the scripts run the real command in its own process with a
// prepared HOME, PATH and config.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"codecommit-doctor": func() { os.Exit(sys.Sealed(mainExit)) },
	})
}

func TestScripts(t *testing.T) {
	goldenDir, err := filepath.Abs("testdata/golden")
	if err != nil {
		t.Fatal(err)
	}
	schemas := compileSchemas(t)
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/scripts",
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(env *testscript.Env) error {
			env.Values[scriptTKey{}] = env.T()
			// A machine's own CI variable would change the doctor's
			// behaviour; scripts set it when they mean to.
			env.Setenv("CI", "")
			env.Setenv("NO_COLOR", "")
			// The instance metadata address must never cost time in tests,
			// and no test may reach toward real AWS: every AWS API call goes
			// to a closed loopback port unless a script points it elsewhere.
			env.Setenv("AWS_EC2_METADATA_DISABLED", "true")
			env.Setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:1")
			env.Setenv("HOME", filepath.Join(env.WorkDir, "home"))
			// The report's header names the OS release and the shell: the
			// same ones on every machine.
			osRelease := filepath.Join(env.WorkDir, ".os-release")
			if err := os.WriteFile(osRelease, []byte("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\n"), 0o644); err != nil {
				return err
			}
			env.Setenv("CODECOMMIT_DOCTOR_TEST_OS_RELEASE", osRelease)
			env.Setenv("SHELL", "/bin/bash")
			// PATH holds the scripts' own bin and the doctor alone, so no
			// program of this machine leaks in; $DOCTORBIN lets a script
			// build another PATH.
			doctorBin, err := commandDir(env.Getenv("PATH"))
			if err != nil {
				return err
			}
			env.Setenv("DOCTORBIN", doctorBin)
			env.Setenv("PATH", filepath.Join(env.WorkDir, "bin")+string(os.PathListSeparator)+doctorBin)
			return os.MkdirAll(filepath.Join(env.WorkDir, "home"), 0o755)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"golden":    goldenCmd(goldenDir),
			"schema-ok": schemaCmd(schemas),
			"junit-ok":  junitCmd,
			"unsetenv":  func(ts *testscript.TestScript, _ bool, args []string) { ts.Setenv(args[0], "") },
			"fakeaws":   fakeawsCmd,
			"realgit":   realgitCmd,
			"realaws":   realawsCmd,
		},
	})
}

// commandDir finds the directory where testscript put the doctor program.
func commandDir(path string) (string, error) {
	for _, dir := range filepath.SplitList(path) {
		if _, err := os.Stat(filepath.Join(dir, "codecommit-doctor")); err == nil {
			return dir, nil
		}
	}
	return "", fmt.Errorf("codecommit-doctor is not on the test PATH %q", path)
}

// fakeawsCmd writes a fake AWS CLI (internal/testenv/fakeaws):
//
//	fakeaws [-at FILE] [-version LINE] [BEHAVIOUR]
//
// FILE is bin/aws unless given, LINE what `aws --version` prints
// (fakeaws.DefaultVersion), BEHAVIOUR one of fakeaws.Behaviours() (helper:
// the credential helper's erase succeeds, anything else is unexpected).
func fakeawsCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! fakeaws")
	}
	fs := flag.NewFlagSet("fakeaws", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	at := fs.String("at", "bin/aws", "")
	version := fs.String("version", "", "")
	usage := fmt.Sprintf("usage: fakeaws [-at FILE] [-version LINE] [BEHAVIOUR], BEHAVIOUR one of %v", fakeaws.Behaviours())
	if err := fs.Parse(args); err != nil || fs.NArg() > 1 {
		ts.Fatalf("%s", usage)
	}
	behaviour := fakeaws.Helper
	if fs.NArg() == 1 {
		behaviour = fakeaws.Behaviour(fs.Arg(0))
	}
	ts.Check(fakeaws.Write(ts.MkAbs(*at), behaviour, *version))
}

// realgitCmd links the real git of the test process's PATH into the
// script's world:
//
//	realgit [FILE]
//
// FILE is bin/git unless given. Without git the script is skipped loudly,
// or, when the test process has CI set, it fails (tools.RequireTool): a
// dangling link would fail it for the wrong reason.
func realgitCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) > 1 {
		ts.Fatalf("usage: realgit [FILE]")
	}
	link := "bin/git"
	if len(args) == 1 {
		link = args[0]
	}
	git := tools.RequireTool(scriptT{ts}, "git")
	link = ts.MkAbs(link)
	ts.Check(os.MkdirAll(filepath.Dir(link), 0o755))
	ts.Check(os.Symlink(git, link))
}

// realawsCmd links the real AWS CLI into the script's bin: `realaws`. A
// pyenv shim needs bash and pyenv on PATH and picks the Python from HOME,
// so the program it would run is linked instead.
func realawsCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) > 0 {
		ts.Fatalf("usage: realaws")
	}
	aws := tools.RequireTool(scriptT{ts}, "aws")
	if filepath.Base(filepath.Dir(aws)) == "shims" {
		out, err := exec.Command("pyenv", "which", "aws").Output()
		if err != nil {
			ts.Fatalf("%s is a pyenv shim and `pyenv which aws` failed: %v", aws, err)
		}
		aws = strings.TrimSpace(string(out))
	}
	link := ts.MkAbs("bin/aws")
	ts.Check(os.MkdirAll(filepath.Dir(link), 0o755))
	ts.Check(os.Symlink(aws, link))
}

// scriptTKey holds the script's testscript.T in Env.Values, for skipping.
type scriptTKey struct{}

// scriptT lets tools.RequireTool skip or fail a script.
type scriptT struct{ ts *testscript.TestScript }

func (s scriptT) Skip(args ...any)  { s.ts.Value(scriptTKey{}).(testscript.T).Skip(args...) }
func (s scriptT) Fatal(args ...any) { s.ts.Fatalf("%s", fmt.Sprint(args...)) }
func (s scriptT) Name() string      { return "script " + s.ts.Name() + ".txtar" }

// timings are the parts of text output that change from run to run.
var timings = regexp.MustCompile(`\(\d+(\.\d+)?m?s\)|in \d+(\.\d+)?m?s|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC|took \d+(\.\d+)?m?s`)

// goldenCmd compares a script's stdout (or a file) with testdata/golden/NAME,
// timings masked; with -update it rewrites the golden file instead.
func goldenCmd(dir string) func(ts *testscript.TestScript, neg bool, args []string) {
	return func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: golden stdout|FILE NAME")
		}
		got := strings.ReplaceAll(ts.ReadFile(args[0]), ts.Getenv("WORK"), "$WORK")
		got = timings.ReplaceAllString(got, "(TIME)")
		path := filepath.Join(dir, args[1])
		if *update {
			ts.Check(os.WriteFile(path, []byte(got), 0o644))
			return
		}
		want, err := os.ReadFile(path)
		ts.Check(err)
		if got != string(want) {
			ts.Fatalf("output differs from %s (run go test ./cmd/codecommit-doctor -update to refresh):\n--- got\n%s\n--- want\n%s", path, got, want)
		}
	}
}

// schemaCmd validates a JSON report against the project's living contract
// (report/testdata/report.schema.json) and the v1 baseline in shared/.
func schemaCmd(schemas []*jsonschema.Schema) func(ts *testscript.TestScript, neg bool, args []string) {
	return func(ts *testscript.TestScript, neg bool, args []string) {
		for _, schema := range schemas {
			doc, err := jsonschema.UnmarshalJSON(strings.NewReader(ts.ReadFile(args[0])))
			if err != nil {
				ts.Fatalf("report is not JSON: %v", err)
			}
			err = schema.Validate(doc)
			if neg != (err != nil) {
				ts.Fatalf("schema validation: %v (negated: %v)", err, neg)
			}
		}
		if neg {
			return
		}
		problems, err := remedyProblems(ts.ReadFile(args[0]))
		if err != nil {
			ts.Fatalf("%v", err)
		}
		if len(problems) > 0 {
			ts.Fatalf("printed commands that cannot be run as printed:\n%s", strings.Join(problems, "\n"))
		}
	}
}

// junitCmd parses a JUnit report back and checks one testcase's outcome:
// junit-ok stdout ID failure|error|skipped|passed.
func junitCmd(ts *testscript.TestScript, neg bool, args []string) {
	var doc struct {
		Suites []struct {
			Tests int `xml:"tests,attr"`
			Cases []struct {
				Name    string    `xml:"name,attr"`
				Failure *struct{} `xml:"failure"`
				Error   *struct{} `xml:"error"`
				Skipped *struct{} `xml:"skipped"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.NewDecoder(bytes.NewReader([]byte(ts.ReadFile(args[0])))).Decode(&doc); err != nil {
		ts.Fatalf("JUnit report does not parse: %v", err)
	}
	for _, s := range doc.Suites {
		if s.Tests != len(s.Cases) {
			ts.Fatalf("tests=%d but %d testcases", s.Tests, len(s.Cases))
		}
		for _, c := range s.Cases {
			if c.Name != args[1] {
				continue
			}
			got := "passed"
			switch {
			case c.Failure != nil:
				got = "failure"
			case c.Error != nil:
				got = "error"
			case c.Skipped != nil:
				got = "skipped"
			}
			if got != args[2] {
				ts.Fatalf("testcase %s is %s, want %s", args[1], got, args[2])
			}
			return
		}
	}
	ts.Fatalf("no testcase %s", args[1])
}

func compileSchemas(t *testing.T) []*jsonschema.Schema {
	t.Helper()
	var out []*jsonschema.Schema
	for i, rel := range []string{filepath.Join("..", "..", "report", "testdata", "report.schema.json"), filepath.Join("..", "..", "..", "shared", "report.schema.json")} {
		path, err := filepath.Abs(rel)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(path); i > 0 && os.IsNotExist(err) {
			t.Logf("%s not present: validating against the project's schema only", path)
			continue
		}
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		s, err := c.Compile(path)
		if err != nil {
			t.Fatalf("compiling %s: %v", path, err)
		}
		out = append(out, s)
	}
	return out
}
