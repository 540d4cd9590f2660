// Package phrase writes small pieces of the doctor's sentences the same way
// everywhere: durations, directions, alternatives.
package phrase

import "time"

// Or returns s, or alt when s is empty.
func Or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// Abs is the absolute value of a duration.
func Abs(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

// AheadBehind says whether a clock offset (local minus reference) is ahead
// of or behind the reference.
func AheadBehind(d time.Duration) string {
	if d > 0 {
		return "ahead of"
	}
	return "behind"
}
