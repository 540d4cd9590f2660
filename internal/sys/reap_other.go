//go:build !linux && !darwin

package sys

import "context"

// BecomeSubreaper does nothing on this OS (Linux only).
func BecomeSubreaper() error { return nil }

// ReapAll does nothing on this OS: Machine.Run's process-group kill (Unix)
// or process kill (Windows) is all there is.
func ReapAll(ctx context.Context) error { return nil }
