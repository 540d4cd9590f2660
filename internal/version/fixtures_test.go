package version

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// fixtureDir holds the real outputs, relative to this package.
const fixtureDir = "../../fixtures/versions"

// gitFixture is one entry of git.json.
type gitFixture struct {
	Output    string `json:"output"`
	Error     bool   `json:"error"`
	Version   string `json:"version"`
	Flavor    string `json:"flavor"`
	Build     string `json:"build"`
	Supported bool   `json:"supported"`
	Source    string `json:"source"`
}

// awsFixture is one entry of aws.json.
type awsFixture struct {
	Output    string `json:"output"`
	Error     bool   `json:"error"`
	Version   string `json:"version"`
	Major     int    `json:"major"`
	Python    string `json:"python"`
	OS        string `json:"os"`
	OSRelease string `json:"os_release"`
	Botocore  string `json:"botocore"`
	Installer string `json:"installer"`
	Exe       string `json:"exe"`
	Supported bool   `json:"supported"`
	Source    string `json:"source"`
}

// loadFixtures decodes fixtureDir/name into a slice of T.
func loadFixtures[T any](tb testing.TB, name string) []T {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join(fixtureDir, name))
	if err != nil {
		tb.Fatalf("read fixture: %v", err)
	}
	var out []T
	if err := json.Unmarshal(data, &out); err != nil {
		tb.Fatalf("decode fixture %s: %v", name, err)
	}
	if len(out) == 0 {
		tb.Fatalf("fixture %s is empty", name)
	}
	return out
}

func TestFixtureCounts(t *testing.T) {
	count := func(errs []bool) (ok int) {
		for _, e := range errs {
			if !e {
				ok++
			}
		}
		return ok
	}
	var g, a []bool
	for _, f := range loadFixtures[gitFixture](t, "git.json") {
		g = append(g, f.Error)
	}
	for _, f := range loadFixtures[awsFixture](t, "aws.json") {
		a = append(a, f.Error)
	}
	if n := count(g); n < 15 {
		t.Errorf("git.json has %d version outputs, want at least 15", n)
	}
	if n := count(a); n < 15 {
		t.Errorf("aws.json has %d version outputs, want at least 15", n)
	}
}
