package report

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The contract lives in shared/ beside the repository; the copy in testdata
// is what tests validate against, so it must not drift.
func TestSchemaCopyMatchesSharedContract(t *testing.T) {
	shared := filepath.Join("..", "..", "shared", "report.schema.json")
	want, err := os.ReadFile(shared)
	if os.IsNotExist(err) {
		t.Skipf("%s not present (a clone without the shared folder)", shared)
	}
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join("testdata", "report.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("report/testdata/report.schema.json differs from %s: copy the contract again", shared)
	}
}
