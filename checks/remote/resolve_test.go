package remote

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/checkstest"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

const cc = "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/"

func gitIn(t *testing.T, w *checkstest.GitWorld, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), w.Env...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func resolve(t *testing.T, w *checkstest.GitWorld, at string, every bool) Resolution {
	t.Helper()
	env := &checks.Env{Sys: sys.New(w.Env, "linux")}
	r, err := Resolve(context.Background(), env, at, every)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func specs(r Resolution) string {
	var parts []string
	for _, s := range r.Targets {
		parts = append(parts, s.Source+"="+strings.TrimPrefix(s.URL, cc))
	}
	return strings.Join(parts, " ")
}

func TestResolveTakesTheTrackedRemoteElseEveryCodeCommitRemote(t *testing.T) {
	w := checkstest.NewGitWorld(t, "linux")
	app := filepath.Join(w.Dir, "app")
	gitIn(t, w, w.Dir, "init", "-q", "-b", "main", app)
	gitIn(t, w, app, "remote", "add", "gh", "https://github.com/org/app.git")
	gitIn(t, w, app, "remote", "add", "origin", cc+"App")
	gitIn(t, w, app, "remote", "add", "backup", cc+"Backup")
	gitIn(t, w, app, "remote", "add", "same", cc+"App")
	r := resolve(t, w, app, false)
	if got, want := specs(r), "remote:origin=App remote:backup=Backup"; got != want {
		t.Errorf("untracked: targets %q, want %q (every CodeCommit remote, the same URL once)", got, want)
	}
	if len(r.Other) != 1 || r.Other[0] != "gh (github.com)" || r.Remotes != 4 {
		t.Errorf("other remotes %q of %d", r.Other, r.Remotes)
	}
	gitIn(t, w, app, "config", "branch.main.remote", "backup")
	if got, want := specs(resolve(t, w, app, false)), "remote:backup=Backup"; got != want {
		t.Errorf("tracked: targets %q, want %q", got, want)
	}
	if got, want := specs(resolve(t, w, app, true)), "remote:origin=App remote:backup=Backup"; got != want {
		t.Errorf("every: targets %q, want %q", got, want)
	}
	if r := resolve(t, w, w.Dir, false); r.InClone || len(r.Targets) != 0 {
		t.Errorf("outside a clone: %+v", r)
	}
}

func TestResolveFollowsSubmodulesRecursively(t *testing.T) {
	w := checkstest.NewGitWorld(t, "linux")
	app := filepath.Join(w.Dir, "app")
	gitIn(t, w, w.Dir, "init", "-q", "-b", "main", app)
	gitIn(t, w, app, "remote", "add", "origin", cc+"App")
	w.Write("app/.gitmodules", "[submodule \"lib\"]\n\tpath = libs/lib\n\turl = ../Lib\n"+
		"[submodule \"gh\"]\n\tpath = gh\n\turl = https://github.com/org/gh.git\n"+
		"[submodule \"gone\"]\n\tpath = gone\n\turl = "+cc+"NotCheckedOut\n")
	lib := filepath.Join(app, "libs", "lib")
	gitIn(t, w, w.Dir, "init", "-q", lib)
	w.Write("app/libs/lib/.gitmodules", "[submodule \"deep\"]\n\tpath = deep\n\turl = ./Deep\n")
	r := resolve(t, w, app, false)
	if got, want := specs(r), "remote:origin=App submodule:libs/lib=Lib submodule:libs/lib/deep=Lib/Deep submodule:gone=NotCheckedOut"; got != want {
		t.Fatalf("targets %q, want %q", got, want)
	}
	if r.Targets[1].Dir != lib || r.Targets[3].Dir != app {
		t.Errorf("a checked-out submodule is diagnosed in its own work tree, another in the superproject's: %q %q", r.Targets[1].Dir, r.Targets[3].Dir)
	}
}

func TestResolveRelative(t *testing.T) {
	for _, tc := range []struct{ base, rel, want string }{
		{cc + "App", "../Lib", cc + "Lib"},
		{cc + "App/", "./Sub", cc + "App/Sub"},
		{cc + "App", "https://example.com/x", "https://example.com/x"},
		{"", "../Lib", ""},
		{"https://h/a", "../../../x", ""},
		// git resolves these so (git submodule init): the repository
		// after :// is the last component, the profile goes with it.
		{"codecommit::us-east-1://App", "../Lib", "codecommit::us-east-1://Lib"},
		{"codecommit://App", "../Lib", "codecommit://Lib"},
		{"codecommit::eu-west-1://prof@App", "../Lib", "codecommit::eu-west-1://Lib"},
		{"codecommit://App", "./Sub", "codecommit://App/Sub"},
		{"codecommit::us-east-1://App", "../../Lib", ""},
	} {
		if got := resolveRelative(tc.base, tc.rel); got != tc.want {
			t.Errorf("resolveRelative(%q, %q) = %q, want %q", tc.base, tc.rel, got, tc.want)
		}
	}
}
