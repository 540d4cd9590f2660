package main

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/gitendpoint"
	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/moto"
	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/tools"
)

// grcWorld is moto, the git endpoint verifying passwords the way
// git-remote-codecommit signs them with CODE_COMMIT_ENDPOINT=HOST:PORT (host
// and port signed verbatim), and the stand-in git-remote-codecommit of
// testdata/grc (PyPI is not reachable here; the script follows the real
// one's source and runs the real `git remote-http`).
type grcWorld struct {
	doctor, python string
	moto           *moto.Server
	git            *gitendpoint.Server
	alice, kim     moto.Principal
	schemas        []*jsonschema.Schema
	tom            moto.Principal // signs with a session token (grcToken)
}

// grcToken is a canary session token: it must never appear in any output.
const grcToken = "FwoGZXIvYXdzEGRCANARYSESSIONTOKEN0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/abcdefghijklmnopqrstuvwxyz=="

func newGRCWorld(t *testing.T) *grcWorld {
	t.Helper()
	for _, tool := range []string{"git", "moto_server", "python3"} {
		tools.RequireTool(t, tool)
	}
	doctor, err := exec.LookPath("codecommit-doctor")
	if err != nil {
		t.Fatalf("the test binary does not provide codecommit-doctor on PATH: %v", err)
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	w := &grcWorld{doctor: doctor, python: python, moto: moto.Start(t, moto.Options{}), schemas: compileSchemas(t)}
	if w.alice, err = w.moto.NewUser(ctx, "alice", moto.UserSpec{Policies: moto.Policies{
		Managed: []string{moto.PowerUserPolicyARN}, Inline: map[string]string{"read-iam": reproReadIAM}}}); err != nil {
		t.Fatal(err)
	}
	if w.kim, err = w.moto.NewUser(ctx, "kim", moto.UserSpec{Policies: moto.Policies{
		Inline: map[string]string{"read-iam": reproReadIAM}}}); err != nil {
		t.Fatal(err)
	}
	if w.tom, err = w.moto.NewUser(ctx, "tom", moto.UserSpec{Policies: moto.Policies{
		Managed: []string{moto.PowerUserPolicyARN}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.moto.CreateRepository(ctx, "us-east-1", e2eRepo); err != nil {
		t.Fatal(err)
	}
	w.moto.Enforce(t)
	w.git = gitendpoint.Start(t, gitendpoint.Options{SignedHostAsSent: true})
	w.git.AddKey(w.tom.Key.AccessKeyID, w.tom.Key.SecretAccessKey, grcToken)
	w.git.AddKey(w.alice.Key.AccessKeyID, w.alice.Key.SecretAccessKey, "")
	w.git.AddKey(w.kim.Key.AccessKeyID, w.kim.Key.SecretAccessKey, "")
	w.git.DenyAction(w.kim.Key.AccessKeyID, gitendpoint.ActionGitPull, "User: "+w.kim.ARN+" is not authorized to perform: codecommit:GitPull on resource: arn:aws:codecommit:us-east-1:123456789012:"+e2eRepo)
	if _, err := w.git.CreateRepo(ctx, e2eRepo, gitendpoint.RepoOptions{InitialCommit: true}); err != nil {
		t.Fatal(err)
	}
	return w
}

type grcScenario struct {
	name      string
	url       string
	files     map[string]string // under HOME
	env       []string
	noGRC     bool   // git-remote-codecommit not on PATH
	shebang   string // "" = the real python3
	clone     bool   // run inside a clone whose origin is url, with no argument
	gitconfig string // appended to ~/.gitconfig
	// want[checkID] = status; codes that must (not) appear anywhere.
	want          map[string]string
	codes, absent []string
	text, notText []string // in the text report
}

func (w *grcWorld) run(t *testing.T, sc grcScenario) (e2eReport, string) {
	t.Helper()
	home := t.TempDir()
	bin := filepath.Join(home, "bin")
	files := map[string]string{".gitconfig": "[http]\n\tcurloptResolve = " + w.git.CurlResolve(w.git.Host()) + "\n" + sc.gitconfig}
	maps.Copy(files, sc.files)
	if !sc.noGRC {
		src, err := os.ReadFile(filepath.Join("testdata", "grc", "git-remote-codecommit"))
		if err != nil {
			t.Fatal(err)
		}
		shebang := sc.shebang
		if shebang == "" {
			shebang = "#!" + w.python
		}
		_, rest, _ := strings.Cut(string(src), "\n")
		files["bin/git-remote-codecommit"] = shebang + "\n" + rest
	}
	for name, content := range files {
		p := filepath.Join(home, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	env := w.git.ClientEnv(home)
	for i, kv := range env {
		if p, ok := strings.CutPrefix(kv, "PATH="); ok {
			env[i] = "PATH=" + bin + string(os.PathListSeparator) + p
		}
	}
	env = append(env, "AWS_ENDPOINT_URL="+w.moto.URL, "AWS_ENDPOINT_URL_STS="+w.moto.URL,
		"CODE_COMMIT_ENDPOINT="+w.git.Host()+":"+strconv.Itoa(w.git.Port()))
	env = append(env, sc.env...)
	dir := home
	if sc.clone {
		// A clone of the test's own making, inside the temporary HOME.
		dir = filepath.Join(home, "clone")
		for _, args := range [][]string{{"init", "-q", dir}, {"-C", dir, "remote", "add", "origin", sc.url}} {
			c := exec.Command("git", args...)
			c.Env = env
			if out, err := c.CombinedOutput(); err != nil {
				t.Fatalf("git %v: %v\n%s", args, err, out)
			}
		}
	}
	doctor := func(args ...string) string {
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		defer cancel()
		if !sc.clone {
			args = append(args, sc.url)
		}
		cmd := exec.CommandContext(ctx, w.doctor, args...)
		cmd.Env, cmd.Dir = env, dir
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		if _, isExit := err.(*exec.ExitError); err != nil && !isExit {
			t.Fatalf("running the doctor: %v\n%s", err, stderr.String())
		}
		return stdout.String()
	}
	out := doctor("-o", "json")
	awsValidateSchema(t, w.schemas, out)
	var rep e2eReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("the report is not JSON: %v\n%s", err, out)
	}
	text := doctor("--no-color")
	for name, content := range files {
		if got, err := os.ReadFile(filepath.Join(home, name)); err != nil || string(got) != content {
			t.Errorf("the doctor's run changed ~/%s", name)
		}
	}
	if _, err := os.Stat(filepath.Join(home, ".git-credentials")); err == nil {
		t.Errorf("the doctor's run created ~/.git-credentials")
	}
	return rep, text
}

func TestGitRemoteCodeCommitEndToEnd(t *testing.T) {
	w := newGRCWorld(t)
	alice := "[profile alice]\nregion = us-east-1\n"
	creds := "[alice]\naws_access_key_id = " + w.alice.Key.AccessKeyID + "\naws_secret_access_key = " + w.alice.Key.SecretAccessKey + "\n" +
		"[kim]\naws_access_key_id = " + w.kim.Key.AccessKeyID + "\naws_secret_access_key = " + w.kim.Key.SecretAccessKey + "\n"
	base := map[string]string{".aws/config": alice + "[profile kim]\nregion = us-east-1\n", ".aws/credentials": creds}
	oldPython := filepath.Join("bin", "python3.7")
	scenarios := []grcScenario{
		{
			name: "works: codecommit://alice@REPO, region from the profile", url: "codecommit://alice@" + e2eRepo, files: base,
			want:    map[string]string{"remote-codecommit": "warn", "remote": "pass"},
			codes:   []string{"grc-installed", "grc-probe-ok", "grc-ls-remote-ok", "grc-endpoint-override"},
			absent:  []string{"grc-probe-refused", "grc-ls-remote-failed", "region-missing"},
			text:    []string{"signs for us-east-1 with profile \"alice\"", "got 200", "works through git-remote-codecommit"},
			notText: []string{"pip install git-remote-codecommit", w.alice.Key.SecretAccessKey},
		},
		{
			// After a request that worked git asks every helper to store
			// the credentials git-remote-codecommit put in the URL: the
			// doctor's git ls-remote must let none of them.
			name: "works, with `store` as a helper: nothing is stored", url: "codecommit://alice@" + e2eRepo, files: base,
			gitconfig: "[credential]\n\thelper = store\n",
			want:      map[string]string{"remote-codecommit": "warn"},
			codes:     []string{"grc-ls-remote-ok"},
		},
		{
			name: "from a clone's origin: the fix names the remote", url: "codecommit::us-east-1://bob@" + e2eRepo, files: base, clone: true,
			want:  map[string]string{"remote-codecommit": "fail"},
			codes: []string{"grc-profile-not-found"},
			text:  []string{"(from remote:origin)", "git remote set-url origin codecommit://PROFILE@" + e2eRepo + "   # PROFILE: one of alice, kim"},
		},
		{
			name: "from a clone's origin: works", url: "codecommit://alice@" + e2eRepo, files: base, clone: true,
			want:  map[string]string{"remote-codecommit": "warn"},
			codes: []string{"grc-probe-ok", "grc-ls-remote-ok"},
		},
		{
			name: "the profile of the URL does not exist", url: "codecommit::us-east-1://bob@" + e2eRepo, files: base,
			want:    map[string]string{"remote-codecommit": "fail"},
			codes:   []string{"grc-profile-not-found"},
			absent:  []string{"grc-probe-ok", "git-remote-codecommit-missing"},
			text:    []string{`profile "bob"`, "Available profiles: alice, kim", "aws configure --profile bob"},
			notText: []string{"pip install git-remote-codecommit"},
		},
		{
			name: "no region: AWS_REGION does not count", url: "codecommit://alice@" + e2eRepo,
			files:   map[string]string{".aws/config": "[profile alice]\noutput = json\n", ".aws/credentials": creds},
			env:     []string{"AWS_REGION=us-east-1"},
			want:    map[string]string{"region": "fail"},
			codes:   []string{"region-missing"},
			text:    []string{"AWS_REGION=us-east-1 is set, but git-remote-codecommit never reads it", "codecommit::REGION://alice@" + e2eRepo, "aws configure set region REGION --profile alice"},
			notText: []string{"pip install git-remote-codecommit"},
		},
		{
			// git-remote-codecommit has no region: the repository's is not
			// known either, so access is not judged in the SDK's fallback
			// region or AWS_REGION's.
			name: "no region: permissions and KMS are not judged in a guessed region", url: "codecommit://alice@" + e2eRepo,
			files:   map[string]string{".aws/config": "[profile alice]\noutput = json\n", ".aws/credentials": creds},
			env:     []string{"AWS_REGION=eu-west-1"},
			want:    map[string]string{"region": "fail", "permissions": "skip", "kms": "skip"},
			codes:   []string{"region-missing"},
			absent:  []string{"evaluated-locally", "repository-not-found"},
			text:    []string{"nothing names the repository's region (see the region check)"},
			notText: []string{"arn:aws:codecommit:eu-west-1", "arn:aws:codecommit:us-east-1", "may pull and push"},
		},
		{
			name: "no region, nothing set: not the SDK's fallback either", url: "codecommit://alice@" + e2eRepo,
			files:   map[string]string{".aws/config": "[profile alice]\noutput = json\n", ".aws/credentials": creds},
			want:    map[string]string{"region": "fail", "permissions": "skip", "kms": "skip"},
			codes:   []string{"region-missing"},
			notText: []string{"arn:aws:codecommit:us-east-1", "may pull and push"},
		},
		{
			name: "AWS_DEFAULT_REGION wins over the profile's region", url: "codecommit://alice@" + e2eRepo,
			files: map[string]string{".aws/config": "[profile alice]\nregion = eu-west-1\n", ".aws/credentials": creds},
			env:   []string{"AWS_DEFAULT_REGION=us-east-1"},
			want:  map[string]string{"remote-codecommit": "warn"},
			codes: []string{"grc-probe-ok", "grc-ls-remote-ok"},
			text:  []string{"signs for us-east-1 with profile \"alice\""},
		},
		{
			name: "refused: kim may not GitPull", url: "codecommit::us-east-1://kim@" + e2eRepo, files: base,
			want:    map[string]string{"remote-codecommit": "fail"},
			codes:   []string{"grc-probe-refused", "grc-ls-remote-failed"},
			absent:  []string{"grc-probe-ok", "grc-ls-remote-ok"},
			text:    []string{"refused with 403", "codecommit:GitPull arn:aws:codecommit:us-east-1:123456789012:" + e2eRepo, "aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::123456789012:user/kim --action-names codecommit:GitPull"},
			notText: []string{"pip install git-remote-codecommit", w.kim.Key.SecretAccessKey},
		},
		{
			name: "the URL's profile has no credentials", url: "codecommit::us-east-1://nokeys@" + e2eRepo,
			files:   map[string]string{".aws/config": alice + "[profile nokeys]\nregion = us-east-1\n", ".aws/credentials": creds},
			want:    map[string]string{"remote-codecommit": "fail", "credentials": "fail"},
			codes:   []string{"grc-credentials-failed", "grc-ls-remote-failed"},
			absent:  []string{"grc-probe-ok", "grc-profile-not-found"},
			text:    []string{`signs with profile "nokeys"`, "aws sts get-caller-identity --profile nokeys", "does not have credentials configured: nokeys"},
			notText: []string{"pip install git-remote-codecommit"},
		},
		{
			// Temporary credentials: the user name git-remote-codecommit
			// sends is ACCESS_KEY_ID%SESSION_TOKEN.
			name: "temporary credentials: signed with the session token, which is never shown", url: "codecommit::us-east-1://tom@" + e2eRepo,
			files: map[string]string{".aws/config": alice, ".aws/credentials": creds + "[tom]\naws_access_key_id = " + w.tom.Key.AccessKeyID +
				"\naws_secret_access_key = " + w.tom.Key.SecretAccessKey + "\naws_session_token = " + grcToken + "\n"},
			want:    map[string]string{"remote-codecommit": "warn"},
			codes:   []string{"grc-probe-ok", "grc-ls-remote-ok"},
			notText: []string{grcToken, grcToken[:40], w.tom.Key.SecretAccessKey, w.tom.Key.AccessKeyID},
		},
		{
			name: "not installed", url: "codecommit://alice@" + e2eRepo, files: base, noGRC: true,
			want:   map[string]string{"remote": "fail", "remote-codecommit": "skip"},
			codes:  []string{"git-remote-codecommit-missing"},
			absent: []string{"grc-installed"},
			text:   []string{"pip install git-remote-codecommit"},
		},
		{
			// A Python 3.7 without botocore runs the wrapper: the doctor names
			// it (the stand-in itself needs no botocore, so git still works).
			name: "an old Python without botocore", url: "codecommit://alice@" + e2eRepo, files: withFile(base, oldPython,
				"#!/bin/sh\ncase \"$1\" in -c) printf 'python 3.7.16\\nbotocore-error ModuleNotFoundError: No module named botocore\\ngrc unknown\\n' ;; *) exec python3 \"$@\" ;; esac\n"),
			shebang: "#!/usr/bin/env python3.7",
			want:    map[string]string{"remote-codecommit": "fail"},
			codes:   []string{"grc-python-old", "grc-botocore-missing", "grc-ls-remote-ok"},
			text:    []string{"Python 3.7.16", "python3.7 -m pip install --upgrade git-remote-codecommit", "a Python 3.10 or later"},
		},
		{
			// The real Python runs the doctor's version script and imports a
			// botocore 1.29.9 (a stub package put first on its path): the
			// sso_session profile of the URL is more than it reads.
			name: "sso_session with botocore 1.29.9", url: "codecommit://sso@" + e2eRepo, shebang: "#!/usr/bin/env python3.9",
			files:   withBotocore(map[string]string{".aws/config": ssoProfile, ".aws/credentials": creds}, "1.29.9"),
			want:    map[string]string{"remote-codecommit": "fail"},
			codes:   []string{"grc-sso-session-unsupported"},
			absent:  []string{"grc-botocore-missing", "grc-python-old", "grc-login-session-unsupported"},
			text:    []string{"✗ [grc-sso-session-unsupported]", `profile "sso" (the codecommit:// URL), which uses an [sso-session] section (sso_session = corp): botocore reads such profiles from 1.29.10`, "has botocore 1.29.9 at ~/pystub/botocore", "is missing required configuration: sso_start_url, sso_region", "python3.9 -m pip install --upgrade botocore git-remote-codecommit", `botocore 1.29.9 cannot read profile "sso"`},
			notText: []string{"could not be learned", "a Python 3.10 or later"},
		},
		{
			name: "sso_session with botocore 1.29.10: not this finding", url: "codecommit://sso@" + e2eRepo, shebang: "#!/usr/bin/env python3.9",
			files:   withBotocore(map[string]string{".aws/config": ssoProfile, ".aws/credentials": creds}, "1.29.10"),
			codes:   []string{"grc-installed"},
			absent:  []string{"grc-sso-session-unsupported", "grc-botocore-missing"},
			notText: []string{"pip install --upgrade botocore"},
		},
		{
			// A Python that answers nothing for the version script: the
			// doctor says it could not learn botocore's version.
			name: "sso_session, botocore's version not learned", url: "codecommit://sso@" + e2eRepo, shebang: "#!/usr/bin/env python3.9",
			files: withFile(map[string]string{".aws/config": ssoProfile, ".aws/credentials": creds}, filepath.Join("bin", "python3.9"),
				"#!/bin/sh\ncase \"$1\" in -c) exit 1 ;; *) exec python3 \"$@\" ;; esac\n"),
			want:    map[string]string{"remote-codecommit": "fail"},
			codes:   []string{"grc-sso-session-unsupported"},
			text:    []string{"! [grc-sso-session-unsupported]", "could not be learned (/usr/bin/env python3.9 did not report it): the doctor cannot tell whether it reads the profile", `python3.9 -c "import botocore; print(botocore.__version__)"   # 1.29.10 or later reads sso_session`},
			notText: []string{"pip install --upgrade botocore", "cannot read profile"},
		},
		{
			name: "login_session at the end of a source_profile chain, botocore 1.40.76", url: "codecommit://ops@" + e2eRepo, shebang: "#!/usr/bin/env python3.9",
			files: withBotocore(map[string]string{".aws/config": "[profile ops]\nrole_arn = arn:aws:iam::123456789012:role/Ops\nsource_profile = web\nregion = us-east-1\n" +
				"[profile web]\nlogin_session = arn:aws:iam::123456789012:user/web\nregion = us-east-1\n", ".aws/credentials": creds}, "1.40.76"),
			want:   map[string]string{"remote-codecommit": "fail"},
			codes:  []string{"grc-login-session-unsupported"},
			absent: []string{"grc-sso-session-unsupported"},
			text:   []string{"✗ [grc-login-session-unsupported]", `profile "ops" (the codecommit:// URL), whose source_profile chain ends at profile "web", which signs in with ` + "`aws login`", "from 1.41.0", "has botocore 1.40.76", "python3.9 -m pip install --upgrade botocore git-remote-codecommit"},
			// The SDK's own text for such a chain ends in a Go "<nil>".
			notText: []string{"<nil>", "loading the AWS configuration: loading"},
		},
		{
			name: "login_session at the end of a source_profile chain, botocore 1.41.0: the doctor cannot load it, git says", url: "codecommit://ops@" + e2eRepo, shebang: "#!/usr/bin/env python3.9",
			files: withBotocore(map[string]string{".aws/config": "[profile ops]\nrole_arn = arn:aws:iam::123456789012:role/Ops\nsource_profile = web\nregion = us-east-1\n" +
				"[profile web]\nlogin_session = arn:aws:iam::123456789012:user/web\nregion = us-east-1\n", ".aws/credentials": creds}, "1.41.0"),
			// The stand-in's botocore stub has no login provider, so the real
			// `git ls-remote` fails and says so (the verdict); the doctor's own
			// load is only "could not tell", never a second verdict.
			want:    map[string]string{"remote-codecommit": "fail"},
			codes:   []string{"grc-credentials-failed", "grc-ls-remote-failed"},
			absent:  []string{"grc-login-session-unsupported"},
			text:    []string{"? [grc-credentials-failed]", `whose credentials the doctor could not load: role arn:aws:iam::123456789012:role/Ops has source_profile "web"`, "so this is not a verdict", "aws sts get-caller-identity --profile ops"},
			notText: []string{"<nil>", "✗ [grc-credentials-failed]"},
		},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			rep, text := w.run(t, sc)
			codes := map[string]bool{}
			for _, c := range rep.Checks {
				for _, f := range c.Findings {
					codes[f.Code] = true
				}
				if want, ok := sc.want[c.ID]; ok && c.Status != want {
					t.Errorf("%s: status %s (%s), want %s", c.ID, c.Status, c.Summary, want)
				}
			}
			for _, c := range sc.codes {
				if !codes[c] {
					t.Errorf("no finding %s", c)
				}
			}
			for _, c := range sc.absent {
				if codes[c] {
					t.Errorf("finding %s, which must not be there", c)
				}
			}
			for _, s := range sc.text {
				if !strings.Contains(text, s) {
					t.Errorf("the report does not say %q", s)
				}
			}
			raw, _ := json.Marshal(rep)
			for _, s := range sc.notText {
				if strings.Contains(text, s) || strings.Contains(string(raw), s) {
					t.Errorf("the report says %q, which it must not", s)
				}
			}
			if t.Failed() || os.Getenv("GRC_SHOW") != "" {
				t.Logf("report:\n%s", text)
			}
		})
	}
}

// ssoProfile is an IAM Identity Center profile with an [sso-session].
const ssoProfile = "[profile sso]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = us-east-1\n" +
	"[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n"

// withBotocore adds ~/bin/python3.9, the real python3 with a stub botocore
// of that version (~/pystub/botocore) first on its path.
func withBotocore(m map[string]string, version string) map[string]string {
	m = withFile(m, filepath.Join("pystub", "botocore", "__init__.py"), "__version__ = '"+version+"'\n")
	return withFile(m, filepath.Join("bin", "python3.9"), "#!/bin/sh\nPYTHONPATH=\"$HOME/pystub\" exec python3 \"$@\"\n")
}

func withFile(m map[string]string, name, content string) map[string]string {
	out := map[string]string{name: content}
	maps.Copy(out, m)
	return out
}
