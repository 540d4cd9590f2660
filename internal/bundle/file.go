package bundle

// File is one file of the archive.
type File struct {
	Name        string // path inside the archive
	Description string // one line for README.txt
	Data        []byte
	Original    int  // bytes before the size bound cut it
	Truncated   bool // the size bound cut it
	// Incomplete says what its collection could not gather ("" when
	// whole): a program's output cut at its bound, an error.
	Incomplete string
}

// Standard file names inside the archive.
const (
	ReadmeName   = "README.txt"
	ManifestName = "manifest.txt"
)
