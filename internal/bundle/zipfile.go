package bundle

import (
	"archive/zip"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/safefile"
)

// DestinationError is a path the bundle refuses to write to.
type DestinationError struct {
	Path string
	What string // "a directory", "a symbolic link", ...
}

func (e *DestinationError) Error() string {
	return fmt.Sprintf("refusing to write the bundle to %s: it is %s (give the path of a new or regular file)", e.Path, e.What)
}

// CheckDestination refuses a path that exists and is not a regular file
// (a directory, a symbolic link — never followed —, a FIFO, a device). A
// missing path in an existing directory or a regular file (replaced) is
// fine.
func CheckDestination(path string) error {
	st, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return checkDirectory(path)
	case err != nil:
		return fmt.Errorf("checking the bundle's destination %s: %w", path, err)
	case st.Mode().IsRegular():
		return nil
	}
	return &DestinationError{Path: path, What: safefile.DescribeType(st.Mode())}
}

// checkDirectory refuses a new path whose directory is missing or not a
// directory: the archive is created there.
func checkDirectory(path string) error {
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("refusing to write the bundle to %s: the directory %s does not exist (create it first, or give -o a file in an existing directory)", path, dir)
	case err != nil:
		return fmt.Errorf("checking the bundle's directory %s: %w", dir, err)
	case !st.IsDir():
		return fmt.Errorf("refusing to write the bundle to %s: %s is not a directory", path, dir)
	}
	return nil
}

// WriteZip writes the files to path as a zip archive (deflated), created
// atomically: a temporary file with mode 0600 in the same directory,
// renamed over path once complete. It returns the archive's size.
func WriteZip(path string, files []File, modified time.Time) (size int64, err error) {
	if err := CheckDestination(path); err != nil {
		return 0, err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".codecommit-doctor-bundle-*.tmp")
	if err != nil {
		return 0, fmt.Errorf("creating the bundle next to %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return 0, fmt.Errorf("making the bundle private (mode 0600): %w", err)
	}
	zw := zip.NewWriter(tmp)
	for _, f := range files {
		h := &zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: modified}
		h.SetMode(0o600)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return 0, fmt.Errorf("adding %s to the bundle: %w", f.Name, err)
		}
		if _, err := w.Write(f.Data); err != nil {
			return 0, fmt.Errorf("adding %s to the bundle: %w", f.Name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return 0, fmt.Errorf("finishing the bundle: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		return 0, fmt.Errorf("finishing the bundle: %w", err)
	}
	st, err := tmp.Stat()
	if err != nil {
		return 0, fmt.Errorf("finishing the bundle: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return 0, fmt.Errorf("finishing the bundle: %w", err)
	}
	// The destination may have changed while the archive was written.
	if err := CheckDestination(path); err != nil {
		return 0, err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return 0, fmt.Errorf("moving the bundle into place at %s: %w", path, err)
	}
	return st.Size(), nil
}
