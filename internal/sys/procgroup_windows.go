//go:build windows

package sys

import "os/exec"

// setProcessGroup keeps exec's default on Windows: the process is killed and
// WaitDelay bounds the wait for its children.
func setProcessGroup(cmd *exec.Cmd) {}

// killGroup has no process group to kill on Windows (a job object would be
// the equivalent); Run's bounded wait for the output pipes still applies.
func killGroup(cmd *exec.Cmd) {}
