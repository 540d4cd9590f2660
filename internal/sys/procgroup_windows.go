//go:build windows

package sys

import "os/exec"

// setProcessGroup keeps exec's default on Windows: the process is killed and
// WaitDelay bounds the wait for its children.
func setProcessGroup(cmd *exec.Cmd) {}
