package version

import "errors"

// ErrUnrecognized is wrapped by every error the parsers return: the text was
// not the version output of the expected program.
var ErrUnrecognized = errors.New("unrecognized version output")
