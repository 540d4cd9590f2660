package bundle

import (
	"archive/zip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

var testFiles = []File{{Name: "README.txt", Data: []byte("read me\n")}, {Name: "report.json", Data: []byte(`{"a":1}`)}}

func TestWriteZipIsPrivateAndComplete(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.zip")
	size, err := WriteZip(path, testFiles, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() != size {
		t.Errorf("size %d reported, %d on disk", size, st.Size())
	}
	if runtime.GOOS != "windows" && st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	if len(zr.File) != len(testFiles) {
		t.Fatalf("%d files in the archive, want %d", len(zr.File), len(testFiles))
	}
	for i, f := range zr.File {
		if f.Method != zip.Deflate {
			t.Errorf("%s is stored with method %d, want deflate", f.Name, f.Method)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name != testFiles[i].Name || string(data) != string(testFiles[i].Data) {
			t.Errorf("file %d: %s %q", i, f.Name, data)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("the directory holds %d entries, want only the archive (no temporary file left)", len(entries))
	}
	// A regular file is replaced.
	if _, err := WriteZip(path, testFiles[:1], time.Now()); err != nil {
		t.Fatalf("replacing a regular file: %v", err)
	}
}

func TestWriteZipRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	sub := filepath.Join(dir, "adir")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(dir, "target.zip")
	link := filepath.Join(dir, "link.zip")
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	for path, what := range map[string]string{sub: "a directory", link: "a symbolic link"} {
		_, err := WriteZip(path, testFiles, time.Now())
		var de *DestinationError
		if !errors.As(err, &de) || de.What != what {
			t.Errorf("WriteZip(%s) = %v, want a refusal: it is %s", path, err, what)
		}
	}
	if _, err := os.Lstat(target); err == nil {
		t.Errorf("the symbolic link was followed: %s exists", target)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("the directory holds %d entries, want the two it had (nothing written)", len(entries))
	}
	if err := CheckDestination(filepath.Join(dir, "new.zip")); err != nil {
		t.Errorf("a new file is fine: %v", err)
	}
	if _, err := WriteZip(filepath.Join(dir, "missing", "x.zip"), testFiles, time.Now()); err == nil {
		t.Errorf("a destination in a missing directory is an error")
	}
	if err := CheckDestination(filepath.Join(dir, "missing", "x.zip")); err == nil || !strings.Contains(err.Error(), "the directory "+filepath.Join(dir, "missing")+" does not exist") {
		t.Errorf("a missing directory is refused before anything runs, saying so: %v", err)
	}

}
