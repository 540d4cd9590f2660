package checks

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
	"github.com/codecommit-doctor/codecommit-doctor/internal/gittrace"
	"github.com/codecommit-doctor/codecommit-doctor/internal/probe"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// reproTestSys is a machine with an environment and a clock, and no
// programs.
type reproTestSys struct {
	env map[string]string
	now time.Time
}

func (s reproTestSys) Run(context.Context, sys.Command) (sys.Output, error) {
	return sys.Output{}, errors.New("no programs in this test")
}
func (s reproTestSys) LookPath(string) (string, error)        { return "", os.ErrNotExist }
func (s reproTestSys) Getenv(k string) string                 { return s.env[k] }
func (s reproTestSys) LookupEnv(k string) (string, bool)      { v, ok := s.env[k]; return v, ok }
func (s reproTestSys) HomeDir() string                        { return "/home/u" }
func (s reproTestSys) ReadFile(string, int64) ([]byte, error) { return nil, os.ErrNotExist }
func (s reproTestSys) FileExists(string) bool                 { return false }
func (s reproTestSys) GOOS() string                           { return "linux" }
func (s reproTestSys) Now() time.Time                         { return s.now }

const reproURL = "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/MyDemoRepo"

// reproTarget is the target of the verdict tests, from an argument.
func reproTarget(url string) *Target { return &Target{URL: ccurl.Parse(url), Source: "argument"} }

// reproEnv is an Env whose remote check found t, with more finished checks.
func reproEnv(t *Target, deps map[string]Result) *Env {
	all := map[string]Result{"remote": {Status: Pass, Facts: t}}
	for k, v := range deps {
		all[k] = v
	}
	e := &Env{Sys: reproTestSys{env: map[string]string{"GIT_SSL_CAINFO": "/etc/ca.pem"}, now: time.Now()}}
	return e.withDeps(all)
}

// reproGitFixture is a real git trace from internal/gittrace's testdata.
func reproGitFixture(t *testing.T, name string) reproGit {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "internal", "gittrace", "testdata", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	tr := gittrace.Parse(string(b))
	exit := 128
	if tr.Fatal == "" {
		exit = 0
	}
	return reproGit{Command: "git ls-remote " + reproURL + " HEAD", Ran: true, Exit: exit, Trace: tr, Failure: tr.Failure()}
}

// signedAnswer is the doctor's signed request answered with status.
func signedAnswer(status int, body string) reproNative {
	return reproNative{URL: reproURL + "/info/refs?service=git-upload-pack", Profile: "default", ProfileSource: "default",
		Region: "us-east-1", RegionSource: "the host", KeyID: "AKIA****1234", Signed: true,
		Resp: &probe.Response{Status: status, Reason: httpReason(status), Body: body, Sent: time.Now(), Received: time.Now()}}
}

func httpReason(status int) string {
	switch status {
	case 200:
		return "OK"
	case 403:
		return "Forbidden"
	case 404:
		return "Not Found"
	case 429:
		return "Too Many Requests"
	}
	return ""
}
