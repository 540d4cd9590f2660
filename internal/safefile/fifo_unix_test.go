//go:build unix

package safefile

import (
	"path/filepath"
	"syscall"
	"testing"
)

func TestFIFOIsRefusedWithoutBlocking(t *testing.T) {
	p := filepath.Join(t.TempDir(), "credentials")
	if err := syscall.Mkfifo(p, 0o600); err != nil {
		t.Fatal(err)
	}
	// Nothing ever writes to it: a blocking open would hang the test.
	_, err := ReadConfig(p)
	e := kindOf(t, err)
	if e.Kind != NotRegular || err.Error() != p+" is a FIFO, not a regular file" {
		t.Fatalf("err = %v", err)
	}
	// The non-blocking open itself: opening the FIFO returns at once.
	f, err := openNonBlocking(p)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
}
