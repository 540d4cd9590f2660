package checks

import "fmt"

// Status is the outcome of a check or the severity of a finding. The order
// of the constants is the severity order used for the overall summary:
// fail > error > warn > pass > skip.
type Status int

// Statuses, from least to most severe.
const (
	Skip Status = iota
	Pass
	Warn
	Error
	Fail
)

var statusNames = [...]string{Skip: "skip", Pass: "pass", Warn: "warn", Error: "error", Fail: "fail"}

// String is the status as written in reports: pass, warn, fail, skip, error.
func (s Status) String() string {
	if s < Skip || s > Fail {
		return fmt.Sprintf("status(%d)", int(s))
	}
	return statusNames[s]
}

// MarshalText writes the status name.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads a status name.
func (s *Status) UnmarshalText(b []byte) error {
	for i, n := range statusNames {
		if n == string(b) {
			*s = Status(i)
			return nil
		}
	}
	return fmt.Errorf("unknown status %q", b)
}

// Worst returns the most severe of the statuses (Skip when there are none).
func Worst(ss ...Status) Status {
	w := Skip
	for _, s := range ss {
		if s > w {
			w = s
		}
	}
	return w
}
