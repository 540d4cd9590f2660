package grc

import (
	"context"
	"errors"
	"maps"
	"os"
	"strings"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/chain"
	"github.com/codecommit-doctor/codecommit-doctor/checks/checkstest"
	"github.com/codecommit-doctor/codecommit-doctor/checks/signing"

	"github.com/codecommit-doctor/codecommit-doctor/internal/gitcred"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// machine is checkstest.Sys with git-remote-codecommit installed: its
// wrapper is a file, and its Python answers the version script.
type machine struct {
	checkstest.Sys
	grc    string // path, "" = not installed
	python string // what the Python prints for the version script
	ran    *[]string
}

func (m machine) LookPath(name string) (string, error) {
	if name == program && m.grc != "" {
		return m.grc, nil
	}
	if name == "python3" || strings.HasPrefix(name, "/") || strings.HasPrefix(name, "C:") {
		return name, nil
	}
	return "", os.ErrNotExist
}

func (m machine) Run(_ context.Context, c sys.Command) (sys.Output, error) {
	*m.ran = append(*m.ran, c.Name+" "+strings.Join(c.Args[:1], " "))
	if strings.HasSuffix(c.Name, "/libexec/pyenv") && len(c.Args) == 2 && c.Args[0] == "which" {
		if p, ok := m.Files["/home/u/.pyenv/versions/3.12.1/bin/"+c.Args[1]]; ok && p != "" {
			return sys.Output{Path: c.Name, Stdout: "/home/u/.pyenv/versions/3.12.1/bin/" + c.Args[1] + "\n"}, nil
		}
		return sys.Output{Path: c.Name, ExitCode: 127, Stderr: "pyenv: " + c.Args[1] + ": command not found\n"}, nil
	}
	if len(c.Args) == 2 && c.Args[0] == "-c" && strings.Contains(c.Args[1], "botocore") {
		return sys.Output{Path: c.Name, Stdout: m.python}, nil
	}
	return sys.Output{}, errors.New("unexpected program " + c.Name)
}

type tc struct {
	name    string
	url     string
	os      string
	env     map[string]string
	wrapper string // first line of the wrapper
	python  string
	config  string // ~/.aws/config
	entries []gitcred.Entry
	flag    string // --profile
	files   map[string]string
	grcPath string // "" = /usr/local/bin/git-remote-codecommit
	status  checks.Status
	codes   map[string]checks.Status
	absent  []string
	text    []string
	notText []string
}

// pyenvShim is a pyenv shim as pyenv writes them.
const pyenvShim = "#!/usr/bin/env bash\nset -e\n[ -n \"$PYENV_DEBUG\" ] && set -x\n\nprogram=\"${0##*/}\"\n\nexport PYENV_ROOT=\"/home/u/.pyenv\"\nexec \"/home/u/.pyenv/libexec/pyenv\" exec \"$program\" \"$@\""

const pyOK = "python 3.11.7\nbotocore 1.43.11\ngrc 1.17\n"

func run(t *testing.T, c tc) (checks.Result, []string) {
	t.Helper()
	var ran []string
	grc := c.grcPath
	if grc == "" {
		grc = "/usr/local/bin/git-remote-codecommit"
	}
	files := map[string]string{grc: c.wrapper + "\nimport re\n", "/home/u/.aws/config": c.config}
	maps.Copy(files, c.files)
	m := machine{Sys: checkstest.Sys{Env: c.env, Files: files, OS: c.os}, grc: grc, python: c.python, ran: &ran}
	if c.wrapper == "" {
		m.grc = ""
	}
	env := (&checks.Env{Sys: m, Options: checks.Options{Offline: true, Profile: c.flag}}).WithFacts(checkstest.Target(c.url))
	// The signing facts as the provider works them out on this machine.
	sres, err := signing.New().Run(context.Background(), env)
	if err != nil {
		t.Fatal(err)
	}
	env = env.WithResult(signing.ID, sres).WithFacts(chain.Key.Fact(&chain.Facts{Entries: c.entries, Features: gitcred.AllFeatures()}))
	res, err := checkstest.Run(t, New(), env)
	if err != nil {
		t.Fatal(err)
	}
	return res, ran
}

func globalHelper(i int, v string) gitcred.Entry {
	return gitcred.Entry{Index: i, Scope: "global", Origin: "file:/home/u/.gitconfig", Key: "credential.helper", Value: v}
}

const (
	ssoConfig = "[profile sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\nregion = us-east-1\n" +
		"[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n"
	opsRole     = "[profile ops]\nrole_arn = arn:aws:iam::111122223333:role/Ops\nsource_profile = sso\nregion = us-east-1\n"
	loginConfig = "[profile web]\nlogin_session = arn:aws:iam::111122223333:user/web\nregion = us-east-1\n"
)

func TestGRC(t *testing.T) {
	regional := "[profile dev]\nregion = us-east-2\n"
	cases := []tc{
		{
			name: "installed, profile and region from the URL's profile", url: "codecommit://dev@R", wrapper: "#!/usr/bin/python3", python: pyOK, config: regional,
			status: checks.Pass, codes: map[string]checks.Status{codeInstalled: checks.Pass},
			text:    []string{"git-remote-codecommit 1.17 at /usr/local/bin/git-remote-codecommit, Python 3.11.7 (/usr/bin/python3), botocore 1.43.11", `signs for us-east-2 with profile "dev" (git-codecommit.us-east-2.amazonaws.com)`},
			notText: []string{"pip install"},
		},
		{
			name: "AWS_DEFAULT_REGION wins over the profile's region; AWS_REGION is never read", url: "codecommit://dev@R", wrapper: "#!/usr/bin/env python3", python: pyOK, config: regional,
			env:    map[string]string{"AWS_DEFAULT_REGION": "eu-west-1", "AWS_REGION": "ap-south-1"},
			status: checks.Pass, text: []string{"signs for eu-west-1", "git-codecommit.eu-west-1.amazonaws.com"}, notText: []string{"ap-south-1"},
		},
		{
			name: "--profile does not reach git-remote-codecommit: the URL's profile and its region count", url: "codecommit://dev@R", wrapper: "#!/usr/bin/python3", python: pyOK,
			config: regional + "[profile other]\nregion = eu-north-1\n", flag: "other",
			status: checks.Pass, text: []string{`signs for us-east-2 with profile "dev"`}, notText: []string{"eu-north-1"},
		},
		{
			name: "no profile in the URL: AWS_DEFAULT_PROFILE before AWS_PROFILE, as botocore", url: "codecommit://R", wrapper: "#!/usr/bin/python3", python: pyOK,
			config: regional + "[profile other]\nregion = eu-north-1\n", env: map[string]string{"AWS_DEFAULT_PROFILE": "dev", "AWS_PROFILE": "other"},
			status: checks.Pass, text: []string{`signs for us-east-2 with profile "dev"`},
		},
		{
			name: "the URL's profile is missing", url: "codecommit::us-east-1://ops@R", wrapper: "#!/usr/bin/python3", python: pyOK, config: regional + "[default]\nregion = us-east-1\n",
			status: checks.Fail, codes: map[string]checks.Status{codeProfileNotFound: checks.Fail},
			text:    []string{`profile "ops"`, "Available profiles: default, dev.", "aws configure --profile ops", "codecommit://PROFILE@R   # PROFILE: one of default, dev"},
			notText: []string{"pip install"},
		},
		{
			name: "Python 3.8: old, and botocore does not import", url: "codecommit::us-east-1://R", wrapper: "#!/opt/py38/bin/python3.8", config: "",
			python: "python 3.8.18\nbotocore-error ModuleNotFoundError: No module named 'botocore'\ngrc unknown\n",
			status: checks.Fail, codes: map[string]checks.Status{codePythonOld: checks.Warn, codeBotocoreMissing: checks.Fail},
			text: []string{"Python 3.8.18", "/opt/py38/bin/python3.8 -m pip install --upgrade git-remote-codecommit", "a Python 3.10 or later"},
		},
		{
			name: "a pyenv shim: the Python is not guessed, and nothing is run", url: "codecommit::us-east-1://R", wrapper: "#!/usr/bin/env bash", python: pyOK,
			status: checks.Pass, text: []string{"its Python could not be read from the wrapper"}, notText: []string{"Python 3.11.7"},
		},
		{
			name: "a pyenv shim: pyenv which names the script, whose Python is asked", url: "codecommit::us-east-1://R", python: pyOK,
			wrapper: pyenvShim,
			files:   map[string]string{"/home/u/.pyenv/versions/3.12.1/bin/git-remote-codecommit": "#!/home/u/.pyenv/versions/3.12.1/bin/python3.12\n"},
			status:  checks.Pass,
			text:    []string{"(a pyenv shim for /home/u/.pyenv/versions/3.12.1/bin/git-remote-codecommit), Python 3.11.7 (/home/u/.pyenv/versions/3.12.1/bin/python3.12)"},
		},
		{
			name: "a pyenv shim whose version has no git-remote-codecommit", url: "codecommit::us-east-1://R", python: pyOK, wrapper: pyenvShim,
			status: checks.Pass, text: []string{"its Python could not be read from the wrapper"}, notText: []string{"pyenv shim for"},
		},
		{
			name: "windows: pip's .exe launcher names its Python between the launcher and the zip", url: "codecommit::us-east-1://R", os: "windows",
			grcPath: `C:\Users\u\AppData\Local\Programs\Python\Python38\Scripts\git-remote-codecommit.exe`,
			wrapper: "MZ\x90\x00launcher code...\x00\x00#!\"C:\\Program Files\\Python38\\python.exe\"\r\nPK\x03\x04zipped __main__.py",
			python:  "python 3.8.10\nbotocore-error ModuleNotFoundError: No module named 'botocore'\ngrc unknown\n",
			status:  checks.Fail, codes: map[string]checks.Status{codePythonOld: checks.Warn, codeBotocoreMissing: checks.Fail},
			text: []string{`Python 3.8.10 ("C:\Program Files\Python38\python.exe")`, `"C:\Program Files\Python38\python.exe" -m pip install --upgrade git-remote-codecommit`},
		},
		{
			name: "China with git-remote-codecommit 1.0: signs for .amazonaws.com", url: "codecommit::cn-north-1://R", wrapper: "#!/usr/bin/python3",
			python: "python 3.11.7\nbotocore 1.43.11\ngrc 1.0\n",
			status: checks.Fail, codes: map[string]checks.Status{codeChinaOld: checks.Fail},
			text: []string{"git-remote-codecommit 1.0 signs for git-codecommit.cn-north-1.amazonaws.com", "export CODE_COMMIT_ENDPOINT=git-codecommit.cn-north-1.amazonaws.com.cn", "/usr/bin/python3"},
		},
		{
			name: "China with a current git-remote-codecommit: .amazonaws.com.cn, no finding", url: "codecommit::cn-northwest-1://R", wrapper: "#!/usr/bin/python3", python: pyOK,
			status: checks.Pass, absent: []string{codeChinaOld}, text: []string{"git-codecommit.cn-northwest-1.amazonaws.com.cn"},
		},
		{
			name: "CODE_COMMIT_ENDPOINT for another region", url: "codecommit::eu-west-1://R", wrapper: "#!/usr/bin/python3", python: pyOK,
			env:    map[string]string{"CODE_COMMIT_ENDPOINT": "git-codecommit.us-east-1.amazonaws.com"},
			status: checks.Fail, codes: map[string]checks.Status{codeEndpointWrong: checks.Fail},
			text: []string{"signs for region eu-west-1", "whose git endpoint is git-codecommit.eu-west-1.amazonaws.com", "unset CODE_COMMIT_ENDPOINT"},
		},
		{
			name: "windows: GCM in the generic helper list", url: "codecommit::us-east-1://R", os: "windows", wrapper: "#!c:\\python312\\python.exe", python: pyOK,
			entries: []gitcred.Entry{{Scope: "system", Origin: "file:C:/Program Files/Git/etc/gitconfig", Key: "credential.helper", Value: "manager"}},
			status:  checks.Warn, codes: map[string]checks.Status{codeGCM: checks.Warn},
			text:    []string{"`manager` (system", "https://git-codecommit.us-east-1.amazonaws.com", `git config --global "credential.https://git-codecommit.us-east-1.amazonaws.com.helper" ""`, "The stub received bad data"},
			notText: []string{"--add"},
		},
		{
			name: "windows: GCM by path, with the AWS helper kept after the reset", url: "codecommit::us-east-1://R", os: "windows", wrapper: "#!/usr/bin/python3", python: pyOK,
			entries: []gitcred.Entry{globalHelper(0, `C:/Program\ Files/Git/mingw64/bin/git-credential-manager.exe`), globalHelper(1, "!aws codecommit credential-helper $@")},
			status:  checks.Warn, codes: map[string]checks.Status{codeGCM: checks.Warn},
			text: []string{`git config --global --add "credential.https://git-codecommit.us-east-1.amazonaws.com.helper" "!aws codecommit credential-helper $@"`},
		},
		{
			name: "windows: GCM scoped to another host is fine", url: "codecommit::us-east-1://R", os: "windows", wrapper: "#!/usr/bin/python3", python: pyOK,
			entries: []gitcred.Entry{{Scope: "global", Origin: "file:/home/u/.gitconfig", Key: "credential.https://dev.azure.com.helper", Value: "manager"}},
			status:  checks.Pass, absent: []string{codeGCM},
		},
		{
			name: "sso_session with botocore 1.29.9: named, with the upgrade in that Python", url: "codecommit://sso@R", wrapper: "#!/opt/py/bin/python3", config: ssoConfig,
			python: "python 3.11.7\nbotocore 1.29.9\nbotocore-path /home/u/.local/lib/python3.11/site-packages/botocore\ngrc 1.17\n",
			status: checks.Fail, codes: map[string]checks.Status{codeSSOSession: checks.Fail},
			text: []string{`profile "sso" (the codecommit:// URL)`, "sso_session = corp", "from 1.29.10", "(/opt/py/bin/python3) has botocore 1.29.9 at ~/.local/lib/python3.11/site-packages/botocore",
				"/opt/py/bin/python3 -m pip install --upgrade botocore git-remote-codecommit", `botocore 1.29.9 cannot read profile "sso"`,
				`gets no credentials from it (it stops with "The profile "sso" is configured to use SSO but is missing required configuration: sso_start_url, sso_region").`},
			notText: []string{"a Python 3.10 or later", "could not be learned"},
		},
		{
			name: "windows: sso_session at the end of a source_profile chain, interpreter path quoted", url: "codecommit://ops@R", os: "windows",
			wrapper: `#!"C:\Program Files\Python311\python.exe"`, config: ssoConfig + opsRole,
			python: "python 3.11.7\nbotocore 1.28.5\ngrc 1.17\n",
			status: checks.Fail, codes: map[string]checks.Status{codeSSOSession: checks.Fail},
			text: []string{`profile "ops" (the codecommit:// URL), whose source_profile chain ends at profile "sso"`, "has botocore 1.28.5,", `"C:\Program Files\Python311\python.exe" -m pip install --upgrade botocore git-remote-codecommit`},
		},
		{
			name: "sso_session with botocore 1.29.10: nothing to say", url: "codecommit://sso@R", wrapper: "#!/usr/bin/python3", config: ssoConfig,
			python: "python 3.11.7\nbotocore 1.29.10\ngrc 1.17\n",
			status: checks.Pass, absent: []string{codeSSOSession, codeLoginSession}, notText: []string{"pip install"},
		},
		{
			name: "sso_session on Python 3.6: no botocore that reads it installs there", url: "codecommit://sso@R", wrapper: "#!/usr/bin/python3.6", config: ssoConfig,
			python: "python 3.6.15\nbotocore 1.26.10\ngrc 1.15\n",
			status: checks.Fail, codes: map[string]checks.Status{codeSSOSession: checks.Fail, codePythonOld: checks.Warn},
			text:    []string{"No botocore that reads it installs on Python 3.6.15.", "# PYTHON: a Python 3.10 or later"},
			notText: []string{"/usr/bin/python3.6 -m pip install --upgrade botocore"},
		},
		{
			name: "sso_session, botocore's version unknown: said, not guessed", url: "codecommit://sso@R", wrapper: pyenvShim, config: ssoConfig, python: pyOK,
			status: checks.Warn, codes: map[string]checks.Status{codeSSOSession: checks.Warn},
			text:    []string{"could not be learned (its Python could not be read from the wrapper)", "the doctor cannot tell", `PYTHON -c "import botocore; print(botocore.__version__)"   # PYTHON: the Python that runs git-remote-codecommit; 1.29.10 or later reads sso_session`},
			notText: []string{"pip install", "botocore 1.43.11"},
		},
		{
			name: "login_session with botocore 1.40.76: below 1.41.0", url: "codecommit://web@R", wrapper: "#!/usr/bin/python3", config: loginConfig,
			python: "python 3.12.3\nbotocore 1.40.76\ngrc 1.17\n",
			status: checks.Fail, codes: map[string]checks.Status{codeLoginSession: checks.Fail},
			text:    []string{"signs in with `aws login` (login_session = arn:aws:iam::111122223333:user/web)", "from 1.41.0", "/usr/bin/python3 -m pip install --upgrade botocore git-remote-codecommit"},
			notText: []string{"configured to use SSO"},
		},
		{
			name: "login_session on Python 3.8: no botocore 1.41 there", url: "codecommit://web@R", wrapper: "#!/usr/bin/python3.8", config: loginConfig,
			python: "python 3.8.18\nbotocore 1.37.38\ngrc 1.17\n",
			status: checks.Fail, codes: map[string]checks.Status{codeLoginSession: checks.Fail},
			text:    []string{"No botocore that reads it installs on Python 3.8.18."},
			notText: []string{"python3.8 -m pip install --upgrade botocore"},
		},
		{
			name: "login_session with botocore 1.41.0: nothing to say", url: "codecommit://web@R", wrapper: "#!/usr/bin/python3", config: loginConfig,
			python: "python 3.12.3\nbotocore 1.41.0\ngrc 1.17\n",
			status: checks.Pass, absent: []string{codeLoginSession},
		},
		{
			name: "no profile in the URL and keys in the environment: the profile's type does not matter", url: "codecommit://R", wrapper: "#!/usr/bin/python3", config: ssoConfig,
			env:    map[string]string{"AWS_PROFILE": "sso", "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE"},
			python: "python 3.11.7\nbotocore 1.29.9\ngrc 1.17\n",
			status: checks.Pass, absent: []string{codeSSOSession},
		},
		{
			name: "botocore missing: that finding only", url: "codecommit://sso@R", wrapper: "#!/usr/bin/python3", config: ssoConfig,
			python: "python 3.11.7\nbotocore-error ModuleNotFoundError: No module named 'botocore'\ngrc unknown\n",
			status: checks.Fail, codes: map[string]checks.Status{codeBotocoreMissing: checks.Fail}, absent: []string{codeSSOSession},
		},
		{
			name: "linux: GCM is not this finding", url: "codecommit::us-east-1://R", wrapper: "#!/usr/bin/python3", python: pyOK,
			entries: []gitcred.Entry{globalHelper(0, "manager")},
			status:  checks.Pass, absent: []string{codeGCM},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, _ := run(t, c)
			text := checkstest.Text(res)
			if res.Status != c.status {
				t.Errorf("status %s, want %s\n%s", res.Status, c.status, text)
			}
			got := checkstest.CodeMap(res)
			for code, sev := range c.codes {
				if got[code] != sev {
					t.Errorf("finding %s: %q, want %s\n%s", code, got[code], sev, text)
				}
			}
			for _, code := range c.absent {
				if _, ok := got[code]; ok {
					t.Errorf("finding %s must not be reported\n%s", code, text)
				}
			}
			for _, s := range c.text {
				if !strings.Contains(text, s) {
					t.Errorf("the result does not say %q\n%s", s, text)
				}
			}
			for _, s := range c.notText {
				if strings.Contains(text, s) {
					t.Errorf("the result says %q\n%s", s, text)
				}
			}
		})
	}
}

func TestGRCSkips(t *testing.T) {
	for _, c := range []tc{
		{name: "an HTTPS URL", url: "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/R", wrapper: "#!/usr/bin/python3", python: pyOK},
		{name: "not installed (the remote check says how to install it)", url: "codecommit::us-east-1://R"},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, ran := run(t, c)
			if res.Status != checks.Skip || len(res.Findings) != 0 {
				t.Errorf("status %s with %s, want a skip without findings", res.Status, checkstest.Codes(res))
			}
			if len(ran) != 0 {
				t.Errorf("ran %v", ran)
			}
		})
	}
}
