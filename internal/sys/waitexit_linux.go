package sys

import (
	"errors"

	"golang.org/x/sys/unix"
)

// awaitExit reports whether it waited until the process has exited, without reaping it: while
// it is a zombie its pid (and so its process group id) cannot be reused,
// and killGroup cannot hit an unrelated process.
func awaitExit(pid int) bool {
	var info unix.Siginfo
	for {
		err := unix.Waitid(unix.P_PID, pid, &info, unix.WEXITED|unix.WNOWAIT, nil)
		if !errors.Is(err, unix.EINTR) {
			// ECHILD would mean someone else reaped it: Wait will say.
			return err == nil
		}
	}
}
