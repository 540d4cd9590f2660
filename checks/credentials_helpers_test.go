package checks

import (
	"context"
	"errors"
	"os"
	"strings"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient/awsfake"
	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// awsTestSys is a machine with an environment and files, and no programs.
type awsTestSys struct {
	env   map[string]string
	files map[string]string
}

func (s awsTestSys) Run(context.Context, sys.Command) (sys.Output, error) {
	return sys.Output{}, errors.New("no programs in this test")
}
func (s awsTestSys) LookPath(name string) (string, error) { return "", os.ErrNotExist }
func (s awsTestSys) Getenv(k string) string               { return s.env[k] }
func (s awsTestSys) LookupEnv(k string) (string, bool)    { v, ok := s.env[k]; return v, ok }
func (s awsTestSys) HomeDir() string                      { return "/home/u" }
func (s awsTestSys) ReadFile(p string, _ int64) ([]byte, error) {
	if v, ok := s.files[p]; ok {
		return []byte(v), nil
	}
	return nil, os.ErrNotExist
}
func (s awsTestSys) FileExists(p string) bool { _, ok := s.files[p]; return ok }
func (s awsTestSys) GOOS() string             { return "linux" }
func (s awsTestSys) Now() time.Time           { return time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC) }

// awsEnv builds an Env with the given variables, options and finished
// prerequisites.
func awsEnv(vars map[string]string, opts Options, deps map[string]Result) *Env {
	e := &Env{Sys: awsTestSys{env: vars}, Options: opts}
	return e.withDeps(deps)
}

func targetDep(url string) Result {
	return Result{Status: Pass, Facts: &Target{URL: ccurl.Parse(url), Source: "argument"}}
}

// fakeClients serves one IAM and one CodeCommit fake.
type fakeClients struct {
	iam *awsfake.IAM
	cc  *awsfake.CodeCommit
}

func (c fakeClients) IAM() awsclient.IAMAPI { return c.iam }
func (c fakeClients) CodeCommit(region string) RepositoryGetter {
	if region != c.cc.Region {
		return &awsfake.CodeCommit{Region: region, Err: errors.New("unexpected region " + region)}
	}
	return c.cc
}

func credFacts(arn string, f *awsfake.IAM, cc *awsfake.CodeCommit) *CredentialsFacts {
	return &CredentialsFacts{
		Identity: awsclient.ParseIdentity(arn, "111122223333"),
		Profile:  "default", Region: "us-east-1",
		Clients:  fakeClients{iam: f, cc: cc},
		Policies: awsclient.NewPolicyCache(),
	}
}

// findingCodes lists the codes of a result's findings.
func findingCodes(r Result) string {
	var cs []string
	for _, f := range r.Findings {
		cs = append(cs, f.Code)
	}
	return strings.Join(cs, ",")
}

// resultText is everything a result would print, for substring checks.
func resultText(r Result) string {
	var b strings.Builder
	b.WriteString(r.Summary + "\n")
	for _, f := range r.Findings {
		b.WriteString(f.Code + ": " + f.Message + "\n" + strings.Join(f.Remediation, "\n") + "\n")
	}
	for k, v := range r.Evidence {
		b.WriteString(k + "=")
		switch v := v.(type) {
		case string:
			b.WriteString(v)
		case []string:
			b.WriteString(strings.Join(v, "; "))
		}
		b.WriteString("\n")
	}
	return b.String()
}
