package all

import (
	"os"
	"strings"
	"testing"
)

const (
	tableBegin = "<!-- checks table: generated from Info() by checks/all; UPDATE_README=1 go test ./checks/all rewrites it -->\n"
	tableEnd   = "<!-- end of checks table -->\n"
)

// README's check table is the one Info() gives.
func TestReadmeTableIsGenerated(t *testing.T) {
	const path = "../../README.md"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	start := strings.Index(readme, tableBegin)
	end := strings.Index(readme, tableEnd)
	if start < 0 || end < start {
		t.Fatalf("README.md has no generated checks table (markers %q ... %q)", tableBegin, tableEnd)
	}
	want := readme[:start+len(tableBegin)] + MarkdownTable() + readme[end:]
	if want == readme {
		return
	}
	if os.Getenv("UPDATE_README") != "" {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's checks table is out of date: run UPDATE_README=1 go test ./checks/all")
}
