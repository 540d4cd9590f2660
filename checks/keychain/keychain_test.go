package keychain

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/chain"
	"github.com/codecommit-doctor/codecommit-doctor/checks/checkstest"
	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/nobody"
)

const kcSigned = "20251126T072702Zdeadbeefcafe0000000000000000000000000000000000000000000000000000"

func TestParseKeychainItem(t *testing.T) {
	out := `keychain: "/Users/me/Library/Keychains/login.keychain-db"
version: 512
class: "inet"
attributes:
    "acct"<blob>="AKIAIOSFODNN7EXAMPLE"
    "cdat"<timedate>=0x32303235313132363037323730325A00  "20251126072702Z\000"
    "mdat"<timedate>=0x32303235313132363039303130305A00  "20251126090100Z\000"
    "srvr"<blob>="git-codecommit.us-east-2.amazonaws.com"
`
	got := parseKeychainItem(out)
	want := keychainItemInfo{Keychain: "/Users/me/Library/Keychains/login.keychain-db",
		Created: "2025-11-26 07:27:02 UTC", Modified: "2025-11-26 09:01:00 UTC"}
	if got != want {
		t.Errorf("parseKeychainItem = %+v, want %+v", got, want)
	}
	if strings.Contains(got.dates()+got.Keychain, "AKIA") {
		t.Error("the account leaked")
	}
	if (keychainItemInfo{}).dates() != "" || parseKeychainItem("garbage") != (keychainItemInfo{}) {
		t.Error("garbage gave dates")
	}
}

// keychainRunIn runs credential-helper then keychain, as the runner would.
const credTestURL = "https://git-codecommit.us-east-2.amazonaws.com/v1/repos/MyDemoRepo"

func keychainRunIn(t *testing.T, w *checkstest.GitWorld, url string, extra ...string) checks.Result {
	t.Helper()
	env := w.EnvFor(url, "2.39.5", extra...)
	res, err := checkstest.Run(t, New(), env)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		if strings.Contains(f.Message, "deadbeefcafe") || strings.Contains(strings.Join(f.Remediation, " "), "deadbeefcafe") {
			t.Errorf("finding %s shows the password", f.Code)
		}
	}
	return res
}

func TestKeychainStoreFiles(t *testing.T) {
	const aws = "!aws codecommit credential-helper $@"
	line := "https://AKIAIOSFODNN7EXAMPLE:" + kcSigned + "@git-codecommit.us-east-2.amazonaws.com/v1/repos/MyDemoRepo\n"
	tests := []struct {
		name, system, global, creds string
		url                         string
		want                        map[string]checks.Status
	}{
		{name: "store first hands it over", system: "[credential]\n\thelper = store\n",
			global: "[credential]\n\thelper = " + aws + "\n\tUseHttpPath = true\n", creds: line, url: credTestURL,
			want: map[string]checks.Status{"stored-password-stale": checks.Fail}},
		{name: "no path in the line: store does not answer with UseHttpPath on", system: "[credential]\n\thelper = store\n",
			global: "[credential]\n\thelper = " + aws + "\n\tUseHttpPath = true\n",
			creds:  "https://AKIAIOSFODNN7EXAMPLE:" + kcSigned + "@git-codecommit.us-east-2.amazonaws.com\n", url: credTestURL,
			want: map[string]checks.Status{"stored-password-stale": checks.Warn}},
		{name: "no store helper", global: "[credential]\n\thelper = " + aws + "\n\tUseHttpPath = true\n", creds: line, url: credTestURL,
			want: map[string]checks.Status{"stored-password-stale": checks.Warn}},
		{name: "store after the AWS helper", global: "[credential]\n\thelper = " + aws + "\n\thelper = store\n\tUseHttpPath = true\n", creds: line, url: credTestURL,
			want: map[string]checks.Status{"stored-password-stale": checks.Warn}},
		{name: "another region", system: "[credential]\n\thelper = store\n", global: "[credential]\n\tUseHttpPath = true\n",
			creds: strings.Replace(line, "us-east-2", "eu-west-1", 1), url: credTestURL,
			want: map[string]checks.Status{"stored-password-stale": checks.Warn}},
		{name: "static git credentials", creds: "https://me-at-1234:Static%2Bpw@git-codecommit.us-east-2.amazonaws.com\n", url: credTestURL,
			want: map[string]checks.Status{"stored-git-credentials": checks.Warn}},
		{name: "other hosts are none of our business", creds: "https://me:pw@github.com\n", url: credTestURL, want: map[string]checks.Status{}},
		{name: "no target", creds: line, want: map[string]checks.Status{"stored-password-stale": checks.Warn}},
		{name: "nothing stored", url: credTestURL, want: map[string]checks.Status{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := checkstest.NewGitWorld(t, "linux")
			w.Write("sysconfig", tc.system)
			w.Write("home/.gitconfig", tc.global)
			if tc.creds != "" {
				w.Write("home/.git-credentials", tc.creds)
			}
			res := keychainRunIn(t, w, tc.url)
			got := checkstest.CodeMap(res)
			if len(got) != len(tc.want) {
				t.Errorf("findings %v, want %v", got, tc.want)
			}
			for code, sev := range tc.want {
				if got[code] != sev {
					t.Errorf("%s = %v, want %v", code, got[code], sev)
				}
			}
			if len(tc.want) == 0 && res.Status != checks.Pass {
				t.Errorf("status %v: %s", res.Status, res.Summary)
			}
			for _, f := range res.Findings {
				if len(f.Remediation) != 1 || !strings.Contains(f.Remediation[0], "git credential-store --file ~/.git-credentials erase") {
					t.Errorf("remediation %q", f.Remediation)
				}
			}
		})
	}
}

