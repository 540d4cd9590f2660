package gitcred

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/gitworld"
)

// gitWorld is a throw-away git setup (a gitworld.World: a system config,
// a global config, the real git) with a clone with a local config, and a
// fake helper that logs each call.
type gitWorld struct {
	*gitworld.World
	t      *testing.T
	dir    string
	helper string // path of the fake helper script
	log    string
}

func newGitWorld(t *testing.T) *gitWorld {
	t.Helper()
	// The fake helper runs cat: the inherited PATH comes after bin/git.
	gw := gitworld.New(t, gitworld.Options{Git: true, InheritPATH: true})
	dir := gw.Dir
	w := &gitWorld{World: gw, t: t, dir: dir, helper: filepath.Join(dir, "fakehelper"), log: filepath.Join(dir, "helpers.log")}
	script := fmt.Sprintf("#!/bin/sh\n# Logs NAME OPERATION and whether git sent a path; answers nothing.\ninput=$(cat)\ncase \"$input\" in *path=*) p=path ;; *) p=nopath ;; esac\necho \"$1 $2 $p\" >> %q\n", w.log)
	w.write("fakehelper", script)
	if err := os.Chmod(w.helper, 0o755); err != nil {
		t.Fatal(err)
	}
	w.git(dir, "init", "-q", "clone")
	return w
}

// write writes a file under the world's directory ("sysconfig",
// "home/.gitconfig", "clone/.git/config", ...).
func (w *gitWorld) write(name, content string) {
	w.t.Helper()
	w.Write(name, content)
}

func (w *gitWorld) machine(extra ...string) *sys.Machine {
	return sys.New(w.Env(extra...), "")
}

func (w *gitWorld) git(dir string, args ...string) sys.Output {
	w.t.Helper()
	out, err := w.machine().Run(context.Background(), sys.Command{Name: "git", Args: args, Dir: dir})
	if err != nil || out.ExitCode != 0 {
		w.t.Fatalf("git %v: %v %s", args, err, out.Combined())
	}
	return out
}

// h is the helper value for a fake helper named name.
func (w *gitWorld) h(name string) string { return "!" + w.helper + " " + name }

// gitRan runs real `git credential fill` and returns the helpers git ran
// (their names) and whether they were sent a path.
func (w *gitWorld) gitRan(r Request, extraEnv []string) ([]string, []bool) {
	w.t.Helper()
	_ = os.Remove(w.log)
	in := "protocol=" + r.Protocol + "\nhost=" + r.Host + "\n"
	if r.Path != "" {
		in += "path=" + r.Path + "\n"
	}
	if r.Username != "" {
		in += "username=" + r.Username + "\n"
	}
	m := w.machine(extraEnv...)
	out, err := m.Run(context.Background(), sys.Command{Name: "git", Args: []string{"credential", "fill"},
		Stdin: in + "\n", Dir: filepath.Join(w.dir, "clone")})
	if err != nil {
		w.t.Fatalf("git credential fill: %v", err)
	}
	if strings.Contains(out.Stderr, "fatal:") && !strings.Contains(out.Stderr, "terminal prompts disabled") &&
		!strings.Contains(out.Stderr, "could not read Username") {
		w.t.Fatalf("git credential fill failed: %s", out.Stderr)
	}
	data, _ := os.ReadFile(w.log)
	var names []string
	var paths []bool
	for line := range strings.SplitSeq(strings.TrimSpace(string(data)), "\n") {
		f := strings.Fields(line)
		if len(f) != 3 {
			continue
		}
		names = append(names, f[0])
		paths = append(paths, f[2] == "path")
	}
	return names, paths
}

// computed reads the configuration with Read and computes the chain.
func (w *gitWorld) computed(r Request, extraEnv []string) Chain {
	w.t.Helper()
	entries, _, err := Read(context.Background(), w.machine(extraEnv...), ReadOptions{
		Dir: filepath.Join(w.dir, "clone"), ShowScope: true, ShowOrigin: true})
	if err != nil {
		w.t.Fatal(err)
	}
	return Compute(entries, r, AllFeatures(), "linux")
}

func helperNames(c Chain) []string {
	var out []string
	for _, h := range c.Helpers {
		if len(h.Value.Words) > 1 {
			out = append(out, h.Value.Words[1])
		}
	}
	return out
}

