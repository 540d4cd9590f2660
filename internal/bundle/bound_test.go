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
	in := []File{{Name: "big", Data: []byte(big)}, {Name: "small", Data: []byte("keep me whole\n")}, {Name: "large", Data: []byte(strings.Repeat("x", 1500))}}
	const limit = 2000
	out := Bound(in, limit)
	total := 0
	for _, f := range out {
		total += len(f.Data)
		if !utf8.Valid(f.Data) {
			t.Errorf("%s was cut inside a character", f.Name)
		}
	}
	if total > limit || total < limit-10 {
		t.Errorf("total %d bytes, want just under the bound %d", total, limit)
	}
	if out[1].Truncated || string(out[1].Data) != "keep me whole\n" || out[1].Name != "small" {
		t.Errorf("the small file was cut or moved: %+v", out[1])
	}
	for _, i := range []int{0, 2} {
		f := out[i]
		if !f.Truncated || f.Original != len(in[i].Data) || !bytes.Contains(f.Data, []byte("cut by the bundle's size bound;")) {
			t.Errorf("%s is not cut with a note: truncated=%v original=%d tail=%q", f.Name, f.Truncated, f.Original, tail(f.Data))
		}
	}
	// The two large files share what the small one left, equally.
	if d := len(out[0].Data) - len(out[2].Data); d < -2 || d > 2 {
		t.Errorf("the large files got %d and %d bytes, want equal shares", len(out[0].Data), len(out[2].Data))
	}
	if len(in[0].Data) != len(big) {
		t.Errorf("Bound modified its input")
	}

	m := Manifest(out, Meta{Created: time.Date(2026, 12, 3, 6, 0, 0, 0, time.UTC), Doctor: "v1.2.3", Limit: limit})
	got := string(m.Data)
	if missing := containsAll(got, "created: 2026-12-03 06:00:00 UTC by codecommit-doctor v1.2.3", "  big  TRUNCATED: ", " of 6000 bytes kept (size bound)",
		"  large  TRUNCATED: ", "2 file(s) truncated by the size bound.", "README.txt", "manifest.txt (this file)"); len(missing) > 0 {
		t.Errorf("manifest lacks %q:\n%s", missing, got)
	}
	if strings.Contains(got, "small  TRUNCATED") || strings.Contains(got, "Nothing was truncated") {
		t.Errorf("manifest marks the wrong files:\n%s", got)
	}
}

func TestBoundEmptiesWhatCannotHoldTheNote(t *testing.T) {
	out := Bound([]File{{Name: "a", Data: bytes.Repeat([]byte("a"), 1000)}, {Name: "b", Data: bytes.Repeat([]byte("b"), 1000)}}, 50)
	for _, f := range out {
		if !f.Truncated || len(f.Data) != 0 || f.Original != 1000 {
			t.Errorf("%s: %d bytes kept, truncated=%v", f.Name, len(f.Data), f.Truncated)
		}
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
	small := File{Name: "system.txt", Data: []byte("git version 2.39.5\n")}
	out = Assemble(append(in, small), Meta{Created: time.Now(), Doctor: "dev", Limit: MaxSize}, func(s string) string { return s })
	if !strings.Contains(string(out[1].Data), "git-config.txt  TRUNCATED") || !strings.Contains(string(out[1].Data), "report.json  TRUNCATED") ||
		strings.Contains(string(out[1].Data), "system.txt  TRUNCATED") || string(out[4].Data) != "git version 2.39.5\n" {
		t.Errorf("manifest:\n%s", out[1].Data)
	}
}

func tail(b []byte) []byte { return b[max(0, len(b)-120):] }
