package action

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/gitcred"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// Runner runs programs through the machine door (*sys.Machine): timeouts,
// closed stdin, no prompts, bounded output.
type Runner interface {
	Run(ctx context.Context, c sys.Command) (sys.Output, error)
}

// stepTimeout bounds each program an action runs.
const stepTimeout = 30 * time.Second

// Applier applies actions with the real tools: git's own config parser
// (`git config --file`) and credential store, the AWS CLI's `aws configure
// set`, macOS's `security`, Windows' `cmdkey`.
type Applier struct {
	Run  Runner
	GOOS string
}

// ErrManual is returned for an action the doctor never does itself.
var ErrManual = errors.New("a manual step: the doctor does not do it")

// Apply does the action on file (the action's own File, or a scratch copy
// of it). It is idempotent: an action whose result is already there does
// nothing. A file that does not hold the state the action expects is left
// alone with a *ChangedError.
func (ap Applier) Apply(ctx context.Context, a Action, file string) error {
	switch {
	case a.IsGitConfig():
		return ap.gitConfig(ctx, a, file)
	case a.Kind == StoreErase:
		return ap.storeErase(ctx, a, file)
	case a.Kind == AWSConfigSet:
		return ap.awsConfig(ctx, a, file)
	case a.Kind == KeychainErase:
		return ap.keychainErase(ctx, a)
	case a.Kind == CmdkeyDelete:
		return ap.cmdkey(ctx, a)
	}
	return ErrManual
}

func (ap Applier) run(ctx context.Context, c sys.Command) (sys.Output, error) {
	ctx, cancel := context.WithTimeout(ctx, stepTimeout)
	defer cancel()
	out, err := ap.Run.Run(ctx, c)
	if err != nil {
		return out, fmt.Errorf("running `%s`: %w", c, err)
	}
	return out, nil
}

// Values reads every value of key in one git config file, in file order,
// with git's own parser (no includes: only that file).
func (ap Applier) Values(ctx context.Context, file, key string) ([]string, error) {
	c := sys.Command{Name: "git", Args: []string{"config", "-z", "--file", file, "--get-all", key}}
	out, err := ap.run(ctx, c)
	if err != nil {
		return nil, err
	}
	switch out.ExitCode {
	case 0:
	case 1:
		return nil, nil // the key is not set
	default:
		return nil, fmt.Errorf("reading %s from %s: `git config` exited with status %d: %s", key, file, out.ExitCode, firstLine(out.Stderr))
	}
	vals := strings.Split(strings.TrimSuffix(out.Stdout, "\x00"), "\x00")
	return vals, nil
}

func (ap Applier) gitConfig(ctx context.Context, a Action, file string) error {
	if _, err := os.Stat(file); errors.Is(err, fs.ErrNotExist) {
		// git config --file creates the file; nothing was there to expect.
		if len(a.Expect) > 0 {
			return &ChangedError{File: a.File, What: "the file is gone"}
		}
	}
	cur, err := ap.Values(ctx, file, a.Key)
	if err != nil {
		return err
	}
	want := a.Want(a.Expect)
	if slices.Equal(cur, want) {
		return nil // already done
	}
	if !slices.Equal(cur, a.Expect) {
		return &ChangedError{File: a.File, What: fmt.Sprintf("%s is %s, the plan expected %s", a.Key, listWords(cur), listWords(a.Expect))}
	}
	base := []string{"config", "--file", file}
	var steps [][]string
	switch a.Kind {
	case GitSet:
		steps = [][]string{{"--replace-all", a.Key, a.Value}}
	case GitAdd:
		steps = [][]string{{"--add", a.Key, a.Value}}
	case GitUnset:
		if a.Value == "" {
			steps = [][]string{{"--unset-all", a.Key}}
		} else {
			steps = [][]string{{"--fixed-value", "--unset-all", a.Key, a.Value}}
		}
	case GitResetList:
		if len(a.Values) == 0 {
			steps = [][]string{{"--unset-all", a.Key}}
			break
		}
		steps = [][]string{{"--replace-all", a.Key, a.Values[0]}}
		for _, v := range a.Values[1:] {
			steps = append(steps, []string{"--add", a.Key, v})
		}
	case GitReplace:
		steps = [][]string{{"--fixed-value", "--replace-all", a.Key, a.Value, a.Old}}
	}
	if len(cur) == 0 && (a.Kind == GitUnset || (a.Kind == GitResetList && len(a.Values) == 0)) {
		return nil
	}
	for _, s := range steps {
		c := sys.Command{Name: "git", Args: append(append([]string{}, base...), s...)}
		out, err := ap.run(ctx, c)
		if err != nil {
			return err
		}
		if out.ExitCode != 0 {
			return fmt.Errorf("`git config %s` on %s exited with status %d: %s", strings.Join(s, " "), a.File, out.ExitCode, firstLine(out.Stderr))
		}
	}
	after, err := ap.Values(ctx, file, a.Key)
	if err != nil {
		return err
	}
	if !slices.Equal(after, want) {
		return fmt.Errorf("after the change %s in %s is %s, not %s", a.Key, a.File, listWords(after), listWords(want))
	}
	return nil
}

