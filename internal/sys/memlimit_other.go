//go:build !linux

package sys

// limitMemory caps nothing outside Linux.
func limitMemory(pid int, limit int64) error { return errNoLimit }
