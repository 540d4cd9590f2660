// Command gendocs writes shell completions and man pages for release
// archives: go run ./internal/gendocs DIR (DIR/completions, DIR/man).
package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra/doc"

	"github.com/codecommit-doctor/codecommit-doctor/internal/cli"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gendocs DIR")
		os.Exit(2)
	}
	if err := generate(os.Args[1]); err != nil {
		fmt.Fprintf(os.Stderr, "gendocs: %v\n", err)
		os.Exit(1)
	}
}

func generate(dir string) error {
	app := &cli.App{Stdout: io.Discard, Stderr: io.Discard}
	root := app.Command()
	root.DisableAutoGenTag = true
	compDir := filepath.Join(dir, "completions")
	manDir := filepath.Join(dir, "man")
	for _, d := range []string{compDir, manDir} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return fmt.Errorf("creating %s: %w", d, err)
		}
	}
	shells := map[string]func(*bytes.Buffer) error{
		"codecommit-doctor.bash": func(b *bytes.Buffer) error { return root.GenBashCompletionV2(b, true) },
		"codecommit-doctor.zsh":  func(b *bytes.Buffer) error { return root.GenZshCompletion(b) },
		"codecommit-doctor.fish": func(b *bytes.Buffer) error { return root.GenFishCompletion(b, true) },
		"codecommit-doctor.ps1":  func(b *bytes.Buffer) error { return root.GenPowerShellCompletionWithDesc(b) },
	}
	for name, gen := range shells {
		var b bytes.Buffer
		if err := gen(&b); err != nil {
			return fmt.Errorf("generating %s: %w", name, err)
		}
		if err := os.WriteFile(filepath.Join(compDir, name), b.Bytes(), 0o644); err != nil {
			return fmt.Errorf("writing %s: %w", name, err)
		}
	}
	header := &doc.GenManHeader{Title: "CODECOMMIT-DOCTOR", Section: "1", Source: "codecommit-doctor"}
	if err := doc.GenManTree(root, header, manDir); err != nil {
		return fmt.Errorf("generating man pages: %w", err)
	}
	return nil
}
