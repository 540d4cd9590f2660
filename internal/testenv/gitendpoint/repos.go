package gitendpoint

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// reposPrefix is the URL path prefix of every repository.
const reposPrefix = "/v1/repos/"

// gitTimeout bounds each git command CreateRepo runs.
const gitTimeout = 30 * time.Second

// validRepoName is CodeCommit's repository name rule.
var validRepoName = regexp.MustCompile(`^[\w.-]{1,100}$`)

// RepoOptions configure CreateRepo.
type RepoOptions struct {
	// InitialCommit adds one commit (a README.md) on Branch so that
	// ls-remote shows refs and clone checks out a file.
	InitialCommit bool
	// Branch is the initial branch. Default "main".
	Branch string
}

// Repo describes a repository the emulator serves.
type Repo struct {
	// Name is the repository name (the last element of /v1/repos/NAME).
	Name string
	// Dir is the bare repository on disk.
	Dir string
	// Head is the initial commit id, or "" for an empty repository.
	Head string
}

// repoPath is the path the AWS CLI helper signs for repository name.
func repoPath(name string) string { return strings.TrimSuffix(reposPrefix, "/") + "/" + name }

// splitRepoPath returns the repository name of a request path
// /v1/repos/NAME[/...].
func splitRepoPath(p string) (string, bool) {
	rest, ok := strings.CutPrefix(p, reposPrefix)
	if !ok {
		return "", false
	}
	name, _, _ := strings.Cut(rest, "/")
	if !validRepoName.MatchString(name) || name == "." || name == ".." {
		return "", false
	}
	return name, true
}

// RepoDir returns where repository name lives (whether or not it exists).
func (s *Server) RepoDir(name string) string { return filepath.Join(s.reposDir, name) }

// repoExists reports whether name has been created.
func (s *Server) repoExists(name string) bool {
	fi, err := os.Stat(s.RepoDir(name))
	return err == nil && fi.IsDir()
}

// CreateRepo creates the bare repository name ("git init --bare"), optionally
// with one commit, and serves it at /v1/repos/NAME.
func (s *Server) CreateRepo(ctx context.Context, name string, opts RepoOptions) (Repo, error) {
	if !validRepoName.MatchString(name) || name == "." || name == ".." {
		return Repo{}, fmt.Errorf("creating repository %q: invalid CodeCommit repository name", name)
	}
	if opts.Branch == "" {
		opts.Branch = "main"
	}
	dir := s.RepoDir(name)
	if _, err := os.Stat(dir); err == nil {
		return Repo{}, fmt.Errorf("creating repository %q: %w", name, fs.ErrExist)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return Repo{}, fmt.Errorf("creating repository %q: %w", name, err)
	}
	if _, err := s.runGit(ctx, s.reposDir, "", "init", "--bare", "--quiet", "--initial-branch="+opts.Branch, dir); err != nil {
		return Repo{}, fmt.Errorf("creating repository %q: %w", name, err)
	}
	repo := Repo{Name: name, Dir: dir}
	if !opts.InitialCommit {
		return repo, nil
	}
	head, err := s.seed(ctx, dir, name, opts.Branch)
	if err != nil {
		return Repo{}, fmt.Errorf("creating repository %q: adding the initial commit: %w", name, err)
	}
	repo.Head = head
	return repo, nil
}

// seed writes one commit with a README.md on branch using plumbing commands
// (no working tree, no network) and returns its id.
func (s *Server) seed(ctx context.Context, dir, name, branch string) (string, error) {
	blob, err := s.runGit(ctx, dir, "# "+name+"\n", "hash-object", "-w", "--stdin")
	if err != nil {
		return "", err
	}
	tree, err := s.runGit(ctx, dir, "100644 blob "+blob+"\tREADME.md\n", "mktree")
	if err != nil {
		return "", err
	}
	commit, err := s.runGit(ctx, dir, "", "commit-tree", tree, "-m", "Initial commit")
	if err != nil {
		return "", err
	}
	if _, err := s.runGit(ctx, dir, "", "update-ref", "refs/heads/"+branch, commit); err != nil {
		return "", err
	}
	return commit, nil
}

// runGit runs git in dir with an isolated environment and returns its
// trimmed stdout.
func (s *Server) runGit(ctx context.Context, dir, stdin string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, gitTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, s.git, args...)
	cmd.Dir = dir
	cmd.Env = append(s.backendEnv(),
		"GIT_AUTHOR_NAME=Emulator", "GIT_AUTHOR_EMAIL=emulator@example.com", "GIT_AUTHOR_DATE=2026-01-01T00:00:00Z",
		"GIT_COMMITTER_NAME=Emulator", "GIT_COMMITTER_EMAIL=emulator@example.com", "GIT_COMMITTER_DATE=2026-01-01T00:00:00Z")
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("git %s: %w: %s", args[0], err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(stdout.String()), nil
}

// backendEnv is the environment of every git process the emulator runs:
// no system or user configuration.
func (s *Server) backendEnv() []string {
	path := os.Getenv("PATH")
	if path == "" {
		path = "/usr/local/bin:/usr/bin:/bin"
	}
	return []string{
		"PATH=" + path,
		"HOME=" + s.homeDir,
		"XDG_CONFIG_HOME=" + filepath.Join(s.homeDir, ".config"),
		"GIT_CONFIG_NOSYSTEM=1",
		"LC_ALL=C",
	}
}
