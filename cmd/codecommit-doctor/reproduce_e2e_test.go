package main

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/signer"
	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/gitendpoint"
	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/moto"
	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/tools"
)

// e2eReport is the part of the JSON report the scenarios read.
type e2eReport struct {
	Checks []struct {
		ID       string `json:"id"`
		Status   string `json:"status"`
		Summary  string `json:"summary"`
		Findings []struct {
			Code        string   `json:"code"`
			Severity    string   `json:"severity"`
			Message     string   `json:"message"`
			Remediation []string `json:"remediation"`
		} `json:"findings"`
		Evidence map[string]any `json:"evidence"`
	} `json:"checks"`
}

// check returns one check's entry; the test fails when it is absent.
func (r e2eReport) check(t *testing.T, id string) (status, summary, code, message string, remediation []string) {
	t.Helper()
	for _, c := range r.Checks {
		if c.ID != id {
			continue
		}
		if len(c.Findings) > 0 {
			return c.Status, c.Summary, c.Findings[0].Code, c.Findings[0].Message, c.Findings[0].Remediation
		}
		return c.Status, c.Summary, "", "", nil
	}
	t.Fatalf("no check %q in the report", id)
	return
}

// e2eWorld is the emulated AWS: moto for the APIs, the git endpoint
// emulator, and a time-shifting STS front for the clock scenario.
type e2eWorld struct {
	doctor   string
	moto     *moto.Server
	git      *gitendpoint.Server
	alice    moto.Principal // may pull and push
	kim      moto.Principal // explicitly denied KMS
	paul     moto.Principal // may pull, not push
	shiftSTS string         // STS through a proxy whose Date header follows the emulator's clock
}

const (
	e2eRepo       = "MyDemoRepo"
	reproReadIAM  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["iam:Get*","iam:List*","iam:SimulatePrincipalPolicy"],"Resource":"*"}]}`
	reproPullOnly = `{"Version":"2012-10-17","Statement":[{"Sid":"Pull","Effect":"Allow","Action":"codecommit:GitPull","Resource":"arn:aws:codecommit:us-east-1:123456789012:MyDemoRepo"},` +
		`{"Sid":"Read","Effect":"Allow","Action":"codecommit:GetRepository","Resource":"*"}]}`
	reproDenyKMS = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":["kms:Decrypt","kms:GenerateDataKey"],"Resource":"*"}]}`
)