// storeLines counts the lines of a credential store file for the action's
// protocol and host, compared as `git credential-store erase` compares
// them: exactly (a line for GIT-CODECOMMIT... is another host's to git).
func storeLines(data string, a Action) int {
	n := 0
	for _, c := range gitcred.ParseStoreFile(data) {
		if c.Protocol == a.Protocol && c.Host == a.Host {
			n++
		}
	}
	return n
}

func (ap Applier) storeErase(ctx context.Context, a Action, file string) error {
	data, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // nothing stored: done
	}
	if err != nil {
		return fmt.Errorf("reading %s: %w", a.File, err)
	}
	n := storeLines(string(data), a)
	if n == 0 {
		return nil
	}
	if n != a.ExpectLines {
		return &ChangedError{File: a.File, What: fmt.Sprintf("it holds %d line(s) for %s://%s, the plan expected %d", n, a.Protocol, a.Host, a.ExpectLines)}
	}
	c := sys.Command{Name: "git", Args: []string{"credential-store", "--file", file, "erase"},
		Stdin: "protocol=" + a.Protocol + "\nhost=" + a.Host + "\n\n"}
	out, err := ap.run(ctx, c)
	if err != nil {
		return err
	}
	if out.ExitCode != 0 {
		return fmt.Errorf("`git credential-store --file %s erase` exited with status %d: %s", a.File, out.ExitCode, firstLine(out.Stderr))
	}
	data, err = os.ReadFile(file)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("reading %s: %w", a.File, err)
	}
	if storeLines(string(data), a) != 0 {
		return fmt.Errorf("git credential-store left a line for %s://%s in %s", a.Protocol, a.Host, a.File)
	}
	return nil
}

func (ap Applier) awsConfig(ctx context.Context, a Action, file string) error {
	// The AWS CLI's own writer; auto-prompt off, or it would prompt
	// for this very command.
	c := sys.Command{Name: "aws", Args: []string{"configure", "set", a.Key, a.Value, "--profile", a.Profile},
		Env: []string{"AWS_CONFIG_FILE=" + file, "AWS_CLI_AUTO_PROMPT=off"}}
	out, err := ap.run(ctx, c)
	if err != nil {
		return err
	}
	if out.ExitCode != 0 {
		return fmt.Errorf("`aws configure set %s` on %s exited with status %d: %s", a.Key, a.File, out.ExitCode, firstLine(out.Stderr))
	}
	return nil
}

// securityNotFound is `security`'s exit status when no item matches.
const securityNotFound = 44

// maxKeychainItems bounds the erase loop (one item per repository path
// when UseHttpPath is on).
const maxKeychainItems = 50

func (ap Applier) keychainErase(ctx context.Context, a Action) error {
	if ap.GOOS != "darwin" {
		return fmt.Errorf("the Keychain is on macOS only, this is %s", ap.GOOS)
	}
	for range maxKeychainItems {
		c := sys.Command{Name: "security", Args: []string{"delete-internet-password", "-s", a.Host}}
		out, err := ap.run(ctx, c)
		if err != nil {
			return err
		}
		switch out.ExitCode {
		case 0:
			continue // one item gone; there may be more
		case securityNotFound:
			return nil
		default:
			return fmt.Errorf("`%s` exited with status %d: %s", c, out.ExitCode, firstLine(out.Stderr))
		}
	}
	return fmt.Errorf("the Keychain still holds items for %s after %d erasures", a.Host, maxKeychainItems)
}

func (ap Applier) cmdkey(ctx context.Context, a Action) error {
	if ap.GOOS != "windows" {
		return fmt.Errorf("the Windows Credential Manager is on Windows only, this is %s", ap.GOOS)
	}
	c := sys.Command{Name: "cmdkey", Args: []string{"/delete:git:https://" + a.Host}}
	out, err := ap.run(ctx, c)
	if err != nil {
		return err
	}
	if out.ExitCode != 0 && !strings.Contains(out.Combined(), "not found") {
		return fmt.Errorf("`%s` exited with status %d: %s", c, out.ExitCode, firstLine(out.Combined()))
	}
	return nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}
