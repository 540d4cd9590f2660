package redact

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"
)

// errClosed is returned by Write after Close.
var errClosed = errors.New("redact: write after Close")

// Writer returns a WriteCloser that buffers everything written to it and,
// on Close, writes the redacted text to w. A streaming redactor cannot see
// a secret split across two writes, so nothing reaches w before Close: the
// whole output is held in memory. Close does not close w. The writer is
// safe for concurrent use (for example as both Stdout and Stderr of a
// command).
func (r *Redactor) Writer(w io.Writer) io.WriteCloser {
	return &writer{r: r, w: w}
}

type writer struct {
	r      *Redactor
	w      io.Writer
	mu     sync.Mutex
	buf    bytes.Buffer
	closed bool
}

// Write buffers p.
func (w *writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return 0, errClosed
	}
	return w.buf.Write(p)
}

// Close redacts the buffered text and writes it to the underlying writer.
// Closing twice is a no-op.
func (w *writer) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}
	w.closed = true
	out := w.r.Bytes(w.buf.Bytes())
	w.buf = bytes.Buffer{}
	if _, err := w.w.Write(out); err != nil {
		return fmt.Errorf("writing redacted output: %w", err)
	}
	return nil
}
