package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
)

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Skipped  int          `xml:"skipped,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name      string          `xml:"name,attr"`
	Tests     int             `xml:"tests,attr"`
	Failures  int             `xml:"failures,attr"`
	Errors    int             `xml:"errors,attr"`
	Skipped   int             `xml:"skipped,attr"`
	Time      string          `xml:"time,attr"`
	Timestamp string          `xml:"timestamp,attr"`
	Props     []junitProperty `xml:"properties>property,omitempty"`
	Cases     []junitCase     `xml:"testcase"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *junitProblem `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

// JUnit writes the report as JUnit XML: one testcase per check; fail is a
// failure, error an error, skip skipped. Warnings pass, with their findings
// in system-out.
func JUnit(w io.Writer, r Report, _ Options) error {
	s := junitSuite{
		Name:      "codecommit-doctor",
		Tests:     checkCount(r),
		Failures:  r.Summary.Counts.Fail,
		Errors:    r.Summary.Counts.Error,
		Skipped:   r.Summary.Counts.Skip,
		Time:      seconds(r.DurationMS),
		Timestamp: r.StartedAt.Format("2006-01-02T15:04:05Z07:00"),
		Props: []junitProperty{
			{Name: "version", Value: r.Tool.Version},
			{Name: "platform", Value: r.Platform.OS + "/" + r.Platform.Arch},
		},
	}
	if r.Target != nil {
		s.Props = append(s.Props, junitProperty{Name: "target", Value: r.Target.URL})
	}
	for _, c := range r.Checks {
		s.Cases = append(s.Cases, junitCaseOf(c, c.ID))
	}
	names := targetNames(r.Targets)
	for i, t := range r.Targets {
		s.Props = append(s.Props, junitProperty{Name: "target", Value: names[i]})
		for _, c := range t.Checks {
			s.Cases = append(s.Cases, junitCaseOf(c, c.ID+" ("+names[i]+")"))
		}
	}
	doc := junitSuites{Name: "codecommit-doctor", Tests: s.Tests, Failures: s.Failures, Errors: s.Errors,
		Skipped: s.Skipped, Time: s.Time, Suites: []junitSuite{s}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("writing the JUnit report: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("writing the JUnit report: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("writing the JUnit report: %w", err)
	}
	return nil
}

// checkCount is the number of checks of the run, every target's included.
func checkCount(r Report) int {
	n := len(r.Checks)
	for _, t := range r.Targets {
		n += len(t.Checks)
	}
	return n
}

// junitCaseOf is a check's testcase: "remote", or in a run over several
// targets "remote (URL)", "remote (URL (from SOURCE in DIR))" when
// several targets share the URL.
func junitCaseOf(c Check, name string) junitCase {
	tc := junitCase{Name: name, Classname: "codecommit-doctor." + c.ID, Time: seconds(c.DurationMS)}
	problem := &junitProblem{Message: c.Summary, Type: firstCode(c), Text: findingsText(c.Findings)}
	switch c.Status {
	case checks.Fail:
		tc.Failure = problem
	case checks.Error:
		tc.Error = problem
	case checks.Skip:
		tc.Skipped = &junitProblem{Message: c.Summary}
	default:
		tc.SystemOut = strings.TrimSpace(c.Summary + "\n" + findingsText(c.Findings))
	}
	return tc
}

func seconds(ms int64) string { return fmt.Sprintf("%.3f", float64(ms)/1000) }

func firstCode(c Check) string {
	if len(c.Findings) > 0 {
		return c.Findings[0].Code
	}
	return c.Status.String()
}

// findingsText is the plain-text form of findings, for CI logs.
func findingsText(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "[%s] %s: %s\n", f.Severity, f.Code, f.Message)
		n := 0
		for _, step := range f.Remediation {
			if IsCommand(step) {
				n++
				fmt.Fprintf(&b, "  %d. %s\n", n, step)
			} else {
				fmt.Fprintf(&b, "  - %s\n", step)
			}
		}
		for _, d := range f.Docs {
			fmt.Fprintf(&b, "  Docs: %s\n", d)
		}
	}
	return b.String()
}
