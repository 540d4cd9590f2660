package redact

import (
	"errors"
	"strings"
	"sync"
	"testing"
)

func TestWriterRedactsAcrossWrites(t *testing.T) {
	var sink strings.Builder
	w := New().Writer(&sink)
	in := "AWS_SECRET_ACCESS_KEY=" + exampleSecret + "\nkey " + exampleKeyID + "\n"
	// Split the secret across writes: only buffering until Close catches it.
	for _, part := range []string{in[:30], in[30:45], in[45:]} {
		if _, err := w.Write([]byte(part)); err != nil {
			t.Fatal(err)
		}
	}
	if sink.Len() != 0 {
		t.Fatalf("wrote before Close: %q", sink.String())
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if got, want := sink.String(), "AWS_SECRET_ACCESS_KEY=****\nkey AKIA****MPLE\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := w.Write([]byte("x")); !errors.Is(err, errClosed) {
		t.Errorf("Write after Close: err = %v, want errClosed", err)
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if got := sink.String(); strings.Count(got, "AKIA") != 1 {
		t.Errorf("second Close wrote again: %q", got)
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriterReportsWriteError(t *testing.T) {
	w := New().Writer(failingWriter{})
	if _, err := w.Write([]byte("password=" + canaryHelperPW)); err != nil {
		t.Fatal(err)
	}
	err := w.Close()
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("Close error = %v, want the underlying error", err)
	}
	if strings.Contains(err.Error(), "CANARY") {
		t.Errorf("error leaks the secret: %v", err)
	}
}

func TestConcurrentUse(t *testing.T) {
	r := New(canarySecret)
	var sink strings.Builder
	w := r.Writer(&sink)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := r.String("s=" + canarySecret); got != "s=****" {
				t.Errorf("got %q", got)
			}
			if _, err := w.Write([]byte(canarySecret + "\n")); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if got, want := sink.String(), strings.Repeat("****\n", 8); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
