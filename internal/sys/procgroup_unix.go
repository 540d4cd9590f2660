//go:build !windows

package sys

import (
	"os/exec"
	"syscall"
)

// setProcessGroup starts the program in its own process group and makes the
// context's cancellation kill the whole group, so a helper that git started
// dies with it.
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error {
		if cmd.Process == nil {
			return nil
		}
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
}
