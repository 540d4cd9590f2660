package report

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
)

// sampleTargets is a run over two targets: git shared, one repository
// fine, the other missing.
func sampleTargets(strict bool) Report {
	pass := func(id, summary string) checks.Outcome {
		return checks.Outcome{Info: checks.Info{ID: id, Title: id}, Result: checks.Result{Status: checks.Pass, Summary: summary}, Duration: time.Millisecond}
	}
	missing := checks.Outcome{Info: checks.Info{ID: "reproduce", Title: "git ls-remote"}, Result: checks.Result{Status: checks.Fail, Summary: "repository Gone does not exist",
		Findings: []checks.Finding{{Code: "repository-not-found", Severity: checks.Fail, Message: "Repository Gone does not exist in us-east-1. Check the name.",
			Remediation: []string{"aws codecommit list-repositories --region us-east-1"}}}}}
	warned := checks.Outcome{Info: checks.Info{ID: "remote", Title: "remote"}, Result: checks.Result{Status: checks.Warn, Summary: "repository Ok",
		Findings: []checks.Finding{{Code: "url-unusual-port", Severity: checks.Warn, Message: "explicit port 4443."}}}}
	region := "us-east-1"
	ok, gone := "Ok", "Gone"
	return BuildTargets(Meta{Version: "1.2.3", StartedAt: time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC), OS: "linux", Arch: "amd64", Strict: strict},
		[]checks.Outcome{pass("git", "Git 2.39.5")},
		[]TargetInput{
			{URL: "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/Ok", Source: "remote:origin", Remote: "origin", Dir: "~/src/ok",
				Target:   &Target{URL: "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/Ok", Scheme: "https", Region: &region, Repository: &ok, Source: "remote:origin"},
				Outcomes: []checks.Outcome{warned, pass("reproduce", "git ls-remote works")}},
			{URL: "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/Gone", Source: "argument",
				Target:   &Target{URL: "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/Gone", Scheme: "https", Region: &region, Repository: &gone, Source: "argument"},
				Outcomes: []checks.Outcome{pass("remote", "repository Gone"), missing}},
		})
}

func TestBuildTargetsCountsEveryTargetAndNamesTheFailingOnes(t *testing.T) {
	r := sampleTargets(false)
	if r.Target != nil || len(r.Checks) != 1 || r.Checks[0].ID != "git" {
		t.Fatalf("top level must hold the shared checks only and no target: %+v %+v", r.Target, r.Checks)
	}
	if c := r.Summary.Counts; c.Pass != 3 || c.Warn != 1 || c.Fail != 1 || r.Summary.ExitCode != ExitFail || r.Summary.Status != checks.Fail {
		t.Fatalf("summary = %+v, want 3 pass 1 warn 1 fail, exit 1", r.Summary)
	}
	if r.Targets[0].ExitCode != ExitOK || r.Targets[1].ExitCode != ExitFail {
		t.Errorf("per-target exit codes = %d, %d; want 0, 1", r.Targets[0].ExitCode, r.Targets[1].ExitCode)
	}
	v := r.Verdict
	if v == nil || v.Code != "repository-not-found" || !strings.HasPrefix(v.Cause, "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/Gone (from argument): Repository Gone") {
		t.Fatalf("verdict = %+v, want the missing repository, named", v)
	}
	if len(v.Targets) != 1 || !strings.HasSuffix(v.Targets[0], "/Gone (from argument)") {
		t.Errorf("verdict targets = %q, want the failing one alone", v.Targets)
	}
	if v.FirstStep != "aws codecommit list-repositories --region us-east-1" {
		t.Errorf("first step = %q", v.FirstStep)
	}
	if s := sampleTargets(true); s.Targets[0].ExitCode != ExitFail || len(s.Verdict.Targets) != 2 {
		t.Errorf("--strict: the warning target's exit code = %d, want 1, and both named: %q", s.Targets[0].ExitCode, s.Verdict.Targets)
	}
}

func TestTargetsTextHasASectionPerTarget(t *testing.T) {
	var buf bytes.Buffer
	if err := Text(&buf, sampleTargets(false), Options{SkipHeader: true}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"Shared by every target (run once):\n✓ git ",
		"Target 1 of 2: https://git-codecommit.us-east-1.amazonaws.com/v1/repos/Ok (from remote:origin in ~/src/ok)\n! remote ",
		"Result: ! 1 passed, 1 warned: explicit port 4443.",
		"Target 2 of 2: https://git-codecommit.us-east-1.amazonaws.com/v1/repos/Gone (from argument)\n✓ remote ",
		"Result: ✗ 1 passed, 1 failed: Repository Gone does not exist in us-east-1.",
		"Summary: 3 passed, 1 warned, 1 failed over 2 targets in 0ms · exit 1",
		"Verdict: ✗ https://git-codecommit.us-east-1.amazonaws.com/v1/repos/Gone (from argument): Repository Gone does not exist in us-east-1.",
		"First:   aws codecommit list-repositories --region us-east-1",
		"Targets: 1 of 2 targets fails: https://git-codecommit.us-east-1.amazonaws.com/v1/repos/Gone (from argument)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\nTarget: ") {
		t.Errorf("a run over several targets has no single Target line:\n%s", out)
	}
}

