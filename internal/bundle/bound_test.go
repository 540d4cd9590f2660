package bundle

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestBoundKeepsSmallFilesWhole(t *testing.T) {
	in := []File{{Name: "a", Data: []byte("hello")}, {Name: "b", Data: []byte("world")}}
	out := Bound(in, 100)
	for i := range out {
		if out[i].Truncated || string(out[i].Data) != string(in[i].Data) || out[i].Original != len(in[i].Data) {
			t.Errorf("file %s changed: %+v", in[i].Name, out[i])
		}
	}
}

func TestBoundCutsAndNotes(t *testing.T) {
	big := strings.Repeat("é", 3000) // 2 bytes each: a cut must not split one
	in := []File{{Name: "first", Data: []byte("keep me whole\n")}, {Name: "big", Data: []byte(big)}, {Name: "after", Data: []byte(strings.Repeat("x", 500))}}
	const limit = 2000
	out := Bound(in, limit)
	total := 0
	for _, f := range out {
		total += len(f.Data)
		if !utf8.Valid(f.Data) {
			t.Errorf("%s was cut inside a character", f.Name)
		}
	}
	if total > limit {
		t.Errorf("total %d bytes, over the bound %d", total, limit)
	}
	if out[0].Truncated || string(out[0].Data) != "keep me whole\n" {
		t.Errorf("the first file was cut: %+v", out[0])
	}
	if !out[1].Truncated || out[1].Original != len(big) || !bytes.Contains(out[1].Data, []byte("cut by the bundle's size bound;")) {
		t.Errorf("the big file is not cut with a note: truncated=%v original=%d tail=%q", out[1].Truncated, out[1].Original, tail(out[1].Data))
	}
	if !out[2].Truncated {
		t.Errorf("the file after the bound is not marked cut: %+v", out[2])
	}
	if len(in[1].Data) != len(big) {
		t.Errorf("Bound modified its input")
	}

	m := Manifest(out, Meta{Created: time.Date(2026, 12, 3, 6, 0, 0, 0, time.UTC), Doctor: "v1.2.3", Limit: limit})
	got := string(m.Data)
	if missing := containsAll(got, "created: 2026-12-03 06:00:00 UTC by codecommit-doctor v1.2.3", "  big  TRUNCATED: ", " of 6000 bytes kept (size bound)",
		"  after  TRUNCATED: ", "2 file(s) truncated by the size bound.", "README.txt", "manifest.txt (this file)"); len(missing) > 0 {
		t.Errorf("manifest lacks %q:\n%s", missing, got)
	}
	if strings.Contains(got, "first  TRUNCATED") || strings.Contains(got, "Nothing was truncated") {
		t.Errorf("manifest marks the wrong files:\n%s", got)
	}
}

// TestAssembleStaysWithinMaxSize: the archive's whole content, manifest
// and README.txt included, stays within the bound.
func TestAssembleStaysWithinMaxSize(t *testing.T) {
	in := []File{{Name: "report.json", Data: bytes.Repeat([]byte("{}\n"), 1<<20)}, {Name: "git-config.txt", Data: bytes.Repeat([]byte("k = v\n"), 1<<20)}}
	out := Assemble(in, Meta{Created: time.Now(), Doctor: "dev", Limit: MaxSize}, func(s string) string { return s })
	total := 0
	for _, f := range out {
		total += len(f.Data)
	}
	if total > MaxSize {
		t.Errorf("the archive holds %d bytes, over MaxSize %d", total, MaxSize)
	}
	if out[0].Name != ReadmeName || out[1].Name != ManifestName {
		t.Errorf("README.txt and the manifest come first, got %s, %s", out[0].Name, out[1].Name)
	}
	if !strings.Contains(string(out[1].Data), "git-config.txt  TRUNCATED") || strings.Contains(string(out[1].Data), "report.json  TRUNCATED") {
		t.Errorf("manifest:\n%s", out[1].Data)
	}
}

func tail(b []byte) []byte { return b[max(0, len(b)-120):] }
