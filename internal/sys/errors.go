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
