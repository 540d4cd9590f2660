// Package safefile inspects a file before the doctor, a library or a
// program it runs reads it: it must be a regular file (not a FIFO, a
// device, a socket or a directory), readable, and no larger than a bound;
// symbolic links are resolved and loops detected. Opening never blocks on
// a FIFO and reading never takes more than the bound, so a hostile path
// (/dev/zero as ~/.aws/credentials, a FIFO, a symlink loop, a 20 MB
// config) gives a typed *Error at once, with bounded memory.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// ConfigMaxSize bounds configuration files: the AWS shared config and
// credentials files, git config files, ~/.git-credentials.
const ConfigMaxSize = 4 << 20

// Kind says what is wrong with a file.
type Kind string

// Kinds of Error.
const (
	Missing     Kind = "missing"      // nothing at the path (wraps fs.ErrNotExist)
	NotRegular  Kind = "not-regular"  // a FIFO, device, socket or directory
	SymlinkLoop Kind = "symlink-loop" // symbolic links that never end
	Unreadable  Kind = "unreadable"   // permission denied or another open/read error
	TooLarge    Kind = "too-large"    // more than the bound
)

// Error names a file and what is wrong with it.
type Error struct {
	Path   string      // the path as given
	Target string      // where symbolic links led, when it differs from Path
	Kind   Kind        // what is wrong
	Type   string      // for NotRegular: "a FIFO", "a directory", "a character device", ...
	Size   int64       // for TooLarge: the size seen (at least Limit+1)
	Limit  int64       // for TooLarge: the bound
	Err    error       // the underlying error, if any
	Mode   fs.FileMode // the file's mode, when known
}

func (e *Error) Error() string {
	name := e.Path
	if e.Target != "" && e.Target != e.Path {
		name = fmt.Sprintf("%s (a link to %s)", e.Path, e.Target)
	}
	switch e.Kind {
	case Missing:
		return fmt.Sprintf("%s does not exist", name)
	case NotRegular:
		return fmt.Sprintf("%s is %s, not a regular file", name, e.Type)
	case SymlinkLoop:
		return fmt.Sprintf("%s is a loop of symbolic links", e.Path)
	case TooLarge:
		return fmt.Sprintf("%s is larger than the %s the doctor reads (%s or more)", name, size(e.Limit), size(e.Size))
	default:
		if e.Err != nil {
			return fmt.Sprintf("%s is not readable: %v", name, unwrapPathError(e.Err))
		}
		return fmt.Sprintf("%s is not readable", name)
	}
}

// Unwrap returns the underlying error (fs.ErrNotExist for Missing).
func (e *Error) Unwrap() error {
	if e.Kind == Missing && e.Err == nil {
		return fs.ErrNotExist
	}
	return e.Err
}

// IsMissing reports whether err says a file does not exist, which callers
// usually treat as "not configured" rather than as a problem.
func IsMissing(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == Missing
}

// unwrapPathError drops the *fs.PathError's repetition of the path.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Info is what Check learned of a good file.
type Info struct {
	Path   string // as given
	Target string // after symbolic links
	Size   int64
}

// Check inspects path without reading it: it resolves symbolic links
// (a loop is an *Error of kind SymlinkLoop), requires a regular file no
// larger than limit, and opens it (without blocking) to prove it readable.
func Check(path string, limit int64) (Info, error) {
	f, info, err := open(path, limit)
	if err != nil {
		return info, err
	}
	f.Close()
	return info, nil
}

// ReadFile checks path like Check and reads it, never more than limit
// bytes (a file that grows past limit meanwhile is still an *Error of
// kind TooLarge).
func ReadFile(path string, limit int64) ([]byte, error) {
	f, info, err := open(path, limit)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, &Error{Path: path, Target: info.Target, Kind: Unreadable, Err: err}
	}
	if int64(len(b)) > limit {
		return nil, &Error{Path: path, Target: info.Target, Kind: TooLarge, Size: int64(len(b)), Limit: limit}
	}
	return b, nil
}

// ReadConfig reads a configuration file (ConfigMaxSize).
func ReadConfig(path string) ([]byte, error) { return ReadFile(path, ConfigMaxSize) }

// CheckConfig checks a configuration file (ConfigMaxSize).
func CheckConfig(path string) error {
	_, err := Check(path, ConfigMaxSize)
	return err
}

// open resolves, stats and opens path, and checks what it opened.
func open(path string, limit int64) (*os.File, Info, error) {
	info := Info{Path: path}
	target, err := resolve(path)
	if err != nil {
		return nil, info, err
	}
	info.Target = target
	st, err := os.Stat(target)
	if err != nil {
		return nil, info, statError(path, target, err)
	}
	if e := irregular(path, target, st); e != nil {
		return nil, info, e
	}
	if st.Size() > limit {
		return nil, info, &Error{Path: path, Target: target, Kind: TooLarge, Size: st.Size(), Limit: limit, Mode: st.Mode()}
	}
	f, err := openNonBlocking(target)
	if err != nil {
		return nil, info, statError(path, target, err)
	}
	// The file may have been replaced between Stat and open: what counts
	// is what was opened.
	fst, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, info, &Error{Path: path, Target: target, Kind: Unreadable, Err: err}
	}
	if e := irregular(path, target, fst); e != nil {
		f.Close()
		return nil, info, e
	}
	if fst.Size() > limit {
		f.Close()
		return nil, info, &Error{Path: path, Target: target, Kind: TooLarge, Size: fst.Size(), Limit: limit, Mode: fst.Mode()}
	}
	info.Size = fst.Size()
	return f, info, nil
}

// maxLinks bounds how many symbolic links resolve follows (Linux: 40).
const maxLinks = 40

// resolve follows symbolic links itself, so that a loop is named as one.
func resolve(path string) (string, error) {
	cur := path
	for i := 0; ; i++ {
		st, err := os.Lstat(cur)
		if err != nil {
			// A missing or unreadable component: os.Stat on the original
			// path tells the same story for a path without links.
			return "", statError(path, cur, err)
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			if cur == path {
				return path, nil
			}
			return filepath.Clean(cur), nil
		}
		if i >= maxLinks {
			return "", &Error{Path: path, Kind: SymlinkLoop}
		}
		link, err := os.Readlink(cur)
		if err != nil {
			return "", &Error{Path: path, Target: cur, Kind: Unreadable, Err: err}
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(cur), link)
		}
		cur = link
	}
}

func statError(path, target string, err error) error {
	if target == path {
		target = ""
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &Error{Path: path, Target: target, Kind: Missing, Err: err}
	case isLoop(err):
		return &Error{Path: path, Kind: SymlinkLoop, Err: err}
	}
	return &Error{Path: path, Target: target, Kind: Unreadable, Err: err}
}

// irregular says why st is not a regular file, or nil.
func irregular(path, target string, st fs.FileInfo) *Error {
	m := st.Mode()
	if m.IsRegular() {
		return nil
	}
	if target == path {
		target = ""
	}
	return &Error{Path: path, Target: target, Kind: NotRegular, Type: DescribeType(m), Mode: m}
}

// DescribeType says in words what kind of file a mode that is not a
// regular file's is ("a directory", "a FIFO", "a symbolic link"...).
func DescribeType(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a block device"
	case m&fs.ModeIrregular != 0:
		return "an irregular file"
	}
	return "not a regular file (" + strings.TrimSpace(m.Type().String()) + ")"
}