func TestKeychainUnreadableStoreFile(t *testing.T) {
	if !nobody.Run(t) {
		return // root: it ran as nobody, and passed
	}
	w := checkstest.NewGitWorld(t, "linux")
	w.Write("home/.git-credentials", "x\n")
	if err := os.Chmod(filepath.Join(w.Home, ".git-credentials"), 0); err != nil {
		t.Fatal(err)
	}
	res := keychainRunIn(t, w, credTestURL)
	if checkstest.CodeMap(res)["store-file-unreadable"] != checks.Error {
		t.Errorf("findings %v", checkstest.CodeMap(res))
	}
}

func TestKeychainMacOS(t *testing.T) {
	// printf is a shell builtin: the fake needs nothing from PATH.
	const item = `printf '%s\n' 'keychain: "/Users/me/Library/Keychains/login.keychain-db"' ` +
		`'    "acct"<blob>="AKIAIOSFODNN7EXAMPLE"' '    "cdat"<timedate>=0x00  "20251126072702Z\000"'` + "\n"
	tests := []struct {
		name, security string
		system, global string
		want           map[string]checks.Status
		status         checks.Status
	}{
		{name: "Apple's osxkeychain first, item present",
			security: "#!/bin/sh\ncase \"$*\" in *-g*|*-w*) exit 99;; esac\n" + item,
			system:   "[credential]\n\thelper = osxkeychain\n",
			global:   "[credential]\n\thelper = !aws codecommit credential-helper $@\n\tUseHttpPath = true\n",
			want:     map[string]checks.Status{"apple-git-osxkeychain": checks.Fail, "keychain-stale-password": checks.Fail}, status: checks.Fail},
		{name: "overridden, item present",
			security: "#!/bin/sh\n" + item,
			system:   "[credential]\n\thelper = osxkeychain\n",
			global:   "[credential \"https://git-codecommit.*.amazonaws.com\"]\n\thelper =\n\thelper = !aws codecommit credential-helper $@\n\tUseHttpPath = true\n",
			want:     map[string]checks.Status{"apple-git-osxkeychain-overridden": checks.Pass, "keychain-stale-password": checks.Warn}, status: checks.Warn},
		{name: "no item",
			security: "#!/bin/sh\necho 'security: SecKeychainSearchCopyNext: The specified item could not be found in the keychain.' >&2\nexit 44\n",
			global:   "[credential]\n\thelper = !aws codecommit credential-helper $@\n\tUseHttpPath = true\n",
			want:     map[string]checks.Status{}, status: checks.Pass},
		{name: "locked keychain",
			security: "#!/bin/sh\necho 'security: SecKeychainSearchCopyNext: User interaction is not allowed.' >&2\nexit 36\n",
			want:     map[string]checks.Status{"keychain-unreadable": checks.Error}, status: checks.Error},
		{name: "no security program", want: map[string]checks.Status{"keychain-unreadable": checks.Error}, status: checks.Error},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := checkstest.NewGitWorld(t, "darwin")
			sysFile := "Library/Developer/CommandLineTools/usr/share/git-core/gitconfig"
			w.Write(sysFile, tc.system)
			w.Write("home/.gitconfig", tc.global)
			if tc.security != "" {
				w.Write("bin/security", tc.security)
				if err := os.Chmod(filepath.Join(w.Dir, "bin/security"), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			res := keychainRunIn(t, w, credTestURL, "GIT_CONFIG_SYSTEM="+filepath.Join(w.Dir, sysFile))
			got := checkstest.CodeMap(res)
			if len(got) != len(tc.want) {
				t.Errorf("findings %v, want %v", got, tc.want)
			}
			for code, sev := range tc.want {
				if got[code] != sev {
					t.Errorf("%s = %v, want %v", code, got[code], sev)
				}
			}
			if res.Status != tc.status {
				t.Errorf("status %v, want %v", res.Status, tc.status)
			}
			for _, f := range res.Findings {
				if strings.Contains(f.Message, "AKIAIOSFODNN7EXAMPLE") {
					t.Error("the Keychain account leaked into a finding")
				}
			}
			if ev, ok := res.Evidence["keychain_search"].(checks.ProgramRun); ok && ev.Output != "" {
				t.Errorf("security's output kept as evidence: %q", ev.Output)
			}
		})
	}
}

