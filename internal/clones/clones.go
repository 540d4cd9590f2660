// Package clones finds git clones under directories, for `scan`: bounded
// depth and count, vendor folders skipped, symbolic links followed once
// (a loop ends there), unreadable directories reported, never fatal.
package clones

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// DefaultDepth is how many directory levels below each root are searched.
const DefaultDepth = 4

// DefaultMax is how many clones a scan diagnoses at most.
const DefaultMax = 100

// skipped reports whether a directory is never searched: dependencies and
// tool caches, which hold other people's clones or thousands of folders.
func skipped(name string) bool {
	switch name {
	case "node_modules", ".terraform", "vendor", "bower_components", ".venv", "venv", "__pycache__", ".tox", ".git":
		return true
	}
	return false
}

// Options bound a search.
type Options struct {
	Depth int // levels below each root; DefaultDepth when zero
	Max   int // clones at most; DefaultMax when zero
	// Progress, when set, is called with each directory as it is read.
	Progress func(dir string, dirs, found int)
}

// Result is what a search found.
type Result struct {
	Clones    []string // absolute paths, sorted, each once
	Dirs      int      // directories read
	Problems  []string // directories that could not be read, with why
	Truncated bool     // more clones than Options.Max: the rest were left out
}

// Find searches the roots for clones: a directory with a .git entry (a
// work tree; its inside is not searched further, its submodules being the
// superproject's business) or a bare repository (HEAD, objects and refs).
func Find(ctx context.Context, roots []string, o Options) (Result, error) {
	if o.Depth <= 0 {
		o.Depth = DefaultDepth
	}
	if o.Max <= 0 {
		o.Max = DefaultMax
	}
	f := finder{o: o, seen: map[string]bool{}, found: map[string]bool{}}
	for _, root := range roots {
		abs, err := filepath.Abs(root)
		if err != nil {
			return Result{}, fmt.Errorf("looking for clones under %s: %w", root, err)
		}
		st, err := os.Stat(abs)
		if err != nil {
			return Result{}, fmt.Errorf("looking for clones under %s: %w", root, err)
		}
		if !st.IsDir() {
			return Result{}, fmt.Errorf("looking for clones under %s: not a directory", root)
		}
		if err := f.walk(ctx, abs, 0); err != nil {
			return Result{}, err
		}
	}
	sort.Strings(f.res.Clones)
	return f.res, nil
}

type finder struct {
	o     Options
	seen  map[string]bool // real paths of the directories read (symlink loops end here)
	found map[string]bool
	res   Result
}

var errFull = errors.New("enough clones")

func (f *finder) walk(ctx context.Context, dir string, depth int) error {
	err := f.visit(ctx, dir, depth)
	if errors.Is(err, errFull) {
		f.res.Truncated = true
		return nil
	}
	return err
}

func (f *finder) visit(ctx context.Context, dir string, depth int) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("looking for clones: %w", err)
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		f.res.Problems = append(f.res.Problems, fmt.Sprintf("%s: %v", dir, unwrapPath(err)))
		return nil
	}
	if f.seen[real] {
		return nil
	}
	f.seen[real] = true
	entries, err := os.ReadDir(dir)
	f.res.Dirs++
	if f.o.Progress != nil {
		f.o.Progress(dir, f.res.Dirs, len(f.res.Clones))
	}
	if err != nil {
		f.res.Problems = append(f.res.Problems, fmt.Sprintf("%s: %v", dir, unwrapPath(err)))
		if len(entries) == 0 {
			return nil
		}
	}
	if isClone(dir, entries) {
		if !f.found[real] {
			if len(f.res.Clones) >= f.o.Max {
				return errFull
			}
			f.found[real] = true
			f.res.Clones = append(f.res.Clones, dir)
		}
		return nil
	}
	if depth >= f.o.Depth {
		return nil
	}
	for _, e := range entries {
		if skipped(e.Name()) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		isDir := e.IsDir()
		if e.Type()&os.ModeSymlink != 0 {
			st, err := os.Stat(p)
			isDir = err == nil && st.IsDir()
		}
		if !isDir {
			continue
		}
		if err := f.visit(ctx, p, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// isClone reports whether the entries are those of a work tree (.git) or
// a bare repository.
func isClone(dir string, entries []os.DirEntry) bool {
	has := map[string]bool{}
	for _, e := range entries {
		has[e.Name()] = true
	}
	if has[".git"] {
		return true
	}
	if !has["HEAD"] || !has["objects"] || !has["refs"] {
		return false
	}
	st, err := os.Stat(filepath.Join(dir, "objects"))
	return err == nil && st.IsDir()
}

// unwrapPath drops the path a *PathError repeats.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
