package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/codecommit"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/gitendpoint"
)

// targetsReport is the part of a report over several targets the
// scenarios read.
type targetsReport struct {
	Target  any `json:"target"`
	Summary struct {
		Status   string `json:"status"`
		ExitCode int    `json:"exit_code"`
	} `json:"summary"`
	Checks []struct {
		ID string `json:"id"`
	} `json:"checks"`
	Targets []struct {
		URL    string `json:"url"`
		Remote string `json:"remote"`
		Source string `json:"source"`
		Dir    string `json:"dir"`
		Status string `json:"status"`
		Checks []struct {
			ID       string `json:"id"`
			Status   string `json:"status"`
			Findings []struct {
				Code string `json:"code"`
			} `json:"findings"`
		} `json:"checks"`
	} `json:"targets"`
	Verdict struct {
		Targets []string `json:"targets"`
	} `json:"verdict"`
}

// targetsWorld is the emulated environment with MyDemoRepo and Lib on both
// moto and the git endpoint, and a HOME whose AWS CLI helper works.
type targetsWorld struct {
	*e2eWorld
	home    string
	env     []string
	schemas []*jsonschema.Schema
}

func newTargetsWorld(t *testing.T) *targetsWorld {
	t.Helper()
	w := &targetsWorld{e2eWorld: newE2EWorld(t), home: t.TempDir(), schemas: compileSchemas(t)}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	// moto enforces authentication by now: alice, a power user, creates it.
	alice := aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: w.alice.Key.AccessKeyID, SecretAccessKey: w.alice.Key.SecretAccessKey}, nil
	})
	cc := codecommit.New(codecommit.Options{Region: "us-east-1", BaseEndpoint: aws.String(w.moto.URL), Credentials: alice})
	if _, err := cc.CreateRepository(ctx, &codecommit.CreateRepositoryInput{RepositoryName: aws.String("Lib")}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.git.CreateRepo(ctx, "Lib", gitendpoint.RepoOptions{InitialCommit: true}); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		".gitconfig":       "[http]\n\tcurloptResolve = " + w.git.CurlResolve(w.git.Host()) + "\n" + reproHelperConfig,
		".aws/credentials": reproCredentialsFile(w.alice.Key),
	}
	for name, content := range files {
		p := filepath.Join(w.home, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	w.env = append(w.git.ClientEnv(w.home), "AWS_ENDPOINT_URL="+w.moto.URL, "AWS_EC2_METADATA_DISABLED=true")
	return w
}

// doctor runs the built doctor in dir (never inside this repository's
// checkout) and returns stdout, stderr and the exit code.
func (w *targetsWorld) doctor(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, w.e2eWorld.doctor, args...)
	cmd.Env, cmd.Dir = w.env, dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running the doctor: %v\n%s", err, stderr.String())
	}
	if strings.Contains(stdout.String()+stderr.String(), w.alice.Key.SecretAccessKey) {
		t.Fatalf("the secret access key was printed")
	}
	return stdout.String(), stderr.String(), code
}

// json runs the doctor with -o json and checks the report against both
// schemas.
func (w *targetsWorld) json(t *testing.T, dir string, args ...string) (targetsReport, int) {
	t.Helper()
	out, stderr, code := w.doctor(t, dir, append([]string{"-o", "json"}, args...)...)
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s\n%s", err, out, stderr)
	}
	for _, s := range w.schemas {
		if err := s.Validate(doc); err != nil {
			t.Fatalf("the report breaks the schema: %v\n%s", err, out)
		}
	}
	var rep targetsReport
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	return rep, code
}