func TestKeychainWindows(t *testing.T) {
	w := checkstest.NewGitWorld(t, "windows")
	w.Write("sysconfig", "[credential]\n\thelper = manager\n")
	w.Write("home/.gitconfig", "[credential]\n\thelper = !aws codecommit credential-helper $@\n\thelper = wincred\n\tUseHttpPath = true\n")
	res := keychainRunIn(t, w, credTestURL)
	n := 0
	for _, f := range res.Findings {
		if f.Code != "windows-credential-manager" || f.Severity != checks.Warn {
			t.Errorf("finding %s %v", f.Code, f.Severity)
			continue
		}
		n++
		if !strings.Contains(f.Remediation[0], "| git credential-") || !strings.Contains(f.Remediation[1], "cmdkey /delete:git:https://git-codecommit.us-east-2.amazonaws.com") {
			t.Errorf("remediation %q", f.Remediation)
		}
	}
	if n != 2 {
		t.Errorf("%d Windows findings, want 2 (manager, wincred): %v", n, checkstest.CodeMap(res))
	}
	na, _ := res.Evidence["not_applicable"].(map[string]string)
	if na["macos-keychain"] == "" {
		t.Errorf("not_applicable = %v", res.Evidence["not_applicable"])
	}
}

// TestKeychainWithoutGitConfig: when git cannot report its settings, the
// store files are still read, and the parts that need the helper chain
// say they were skipped.
func TestKeychainWithoutGitConfig(t *testing.T) {
	w := checkstest.NewGitWorld(t, "linux")
	gitScript := "#!/bin/sh\n[ \"$1\" = --version ] && { echo 'git version 2.39.5'; exit 0; }\necho 'fatal: bad config line 1 in file ~/.gitconfig' >&2\nexit 128\n"
	if err := os.Remove(filepath.Join(w.Dir, "bin/git")); err != nil {
		t.Fatal(err)
	}
	w.Write("bin/git", gitScript)
	if err := os.Chmod(filepath.Join(w.Dir, "bin/git"), 0o755); err != nil {
		t.Fatal(err)
	}
	w.Write("home/.git-credentials", "https://AKIAIOSFODNN7EXAMPLE:"+kcSigned+"@git-codecommit.us-east-2.amazonaws.com/v1/repos/MyDemoRepo\n")
	env := w.EnvFor(credTestURL, "2.39.5")
	if f, _ := chain.Key.Get(env); f == nil || f.Err == nil || !strings.Contains(f.Err.Error(), "bad config line 1") {
		t.Errorf("the chain with a broken config: %+v", f)
	}
	res, err := checkstest.Run(t, New(), env)
	if err != nil {
		t.Fatal(err)
	}
	if checkstest.CodeMap(res)["stored-password-stale"] != checks.Warn || res.Evidence["git_config_error"] == nil ||
		!strings.Contains(res.Summary, "stale CodeCommit password") {
		t.Errorf("status %v, findings %v, evidence %v", res.Status, checkstest.CodeMap(res), res.Evidence)
	}
}
