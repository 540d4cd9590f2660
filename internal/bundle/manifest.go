package bundle

import (
	"crypto/sha256"
	"fmt"
	"strings"
	"time"
)

// Meta describes the archive as a whole.
type Meta struct {
	Created time.Time
	Doctor  string // the doctor's version line
	Limit   int    // the size bound of the collected files
}

// Manifest lists every file of the archive with its size and SHA-256, and
// notes the files the size bound cut.
func Manifest(files []File, m Meta) File {
	var b strings.Builder
	fmt.Fprintf(&b, "codecommit-doctor support bundle — manifest\ncreated: %s by codecommit-doctor %s\n", m.Created.UTC().Format("2006-01-02 15:04:05 UTC"), m.Doctor)
	fmt.Fprintf(&b, "size bound: %s of uncompressed content (larger files are cut and marked below)\n\n", HumanSize(int64(m.Limit)))
	fmt.Fprintf(&b, "%10s  %-16s  %s\n", "bytes", "sha256 (prefix)", "file")
	fmt.Fprintf(&b, "%10s  %-16s  %s\n", "-", "-", ReadmeName)
	fmt.Fprintf(&b, "%10s  %-16s  %s\n", "-", "-", ManifestName+" (this file)")
	cut, incomplete := 0, 0
	for _, f := range files {
		sum := sha256.Sum256(f.Data)
		line := fmt.Sprintf("%10d  %-16x  %s", len(f.Data), sum[:8], f.Name)
		if f.Truncated {
			cut++
			line += fmt.Sprintf("  TRUNCATED: %d of %d bytes kept (size bound)", len(f.Data), f.Original)
		}
		if f.Incomplete != "" {
			incomplete++
			line += "  INCOMPLETE: " + f.Incomplete
		}
		b.WriteString(line + "\n")
	}
	switch {
	case cut == 0 && incomplete == 0:
		b.WriteString("\nNothing was truncated.\n")
	case cut > 0:
		fmt.Fprintf(&b, "\n%d file(s) truncated by the size bound.\n", cut)
	}
	if incomplete > 0 {
		if cut == 0 {
			b.WriteString("\n")
		}
		fmt.Fprintf(&b, "%d file(s) incomplete: what collected them could not gather everything (marked above).\n", incomplete)
	}
	return File{Name: ManifestName, Description: "every file of this archive, its size and checksum, and what the size bound cut", Data: []byte(b.String())}
}

// HumanSize prints a byte count for people: 512 B, 12.3 kB, 5.0 MB
// (binary multiples).
func HumanSize(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}
