package reproduce

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/checkstest"
	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
	"github.com/codecommit-doctor/codecommit-doctor/internal/gittrace"
	"github.com/codecommit-doctor/codecommit-doctor/internal/probe"
)

const reproURL = "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/MyDemoRepo"

// reproTarget is the target of the verdict tests, from an argument.
func reproTarget(url string) *checks.Target {
	return &checks.Target{URL: ccurl.Parse(url), Source: "argument"}
}

// reproEnv is an Env whose remote check found t, with more finished checks
// (their results, for the verdict to quote).
func reproEnv(t *checks.Target, deps map[string]checks.Result) *checks.Env {
	e := (&checks.Env{Sys: checkstest.Sys{Env: map[string]string{"GIT_SSL_CAINFO": "/etc/ca.pem"}, Clock: time.Now()}}).WithFacts(checks.TargetKey.Fact(t))
	for id, r := range deps {
		e = e.WithResult(id, r)
	}
	return e
}

// reproGitFixture is a real git trace from internal/gittrace's testdata.
func reproGitFixture(t *testing.T, name string) reproGit {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "internal", "gittrace", "testdata", name+".txt"))
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
