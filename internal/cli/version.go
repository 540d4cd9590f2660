package cli

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// BuildInfo is the version stamp given by ldflags.
type BuildInfo struct{ Version, Commit, Date string }

// String is the version, falling back to the module build information
// (`go install ...@v1.2.3` stamps the module version) and then to "dev".
func (b BuildInfo) String() string {
	if b.Version != "" {
		return b.Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func newVersionCmd(a *App) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the doctor's version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			fmt.Fprintf(a.Stdout, "codecommit-doctor %s", a.Build)
			if a.Build.Commit != "" {
				fmt.Fprintf(a.Stdout, " (commit %s", a.Build.Commit)
				if a.Build.Date != "" {
					fmt.Fprintf(a.Stdout, ", built %s", a.Build.Date)
				}
				fmt.Fprint(a.Stdout, ")")
			}
			fmt.Fprintln(a.Stdout)
			return nil
		},
	}
}