func TestTargetsMarkdownAndGitHubNameEachTarget(t *testing.T) {
	r := sampleTargets(false)
	var md, gh bytes.Buffer
	if err := Markdown(&md, r, Options{SkipHeader: true}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"- **Targets:** 2\n", "## Shared by every target\n", "## Target 2 of 2: `https://git-codecommit.us-east-1.amazonaws.com/v1/repos/Gone` (from argument)\n",
		"### ❌ `reproduce`: git ls-remote", "**Result:** ❌ fail (1 passed, 1 failed): Repository Gone"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q:\n%s", want, md.String())
		}
	}
	if err := GitHub(&gh, r, Options{}); err != nil {
		t.Fatal(err)
	}
	if want := "::error title=codecommit-doctor reproduce (https%3A//git-codecommit.us-east-1.amazonaws.com/v1/repos/Gone)%3A repository-not-found::"; !strings.Contains(gh.String(), want) {
		t.Errorf("github lacks %q:\n%s", want, gh.String())
	}
}

func TestTargetsJUnitHasACasePerCheckAndTarget(t *testing.T) {
	var buf bytes.Buffer
	if err := JUnit(&buf, sampleTargets(false), Options{}); err != nil {
		t.Fatal(err)
	}
	var doc junitSuites
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range doc.Suites[0].Cases {
		names = append(names, c.Name)
	}
	want := []string{"git",
		"remote (https://git-codecommit.us-east-1.amazonaws.com/v1/repos/Ok)", "reproduce (https://git-codecommit.us-east-1.amazonaws.com/v1/repos/Ok)",
		"remote (https://git-codecommit.us-east-1.amazonaws.com/v1/repos/Gone)", "reproduce (https://git-codecommit.us-east-1.amazonaws.com/v1/repos/Gone)"}
	if strings.Join(names, "|") != strings.Join(want, "|") {
		t.Fatalf("testcases = %q, want %q", names, want)
	}
	if doc.Tests != 5 || doc.Failures != 1 || doc.Suites[0].Cases[4].Failure == nil {
		t.Errorf("tests=%d failures=%d; the missing repository's reproduce must fail", doc.Tests, doc.Failures)
	}
}

func TestTargetsJSONValidatesAgainstBothSchemas(t *testing.T) {
	var buf bytes.Buffer
	if err := JSON(&buf, sampleTargets(false), Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"targets": [`) || !strings.Contains(buf.String(), `"target": null`) {
		t.Fatalf("JSON lacks targets or a null target:\n%s", buf.String())
	}
	for _, path := range []string{filepath.Join("testdata", "report.schema.json"), sharedSchema} {
		abs, err := filepath.Abs(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(abs); os.IsNotExist(err) {
			t.Logf("%s not present", abs)
			continue
		}
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		s, err := c.Compile(abs)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(doc); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
}

func TestScanTableHasARowPerTarget(t *testing.T) {
	var buf bytes.Buffer
	if err := ScanTable(&buf, sampleTargets(false), Options{SkipHeader: true}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		`(?m)^REPOSITORY +REMOTE +VERDICT +FIRST FINDING$`,
		`(?m)^~/src/ok +origin +! warn +remote/url-unusual-port: explicit port 4443\.$`,
		`(?m)^https://git-codecommit.us-east-1.amazonaws.com/v1/repos/Gone  argument  ✗ fail   reproduce/repository-not-found: Repository Gone does not exist in us-east-1\.$`,
		`(?m)^Summary: 3 passed, 1 warned, 1 failed over 2 targets`,
		`(?m)^First:   aws codecommit list-repositories --region us-east-1$`,
	} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("table lacks %s:\n%s", want, out)
		}
	}
	lines := strings.Split(out, "\n")
	if strings.Index(lines[0], "REMOTE") != strings.Index(lines[1], "origin") {
		t.Errorf("columns are not aligned:\n%s", out)
	}
	if strings.Contains(out, "✓ git") {
		t.Errorf("a passing shared check has no line in the table:\n%s", out)
	}
}

func TestTargetNamesTellApartTargetsWithOneURL(t *testing.T) {
	u := "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/R"
	got := targetNames([]TargetReport{
		{URL: u, Source: "remote:origin", Dir: "~/a"},
		{URL: u, Source: "remote:origin", Dir: "~/b"},
		{URL: u + "2", Source: "argument"},
	})
	want := []string{u + " (from remote:origin in ~/a)", u + " (from remote:origin in ~/b)", u + "2"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("targetNames = %q, want %q", got, want)
	}
}
