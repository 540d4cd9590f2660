package frontends

import (
	"strings"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/chain"
	"github.com/codecommit-doctor/codecommit-doctor/checks/checkstest"

	"github.com/codecommit-doctor/codecommit-doctor/internal/gitcred"
)

const url = "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/R"

func helper(i int, v string) gitcred.Entry {
	return gitcred.Entry{Index: i, Scope: "global", Origin: "file:/home/u/.gitconfig", Key: "credential.helper", Value: v}
}

type tc struct {
	name    string
	os      string
	env     map[string]string
	files   map[string]string
	helpers []gitcred.Entry
	target  string // "" = url; "-" = none
	codes   map[string]checks.Status
	absent  []string
	text    []string
	notText []string
}

func run(t *testing.T, c tc) checks.Result {
	t.Helper()
	goos := c.os
	if goos == "" {
		goos = "linux"
	}
	req, _ := gitcred.RequestFromURL(url)
	cf := &chain.Facts{Request: req, URL: req.Display(), Entries: c.helpers, Features: gitcred.AllFeatures(), Real: true,
		Chain: gitcred.Compute(c.helpers, req, gitcred.AllFeatures(), goos)}
	facts := []checks.Fact{chain.Key.Fact(cf)}
	switch c.target {
	case "":
		facts = append(facts, checkstest.Target(url))
	case "-":
	default:
		facts = append(facts, checkstest.Target(c.target))
	}
	env := (&checks.Env{Sys: checkstest.Sys{Env: c.env, Files: c.files, OS: c.os}}).WithFacts(facts...)
	res, err := checkstest.Run(t, New(), env)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestFrontEnds(t *testing.T) {
	gcmPath := `/mnt/c/Program\ Files/Git/mingw64/bin/git-credential-manager.exe`
	cases := []tc{
		{
			name: "WSL (WSL_DISTRO_NAME): the Windows GCM before the AWS helper", env: map[string]string{"WSL_DISTRO_NAME": "Ubuntu"},
			helpers: []gitcred.Entry{helper(0, gcmPath), helper(1, "!aws codecommit credential-helper $@")},
			codes:   map[string]checks.Status{codeWSLGCM: checks.Warn},
			text: []string{"This is WSL", "git-credential-manager.exe", "cannot run this Linux's `aws`",
				"git config --global --replace-all 'credential.https://git-codecommit.*.amazonaws.com.helper' ''",
				"git config --global --add 'credential.https://git-codecommit.*.amazonaws.com.helper' '!aws codecommit credential-helper $@'",
				"Install the AWS CLI v2 inside WSL first"},
		},
		{
			name: "WSL detected from /proc/version: aws.exe as the helper", files: map[string]string{"/proc/version": "Linux version 5.15.153.1-microsoft-standard-WSL2 (root@941d701f84f1)"},
			helpers: []gitcred.Entry{helper(0, `!/mnt/c/Program\ Files/Amazon/AWSCLIV2/aws.exe codecommit credential-helper $@`)},
			codes:   map[string]checks.Status{codeWSLAWS: checks.Warn},
			text:    []string{"runs the Windows AWS CLI", "%USERPROFILE%\\.aws", "git config --global --fixed-value --replace-all credential.helper '!aws codecommit credential-helper $@' '!/mnt/c/Program\\ Files/Amazon/AWSCLIV2/aws.exe codecommit credential-helper $@'"},
			notText: []string{"aws.exe codecommit credential-helper $@' '!aws"},
		},
		{
			name: "not WSL: the same helpers say nothing", helpers: []gitcred.Entry{helper(0, gcmPath)},
			files:  map[string]string{"/proc/version": "Linux version 6.1.0-18-amd64 (debian-kernel@lists.debian.org)"},
			absent: []string{codeWSLGCM, codeWSLAWS},
		},
		{
			name: "WSL with a Linux GCM and the Linux aws: nothing", env: map[string]string{"WSL_INTEROP": "/run/WSL/8_interop"},
			helpers: []gitcred.Entry{helper(0, "/usr/local/bin/git-credential-manager"), helper(1, "!aws codecommit credential-helper $@")},
			absent:  []string{codeWSLGCM, codeWSLAWS},
		},
		{
			name: "Windows git with a helper written for WSL", os: "windows",
			helpers: []gitcred.Entry{helper(0, "!/home/u/.local/bin/aws codecommit credential-helper $@")},
			codes:   map[string]checks.Status{codeLinuxHelper: checks.Fail},
			text:    []string{"a Linux path", `git config --global --fixed-value --replace-all credential.helper "!aws codecommit credential-helper $@" "!/home/u/.local/bin/aws codecommit credential-helper $@"`},
		},
		{
			name: "Windows git with Git for Windows paths: nothing", os: "windows",
			helpers: []gitcred.Entry{helper(0, "!aws codecommit credential-helper $@"), helper(1, "/c/tools/helper.exe")},
			absent:  []string{codeLinuxHelper},
		},
		{
			name: "macOS: GitHub Desktop and Sourcetree in /Applications", os: "darwin",
			files:   map[string]string{"/Applications/GitHub Desktop.app": "", "/home/u/Applications/Sourcetree.app": ""},
			codes:   map[string]checks.Status{codeGitHubDesk: checks.Warn, codeEmbeddedGit: checks.Pass},
			text:    []string{"/Applications/GitHub Desktop.app", "`-c credential.helper=`", "aws iam create-service-specific-credential", "Sourcetree (/home/u/Applications/Sourcetree.app)", "Use System Git"},
			notText: []string{"Fork"},
		},
		{
			name: "Windows: Fork in %LOCALAPPDATA%", os: "windows", env: map[string]string{"LOCALAPPDATA": `C:\Users\u\AppData\Local`},
			files: map[string]string{`C:\Users\u\AppData\Local\Fork`: ""},
			codes: map[string]checks.Status{codeEmbeddedGit: checks.Pass},
			text:  []string{`Fork (C:\Users\u\AppData\Local\Fork)`, "Git Instance"}, absent: []string{codeGitHubDesk},
		},
		{
			name: "GUI clients are not looked for without a CodeCommit repository", os: "darwin", target: "-",
			files:  map[string]string{"/Applications/GitHub Desktop.app": ""},
			absent: []string{codeGitHubDesk, codeEmbeddedGit},
		},
		{
			name: "GitHub Desktop does not matter for git-remote-codecommit URLs", os: "darwin", target: "codecommit::us-east-1://R",
			files:  map[string]string{"/Applications/GitHub Desktop.app": ""},
			absent: []string{codeGitHubDesk},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res := run(t, c)
			text := checkstest.Text(res)
			got := checkstest.CodeMap(res)
			for code, sev := range c.codes {
				if s, ok := got[code]; !ok || s != sev {
					t.Errorf("finding %s: %v (present %v), want %s\n%s", code, s, ok, sev, text)
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
