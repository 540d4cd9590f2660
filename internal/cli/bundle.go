package cli

import (
	"strings"

	"github.com/spf13/cobra"
)

const bundleExitCodesHelp = `Exit codes:
  0  the archive was written (whatever the diagnosis found: its verdict is printed)
  2  usage error
  3  the archive could not be written (the destination is refused, or writing failed)
  130  interrupted: no archive`

// bundleOptions are the flags of `bundle`: the diagnosis's own, and where
// to write the archive.
type bundleOptions struct {
	diagnosisFlags
	file string
}

func newBundleCmd(a *App) *cobra.Command {
	o := &bundleOptions{}
	cmd := &cobra.Command{
		Use:   "bundle [REPO_URL]",
		Short: "Write a redacted support bundle (zip) with the report and the settings that matter",
		Long: `bundle runs the diagnosis and writes one zip archive for a support ticket
(codecommit-doctor-YYYYMMDD-HHMMSS.zip in the current directory, or -o FILE, mode 0600):
the report in JSON and markdown, the versions of the doctor, git and the AWS CLI, the
credential.*, http.*, url.* and include* settings git sees with their origin and scope,
the AWS profiles that matter (allow-listed values only; from the credentials file only
names), the environment variables that matter (secret values never), the reproduce
check's redacted trace, a manifest and a README.txt. Review it before sharing.

It takes the same REPO_URL argument and diagnosis flags as the doctor itself.

` + bundleExitCodesHelp,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			repoURL := ""
			if len(args) == 1 {
				if strings.TrimSpace(args[0]) == "" {
					return usageError("the REPO_URL argument is empty (an unset variable such as \"$REPO_URL\"?): " +
						"pass a repository URL, or no argument inside a clone")
				}
				repoURL = strings.TrimSpace(args[0])
			}
			return a.bundle(cmd.Context(), o, repoURL)
		},
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	f := cmd.Flags()
	f.StringVarP(&o.file, "output", "o", "", "write the archive to FILE (default codecommit-doctor-YYYYMMDD-HHMMSS.zip here)")
	o.register(a, cmd, diagnosisFlagSet{selection: true, remote: true})
	return cmd
}
