package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// BuildInfo is the version stamp: release builds set it with ldflags
// (main.version, main.commit, main.date, see .goreleaser.yaml); a build from
// source fills what is missing from the module and VCS build information.
type BuildInfo struct{ Version, Commit, Date string }

// readBuildInfo is debug.ReadBuildInfo; tests pass their own.
type readBuildInfo func() (*debug.BuildInfo, bool)

// Resolve fills the fields ldflags left empty: the module version
// (`go install ...@v1.2.3`), the VCS revision and commit time (`go build`
// inside a clone), "dev" when nothing is known.
func (b BuildInfo) Resolve(read readBuildInfo) BuildInfo {
	if read == nil {
		read = debug.ReadBuildInfo
	}
	bi, ok := read()
	if ok && bi != nil {
		if b.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			b.Version = bi.Main.Version
		}
		var revision, when string
		modified := false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if b.Commit == "" && revision != "" {
			b.Commit = revision[:min(len(revision), 12)]
			if modified {
				b.Commit += "-dirty"
			}
		}
		if b.Date == "" {
			b.Date = when
		}
	}
	if b.Version == "" {
		b.Version = "dev"
	}
	return b
}

// String is the version alone.
func (b BuildInfo) String() string {
	if b.Version == "" {
		return "dev"
	}
	return b.Version
}

// Long is the version with its commit and build date, when known.
func (b BuildInfo) Long() string {
	s := b.String()
	var extra []string
	if b.Commit != "" {
		extra = append(extra, "commit "+b.Commit)
	}
	if b.Date != "" {
		extra = append(extra, "built "+b.Date)
	}
	if len(extra) > 0 {
		s += " (" + strings.Join(extra, ", ") + ")"
	}
	return s
}

// versionJSON is `version -o json`.
type versionJSON struct {
	Name      string `json:"name"`
	Version   string `json:"version"`
	Commit    string `json:"commit,omitempty"`
	Date      string `json:"date,omitempty"`
	GoVersion string `json:"go_version"`
	Platform  string `json:"platform"`
}

func writeVersion(w io.Writer, b BuildInfo, format string) error {
	switch format {
	case "text":
		if _, err := fmt.Fprintf(w, "codecommit-doctor %s\n", b.Long()); err != nil {
			return fmt.Errorf("writing the version: %w", err)
		}
		return nil
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		v := versionJSON{Name: "codecommit-doctor", Version: b.String(), Commit: b.Commit, Date: b.Date,
			GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
		if err := enc.Encode(v); err != nil {
			return fmt.Errorf("writing the version: %w", err)
		}
		return nil
	}
	return usageError("unknown output format %q for version; valid formats: json, text", format)
}

func newVersionCmd(a *App) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "version",
		Short: "Print the doctor's version (with its commit and build date)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return writeVersion(a.Stdout, a.Build, normalizeFormat(output))
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "text", "output format: text, json")
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions([]string{"text", "json"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// normalizeFormat makes -o values case-insensitive and ignores spaces.
func normalizeFormat(s string) string { return strings.ToLower(strings.TrimSpace(s)) }