// git runs git in dir for the scenario's set-up.
func (w *targetsWorld) runGit(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir, cmd.Env = dir, w.env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func (w *targetsWorld) clone(t *testing.T, dir string, remotes ...string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	w.runGit(t, dir, "init", "-q", "-b", "main")
	for i := 0; i+1 < len(remotes); i += 2 {
		w.runGit(t, dir, "remote", "add", remotes[i], remotes[i+1])
	}
}

// reproduceCode is the first finding of a target's reproduce check.
func reproduceOf(t *testing.T, rep targetsReport, i int) (string, string) {
	t.Helper()
	for _, c := range rep.Targets[i].Checks {
		if c.ID == "reproduce" {
			code := ""
			if len(c.Findings) > 0 {
				code = c.Findings[0].Code
			}
			return c.Status, code
		}
	}
	t.Fatalf("target %d has no reproduce check", i)
	return "", ""
}

func TestSeveralTargetsEndToEnd(t *testing.T) {
	w := newTargetsWorld(t)
	good, missing := w.git.RepoURL(e2eRepo), w.git.RepoURL("Missing")

	t.Run("two URLs, one repository missing", func(t *testing.T) {
		rep, code := w.json(t, w.home, good, missing)
		if code != 1 || rep.Summary.ExitCode != 1 || rep.Target != nil || len(rep.Targets) != 2 {
			t.Fatalf("exit %d, summary %+v, target %v, %d targets; want exit 1 over 2 targets", code, rep.Summary, rep.Target, len(rep.Targets))
		}
		var shared []string
		for _, c := range rep.Checks {
			shared = append(shared, c.ID)
		}
		if strings.Join(shared, ",") != "git,aws-cli" {
			t.Errorf("shared checks %v, want git and aws-cli (run once)", shared)
		}
		if s, c := reproduceOf(t, rep, 0); s != "pass" || c != "reproduce-ok" {
			t.Errorf("%s: reproduce %s %s, want pass reproduce-ok", good, s, c)
		}
		if s, _ := reproduceOf(t, rep, 1); s != "fail" {
			t.Errorf("%s: reproduce %s, want fail", missing, s)
		}
		if len(rep.Verdict.Targets) != 1 || !strings.Contains(rep.Verdict.Targets[0], "/v1/repos/Missing (from argument)") {
			t.Errorf("verdict targets %q, want the missing repository alone", rep.Verdict.Targets)
		}
		out, _, code := w.doctor(t, w.home, good, missing)
		if code != 1 {
			t.Errorf("text: exit %d, want 1", code)
		}
		for _, re := range []string{
			`(?m)^Shared by every target \(run once\):\n✓ git `,
			`(?m)^Target 1 of 2: https://\S+/v1/repos/MyDemoRepo \(from argument\)$`,
			`(?m)^Target 2 of 2: https://\S+/v1/repos/Missing \(from argument\)$`,
			`(?m)^Result: ✗ `,
			`(?m)^Summary: .* over 2 targets in .* · exit 1$`,
			`(?m)^Targets: 1 of 2 targets fails: https://\S+/v1/repos/Missing \(from argument\)$`,
		} {
			if !regexp.MustCompile(re).MatchString(out) {
				t.Errorf("text lacks %s:\n%s", re, out)
			}
		}
		if n := strings.Count(out, "aws-cli "); n != 1 {
			t.Errorf("aws-cli appears %d times, want once (shared):\n%s", n, out)
		}
		junit, _, _ := w.doctor(t, w.home, "-o", "junit", good, missing)
		if !strings.Contains(junit, `<testcase name="reproduce (`+missing+`)"`) || !strings.Contains(junit, `<testcase name="git"`) {
			t.Errorf("junit lacks the per-target testcase names:\n%s", junit)
		}
	})

	t.Run("a clone with two CodeCommit remotes", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "app")
		w.clone(t, dir, "origin", good, "backup", missing, "gh", "https://github.com/org/app.git")
		rep, code := w.json(t, dir)
		if code != 1 || len(rep.Targets) != 2 {
			t.Fatalf("exit %d with %d targets, want 1 with 2", code, len(rep.Targets))
		}
		if rep.Targets[0].Remote != "origin" || rep.Targets[1].Remote != "backup" || rep.Targets[1].Source != "remote:backup" {
			t.Errorf("targets %+v, want origin then backup", rep.Targets)
		}
		if rep.Targets[0].Status == "fail" || rep.Targets[1].Status != "fail" {
			t.Errorf("statuses %s, %s; want origin fine, backup failing", rep.Targets[0].Status, rep.Targets[1].Status)
		}
		out, _, _ := w.doctor(t, dir)
		if !strings.Contains(out, "\nNot diagnosed (not CodeCommit): gh (github.com).\n") || strings.Count(out, "github.com") != 1 {
			t.Errorf("the GitHub remote is named once as not diagnosed, nothing else is said for its host:\n%s", out)
		}
		// --remote picks one: a run over one target, as before.
		out, _, code = w.doctor(t, dir, "--remote", "origin")
		if code != 0 || !regexp.MustCompile(`(?m)^Target: \S+/v1/repos/MyDemoRepo \(from remote:origin\)$`).MatchString(out) || strings.Contains(out, "Target 1 of") {
			t.Errorf("--remote origin: exit %d, want 0 and one target:\n%s", code, out)
		}
	})

	t.Run("a clone with a CodeCommit submodule, nested", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "app")
		w.clone(t, dir, "origin", good)
		if err := os.WriteFile(filepath.Join(dir, ".gitmodules"), []byte("[submodule \"lib\"]\n\tpath = lib\n\turl = ../Lib\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		lib := filepath.Join(dir, "lib")
		w.clone(t, lib, "origin", w.git.RepoURL("Lib"))
		if err := os.WriteFile(filepath.Join(lib, ".gitmodules"), []byte("[submodule \"deep\"]\n\tpath = deep\n\turl = "+missing+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		rep, code := w.json(t, dir)
		if code != 1 || len(rep.Targets) != 3 {
			t.Fatalf("exit %d with %d targets, want 1 with 3: %+v", code, len(rep.Targets), rep.Targets)
		}
		var got []string
		for _, tg := range rep.Targets {
			got = append(got, tg.Source+"="+tg.Status)
		}
		if want := "remote:origin=pass|submodule:lib=pass|submodule:lib/deep=fail"; strings.Join(got, "|") != want {
			// remote warns about the emulator's port: allow warn for the good ones.
			norm := strings.NewReplacer("=warn", "=pass").Replace(strings.Join(got, "|"))
			if norm != want {
				t.Errorf("targets %s, want %s", strings.Join(got, "|"), want)
			}
		}
		if !strings.HasSuffix(rep.Targets[1].URL, "/v1/repos/Lib") || !strings.HasSuffix(rep.Targets[1].Dir, "lib") {
			t.Errorf("the relative submodule URL resolves beside the superproject's, diagnosed in its work tree: %+v", rep.Targets[1])
		}
	})

	t.Run("a codecommit:: superproject whose relative submodule is not checked out", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "app")
		w.clone(t, dir, "origin", "codecommit::us-east-1://prof@MyDemoRepo")
		if err := os.WriteFile(filepath.Join(dir, ".gitmodules"), []byte("[submodule \"lib\"]\n\tpath = lib\n\turl = ../Lib\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		// git submodule init would record codecommit::us-east-1://Lib (the
		// profile goes with the last component): that is what git fetches.
		out, _, code := w.doctor(t, dir, "--offline")
		if code != 1 {
			t.Errorf("exit %d, want 1 (no git-remote-codecommit here)", code)
		}
		for _, re := range []string{
			`(?m)^Target 1 of 2: codecommit::us-east-1://prof@MyDemoRepo \(from remote:origin in \S+/app\)$`,
			`(?m)^Target 2 of 2: codecommit::us-east-1://Lib \(from submodule:lib in \S+/app\)$`,
		} {
			if !regexp.MustCompile(re).MatchString(out) {
				t.Errorf("missing %s:\n%s", re, out)
			}
		}
		if strings.Contains(out, "codecommit::us-east-1:/Lib") || strings.Contains(out, "prof@Lib") {
			t.Errorf("the submodule URL is not the one git resolves:\n%s", out)
		}
	})
}

func TestScanEndToEnd(t *testing.T) {
	w := newTargetsWorld(t)
	good, missing := w.git.RepoURL(e2eRepo), w.git.RepoURL("Missing")
	root := filepath.Join(t.TempDir(), "src")
	w.clone(t, filepath.Join(root, "ok"), "origin", good)
	w.clone(t, filepath.Join(root, "team", "broken"), "origin", missing)
	w.clone(t, filepath.Join(root, "web", "node_modules", "dep"), "origin", w.git.RepoURL("Dep"))
	w.clone(t, filepath.Join(root, "gh"), "origin", "https://github.com/org/gh.git")
	if err := os.Symlink(root, filepath.Join(root, "team", "loop")); err != nil {
		t.Fatal(err)
	}

	out, stderr, code := w.doctor(t, w.home, "scan", root)
	if code != 1 {
		t.Fatalf("exit %d, want 1 (one repository is missing)\n%s\n%s", code, out, stderr)
	}
	for _, re := range []string{
		`(?m)^Scanned \d+ directories: 3 clones, 2 CodeCommit targets\.$`,
		`(?m)^  skipped \S+/src/gh: no CodeCommit remote: origin \(github\.com\)$`,
		`(?m)^REPOSITORY +REMOTE +VERDICT +FIRST FINDING$`,
		`(?m)^\S+/src/ok +origin +[✓!] (pass|warn) `,
		`(?m)^\S+/src/team/broken +origin +✗ fail +\S+: `,
		`(?m)^Summary: .* over 2 targets in .* · exit 1$`,
		`(?m)^Run again with -v`,
	} {
		if !regexp.MustCompile(re).MatchString(out) {
			t.Errorf("scan lacks %s:\n%s", re, out)
		}
	}
	for _, not := range []string{"node_modules", "Dep", "Shared by every target"} {
		if strings.Contains(out, not) {
			t.Errorf("scan output mentions %q:\n%s", not, out)
		}
	}
	// -v: the full report of every repository.
	out, _, _ = w.doctor(t, w.home, "scan", "-v", root)
	if !strings.Contains(out, "Shared by every target") || !regexp.MustCompile(`(?m)^Target 2 of 2: \S+/v1/repos/Missing \(from remote:origin in \S+/src/team/broken\)$`).MatchString(out) {
		t.Errorf("scan -v lacks the full report:\n%s", out)
	}
	rep, code := w.json(t, w.home, "scan", root)
	if code != 1 || len(rep.Targets) != 2 {
		t.Errorf("scan -o json: exit %d with %d targets, want 1 with 2", code, len(rep.Targets))
	}
	// The search's notes go to stderr in machine formats.
	_, stderr, _ = w.doctor(t, w.home, "scan", "-o", "json", root)
	if !strings.Contains(stderr, "Scanned ") {
		t.Errorf("scan -o json: the notes go to stderr, got %q", stderr)
	}
	// Nothing to diagnose: exit 3, said.
	empty := t.TempDir()
	_, stderr, code = w.doctor(t, w.home, "scan", empty)
	if code != 3 || !strings.Contains(stderr, "no clone with a CodeCommit remote under") {
		t.Errorf("empty scan: exit %d, stderr %q; want 3 and why", code, stderr)
	}
	_, stderr, code = w.doctor(t, w.home, "scan", filepath.Join(empty, "nope"))
	if code != 2 || !strings.Contains(stderr, "looking for clones under") {
		t.Errorf("missing DIR: exit %d, stderr %q; want 2", code, stderr)
	}
}

// Two clones of one repository under a scan are two targets with one URL:
// the JUnit testcases and GitHub annotations tell them apart by clone, or
// a CI that keys tests by name shows one and hides the other.
func TestScanSameRepositoryInTwoClonesEndToEnd(t *testing.T) {
	w := newTargetsWorld(t)
	missing := w.git.RepoURL("Missing")
	root := filepath.Join(t.TempDir(), "src")
	w.clone(t, filepath.Join(root, "a"), "origin", missing)
	w.clone(t, filepath.Join(root, "b"), "origin", missing)

	out, stderr, code := w.doctor(t, w.home, "scan", "-o", "junit", root)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s\n%s", code, out, stderr)
	}
	var doc struct {
		Suites []struct {
			Cases []struct {
				Name    string    `xml:"name,attr"`
				Failure *struct{} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal([]byte(out), &doc); err != nil || len(doc.Suites) != 1 {
		t.Fatalf("not one JUnit suite: %v\n%s", err, out)
	}
	names := map[string]bool{}
	failed := map[string]bool{}
	for _, c := range doc.Suites[0].Cases {
		if names[c.Name] {
			t.Errorf("two testcases are named %q", c.Name)
		}
		names[c.Name] = true
		if c.Failure != nil {
			failed[c.Name] = true
		}
	}
	for _, dir := range []string{"a", "b"} {
		want := "reproduce (" + missing + " (from remote:origin in " + filepath.Join(root, dir) + "))"
		if !failed[want] {
			t.Errorf("no failing testcase %q among %v", want, failed)
		}
	}

	out, _, _ = w.doctor(t, w.home, "scan", "-o", "github", root)
	titles := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^::error title=([^:]+)::`).FindAllStringSubmatch(out, -1) {
		if titles[m[1]] {
			t.Errorf("two annotations are titled %q:\n%s", m[1], out)
		}
		titles[m[1]] = true
	}
	if len(titles) < 2 || !strings.Contains(out, filepath.Join(root, "a")+")") || !strings.Contains(out, filepath.Join(root, "b")+")") {
		t.Errorf("the annotations do not name each clone:\n%s", out)
	}
}

// A repository checked out twice with `git worktree add` has one config:
// scan diagnoses its remotes once and says where, while two separate clones
// of one URL (each with its own config) stay two targets.
func TestScanWorktreesOfOneRepositoryEndToEnd(t *testing.T) {
	w := newTargetsWorld(t)
	missing := w.git.RepoURL("Missing")
	root := filepath.Join(t.TempDir(), "src")
	main, wt, other := filepath.Join(root, "main"), filepath.Join(root, "main-wt"), filepath.Join(root, "other")
	w.clone(t, main, "origin", missing)
	w.runGit(t, main, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "--allow-empty", "-m", "first")
	w.runGit(t, main, "worktree", "add", "-q", "-b", "topic", wt)
	w.clone(t, other, "origin", missing)

	out, stderr, code := w.doctor(t, w.home, "scan", root)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s\n%s", code, out, stderr)
	}
	for _, re := range []string{
		`(?m)^Scanned \d+ directories: 3 clones, 2 CodeCommit targets\.$`,
		`(?m)^  skipped \S+/src/main-wt: the same repository as \S+/src/main \(git worktree\), whose remotes are diagnosed there$`,
		`(?m)^\S+/src/main +origin +✗ fail `,
		`(?m)^\S+/src/other +origin +✗ fail `,
	} {
		if !regexp.MustCompile(re).MatchString(out) {
			t.Errorf("scan lacks %s:\n%s", re, out)
		}
	}
	if regexp.MustCompile(`(?m)^\S+/src/main-wt +origin`).MatchString(out) {
		t.Errorf("the worktree is diagnosed a second time:\n%s", out)
	}

	// scan from a folder inside a clone looks below it only: it says so.
	docs := filepath.Join(main, "docs")
	if err := os.MkdirAll(docs, 0o755); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = w.doctor(t, docs, "scan", "--offline")
	if want := "nothing to diagnose; . is inside the clone " + main + ": run codecommit-doctor there, or scan " + main; code != 3 || !strings.Contains(stderr, want) {
		t.Errorf("scan inside a clone: exit %d, stderr %q; want 3 and %q", code, stderr, want)
	}
}

// -o json of a scan says what was left out, not stderr alone: a CI reading
// the report learns that --max-repos stopped the search and which clones
// were skipped.
func TestScanJSONSaysWhatWasLeftOutEndToEnd(t *testing.T) {
	w := newTargetsWorld(t)
	root := filepath.Join(t.TempDir(), "src")
	for _, name := range []string{"a", "b", "c"} {
		w.clone(t, filepath.Join(root, name), "origin", w.git.RepoURL(e2eRepo))
	}
	w.clone(t, filepath.Join(root, "0gh"), "origin", "https://github.com/org/gh.git")
	type scanReport struct {
		Targets []struct{} `json:"targets"`
		Scan    *struct {
			Dirs      int      `json:"dirs"`
			Clones    int      `json:"clones"`
			Truncated bool     `json:"truncated"`
			MaxRepos  int      `json:"max_repos"`
			Skipped   []string `json:"skipped"`
		} `json:"scan"`
	}
	read := func(args ...string) scanReport {
		t.Helper()
		w.json(t, w.home, args...) // both schemas
		out, _, _ := w.doctor(t, w.home, append([]string{"-o", "json"}, args...)...)
		var rep scanReport
		if err := json.Unmarshal([]byte(out), &rep); err != nil {
			t.Fatal(err)
		}
		return rep
	}
	rep := read("scan", "--offline", "--max-repos", "3", root)
	if rep.Scan == nil || !rep.Scan.Truncated || rep.Scan.Clones != 3 || rep.Scan.MaxRepos != 3 || len(rep.Targets) != 2 {
		t.Fatalf("--max-repos 3 over 4 clones: scan %+v with %d targets; want truncated at 3 clones, 2 targets", rep.Scan, len(rep.Targets))
	}
	if len(rep.Scan.Skipped) != 1 || !strings.Contains(rep.Scan.Skipped[0], "0gh: no CodeCommit remote: origin (github.com)") {
		t.Errorf("skipped %q, want the GitHub clone with why", rep.Scan.Skipped)
	}
	rep = read("scan", "--offline", root)
	if rep.Scan == nil || rep.Scan.Truncated || rep.Scan.Clones != 4 || len(rep.Targets) != 3 {
		t.Errorf("a whole scan: %+v with %d targets; want 4 clones, not truncated, 3 targets", rep.Scan, len(rep.Targets))
	}
	// The markdown (a CI job summary) says it too.
	md, _, _ := w.doctor(t, w.home, "scan", "--offline", "--max-repos", "3", "-o", "markdown", root)
	for _, want := range []string{"- **Scan:** ", " directories read, 3 clones; stopped at 3 clones (--max-repos): the others were not diagnosed\n", "  - skipped " + filepath.Join(root, "0gh") + ": no CodeCommit remote: origin (github.com)\n"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	// Not a scan: no scan object.
	out, _, _ := w.doctor(t, w.home, "-o", "json", "--offline", w.git.RepoURL(e2eRepo), w.git.RepoURL("Lib"))
	if strings.Contains(out, `"scan"`) {
		t.Errorf("a run over URLs has a scan object:\n%s", out)
	}
}
