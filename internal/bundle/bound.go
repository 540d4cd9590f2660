package bundle

import (
	"cmp"
	"fmt"
	"slices"
)

// MaxSize bounds the archive's uncompressed content.
const MaxSize = 5 << 20

// describingReserve is kept free of the collected files for the manifest
// and README.txt, which are written last.
const describingReserve = 64 << 10

// Bound keeps the files' total size within limit bytes, sharing it fairly:
// small files are kept whole, and the large ones share what remains
// equally, each cut (on a UTF-8 boundary) to its share and ending with a
// note saying so; a file whose share cannot hold even the note is emptied
// (the manifest still names it). The order of the files and the input are
// not changed.
func Bound(files []File, limit int) []File {
	out := make([]File, len(files))
	order := make([]int, len(files))
	for i := range files {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(len(files[a].Data), len(files[b].Data)) })
	remaining := max(0, limit)
	for n, i := range order {
		f := files[i]
		f.Original = len(f.Data)
		share := remaining / (len(order) - n)
		if len(f.Data) > share {
			f.Data, f.Truncated = cut(files[i].Data, share), true
		}
		remaining -= len(f.Data)
		out[i] = f
	}
	return out
}

// cut returns data cut to at most n bytes with a note, or nothing when the
// note does not fit.
func cut(data []byte, n int) []byte {
	note := func(kept int) string {
		return fmt.Sprintf("\n[codecommit-doctor: cut by the bundle's size bound; %d of %d bytes kept]\n", kept, len(data))
	}
	if n <= len(note(len(data))) {
		return nil
	}
	keep := n - len(note(len(data)))
	for keep > 0 && data[keep]&0xC0 == 0x80 {
		keep--
	}
	return append(append([]byte(nil), data[:keep]...), note(keep)...)
}
