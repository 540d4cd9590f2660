package sys

import (
	"errors"
	"fmt"
)

// NotFoundError says a program is not on PATH.
type NotFoundError struct{ Name string }

func (e *NotFoundError) Error() string { return fmt.Sprintf("%s: not found on PATH", e.Name) }

// NotExecutableError says a program exists but may not be executed.
type NotExecutableError struct{ Path string }

func (e *NotExecutableError) Error() string {
	return fmt.Sprintf("%s: exists but is not executable", e.Path)
}

func asNotExec(err error, target **NotExecutableError) bool { return errors.As(err, target) }

// IsNotFound reports whether err says a program is missing.
func IsNotFound(err error) bool {
	var nf *NotFoundError
	return errors.As(err, &nf)
}

// IsNotExecutable reports whether err says a program may not be executed.
func IsNotExecutable(err error) bool {
	var ne *NotExecutableError
	return errors.As(err, &ne)
}

// errNoLimit says no memory cap was set on a program.
var errNoLimit = errors.New("no memory cap")

// MemoryLimitError says a program failed because it ran out of memory
// under the cap the doctor set (Command.MaxMemory).
type MemoryLimitError struct {
	Command  string // the command line as shown to users
	Limit    int64  // the cap, in bytes
	ExitCode int    // -1 when a signal ended it
}

func (e *MemoryLimitError) Error() string {
	return fmt.Sprintf("running `%s`: it ran out of memory under the doctor's cap of %d MiB of address space (exit %d)",
		e.Command, e.Limit>>20, e.ExitCode)
}

// IsMemoryLimit reports whether err says a program hit the memory cap.
func IsMemoryLimit(err error) bool {
	var me *MemoryLimitError
	return errors.As(err, &me)
}
