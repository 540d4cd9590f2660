package sys

import (
	"os"
	"strings"
)

// oomMarks are what programs print when an allocation fails: Python's
// MemoryError, glibc/strerror(ENOMEM), C++, Go's runtime, git's xmalloc.
var oomMarks = []string{
	"memoryerror",
	"cannot allocate memory",
	"out of memory",
	"std::bad_alloc",
	"memory exhausted",
	"failed to allocate",
	"mmap failed",
	"could not reserve enough space", // the JVM
}

// ranOutOfMemory reports whether a failed program says an allocation
// failed. A program under RLIMIT_AS is not killed by the kernel: its
// allocations fail, and what it prints then is the only evidence.
func ranOutOfMemory(st *os.ProcessState, stderr string) bool {
	if st == nil || st.Success() {
		return false
	}
	low := strings.ToLower(stderr)
	for _, m := range oomMarks {
		if strings.Contains(low, m) {
			return true
		}
	}
	return false
}
