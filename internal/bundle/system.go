package bundle

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// versionTimeout bounds each `--version` run (the AWS CLI v1 starts Python).
const versionTimeout = 20 * time.Second

// versionMaxOutput bounds what is kept of it.
const versionMaxOutput = 64 << 10

// System describes where the doctor ran.
type System struct {
	Doctor string // the doctor's version line
	OS     string // GOOS/GOARCH
	Distro string
	Shell  string
}

// SystemText renders the system file: the doctor's version, the OS and
// distribution, and what `git --version` and `aws --version` print.
func SystemText(ctx context.Context, r Runner, s System) string {
	var b strings.Builder
	fmt.Fprintf(&b, "codecommit-doctor %s\nos: %s\n", s.Doctor, s.OS)
	if s.Distro != "" {
		fmt.Fprintf(&b, "distribution: %s\n", s.Distro)
	}
	if s.Shell != "" {
		fmt.Fprintf(&b, "shell: %s\n", s.Shell)
	}
	for _, name := range []string{"git", "aws"} {
		fmt.Fprintf(&b, "\n$ %s --version\n%s\n", name, versionOf(ctx, r, name))
	}
	return b.String()
}

func versionOf(ctx context.Context, r Runner, name string) string {
	ctx, cancel := context.WithTimeout(ctx, versionTimeout)
	defer cancel()
	out, err := r.Run(ctx, sys.Command{Name: name, Args: []string{"--version"}, MaxOutput: versionMaxOutput})
	if err != nil {
		return fmt.Sprintf("(could not run: %v)", err)
	}
	text := strings.TrimSpace(out.Combined())
	if out.ExitCode != 0 {
		text += fmt.Sprintf("\n(exit status %d)", out.ExitCode)
	}
	if out.Truncated {
		text += "\n(output cut at 64 kB)"
	}
	return text
}
