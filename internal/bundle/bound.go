package bundle

import "fmt"

// MaxSize bounds the archive's uncompressed content.
const MaxSize = 5 << 20

// describingReserve is kept free of the collected files for the manifest
// and README.txt, which are written last.
const describingReserve = 64 << 10

// Bound keeps the files' total size within limit bytes: files are kept
// whole in order until one does not fit; that one and the following are cut
// (on a UTF-8 boundary) to what remains, each ending with a note saying so,
// or emptied when not even the note fits (the manifest still names them).
// The input is not modified.
func Bound(files []File, limit int) []File {
	out := make([]File, len(files))
	remaining := limit
	for i, f := range files {
		f.Original = len(f.Data)
		if len(f.Data) <= remaining {
			remaining -= len(f.Data)
			out[i] = f
			continue
		}
		note := func(kept int) string {
			return fmt.Sprintf("\n[codecommit-doctor: cut by the bundle's size bound; %d of %d bytes kept]\n", kept, f.Original)
		}
		f.Data = nil
		if remaining > len(note(f.Original)) {
			keep := remaining - len(note(f.Original))
			for keep > 0 && keep < f.Original && files[i].Data[keep]&0xC0 == 0x80 {
				keep--
			}
			f.Data = append(append([]byte(nil), files[i].Data[:keep]...), note(keep)...)
		}
		f.Truncated = true
		remaining = max(0, remaining-len(f.Data))
		out[i] = f
	}
	return out
}
