//go:build !unix

package safefile

import (
	"os"
	"strings"
)

// openNonBlocking opens read-only; there are no FIFOs in the file system
// here to block on.
func openNonBlocking(path string) (*os.File, error) { return os.Open(path) }

func isLoop(err error) bool {
	return err != nil && strings.Contains(err.Error(), "too many")
}
