package credhelper

import (
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"

	"github.com/codecommit-doctor/codecommit-doctor/internal/action"
	"github.com/codecommit-doctor/codecommit-doctor/internal/gitcred"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/shellword"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// program checks the profile and the aws program of the AWS helper git
// will run (the working one, else the first broken one once fixed).
func (a *credAnalysis) program() {
	h, ok := a.answeringAWS()
	if !ok {
		return
	}
	aws := h.Value.AWS
	if name := aws.ProfileName(); name != "" && a.sign != nil {
		profiles := a.sign.Profiles()
		if !profiles.Has(name) {
			home := a.env.Sys.HomeDir()
			msg := fmt.Sprintf("The helper %s uses the AWS profile %q, which is in neither %s nor %s: the AWS CLI stops with \"The config profile (%s) could not be found\".",
				a.helperLabel(h), name, profiles.ConfigFile, profiles.CredentialsFile, name)
			fix := []string{"aws configure --profile " + shellword.Quote(name, a.fix.GOOS())}
			if profiles.BareOnly(name) {
				msg += fmt.Sprintf(" %s has a section [%s], but in the config file a profile section must be named [profile %s].", profiles.ConfigFile, name, name)
				fix = []string{fmt.Sprintf("In %s, rename the section [%s] to [profile %s].", shellword.Path(profiles.ConfigFile, home, a.fix.GOOS()), name, name)}
			}
			a.add(checks.Finding{Code: "helper-profile-not-found", Severity: checks.Fail, Message: msg, Remediation: fix}, fmt.Sprintf("the helper's profile %q does not exist", name))
		}
	}
	a.awsOnPath(h)
}

func (a *credAnalysis) answeringAWS() (gitcred.Helper, bool) {
	if h, _, ok := a.facts.AWSHelper(); ok {
		return h, true
	}
	for _, h := range a.facts.Chain.Helpers {
		if h.Value.AWS != nil {
			return h, true
		}
	}
	return gitcred.Helper{}, false
}

func (a *credAnalysis) awsOnPath(h gitcred.Helper) {
	prog := h.Value.AWS.Program
	if strings.HasPrefix(prog, "~/") {
		prog = a.env.Sys.HomeDir() + prog[1:]
	}
	path, err := a.env.Sys.LookPath(prog)
	goos := a.fix.GOOS()
	if err != nil {
		if !sys.IsNotFound(err) && !sys.IsNotExecutable(err) {
			return
		}
		fix := remedy.InstallAWSCLI(goos)
		var replace []action.Action
		if strings.ContainsAny(h.Value.AWS.Program, `/\`) {
			if _, perr := a.env.Sys.LookPath("aws"); perr == nil {
				onPath := *h.Value.AWS
				onPath.Program = "aws"
				if act, ok := a.fix.ReplaceAction(h.Entry, onPath.Value()); ok {
					replace = []action.Action{act}
				}
			}
		}
		f := checks.Finding{Code: "aws-not-on-path", Severity: checks.Fail,
			Message: fmt.Sprintf("The helper %s runs `%s`, which git cannot start: %v. Git looks it up on the PATH it was started with; programs started from a desktop (IDEs, Git GUIs) may not see your shell's PATH.",
				a.helperLabel(h), h.Value.AWS.Program, err),
			Remediation: fix}
		if replace != nil {
			// Write `aws` (found on PATH), never another absolute path.
			f.SetActions(a.env, replace)
		}
		a.add(f, fmt.Sprintf("the helper's `%s` cannot be started", h.Value.AWS.Program))
		return
	}
	a.res.AddEvidence("aws_program", path)
	lower := strings.ToLower(path)
	if goos == "windows" && programExt(h.Value.AWS.Program) == "" && (strings.HasSuffix(lower, ".cmd") || strings.HasSuffix(lower, ".bat")) {
		fixedAWS := *h.Value.AWS
		fixedAWS.Program = h.Value.AWS.Program + lower[len(lower)-4:]
		var steps []action.Action
		if act, ok := a.fix.ReplaceAction(h.Entry, fixedAWS.Value()); ok {
			steps = append(steps, act)
		}
		f := checks.Finding{Code: "aws-cmd-not-runnable", Severity: checks.Fail,
			Message: fmt.Sprintf("The helper %s runs `%s`, but on PATH there is only %s: git runs helpers with its own sh, which does not run .cmd or .bat files by their bare name.",
				a.helperLabel(h), h.Value.AWS.Program, path)}
		f.SetActions(a.env, steps)
		a.add(f, "git's shell cannot run "+path)
	}
}

func programExt(p string) string {
	base := p
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		base = p[i+1:]
	}
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		return base[i:]
	}
	return ""
}
