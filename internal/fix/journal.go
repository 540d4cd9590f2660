package fix

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Journal records one fix run: every file it wrote, where its backup is,
// and what it wrote (so undo can tell a file changed since).
type Journal struct {
	Time  time.Time      `json:"time"`
	Files []JournalEntry `json:"files"`
}

// JournalEntry is one file a run wrote.
type JournalEntry struct {
	Path    string      `json:"path"`             // the file written (links resolved)
	Named   string      `json:"named,omitempty"`  // the path the findings named, when a link
	Backup  string      `json:"backup,omitempty"` // the copy of what was there ("" when nothing was)
	Existed bool        `json:"existed"`
	Mode    fs.FileMode `json:"mode"`
	Written string      `json:"written_sha256"`
}

// journalFile is where the last run's journal is kept.
func journalFile(stateDir string) string { return filepath.Join(stateDir, "last-fix.json") }

func writeJournal(stateDir string, j Journal) error {
	data, err := json.MarshalIndent(j, "", "  ")
	if err != nil {
		return fmt.Errorf("writing the journal: %w", err)
	}
	return writeAtomic(journalFile(stateDir), append(data, '\n'), 0o600)
}

// ErrNoJournal says there is no fix run to undo.
var ErrNoJournal = errors.New("no fix run to undo")

func readJournal(stateDir string) (Journal, error) {
	var j Journal
	data, err := os.ReadFile(journalFile(stateDir))
	if errors.Is(err, fs.ErrNotExist) {
		return j, ErrNoJournal
	}
	if err != nil {
		return j, fmt.Errorf("reading the journal: %w", err)
	}
	if err := json.Unmarshal(data, &j); err != nil {
		return j, fmt.Errorf("reading the journal %s: %w", journalFile(stateDir), err)
	}
	return j, nil
}

// backup copies a file's content, with its mode, under the state
// directory's backups of this run.
func backup(runDir string, n int, path string, data []byte, mode fs.FileMode) (string, error) {
	if err := os.MkdirAll(runDir, 0o700); err != nil {
		return "", fmt.Errorf("backing up %s: %w", path, err)
	}
	dest := filepath.Join(runDir, fmt.Sprintf("%d-%s", n, filepath.Base(path)))
	if err := writeAtomic(dest, data, mode); err != nil {
		return "", fmt.Errorf("backing up %s: %w", path, err)
	}
	return dest, nil
}

// lastUndone is the time of the newest fix run that was undone ("" when
// none), from the names undo gives the journals it closes.
func lastUndone(stateDir string) string {
	names, err := filepath.Glob(filepath.Join(stateDir, "undone-*.json"))
	if err != nil || len(names) == 0 {
		return ""
	}
	slices.Sort(names)
	stamp := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(names[len(names)-1]), "undone-"), ".json")
	t, err := time.Parse("20060102T150405.000000000Z", stamp)
	if err != nil {
		return ""
	}
	return t.Format(time.RFC3339)
}