func newE2EWorld(t *testing.T) *e2eWorld {
	t.Helper()
	for _, tool := range []string{"git", "aws", "moto_server"} {
		tools.RequireTool(t, tool)
	}
	doctor, err := exec.LookPath("codecommit-doctor")
	if err != nil {
		t.Fatalf("the test binary does not provide codecommit-doctor on PATH: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	w := &e2eWorld{doctor: doctor, moto: moto.Start(t, moto.Options{})}
	if w.alice, err = w.moto.NewUser(ctx, "alice", moto.UserSpec{Policies: moto.Policies{
		Managed: []string{moto.PowerUserPolicyARN}, Inline: map[string]string{"read-iam": reproReadIAM}}}); err != nil {
		t.Fatal(err)
	}
	if w.kim, err = w.moto.NewUser(ctx, "kim", moto.UserSpec{Policies: moto.Policies{
		Managed: []string{moto.PowerUserPolicyARN}, Inline: map[string]string{"read-iam": reproReadIAM, "deny-kms": reproDenyKMS}}}); err != nil {
		t.Fatal(err)
	}
	if w.paul, err = w.moto.NewUser(ctx, "paul", moto.UserSpec{Policies: moto.Policies{
		Inline: map[string]string{"read-iam": reproReadIAM, "pull-only": reproPullOnly}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.moto.CreateRepository(ctx, "us-east-1", e2eRepo); err != nil {
		t.Fatal(err)
	}
	w.moto.Enforce(t)

	w.git = gitendpoint.Start(t, gitendpoint.Options{})
	w.git.AddKey(w.alice.Key.AccessKeyID, w.alice.Key.SecretAccessKey, "")
	w.git.AddKey(w.kim.Key.AccessKeyID, w.kim.Key.SecretAccessKey, "")
	w.git.Deny(w.kim.Key.AccessKeyID, "User: "+w.kim.ARN+" is not authorized to perform: kms:Decrypt with an explicit deny")
	// The endpoint authorizes paul as IAM would: GitPull yes, GitPush no.
	w.git.AddKey(w.paul.Key.AccessKeyID, w.paul.Key.SecretAccessKey, "")
	w.git.DenyAction(w.paul.Key.AccessKeyID, gitendpoint.ActionGitPush, "User: "+w.paul.ARN+" is not authorized to perform: codecommit:GitPush on resource: arn:aws:codecommit:us-east-1:123456789012:"+e2eRepo+" because no identity-based policy allows the codecommit:GitPush action")
	if _, err := w.git.CreateRepo(ctx, e2eRepo, gitendpoint.RepoOptions{InitialCommit: true}); err != nil {
		t.Fatal(err)
	}

	// STS as seen from a machine whose clock is off: moto's answers with
	// the Date header of the emulator's (shifted) clock.
	target, err := url.Parse(w.moto.URL)
	if err != nil {
		t.Fatal(err)
	}
	rp := &httputil.ReverseProxy{Rewrite: func(r *httputil.ProxyRequest) {
		r.SetURL(target)
		r.Out.Host = r.In.Host
	}}
	rp.ModifyResponse = func(r *http.Response) error {
		r.Header.Set("Date", w.git.Now().UTC().Format(http.TimeFormat))
		return nil
	}
	sts := httptest.NewServer(rp)
	t.Cleanup(sts.Close)
	w.shiftSTS = sts.URL
	return w
}

// e2eScenario is one machine set-up and what the doctor must conclude.
type e2eScenario struct {
	name      string
	url       string            // "" = the emulator's URL for e2eRepo
	gitconfig string            // ~/.gitconfig after the curloptResolve section
	files     map[string]string // more files under HOME
	env       []string
	before    func(t *testing.T, w *e2eWorld)
	after     func(w *e2eWorld)
	// Expectations for the reproduce check.
	status, code string
	mentions     []string // in the verdict's message (case-insensitive)
	fixMentions  []string // in its remediation
	extra        func(t *testing.T, rep e2eReport)
}

const reproHelperConfig = "[credential]\n\thelper = !aws codecommit credential-helper $@\n\tUseHttpPath = true\n"

func reproCredentialsFile(k moto.Key) string {
	return "[default]\naws_access_key_id = " + k.AccessKeyID + "\naws_secret_access_key = " + k.SecretAccessKey + "\n"
}

func TestReproduceEndToEnd(t *testing.T) {
	w := newE2EWorld(t)
	host := w.git.Host()
	port := strconv.Itoa(w.git.Port())
	alice := reproCredentialsFile(w.alice.Key)
	stale := func() string {
		// A helper password made 30 minutes ago, as `store` kept it.
		user, pass := signer.Sign(signer.Credentials{AccessKeyID: w.alice.Key.AccessKeyID, SecretAccessKey: w.alice.Key.SecretAccessKey},
			host+":"+port, "/v1/repos/"+e2eRepo, "us-east-1", time.Now().Add(-30*time.Minute))
		return "https://" + user + ":" + pass + "@" + host + ":" + port + "/v1/repos/" + e2eRepo + "\n"
	}
	closed := reproClosedPort(t)
	otherCA := gitendpoint.Start(t, gitendpoint.Options{}).CAFile()
	scenarios := []e2eScenario{
		{
			name: "healthy", gitconfig: reproHelperConfig, files: map[string]string{".aws/credentials": alice},
			status: "pass", code: "reproduce-ok", mentions: []string{"the AWS CLI helper answered", "got 200"},
			extra: func(t *testing.T, rep e2eReport) {
				if status, summary, _, _, _ := rep.check(t, "clock"); status != "pass" {
					t.Errorf("clock: %s %s", status, summary)
				}
			},
		},
		{
			// git approves a working credential by telling every helper to
			// store it: the doctor must not let `store` write a file.
			name:      "healthy, with `store` after the AWS helper (nothing may be stored)",
			gitconfig: reproHelperConfig + "\thelper = store\n", files: map[string]string{".aws/credentials": alice},
			status: "pass", code: "reproduce-ok", mentions: []string{"the AWS CLI helper answered"},
		},
		{
			name:      "stale password in ~/.git-credentials ahead of the AWS helper",
			gitconfig: "[credential]\n\thelper = store\n\thelper = !aws codecommit credential-helper $@\n\tUseHttpPath = true\n",
			files:     map[string]string{".aws/credentials": alice, ".git-credentials": stale()},
			status:    "fail", code: "reproduce-credential-chain",
			mentions:    []string{"refused with 403", "from the store helper", "got 200 ok", "`store` answered before the AWS CLI helper"},
			fixMentions: []string{"git credential reject"},
		},
		{
			name: "UseHttpPath missing: the helper crashes", gitconfig: "[credential]\n\thelper = !aws codecommit credential-helper $@\n",
			files:  map[string]string{".aws/credentials": alice},
			status: "fail", code: "reproduce-helper-crashed", mentions: []string{"'path'", "UseHttpPath"},
			fixMentions: []string{"UseHttpPath"},
		},
		{
			name: "the helper signs for the wrong region (upper-case host, profile in eu-west-1)",
			url:  "https://Git-CodeCommit.us-east-1.amazonaws.com:" + port + "/v1/repos/" + e2eRepo, gitconfig: reproHelperConfig,
			files:  map[string]string{".aws/credentials": alice, ".aws/config": "[default]\nregion = eu-west-1\n"},
			status: "fail", code: "reproduce-wrong-signing-region", mentions: []string{"for eu-west-1", "signed for us-east-1 it was accepted"},
			fixMentions: []string{"git-codecommit.us-east-1.amazonaws.com:" + port},
		},
		{
			name: "a wrong secret key: both refused", gitconfig: reproHelperConfig,
			files:  map[string]string{".aws/credentials": "[default]\naws_access_key_id = " + w.alice.Key.AccessKeyID + "\naws_secret_access_key = not-the-secret\n"},
			status: "fail", code: "reproduce-credentials-rejected", mentions: []string{"refused with 403", "was refused too", "signature we calculated does not match", "does not accept these credentials", "secret-key-mismatch"},
		},
		{
			name: "KMS explicit deny: both refused, the service side", gitconfig: reproHelperConfig,
			files:  map[string]string{".aws/credentials": reproCredentialsFile(w.kim.Key)},
			status: "fail", code: "reproduce-server-denied", mentions: []string{"refused with 403", "was refused too", "kms:Decrypt", "The kms check found kms-explicit-deny"},
		},
		{
			name: "clone works, push gets 403: GitPull only", gitconfig: reproHelperConfig,
			files:  map[string]string{".aws/credentials": reproCredentialsFile(w.paul.Key)},
			status: "warn", code: "reproduce-push-denied",
			mentions: []string{"info/refs?service=git-receive-pack", "authorizes as codecommit:GitPush", "got 403, saying: User: " + w.paul.ARN + " is not authorized to perform: codecommit:GitPush",
				"Clone, fetch and pull work", "The permissions check found gitpush-denied"},
			fixMentions: []string{`aws iam put-user-policy --user-name paul --policy-name codecommit-push-MyDemoRepo --policy-document '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"codecommit:GitPush","Resource":"arn:aws:codecommit:us-east-1:123456789012:MyDemoRepo"}]}'`},
			extra: func(t *testing.T, rep e2eReport) {
				if status, summary, code, _, _ := rep.check(t, "permissions"); status != "warn" || code != "gitpush-denied" || !strings.Contains(summary, "may pull but not push") {
					t.Errorf("permissions: %s %s %s", status, code, summary)
				}
			},
		},
		{
			name: "the clock 20 minutes off", gitconfig: reproHelperConfig,
			files:  map[string]string{".aws/credentials": alice},
			env:    []string{"AWS_ENDPOINT_URL_STS=" + w.shiftSTS},
			before: func(t *testing.T, w *e2eWorld) { w.git.SetClockOffset(20 * time.Minute) },
			after:  func(w *e2eWorld) { w.git.SetClockOffset(0) },
			status: "fail", code: "reproduce-clock-skew", mentions: []string{"Signature expired"},
			fixMentions: []string{"timedatectl"},
			extra: func(t *testing.T, rep e2eReport) {
				status, summary, code, _, _ := rep.check(t, "clock")
				if status != "fail" || code != "clock-skew" || !strings.Contains(summary, "20m") {
					t.Errorf("clock: %s %s %s", status, code, summary)
				}
			},
		},
		{
			name: "repository not found", url: w.git.RepoURL("NoSuchRepo"), gitconfig: reproHelperConfig,
			files:  map[string]string{".aws/credentials": alice},
			status: "fail", code: "reproduce-repository-not-found", mentions: []string{`repository "NoSuchRepo" was not found in us-east-1`, "got 404 too"},
		},
		{
			name: "the endpoint is unreachable (closed port)", url: "https://" + host + ":" + closed + "/v1/repos/" + e2eRepo,
			gitconfig: "[http]\n\tcurloptResolve = " + host + ":" + closed + ":127.0.0.1\n" + reproHelperConfig,
			files:     map[string]string{".aws/credentials": alice},
			status:    "fail", code: "reproduce-connection-failed", mentions: []string{"Failed to connect", "connection refused"},
		},
		{
			name: "TLS: GIT_SSL_CAINFO holds another CA", gitconfig: reproHelperConfig,
			files:  map[string]string{".aws/credentials": alice},
			env:    []string{"GIT_SSL_CAINFO=" + otherCA},
			status: "fail", code: "reproduce-tls-failure", mentions: []string{"certificate", "GIT_SSL_CAINFO=" + otherCA, "unknown authority"},
			fixMentions: []string{"GIT_SSL_CAINFO"},
		},
		{
			name: "throttled", gitconfig: reproHelperConfig,
			files:  map[string]string{".aws/credentials": alice},
			before: func(t *testing.T, w *e2eWorld) { w.git.FailNext(1000, http.StatusTooManyRequests, "Rate exceeded") },
			after:  func(w *e2eWorld) { w.git.FailNext(0, 0, "") },
			status: "fail", code: "reproduce-throttled", mentions: []string{"429"},
		},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			if sc.before != nil {
				sc.before(t, w)
			}
			if sc.after != nil {
				defer sc.after(w)
			}
			rep, raw := w.run(t, sc)
			status, summary, code, message, fix := rep.check(t, "reproduce")
			t.Logf("reproduce: %s: %s\n%s\n%s", status, summary, message, strings.Join(fix, "\n"))
			if status != sc.status || code != sc.code {
				t.Fatalf("reproduce: %s %s (%s)\nwant %s %s\nmessage: %s\nreport:\n%s", status, code, summary, sc.status, sc.code, message, raw)
			}
			for _, m := range sc.mentions {
				if !strings.Contains(strings.ToLower(message), strings.ToLower(m)) {
					t.Errorf("the verdict does not mention %q:\n%s", m, message)
				}
			}
			for _, m := range sc.fixMentions {
				if !strings.Contains(strings.Join(fix, "\n"), m) {
					t.Errorf("the remediation does not mention %q:\n%s", m, strings.Join(fix, "\n"))
				}
			}
			if sc.extra != nil {
				sc.extra(t, rep)
			}
			for _, secret := range []string{w.alice.Key.SecretAccessKey, w.kim.Key.SecretAccessKey, w.paul.Key.SecretAccessKey} {
				if strings.Contains(raw, secret) {
					t.Errorf("the report contains a secret access key")
				}
			}
		})
	}
}

// run writes the scenario's HOME, runs the doctor as its own process and
// checks that it only read from the git endpoint.
func (w *e2eWorld) run(t *testing.T, sc e2eScenario) (e2eReport, string) {
	t.Helper()
	home := t.TempDir()
	gitconfig := "[http]\n\tcurloptResolve = " + w.git.CurlResolve(w.git.Host()) + "\n" + sc.gitconfig
	files := map[string]string{".gitconfig": gitconfig}
	maps.Copy(files, sc.files)
	for name, content := range files {
		p := filepath.Join(home, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	u := sc.url
	if u == "" {
		u = w.git.RepoURL(e2eRepo)
	}
	env := append(w.git.ClientEnv(home), "AWS_ENDPOINT_URL="+w.moto.URL, "AWS_EC2_METADATA_DISABLED=true")
	env = append(env, sc.env...)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	w.git.ResetRequests()
	cmd := exec.CommandContext(ctx, w.doctor, "-o", "json", u)
	cmd.Env = env
	cmd.Dir = home
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if _, isExit := err.(*exec.ExitError); err != nil && !isExit {
		t.Fatalf("running the doctor: %v\n%s", err, stderr.String())
	}
	var rep e2eReport
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("the report is not JSON: %v\nstdout:\n%s\nstderr:\n%s", err, stdout.String(), stderr.String())
	}
	// Nothing in HOME changed: git's store/erase never reached a helper.
	for name, content := range files {
		got, err := os.ReadFile(filepath.Join(home, name))
		if err != nil || string(got) != content {
			t.Errorf("the doctor's run changed ~/%s (err %v)", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(home, ".git-credentials")); err == nil && files[".git-credentials"] == "" {
		t.Errorf("the doctor's run created ~/.git-credentials: a helper stored a password")
	}
	for _, r := range w.git.Requests() {
		// The push advertisement is authorized as GitPush but only reads;
		// a POST to git-receive-pack would change the repository.
		advert := r.Method == http.MethodGet && r.Query == "service=git-receive-pack" && strings.HasSuffix(r.Path, "/info/refs")
		read := r.Method == http.MethodGet && r.Query == "service=git-upload-pack" && strings.HasSuffix(r.Path, "/info/refs") ||
			r.Method == http.MethodPost && strings.HasSuffix(r.Path, "/git-upload-pack")
		if advert {
			continue
		}
		if !read || r.Action == gitendpoint.ActionGitPush {
			t.Errorf("the doctor's run was not read-only: %s %s?%s (%s)", r.Method, r.Path, r.Query, r.Action)
		}
	}
	return rep, stdout.String()
}

func reproClosedPort(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.NotFoundHandler())
	u, _ := url.Parse(srv.URL)
	srv.Close()
	return u.Port()
}
