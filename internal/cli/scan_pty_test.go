//go:build !windows

package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/internal/progress/termtest"
)

func TestScanProgressLineIsErasedOnAPseudoTerminal(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"a/b", "c", "node_modules/x"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	raw := runOnPTY(t, 80, []string{"TERM=xterm-256color"}, "scan", "--offline", root)
	if !bytes.Contains(raw, []byte("looking for clones: ")) {
		t.Fatalf("a terminal gets the search's progress line: %q", raw)
	}
	scr := termtest.New(80, 50)
	scr.Write(raw)
	if len(scr.Unknown) > 0 {
		t.Fatalf("escape sequences the model does not know: %v", scr.Unknown)
	}
	var scanned int
	for _, l := range scr.Lines() {
		if strings.Contains(l, "looking for clones") {
			t.Fatalf("the progress line was left on screen:\n%s", scr)
		}
		if strings.HasPrefix(l, "Scanned 4 directories: 0 clones, 0 CodeCommit targets.") {
			scanned++
		}
	}
	if scanned != 1 {
		t.Fatalf("the search's result must be on screen once:\n%s", scr)
	}
	// In a pipe: no progress line.
	raw = runOnPTY(t, 80, []string{"TERM=xterm-256color", "CI=true"}, "scan", "--offline", root)
	if bytes.Contains(raw, []byte("looking for clones")) {
		t.Fatalf("CI: no progress line, got %q", raw)
	}
}
