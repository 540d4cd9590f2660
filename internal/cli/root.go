package cli

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/codecommit-doctor/codecommit-doctor/report"
)

const exitCodesHelp = `Exit codes:
  0  no check failed (warnings allowed unless --strict)
  1  at least one check failed (or warned, with --strict)
  2  usage or configuration error of the doctor itself
  3  no check failed, but at least one could not finish (status error)
  130  interrupted (Ctrl-C, SIGINT or SIGTERM): no report`

// doctorOptions are the flags of a doctor run.
type doctorOptions struct {
	diagnosisFlags
	output  string
	noColor bool
	verbose bool
	strict  bool
}

func newRootCmd(a *App) *cobra.Command {
	o := &doctorOptions{}
	cmd := &cobra.Command{
		Use:   "codecommit-doctor [REPO_URL...]",
		Short: "Diagnose git over HTTPS to AWS CodeCommit (403 errors and friends)",
		Long: `codecommit-doctor runs checks on this machine and tells why git over HTTPS to AWS
CodeCommit fails (usually "The requested URL returned error: 403") and exactly what
to do about it. It changes nothing on the machine or in AWS ('codecommit-doctor fix'
applies the fixes that are file changes, after proving them on copies).

Without REPO_URL it diagnoses the clone in the current directory: the remote the
current branch tracks if it is CodeCommit, else every CodeCommit remote, and the
CodeCommit submodules. Several URLs, remotes or submodules are several targets in
one run: the checks that do not depend on the repository run once, the others once
per target, and the report has a section per target.

` + exitCodesHelp,
		Args:          cobra.ArbitraryArgs,
		Version:       a.Build.String(),
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			var repoURLs []string
			for _, arg := range args {
				if strings.TrimSpace(arg) == "" {
					return usageError("the REPO_URL argument is empty (an unset variable such as \"$REPO_URL\"?): " +
						"pass a repository URL, or no argument inside a clone")
				}
				repoURLs = append(repoURLs, strings.TrimSpace(arg))
			}
			return a.doctor(cmd.Context(), o, repoURLs)
		},
		ValidArgsFunction: cobra.NoFileCompletions,
	}
	cmd.SetVersionTemplate("codecommit-doctor " + a.Build.Long() + "\n")
	cmd.SetOut(a.Stdout)
	cmd.SetErr(a.Stderr)
	addRunFlags(a, cmd, o, true)
	cmd.AddCommand(newListCmd(a), newExplainCmd(a), newVersionCmd(a), newBundleCmd(a), newScanCmd(a), newFixCmd(a))
	return cmd
}

// addRunFlags adds the flags of a run (the root command's, scan's); the
// root command also has --remote and --version.
func addRunFlags(a *App, cmd *cobra.Command, o *doctorOptions, root bool) {
	f := cmd.Flags()
	f.StringVarP(&o.output, "output", "o", "text", "output format: text, json, markdown, junit, github")
	o.register(a, cmd, diagnosisFlagSet{selection: true, remote: root})
	f.BoolVar(&o.noColor, "no-color", false, "no colours (see README: NO_COLOR, TERM=dumb, CI, CLICOLOR_FORCE, FORCE_COLOR)")
	f.BoolVarP(&o.verbose, "verbose", "v", false, "show the evidence behind each result")
	f.BoolVar(&o.strict, "strict", false, "warnings fail the run (exit 1)")
	_ = cmd.RegisterFlagCompletionFunc("output", cobra.FixedCompletions(report.Formats(), cobra.ShellCompDirectiveNoFileComp))
	if root {
		f.BoolP("version", "", false, "print the doctor's version")
	}
}

// trimIDs drops the spaces around check ids (`--only "git, aws-cli"`) and
// empty entries (`--only git,`).
func trimIDs(ids []string) []string {
	var out []string
	for _, id := range ids {
		if id = strings.TrimSpace(id); id != "" {
			out = append(out, id)
		}
	}
	return out
}
