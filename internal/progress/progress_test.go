package progress

import (
	"bytes"
	"strings"
	"sync"
	"testing"
)

// syncBuffer is a bytes.Buffer safe for the display's ticker goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestDisplayShowsFinishedLinesAndSpinnerThenErasesThem(t *testing.T) {
	var buf syncBuffer
	d := Start(&buf, 80)
	d.Started("git")
	d.Started("reproduce")
	if got := buf.String(); !strings.Contains(got, "running git, reproduce") {
		t.Fatalf("spinner should name the running checks, got %q", got)
	}
	d.Finished("git", "✓ git  Git 2.39.5")
	got := buf.String()
	if !strings.Contains(got, "✓ git  Git 2.39.5\n") {
		t.Fatalf("finished line missing: %q", got)
	}
	if !strings.HasSuffix(got, "running reproduce (0.0s)") && !strings.Contains(got[strings.LastIndex(got, "\n"):], "running reproduce") {
		t.Fatalf("spinner should now name only reproduce: %q", got)
	}
	d.Finished("reproduce", "✗ reproduce  403")
	d.Stop()
	got = buf.String()
	// Two lines were printed; Stop moves up two lines and clears to the end.
	if !strings.HasSuffix(got, "\x1b[2A\r\x1b[J") {
		t.Fatalf("Stop should erase the two printed lines, got tail %q", got[max(0, len(got)-20):])
	}
}
