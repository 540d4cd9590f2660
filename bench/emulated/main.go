// Command emulated starts the emulated AWS environment the benchmark runs
// against: moto_server for STS, IAM and CodeCommit's API, and the
// CodeCommit git endpoint emulator serving one repository, with an IAM user
// whose key both accept. It writes DIR/env.sh (the environment for git,
// the AWS CLI and the doctor: an isolated HOME with the AWS helper
// configured and the endpoint wired in with http.curloptResolve and
// GIT_SSL_CAINFO) and runs until it is interrupted.
//
// It is a benchmark tool, not part of the doctor.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/gitendpoint"
)

const repoName = "MyDemoRepo"

func main() {
	dir := flag.String("dir", "", "directory for env.sh, HOME and the emulators' files (required)")
	repos := flag.Int("repos", 1, "repositories to serve: "+repoName+", then Repo2, Repo3, ... (REPO_URLS in env.sh lists them)")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "usage: emulated -dir DIR")
		os.Exit(2)
	}
	if *repos < 1 {
		fmt.Fprintln(os.Stderr, "emulated: -repos must be at least 1")
		os.Exit(2)
	}
	if err := run(*dir, *repos); err != nil {
		fmt.Fprintln(os.Stderr, "emulated:", err)
		os.Exit(1)
	}
}

func run(dir string, count int) error {
	names := []string{repoName}
	for i := 2; i <= count; i++ {
		names = append(names, fmt.Sprintf("Repo%d", i))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	setupCtx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}

	m, err := startMoto(setupCtx, filepath.Join(dir, "moto.log"))
	if err != nil {
		return err
	}
	defer m.stop()
	key, err := m.setup(setupCtx, names...)
	if err != nil {
		return err
	}

	srv, err := gitendpoint.New(gitendpoint.Options{Dir: filepath.Join(dir, "endpoint")})
	if err != nil {
		return fmt.Errorf("starting the git endpoint emulator: %w", err)
	}
	defer srv.Close()
	srv.AddKey(key.id, key.secret, "")
	var urls []string
	for _, name := range names {
		if _, err := srv.CreateRepo(setupCtx, name, gitendpoint.RepoOptions{InitialCommit: true}); err != nil {
			return err
		}
		urls = append(urls, srv.RepoURL(name))
	}

	home := filepath.Join(dir, "home")
	files := map[string]string{
		".gitconfig": "[http]\n\tcurloptResolve = " + srv.CurlResolve(srv.Host()) + "\n" +
			"[credential]\n\thelper = !aws codecommit credential-helper $@\n\tUseHttpPath = true\n",
		".aws/credentials": "[default]\naws_access_key_id = " + key.id + "\naws_secret_access_key = " + key.secret + "\n",
		".aws/config":      "[default]\nregion = us-east-1\n",
	}
	for name, content := range files {
		p := filepath.Join(home, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			return err
		}
	}
	env := append(srv.ClientEnv(home), "AWS_ENDPOINT_URL="+m.url, "REPO_URL="+srv.RepoURL(repoName), "REPO_URLS="+strings.Join(urls, " "))
	if err := writeEnv(filepath.Join(dir, "env.sh"), env); err != nil {
		return err
	}
	fmt.Println("ready:", srv.RepoURL(repoName), "moto:", m.url)
	<-ctx.Done()
	return nil
}

// writeEnv writes KEY=VALUE pairs as shell exports (PATH is left to the
// caller, which prepends the doctor's directory).
func writeEnv(path string, env []string) error {
	sort.Strings(env)
	var b strings.Builder
	for _, kv := range env {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "PATH" {
			continue
		}
		fmt.Fprintf(&b, "export %s='%s'\n", k, strings.ReplaceAll(v, "'", `'\''`))
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(b.String()), 0o600); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return errors.Join(err, os.Remove(tmp))
	}
	return nil
}
