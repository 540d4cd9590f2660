//go:build unix

package awsclient

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// machine is the real door to the machine, reading the environment the
// test isolated.
func machine() *sys.Machine { return sys.New(os.Environ(), "") }

// countingRunner proves a program went through the door.
type countingRunner struct {
	m    *sys.Machine
	runs atomic.Int32
	last atomic.Value // sys.Command
}

func (r *countingRunner) Run(ctx context.Context, c sys.Command) (sys.Output, error) {
	r.runs.Add(1)
	r.last.Store(c)
	return r.m.Run(ctx, c)
}

func writeScript(t *testing.T, name, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

const procJSON = `{"Version": 1, "AccessKeyId": "AKIAPROCPROCPROCPRO1", "SecretAccessKey": "procsecretprocsecretprocsecretprocsecret"}`

func TestCredentialProcessRunsThroughTheDoor(t *testing.T) {
	// It reads stdin first (closed: EOF at once) and talks on stderr,
	// which is captured, not passed on.
	tool := writeScript(t, "tool", "cat >/dev/null\necho 'fetching credentials' >&2\necho '"+procJSON+"'\n")
	isolate(t, "[profile proc]\ncredential_process = "+tool+" --profile dev\n", "")
	r := &countingRunner{m: machine()}
	s, err := Load(context.Background(), r.m, LoadOptions{Profile: "proc", Runner: r})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := s.Credentials(ctx)
	if err != nil || c.AccessKeyID != "AKIAPROCPROCPROCPRO1" {
		t.Fatalf("credentials %q, %v", c.AccessKeyID, err)
	}
	if r.runs.Load() != 1 {
		t.Fatalf("the door ran %d programs, want 1", r.runs.Load())
	}
	if cmd := r.last.Load().(sys.Command); cmd.Name != "sh" || cmd.Args[1] != tool+" --profile dev" {
		t.Errorf("command = %+v", cmd)
	}
	// Cached: a second retrieval runs nothing.
	if _, err := s.Credentials(ctx); err != nil || r.runs.Load() != 1 {
		t.Errorf("second retrieval: runs=%d err=%v", r.runs.Load(), err)
	}
	if s.Source().Kind != SourceProcess {
		t.Errorf("source = %+v", s.Source())
	}
}

func TestCredentialProcessUsesTheEnvAsRunner(t *testing.T) {
	tool := writeScript(t, "tool", "echo '"+procJSON+"'\n")
	isolate(t, "[default]\ncredential_process = "+tool+"\n", "")
	s, err := Load(context.Background(), machine(), LoadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Config().Credentials.(*processCache); !ok {
		t.Fatalf("credentials provider is %T, want the door's", s.Config().Credentials)
	}
}

func TestCredentialProcessThatHangs(t *testing.T) {
	pidFile := filepath.Join(t.TempDir(), "pid")
	tool := writeScript(t, "hang", "echo $$ >"+pidFile+"\nexec sleep 300\n")
	isolate(t, "[profile proc]\ncredential_process = "+tool+"\n", "")
	s, err := Load(context.Background(), machine(), LoadOptions{Profile: "proc", ProcessTimeout: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Credentials(context.Background())
	var pe *ProcessError
	if !errors.As(err, &pe) || pe.Timeout == 0 {
		t.Fatalf("err = %v, want a *ProcessError for a timeout", err)
	}
	if want := "credential_process `" + tool + "` did not finish in 300ms"; Describe(err) != want {
		t.Errorf("Describe\n got %s\nwant %s", Describe(err), want)
	}
	if Classify(err) != ProblemTimeout || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Classify = %s", Classify(err))
	}
	b, _ := os.ReadFile(pidFile)
	// SIGKILL is delivered asynchronously: give the process up to two
	// seconds to finish exiting before calling it alive.
	stat := "/proc/" + strings.TrimSpace(string(b)) + "/stat"
	deadline := time.Now().Add(2 * time.Second)
	for {
		st, err := os.ReadFile(stat)
		if err != nil || strings.Contains(string(st), ") Z ") {
			break
		}
		if time.Now().After(deadline) {
			t.Errorf("the hanging process is still alive: %s", st)
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestCredentialProcessFailureIsRedacted(t *testing.T) {
	tool := writeScript(t, "fails", "echo '{\"Version\": 1, \"AccessKeyId\": \"AKIAIOSFODNN7EXAMPLE\", \"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"' \necho 'token for AKIAIOSFODNN7EXAMPLE expired, run: tool login' >&2\nexit 3\n")
	isolate(t, "[profile proc]\ncredential_process = "+tool+" --secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n", "")
	s, err := Load(context.Background(), machine(), LoadOptions{Profile: "proc"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.Credentials(context.Background())
	d := Describe(err)
	if !strings.Contains(d, "failed with exit status 3: token for AKIA****MPLE expired, run: tool login") {
		t.Errorf("Describe = %s", d)
	}
	for _, secret := range []string{"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "AKIAIOSFODNN7EXAMPLE"} {
		if strings.Contains(err.Error(), secret) || strings.Contains(d, secret) {
			t.Errorf("a secret survived: %s", err)
		}
	}
	if Classify(err) != ProblemProcessFailed {
		t.Errorf("Classify = %s", Classify(err))
	}
}

func TestCredentialProcessBadOutput(t *testing.T) {
	for _, tc := range []struct{ out, want string }{
		{`not json AKIAIOSFODNN7EXAMPLE`, "printed something that is not the credentials JSON"},
		{`{"Version": 2}`, `printed "Version": 2`},
		{`{"Version": 1, "SecretAccessKey": "x"}`, "printed no AccessKeyId"},
		{`{"Version": 1, "AccessKeyId": "AKIAIOSFODNN7EXAMPLE"}`, "printed no SecretAccessKey"},
	} {
		tool := writeScript(t, "tool", "echo '"+tc.out+"'\n")
		isolate(t, "[default]\ncredential_process = "+tool+"\n", "")
		s, err := Load(context.Background(), machine(), LoadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		_, err = s.Credentials(context.Background())
		if !strings.Contains(Describe(err), tc.want) || strings.Contains(err.Error(), "AKIAIOSFODNN7EXAMPLE") {
			t.Errorf("%s: %v", tc.out, err)
		}
	}
}

func TestCredentialProcessBehindAnAssumedRole(t *testing.T) {
	var auth atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth.Store(r.Header.Get("Authorization"))
		w.Header().Set("Content-Type", "text/xml")
		fmt.Fprintf(w, `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
<Credentials><AccessKeyId>ASIAROLEROLEROLEROL1</AccessKeyId><SecretAccessKey>rolesecretrolesecretrolesecretrolesecre</SecretAccessKey>
<SessionToken>token</SessionToken><Expiration>%s</Expiration></Credentials>
<AssumedRoleUser><Arn>arn:aws:sts::111122223333:assumed-role/ci/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser>
</AssumeRoleResult></AssumeRoleResponse>`, time.Now().Add(time.Hour).UTC().Format(time.RFC3339))
	}))
	defer srv.Close()
	tool := writeScript(t, "tool", "echo '"+procJSON+"'\n")
	isolate(t, "[profile base]\ncredential_process = "+tool+"\n[profile ci]\nrole_arn = arn:aws:iam::111122223333:role/ci\nsource_profile = base\n", "")
	t.Setenv("AWS_ENDPOINT_URL", srv.URL)
	r := &countingRunner{m: machine()}
	s, err := Load(context.Background(), r.m, LoadOptions{Profile: "ci", Runner: r})
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.Credentials(context.Background())
	if err != nil || c.AccessKeyID != "ASIAROLEROLEROLEROL1" {
		t.Fatalf("credentials %q, %v", c.AccessKeyID, err)
	}
	if r.runs.Load() != 1 {
		t.Errorf("the door ran %d programs, want 1", r.runs.Load())
	}
	if a, _ := auth.Load().(string); !strings.Contains(a, "Credential=AKIAPROCPROCPROCPRO1/") {
		t.Errorf("AssumeRole was not signed with the process's key: %q", a)
	}
	if s.Source().Kind != SourceAssumeRole {
		t.Errorf("source = %+v", s.Source())
	}
}
