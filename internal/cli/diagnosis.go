package cli

import (
	"time"

	"github.com/spf13/cobra"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
)

// diagnosisFlags are the flags of every command that runs the checks (the
// doctor itself, scan, bundle, fix): one definition, so that a flag added
// for one reaches them all with the same name, help and validation.
type diagnosisFlags struct {
	only      []string
	skip      []string
	profile   string
	region    string
	remote    string
	principal string // --principal, normalised by validate
	offline   bool
	timeout   time.Duration
}

// diagnosisFlagSet says which of the optional flags a command has.
type diagnosisFlagSet struct {
	selection bool // --only and --skip (fix always runs every check)
	remote    bool // --remote (scan finds its own remotes)
}

// register adds the flags to cmd.
func (d *diagnosisFlags) register(a *App, cmd *cobra.Command, set diagnosisFlagSet) {
	f := cmd.Flags()
	if set.selection {
		f.StringSliceVar(&d.only, "only", nil, "run only these checks (comma-separated ids; see 'list')")
		f.StringSliceVar(&d.skip, "skip", nil, "do not run these checks (comma-separated ids)")
		_ = cmd.RegisterFlagCompletionFunc("only", idListCompletion)
		_ = cmd.RegisterFlagCompletionFunc("skip", idListCompletion)
	}
	f.StringVar(&d.profile, "profile", "", "AWS profile to diagnose (default: the one the credential helper uses)")
	f.StringVar(&d.region, "region", "", "AWS region to assume when the URL does not name one")
	f.StringVar(&d.principal, "principal", "", "decide pull, push and KMS access for this IAM role, user or instance profile ARN (a CodeBuild or Amplify service role, say) instead of the caller")
	f.BoolVar(&d.offline, "offline", false, "skip every check that needs the network")
	f.DurationVar(&d.timeout, "timeout", checks.DefaultTimeout, "time budget of each check")
	_ = cmd.RegisterFlagCompletionFunc("profile", a.profileCompletion)
	if set.remote {
		f.StringVar(&d.remote, "remote", "", "git remote to diagnose in the current clone, alone (default: the tracked remote if it is CodeCommit, else every CodeCommit remote, and the CodeCommit submodules)")
		_ = cmd.RegisterFlagCompletionFunc("remote", a.remoteCompletion)
	}
}

// validate checks the flags that need more than their type (a usage error
// names the flag) and normalises --only, --skip and --principal.
func (d *diagnosisFlags) validate() error {
	if d.timeout <= 0 {
		return usageError("--timeout must be positive, got %s", d.timeout)
	}
	d.only, d.skip = trimIDs(d.only), trimIDs(d.skip)
	if d.principal != "" {
		p, err := awsclient.ParsePrincipalARN(d.principal)
		if err != nil {
			return usageError("--principal: %v", err)
		}
		d.principal = p.ARN
	}
	return nil
}

// selection is the checks --only and --skip leave, never none.
func (d *diagnosisFlags) selection() ([]checks.Check, error) {
	selected, err := selectChecks(d.only, d.skip)
	if err != nil {
		return nil, usageError("%v", err)
	}
	if len(selected) == 0 {
		return nil, usageError("--only %s --skip %s leaves no check to run", listFlag(d.only), listFlag(d.skip))
	}
	return selected, nil
}

// checkOptions are the checks' options for one run.
func (d *diagnosisFlags) checkOptions(repoURL string, verbose bool) checks.Options {
	return checks.Options{
		RepoURL: repoURL, Profile: d.profile, Region: d.region, Remote: d.remote,
		Principal: d.principal, Offline: d.offline, Verbose: verbose,
	}
}
