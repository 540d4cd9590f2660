package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/gitendpoint"
	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/moto"
	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/tools"
)

// bundleFiles are the files every bundle holds, in the archive's order.
var bundleFiles = []string{"README.txt", "manifest.txt", "report.json", "report.md", "system.txt",
	"git-config.txt", "aws-config.txt", "environment.txt", "reproduce-trace.txt"}

// bundleRun is one `codecommit-doctor bundle` process.
type bundleRun struct {
	stdout, stderr string
	exit           int
}

// runBundle runs the built doctor's bundle subcommand in dir (outside any
// repository) with exactly env.
func runBundle(t *testing.T, env []string, dir string, args ...string) bundleRun {
	t.Helper()
	doctor, err := exec.LookPath("codecommit-doctor")
	if err != nil {
		t.Fatalf("the doctor is not on PATH (testscript.Main puts it there): %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, doctor, append([]string{"bundle"}, args...)...)
	cmd.Env = env
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	r := bundleRun{stdout: stdout.String(), stderr: stderr.String()}
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.exit = ee.ExitCode()
	case err != nil:
		t.Fatalf("running the doctor: %v\n%s", err, stderr.String())
	}
	return r
}

// readBundle opens the archive and returns every file's content.
func readBundle(t *testing.T, path string) (names []string, files map[string][]byte) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("the bundle is not a zip archive: %v", err)
	}
	defer zr.Close()
	files = map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("opening %s in the bundle: %v", f.Name, err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("reading %s in the bundle: %v", f.Name, err)
		}
		names = append(names, f.Name)
		files[f.Name] = data
	}
	return names, files
}

// treeSnapshot records every path under dir with its mode, size and
// content, to prove a run wrote nothing there.
func treeSnapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		entry := info.Mode().String()
		if info.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			entry += " " + string(data)
		}
		out[p] = entry
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(t *testing.T, what string, before, after map[string]string) {
	t.Helper()
	for p, v := range after {
		if w, ok := before[p]; !ok {
			t.Errorf("the bundle run created %s in %s", p, what)
		} else if w != v {
			t.Errorf("the bundle run changed %s in %s", p, what)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			t.Errorf("the bundle run removed %s from %s", p, what)
		}
	}
}

func writeHome(t *testing.T, home string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(home, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// onlyBundle returns the single file in dir, which must be a bundle with
// the default name.
func onlyBundle(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("the working directory holds %v, want exactly the bundle", names)
	}
	name := entries[0].Name()
	if !regexp.MustCompile(`^codecommit-doctor-\d{8}-\d{6}\.zip$`).MatchString(name) {
		t.Fatalf("the bundle is named %q, want codecommit-doctor-YYYYMMDD-HHMMSS.zip", name)
	}
	return filepath.Join(dir, name)
}

func validateReport(t *testing.T, schemas []*jsonschema.Schema, data []byte) {
	t.Helper()
	for _, s := range schemas {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("report.json is not JSON: %v", err)
		}
		if err := s.Validate(doc); err != nil {
			t.Errorf("report.json does not validate: %v", err)
		}
	}
}

