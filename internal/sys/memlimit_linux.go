package sys

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// limitMemory caps the address space of a just-started program (and of
// what it starts afterwards, which inherits the limit). A program only
// microseconds old has not yet allocated much; limit <= 0 sets no cap.
func limitMemory(pid int, limit int64) error {
	if limit <= 0 {
		return errNoLimit
	}
	rl := unix.Rlimit{Cur: uint64(limit), Max: uint64(limit)}
	if err := unix.Prlimit(pid, unix.RLIMIT_AS, &rl, nil); err != nil {
		return fmt.Errorf("capping the memory of pid %d: %w", pid, err)
	}
	return nil
}
