//go:build unix

package safefile

import (
	"errors"
	"os"
	"syscall"
)

// openNonBlocking opens read-only with O_NONBLOCK: a FIFO put in place
// after the Stat opens at once instead of waiting for a writer (and is
// then refused by the check of what was opened). On a regular file the
// flag changes nothing.
func openNonBlocking(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK|syscall.O_NOCTTY, 0)
}

func isLoop(err error) bool { return errors.Is(err, syscall.ELOOP) }
