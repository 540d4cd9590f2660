package cli

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsconfig"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// completionBudget bounds the programs a completion runs: a shell waits.
const completionBudget = 2 * time.Second

// configFileLimit is the most the completion reads of an AWS shared file.
const configFileLimit = 4 << 20

// idListCompletion completes a comma-separated list of check ids: after
// "git,aws" it offers "git,aws-cli" and never an id already in the list.
func idListCompletion(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	done, partial := "", toComplete
	if i := strings.LastIndex(toComplete, ","); i >= 0 {
		done, partial = toComplete[:i+1], toComplete[i+1:]
	}
	used := map[string]bool{}
	for id := range strings.SplitSeq(done, ",") {
		used[strings.TrimSpace(id)] = true
	}
	var out []string
	for _, id := range checkIDs() {
		if !used[id] && strings.HasPrefix(id, strings.TrimSpace(partial)) {
			out = append(out, done+id)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}

// profileCompletion offers the profiles of the AWS shared config and
// credentials files (AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE honoured).
func (a *App) profileCompletion(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	m := sys.New(a.Environ, a.GOOS)
	paths := awsconfig.DefaultPaths(m.Getenv, m.HomeDir())
	config, _ := m.ReadFile(paths.Config, configFileLimit)
	creds, _ := m.ReadFile(paths.Credentials, configFileLimit)
	var out []string
	for _, name := range awsconfig.Parse(paths, config, creds).Names() {
		if strings.HasPrefix(name, toComplete) {
			out = append(out, name)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// remoteCompletion offers the remotes of the clone in the current directory.
func (a *App) remoteCompletion(cmd *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, cancel := context.WithTimeout(ctx, completionBudget)
	defer cancel()
	names, err := cloneRemotes(ctx, sys.New(a.Environ, a.GOOS))
	if err != nil {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []string
	for _, n := range names {
		if strings.HasPrefix(n, toComplete) {
			out = append(out, n)
		}
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// notInCloneError is cloneRemotes' answer outside a git clone.
type notInCloneError struct{ detail string }

func (e *notInCloneError) Error() string {
	return "the current directory is not inside a git clone (" + e.detail + ")"
}

// cloneRemotes lists the remotes of the clone in the current directory
// (bare and mirror clones included), asking the real git.
func cloneRemotes(ctx context.Context, m *sys.Machine) ([]string, error) {
	out, err := m.Run(ctx, sys.Command{Name: "git", Args: []string{"rev-parse", "--absolute-git-dir"}})
	if err != nil {
		return nil, err
	}
	if out.ExitCode != 0 {
		return nil, &notInCloneError{detail: strings.TrimSpace(firstLine(out.Stderr))}
	}
	gitDir := strings.TrimSpace(out.Stdout)
	out, err = m.Run(ctx, sys.Command{Name: "git", Args: []string{"--git-dir", gitDir, "remote"}})
	if err != nil {
		return nil, err
	}
	if out.ExitCode != 0 {
		return nil, &notInCloneError{detail: strings.TrimSpace(firstLine(out.Stderr))}
	}
	names := strings.Fields(out.Stdout)
	sort.Strings(names)
	return names, nil
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}
