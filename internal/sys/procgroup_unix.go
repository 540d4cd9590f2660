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

// killGroup kills what is left of the program's process group once the
// program itself has exited: a background child (an `aws` leaving `sleep`
// behind) must not outlive it. The group id is the program's pid, which
// stays reserved while any member of the group lives.
func killGroup(cmd *exec.Cmd) {
	if cmd.Process == nil {
		return
	}
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) // ESRCH: nothing left
}