// TestBundleEndToEnd: a working setup against the emulated CodeCommit;
// the bundle holds every promised file, written nowhere else.
func TestBundleEndToEnd(t *testing.T) {
	for _, tool := range []string{"git", "aws", "moto_server"} {
		tools.RequireTool(t, tool)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv := moto.Start(t, moto.Options{})
	alice, err := srv.NewUser(ctx, "alice", moto.UserSpec{Policies: moto.Policies{
		Managed: []string{moto.PowerUserPolicyARN}, Inline: map[string]string{"read-iam": reproReadIAM}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.CreateRepository(ctx, "us-east-1", e2eRepo); err != nil {
		t.Fatal(err)
	}
	git := gitendpoint.Start(t, gitendpoint.Options{})
	git.AddKey(alice.Key.AccessKeyID, alice.Key.SecretAccessKey, "")
	if _, err := git.CreateRepo(ctx, e2eRepo, gitendpoint.RepoOptions{InitialCommit: true}); err != nil {
		t.Fatal(err)
	}
	home, work := t.TempDir(), t.TempDir()
	writeHome(t, home, map[string]string{
		".gitconfig":       "[http]\n\tcurloptResolve = " + git.CurlResolve(git.Host()) + "\n" + reproHelperConfig,
		".aws/credentials": reproCredentialsFile(alice.Key),
		".aws/config":      "[default]\nregion = us-east-1\n",
	})
	tmp := t.TempDir()
	env := append(git.ClientEnv(home), "AWS_ENDPOINT_URL="+srv.URL, "AWS_EC2_METADATA_DISABLED=true", "TMPDIR="+tmp)
	before := treeSnapshot(t, home)

	r := runBundle(t, env, work, git.RepoURL(e2eRepo))

	if r.exit != 0 {
		t.Fatalf("exit %d, want 0\nstdout:\n%s\nstderr:\n%s", r.exit, r.stdout, r.stderr)
	}
	path := onlyBundle(t, work)
	for _, want := range []string{"Diagnosis: ", "Wrote " + path + " (", "Review it before sharing"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	if r.stderr != "" {
		t.Errorf("stderr: %s", r.stderr)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("the bundle's mode is %v, want 0600", st.Mode().Perm())
	}
	sameTree(t, "HOME", before, treeSnapshot(t, home))
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("the bundle run left %d entries in TMPDIR, e.g. %s", len(left), left[0].Name())
	}

	names, files := readBundle(t, path)
	if !slices.Equal(names, bundleFiles) {
		t.Fatalf("the bundle holds %v, want %v", names, bundleFiles)
	}
	validateReport(t, compileSchemas(t), files["report.json"])
	var rep e2eReport
	if err := json.Unmarshal(files["report.json"], &rep); err != nil {
		t.Fatal(err)
	}
	if status, summary, code, _, _ := rep.check(t, "reproduce"); status != "pass" || code != "reproduce-ok" {
		t.Errorf("reproduce: %s %s %s", status, code, summary)
	}
	wants := map[string][]string{
		"README.txt":          {"PLEASE REVIEW EVERY FILE BEFORE SHARING IT", "reproduce-trace.txt", "the values in the AWS credentials file"},
		"manifest.txt":        {"report.json", "reproduce-trace.txt", "Nothing was truncated.", "size bound: 5.0 MB"},
		"report.md":           {"reproduce", "Evidence"},
		"system.txt":          {"codecommit-doctor ", "os: linux/", "$ git --version\ngit version 2.", "$ aws --version\naws-cli/"},
		"git-config.txt":      {"global\tfile:~/.gitconfig\tcredential.helper = !aws codecommit credential-helper $@", "global\tfile:~/.gitconfig\tcredential.usehttppath = true", "http.curloptresolve = "},
		"aws-config.txt":      {"profile used: default (no profile chosen)", "[default]\nregion = us-east-1", "[default]: aws_access_key_id (set), aws_secret_access_key (set)"},
		"environment.txt":     {"HOME=~\n", "AWS_ENDPOINT_URL=" + srv.URL + "\n", "GIT_TERMINAL_PROMPT=0\n"},
		"reproduce-trace.txt": {"status: pass", "reproduce-ok", `"git_ls_remote"`, `"native_request"`, "200"},
	}
	for name, subs := range wants {
		for _, s := range subs {
			if !strings.Contains(string(files[name]), s) {
				t.Errorf("%s lacks %q:\n%s", name, s, files[name])
			}
		}
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		for _, secret := range []string{alice.Key.SecretAccessKey, alice.Key.AccessKeyID, home} {
			if bytes.Contains(data, []byte(secret)) {
				t.Errorf("%s holds %q", name, secret)
			}
		}
	}
	if bytes.Contains(raw, []byte(alice.Key.SecretAccessKey)) {
		t.Errorf("the raw archive holds the secret access key")
	}
}

// bundleOfflineEnv is a minimal machine for runs that need no AWS: HOME,
// a PATH with the real git and the doctor, and nothing toward AWS.
func bundleOfflineEnv(t *testing.T, home string) []string {
	t.Helper()
	gitPath := tools.RequireTool(t, "git")
	bin := t.TempDir()
	if err := os.Symlink(gitPath, filepath.Join(bin, "git")); err != nil {
		t.Fatal(err)
	}
	return []string{"HOME=" + home, "GIT_CONFIG_NOSYSTEM=1", "AWS_EC2_METADATA_DISABLED=true", "AWS_ENDPOINT_URL=http://127.0.0.1:1",
		"PATH=" + bin + string(os.PathListSeparator) + filepath.Dir(mustLookPath(t, "codecommit-doctor"))}
}

// TestBundleRefusesDestination: -o naming a directory or a symbolic link is
// refused before the diagnosis runs (exit 3), and nothing is written.
func TestBundleRefusesDestination(t *testing.T) {
	home, work := t.TempDir(), t.TempDir()
	writeHome(t, home, map[string]string{".gitconfig": "[credential]\n\thelper = !aws codecommit credential-helper $@\n"})
	if err := os.Mkdir(filepath.Join(work, "adir"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(work, "elsewhere.zip"), filepath.Join(work, "link.zip")); err != nil {
		t.Fatal(err)
	}
	env := bundleOfflineEnv(t, home)
	beforeHome, beforeWork := treeSnapshot(t, home), treeSnapshot(t, work)
	for arg, what := range map[string]string{"adir": "a directory", "link.zip": "a symbolic link"} {
		r := runBundle(t, env, work, "--offline", "-o", arg)
		if r.exit != 3 {
			t.Errorf("-o %s: exit %d, want 3\n%s%s", arg, r.exit, r.stdout, r.stderr)
		}
		want := "codecommit-doctor: refusing to write the bundle to " + filepath.Join(work, arg) + ": it is " + what
		if !strings.Contains(r.stderr, want) {
			t.Errorf("-o %s: stderr lacks %q:\n%s", arg, want, r.stderr)
		}
		if r.stdout != "" || strings.Contains(r.stderr, "Wrote") {
			t.Errorf("-o %s: a refused run says it wrote something:\n%s%s", arg, r.stdout, r.stderr)
		}
	}
	sameTree(t, "HOME", beforeHome, treeSnapshot(t, home))
	sameTree(t, "the working directory", beforeWork, treeSnapshot(t, work))

	// A destination in a missing directory: refused before the diagnosis
	// runs (exit 3), naming the directory; nothing is left behind.
	r := runBundle(t, env, work, "--offline", "-o", filepath.Join(work, "missing", "b.zip"))
	if r.exit != 3 || !strings.Contains(r.stderr, "codecommit-doctor: refusing to write the bundle to "+filepath.Join(work, "missing", "b.zip")+": the directory "+filepath.Join(work, "missing")+" does not exist") || r.stdout != "" {
		t.Errorf("missing directory: exit %d\n%s%s", r.exit, r.stdout, r.stderr)
	}
	sameTree(t, "the working directory", beforeWork, treeSnapshot(t, work))
}

// TestBundleReplacesRegularFileAndIgnoresVerdict: -o naming an existing
// file replaces it (mode 0600), and a failing diagnosis still exits 0.
func TestBundleReplacesRegularFileAndIgnoresVerdict(t *testing.T) {
	home, work := t.TempDir(), t.TempDir()
	// No AWS CLI at all: the aws-cli check fails.
	writeHome(t, home, map[string]string{".gitconfig": "[credential]\n\thelper = !aws codecommit credential-helper $@\n"})
	out := filepath.Join(work, "ticket.zip")
	if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runBundle(t, bundleOfflineEnv(t, home), work, "--offline", "-o", "ticket.zip")
	if r.exit != 0 {
		t.Fatalf("exit %d, want 0 (the archive was written)\n%s%s", r.exit, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "failed") || !strings.Contains(r.stdout, "Wrote "+out+" (") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	st, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	names, files := readBundle(t, out)
	if !slices.Equal(names, bundleFiles) {
		t.Errorf("files %v", names)
	}
	if !strings.Contains(string(files["reproduce-trace.txt"]), "status: skip\n") {
		t.Errorf("offline, the trace says the check was skipped:\n%s", files["reproduce-trace.txt"])
	}
	if !strings.Contains(string(files["system.txt"]), "$ aws --version\n(could not run: ") {
		t.Errorf("system.txt:\n%s", files["system.txt"])
	}
}

// TestBundleInClone: inside a clone, the git settings are read in the
// clone, so its local config and includes count, each with its scope.
func TestBundleInClone(t *testing.T) {
	home, clone, out := t.TempDir(), t.TempDir(), t.TempDir()
	writeHome(t, home, map[string]string{
		".gitconfig":     "[credential]\n\thelper = !aws --profile team codecommit credential-helper $@\n\tUseHttpPath = true\n",
		"team.gitconfig": "[http]\n\tsslVerify = false\n",
		".aws/config":    "[profile team]\nregion = eu-west-1\n",
	})
	env := bundleOfflineEnv(t, home)
	for _, args := range [][]string{
		{"init", "-q"},
		{"remote", "add", "origin", "https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/Team"},
		{"config", "--local", "include.path", filepath.Join(home, "team.gitconfig")},
		{"config", "--local", "credential.https://git-codecommit.eu-west-1.amazonaws.com.helper", "store"},
	} {
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Env = clone, env
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, b)
		}
	}
	sub := filepath.Join(clone, "src")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	zipPath := filepath.Join(out, "b.zip")

	r := runBundle(t, env, sub, "--offline", "-o", zipPath)

	if r.exit != 0 {
		t.Fatalf("exit %d\n%s%s", r.exit, r.stdout, r.stderr)
	}
	_, files := readBundle(t, zipPath)
	got := string(files["git-config.txt"])
	for _, want := range []string{
		"# run in: " + clone + " (",
		"local\tfile:.git/config\tinclude.path = ~/team.gitconfig\n",
		"local\tfile:~/team.gitconfig\thttp.sslverify = false\n",
		"local\tfile:.git/config\tcredential.https://git-codecommit.eu-west-1.amazonaws.com.helper = store\n",
		"global\tfile:~/.gitconfig\tcredential.helper = !aws --profile team codecommit credential-helper $@\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("git-config.txt lacks %q:\n%s", want, got)
		}
	}
	// Offline, the credentials check did not say which profile the helper
	// uses: the profile its command names is shown too.
	if aws := string(files["aws-config.txt"]); !strings.Contains(aws, "profiles the credential helpers name (--profile): team\n") ||
		!strings.Contains(aws, "[profile team]\nregion = eu-west-1\n") {
		t.Errorf("aws-config.txt:\n%s", aws)
	}
	if !strings.Contains(string(files["report.json"]), `"source": "remote:origin"`) {
		t.Errorf("the target is not the clone's origin:\n%s", files["report.json"])
	}
}

// TestBundleWindowsHome: on Windows the home is USERPROFILE (HOME unset):
// it reads ~, and the files under it are the ones collected.
func TestBundleWindowsHome(t *testing.T) {
	home, work := t.TempDir(), t.TempDir()
	const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYWINDOWSKEY"
	writeHome(t, home, map[string]string{
		".gitconfig":       "[credential]\n\thelper = manager\n",
		".aws/credentials": "[work]\naws_access_key_id = AKIAIOSFODNN7WINDOWS\naws_secret_access_key = " + secret + "\n",
		".aws/config":      "[profile work]\nregion = eu-central-1\n",
	})
	var env []string
	for _, kv := range bundleOfflineEnv(t, home) {
		if !strings.HasPrefix(kv, "HOME=") {
			env = append(env, kv)
		}
	}
	env = append(env, "USERPROFILE="+home, "CODECOMMIT_DOCTOR_TEST_GOOS=windows", "AWS_PROFILE=work")
	r := runBundle(t, env, work, "--offline", "-o", "w.zip")
	if r.exit != 0 {
		t.Fatalf("exit %d\n%s%s", r.exit, r.stdout, r.stderr)
	}
	raw, err := os.ReadFile(filepath.Join(work, "w.zip"))
	if err != nil {
		t.Fatal(err)
	}
	_, files := readBundle(t, filepath.Join(work, "w.zip"))
	for name, want := range map[string][]string{
		"aws-config.txt":  {"profile used: work (AWS_PROFILE)", "## config file: ~/.aws/config", "[profile work]\nregion = eu-central-1\n", "[work]: aws_access_key_id (set), aws_secret_access_key (set)"},
		"environment.txt": {"USERPROFILE=~\n"},
		"system.txt":      {"os: windows/"},
	} {
		for _, s := range want {
			if !strings.Contains(string(files[name]), s) {
				t.Errorf("%s lacks %q:\n%s", name, s, files[name])
			}
		}
	}
	for name, data := range files {
		if bytes.Contains(data, []byte(secret)) || bytes.Contains(data, []byte(home)) {
			t.Errorf("%s holds the secret or the home path:\n%s", name, data)
		}
	}
	if bytes.Contains(raw, []byte(secret)) {
		t.Errorf("the raw archive holds the secret")
	}
}

func mustLookPath(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not on PATH: %v", name, err)
	}
	return p
}
