package tools

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder is a T that notes what RequireTool did.
type recorder struct {
	skipped, failed string
}

func (r *recorder) Skip(args ...any)  { r.skipped = args[0].(string) }
func (r *recorder) Fatal(args ...any) { r.failed = args[0].(string) }
func (r *recorder) Name() string      { return "TestSomething" }

func TestRequireTool(t *testing.T) {
	dir := t.TempDir()
	tool := filepath.Join(dir, "sometool")
	if err := os.WriteFile(tool, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)

	t.Setenv("CI", "")
	r := &recorder{}
	if got := RequireTool(r, "sometool"); got != tool || r.skipped != "" || r.failed != "" {
		t.Errorf("RequireTool(sometool) = %q, skipped %q, failed %q; want %q", got, r.skipped, r.failed, tool)
	}

	r = &recorder{}
	if got := RequireTool(r, "git"); got != "" || r.failed != "" {
		t.Errorf("without CI, a missing tool must skip: got %q, failed %q", got, r.failed)
	}
	for _, want := range []string{"!!! SKIPPED: git NOT FOUND ON PATH", "install git", "TestSomething did NOT run"} {
		if !strings.Contains(r.skipped, want) {
			t.Errorf("skip message %q lacks %q", r.skipped, want)
		}
	}

	t.Setenv("CI", "true")
	r = &recorder{}
	RequireTool(r, "moto_server")
	if r.skipped != "" {
		t.Errorf("under CI a missing tool must not skip: %q", r.skipped)
	}
	for _, want := range []string{"moto_server NOT FOUND ON PATH", "pip install 'moto[server]'", "TestSomething did NOT run", `CI is set (CI="true")`} {
		if !strings.Contains(r.failed, want) {
			t.Errorf("failure message %q lacks %q", r.failed, want)
		}
	}
}