// TestChainMatchesRealGit configures helpers in every scope and in
// URL-scoped sections, runs the real `git credential fill`, and compares
// the helpers git ran, in order, and whether it sent the path
// (useHttpPath), with what Compute says.
func TestChainMatchesRealGit(t *testing.T) {
	const host = "git-codecommit.us-east-1.amazonaws.com"
	repo := Request{Protocol: "https", Host: host, Path: "v1/repos/r"}
	type scenario struct {
		name           string
		system, global string
		local          string
		files          map[string]string // extra files (for includes)
		env            []string          // GIT_CONFIG_COUNT/PARAMETERS
		req            Request
		want           []string
		wantPath       bool
	}
	scenarios := []scenario{
		{name: "every scope in order",
			system: "[credential]\n\thelper = {S1}\n",
			global: "[credential]\n\thelper = {G1}\n\thelper = {G2}\n",
			local:  "[credential]\n\thelper = {L1}\n",
			env:    []string{"GIT_CONFIG_COUNT=1", "GIT_CONFIG_KEY_0=credential.helper", "GIT_CONFIG_VALUE_0={C1}"},
			req:    repo, want: []string{"S1", "G1", "G2", "L1", "C1"}},
		{name: "GIT_CONFIG_PARAMETERS is command scope",
			global: "[credential]\n\thelper = {G1}\n",
			env:    []string{"GIT_CONFIG_PARAMETERS='credential.helper'='{P1}'"},
			req:    repo, want: []string{"G1", "P1"}},
		{name: "reset in a wildcard section clears system and global helpers",
			system: "[credential]\n\thelper = {S1}\n",
			global: "[credential]\n\thelper = {G1}\n[credential \"https://git-codecommit.*.amazonaws.com\"]\n\thelper =\n\thelper = {AWS}\n\tUseHttpPath = true\n",
			local:  "[credential]\n\thelper = {L1}\n",
			req:    repo, want: []string{"AWS", "L1"}, wantPath: true},
		{name: "reset in the middle of a file",
			global: "[credential]\n\thelper = {A}\n\thelper =\n\thelper = {B}\n[credential]\n\thelper = {C}\n",
			req:    repo, want: []string{"B", "C"}},
		{name: "reset in the system file only clears what came before",
			system: "[credential]\n\thelper = {S1}\n\thelper =\n",
			global: "[credential]\n\thelper = {G1}\n",
			req:    repo, want: []string{"G1"}},
		{name: "reset at the very end leaves nothing",
			system: "[credential]\n\thelper = {S1}\n",
			local:  "[credential]\n\thelper = {L1}\n\thelper = \"\"\n",
			req:    repo, want: nil},
		{name: "wildcards stand for exactly one label",
			global: "[credential \"https://*.amazonaws.com\"]\n\thelper = {W1}\n" +
				"[credential \"https://git-codecommit.*.amazonaws.com\"]\n\thelper = {W2}\n" +
				"[credential \"https://*.*.amazonaws.com\"]\n\thelper = {W3}\n" +
				"[credential \"https://git-codecommit.us-east-1.*\"]\n\thelper = {W4}\n" +
				"[credential \"https://git-codecommit.us-east-1.*.com\"]\n\thelper = {W5}\n" +
				"[credential \"https://git-*.us-east-1.amazonaws.com\"]\n\thelper = {W6}\n" +
				"[credential \"https://*\"]\n\thelper = {W7}\n" +
				"[credential \"https://*.*.*.*\"]\n\thelper = {W8}\n" +
				"[credential \"https://git-codecommit.*.amazonaws.com.cn\"]\n\thelper = {W9}\n",
			req: repo, want: []string{"W2", "W3", "W5", "W8"}},
		{name: "paths match as prefixes at a slash",
			global: "[credential \"https://" + host + "/v1/repos/r\"]\n\thelper = {P1}\n" +
				"[credential \"https://" + host + "/v1\"]\n\thelper = {P2}\n" +
				"[credential \"https://" + host + "/v1/rep\"]\n\thelper = {P3}\n" +
				"[credential \"https://" + host + "/v1/repos/r/\"]\n\thelper = {P4}\n" +
				"[credential \"https://" + host + "/V1\"]\n\thelper = {P5}\n" +
				"[credential \"https://GIT-CODECOMMIT.US-EAST-1.AMAZONAWS.COM/v1\"]\n\thelper = {P6}\n" +
				"[credential \"HTTPS://" + host + "/\"]\n\thelper = {P7}\n" +
				"[credential \"https://" + host + "/v1/repos/%72\"]\n\thelper = {P8}\n" +
				"[credential \"https://" + host + "/v1/./repos/x/../r\"]\n\thelper = {P9}\n" +
				"[credential \"https://" + host + "/v1/repos/rr\"]\n\thelper = {P10}\n",
			req: repo, want: []string{"P1", "P2", "P4", "P6", "P7", "P8", "P9"}},
		{name: "schemes and ports",
			global: "[credential \"http://" + host + "\"]\n\thelper = {N1}\n" +
				"[credential \"https://" + host + ":443\"]\n\thelper = {N2}\n" +
				"[credential \"https://" + host + ":8443\"]\n\thelper = {N3}\n" +
				"[credential \"https://" + host + ":\"]\n\thelper = {N4}\n" +
				"[credential \"https://" + host + ":0443\"]\n\thelper = {N5}\n",
			req: repo, want: []string{"N2", "N4", "N5"}},
		{name: "a port in the request",
			global: "[credential \"https://" + host + "\"]\n\thelper = {Q1}\n" +
				"[credential \"https://" + host + ":8443\"]\n\thelper = {Q2}\n" +
				"[credential \"" + host + ":8443\"]\n\thelper = {Q3}\n" +
				"[credential \"" + host + "\"]\n\thelper = {Q4}\n",
			req:  Request{Protocol: "https", Host: host + ":8443", Path: "v1/repos/r"},
			want: []string{"Q2", "Q3"}},
		{name: "partial URLs",
			global: "[credential \"" + host + "\"]\n\thelper = {R1}\n" +
				"[credential \"https://\"]\n\thelper = {R2}\n" +
				"[credential \"http://\"]\n\thelper = {R3}\n" +
				"[credential \"/v1/repos/r\"]\n\thelper = {R4}\n" +
				"[credential \"/v1/repos\"]\n\thelper = {R5}\n" +
				"[credential \"someone@" + host + "\"]\n\thelper = {R6}\n" +
				"[credential \"other.example.com\"]\n\thelper = {R7}\n",
			req: repo, want: []string{"R1", "R2", "R4"}},
		{name: "user names",
			global: "[credential \"https://AKIAIOSFODNN7EXAMPLE@" + host + "\"]\n\thelper = {U1}\n" +
				"[credential \"https://someone@" + host + "\"]\n\thelper = {U2}\n" +
				"[credential \"https://" + host + "\"]\n\thelper = {U3}\n" +
				"[credential \"AKIAIOSFODNN7EXAMPLE@" + host + "\"]\n\thelper = {U4}\n",
			req:  Request{Protocol: "https", Host: host, Path: "v1/repos/r", Username: "AKIAIOSFODNN7EXAMPLE"},
			want: []string{"U1", "U3", "U4"}},
		{name: "useHttpPath: the last matching value wins, however specific",
			global: "[credential \"https://" + host + "/v1/repos/r\"]\n\tUseHttpPath = true\n\thelper = {H1}\n" +
				"[credential]\n\tuseHttpPath = false\n",
			req: repo, want: []string{"H1"}, wantPath: false},
		{name: "useHttpPath: a later wildcard section wins over an earlier exact one",
			global: "[credential \"https://" + host + "\"]\n\tUseHttpPath = false\n\thelper = {H2}\n" +
				"[credential \"https://git-codecommit.*.amazonaws.com\"]\n\tUseHttpPath = yes\n",
			req: repo, want: []string{"H2"}, wantPath: true},
		{name: "useHttpPath: local overrides global, non-matching sections do not count",
			global: "[credential]\n\tUseHttpPath = 1\n\thelper = {H3}\n",
			local:  "[credential \"https://github.com\"]\n\tUseHttpPath = off\n",
			req:    repo, want: []string{"H3"}, wantPath: true},
		{name: "includes are read in place",
			global: "[credential]\n\thelper = {G1}\n[include]\n\tpath = {DIR}/included\n[credential]\n\thelper = {G2}\n",
			files:  map[string]string{"included": "[credential]\n\thelper = {I1}\n\thelper =\n\thelper = {I2}\n"},
			req:    repo, want: []string{"I2", "G2"}},
		{name: "helpers for other hosts do not run",
			global: "[credential \"https://github.com\"]\n\thelper = {X1}\n[credential \"https://git-codecommit.us-west-2.amazonaws.com\"]\n\thelper = {X2}\n[credential]\n\thelper = {X3}\n",
			req:    repo, want: []string{"X3"}},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			w := newGitWorld(t)
			expand := func(s string) string {
				s = strings.ReplaceAll(s, "{DIR}", w.dir)
				for strings.Contains(s, "{") {
					i := strings.Index(s, "{")
					j := strings.Index(s[i:], "}")
					if j < 0 {
						break
					}
					s = s[:i] + w.h(s[i+1:i+j]) + s[i+j+1:]
				}
				return s
			}
			w.write("sysconfig", expand(sc.system))
			w.write("home/.gitconfig", expand(sc.global))
			for name, content := range sc.files {
				w.write(name, expand(content))
			}
			if sc.local != "" {
				w.write("clone/.git/config", "[core]\n\trepositoryformatversion = 0\n\tbare = false\n"+expand(sc.local))
			}
			var env []string
			for _, e := range sc.env {
				env = append(env, expand(e))
			}
			ran, paths := w.gitRan(sc.req, env)
			chain := w.computed(sc.req, env)
			got := helperNames(chain)
			if strings.Join(ran, ",") != strings.Join(sc.want, ",") {
				t.Errorf("real git ran %v, the scenario expects %v", ran, sc.want)
			}
			if strings.Join(got, ",") != strings.Join(ran, ",") {
				t.Errorf("Compute gives %v, real git ran %v", got, ran)
			}
			for i, p := range paths {
				if p != chain.UseHTTPPath {
					t.Errorf("git sent path=%v to helper %s, Compute says UseHTTPPath=%v", p, ran[i], chain.UseHTTPPath)
				}
				if p != sc.wantPath {
					t.Errorf("git sent path=%v to helper %s, the scenario expects %v", p, ran[i], sc.wantPath)
				}
			}
		})
	}
}
