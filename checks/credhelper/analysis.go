package credhelper

import (
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/chain"
	"github.com/codecommit-doctor/codecommit-doctor/checks/signing"

	"github.com/codecommit-doctor/codecommit-doctor/internal/action"
	"github.com/codecommit-doctor/codecommit-doctor/internal/gitcred"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/shellword"
)

// credAnalysis turns a computed chain into findings.
type credAnalysis struct {
	env     *checks.Env
	facts   *chain.Facts
	fix     chain.Fixer
	res     *checks.Result
	sign    *signing.Facts // nil when the provider did not run
	summary []credSummary
}

type credSummary struct {
	sev  checks.Status
	text string
}

func (a *credAnalysis) add(f checks.Finding, summary string) {
	f.Docs = append(f.Docs, remedy.HelperDocs)
	a.res.Add(f)
	a.summary = append(a.summary, credSummary{f.Severity, summary})
}

func (a *credAnalysis) run() {
	if c := a.facts.Chain; c.Fatal != nil {
		a.fatal(*c.Fatal)
	} else {
		a.oldGit()
		a.malformed()
		a.order()
		a.useHTTPPath()
		a.program()
	}
	a.res.Status = checks.Worst(a.res.Status, checks.Pass)
	a.res.Summary = a.summaryLine()
}

// helperLabel names a helper and where it was set, for messages.
func (a *credAnalysis) helperLabel(h gitcred.Helper) string {
	return fmt.Sprintf("`%s` (%s)", a.env.Redact(h.Value.Raw), a.where(h.Entry))
}

func (a *credAnalysis) where(e gitcred.Entry) string {
	w := e.Where()
	if chain.IsAppleToolchainFile(e.File()) {
		w += ", Apple Git's own config"
	}
	return w
}

func (a *credAnalysis) fatal(bad gitcred.Ignored) {
	edit := "git config --global --edit"
	if p, ok := a.fix.GitConfig(bad.Entry.Scope); ok && a.fix.IsMainFile(bad.Entry) {
		edit = p + " --edit"
	} else if f := bad.Entry.File(); f != "" {
		edit = "git config --file " + shellword.Path(f, a.env.Sys.HomeDir(), a.fix.GOOS()) + " --edit"
	}
	a.add(checks.Finding{Code: "credential-config-invalid", Severity: checks.Fail,
		Message: fmt.Sprintf("%s (%s). Every git command that needs credentials stops there.", bad.Reason, a.where(bad.Entry)),
		Remediation: []string{edit,
			fmt.Sprintf("In the editor, give `%s` a value (`%s =` with nothing after it clears the helper list) or delete the line.", bad.Entry.Name(), bad.Entry.Name())},
	}, "git rejects a credential setting")
}

// chainEntries are the settings of every helper in the chain.
func (a *credAnalysis) chainEntries() []gitcred.Entry {
	var out []gitcred.Entry
	for _, h := range a.facts.Chain.Helpers {
		out = append(out, h.Entry)
	}
	return out
}

// malformed reports AWS helper values that cannot run.
func (a *credAnalysis) malformed() {
	working := a.facts.Chain.FirstAWS()
	for i, h := range a.facts.Chain.Helpers {
		if h.Value.Kind != gitcred.KindAWSCLI || h.Value.Runs() {
			continue
		}
		sev := checks.Fail
		if working >= 0 {
			sev = checks.Warn // another AWS helper answers; this one only prints an error
		}
		fixed := h.Value.AWS.Value()
		var steps []action.Action
		if act, ok := a.fix.ReplaceAction(h.Entry, fixed); ok {
			steps = append(steps, act)
		} else {
			steps = append(steps, a.fix.SectionFixActions(a.chainEntries()[:i+1])...)
		}
		var msgs []string
		for _, p := range h.Value.Problems {
			msgs = append(msgs, p.Message)
		}
		code, summary := "helper-malformed", "the AWS helper value cannot run"
		msg := fmt.Sprintf("The AWS helper %s cannot run: %s. It should read `%s`.", a.helperLabel(h), strings.Join(msgs, "; "), fixed)
		if h.Value.HasProblem(gitcred.ProblemProfileUnquoted) {
			code, summary = "helper-profile-unquoted", "the helper's profile name is not quoted"
			if a.sign != nil && a.sign.Profiles().Has(h.Value.AWS.ProfileIntended) {
				msg += fmt.Sprintf(" The profile %q exists.", h.Value.AWS.ProfileIntended)
			}
		}
		f := checks.Finding{Code: code, Severity: sev, Message: msg}
		f.SetActions(a.env, steps)
		a.add(f, summary)
	}
}

// order reports a missing AWS helper and helpers around it.
func (a *credAnalysis) order() {
	ch := a.facts.Chain
	working := ch.FirstAWS()
	if working < 0 {
		if hasBrokenAWS(ch) {
			return // reported as malformed; fixing it in place restores the helper
		}
		msg := fmt.Sprintf("No AWS CLI credential helper applies to %s", a.facts.URL)
		if len(ch.Helpers) == 0 {
			msg += ": git has no helper for it and prompts for a user name and password (or fails where it cannot prompt)."
		} else {
			msg += ": git asks only " + a.labels(ch.Helpers) + "."
		}
		f := checks.Finding{Code: "no-aws-helper", Severity: checks.Fail, Message: msg}
		f.SetActions(a.env, a.fix.SectionFixActions(a.chainEntries()))
		a.add(f, "no AWS CLI helper for the URL")
		return
	}
	var before, after []gitcred.Helper
	for i, h := range ch.Helpers {
		switch {
		case h.Value.Kind == gitcred.KindAWSCLI, h.Value.Kind == gitcred.KindEmpty:
			// an empty helper from an old git is reported as git-too-old-for-config
		case i < working:
			before = append(before, h)
		case h.Value.Kind.Caches():
			after = append(after, h)
		}
	}
	if len(before) > 0 {
		var entries []gitcred.Entry
		for _, h := range before {
			entries = append(entries, h.Entry)
		}
		f := checks.Finding{Code: "helper-before-aws", Severity: checks.Fail,
			Message: fmt.Sprintf("git asks %s before the AWS helper %s. A helper that answers first wins: a caching helper hands back the password it stored, which expired about 15 minutes after the AWS CLI made it, and git never erases it on a 403, so access stays broken.",
				a.labels(before), a.helperLabel(ch.Helpers[working]))}
		f.SetActions(a.env, a.fix.SectionFixActions(entries))
		a.add(f, before[0].Value.Kind.Label()+" answers before the AWS helper")
	}
	if len(after) > 0 {
		var entries []gitcred.Entry
		for _, h := range after {
			entries = append(entries, h.Entry)
		}
		f := checks.Finding{Code: "caching-helper-after-aws", Severity: checks.Warn,
			Message: fmt.Sprintf("git hands every password the AWS helper makes to %s, which stores it; the password expires in about 15 minutes, and the stored copy answers whenever the AWS helper cannot (for example, when its credentials fail) or when another tool reads that store.",
				a.labels(after))}
		f.SetActions(a.env, a.fix.SectionFixActions(entries))
		a.add(f, "a caching helper stores the AWS helper's passwords")
	}
}

func hasBrokenAWS(c gitcred.Chain) bool {
	for _, h := range c.Helpers {
		if h.Value.Kind == gitcred.KindAWSCLI && !h.Value.Runs() {
			return true
		}
	}
	return false
}

func (a *credAnalysis) labels(hs []gitcred.Helper) string {
	var out []string
	for _, h := range hs {
		out = append(out, a.helperLabel(h))
	}
	return strings.Join(out, ", then ")
}

// useHTTPPath reports a URL for which git does not send the path.
func (a *credAnalysis) useHTTPPath() {
	ch := a.facts.Chain
	if ch.UseHTTPPath {
		return
	}
	msg := fmt.Sprintf("credential.UseHttpPath is not true for %s: git does not send the repository path to the helper, and the AWS CLI helper fails (KeyError 'path'), so git prompts or fails.", a.facts.URL)
	var offenders []gitcred.Entry
	if from := ch.UseHTTPPathFrom; from != nil {
		msg = fmt.Sprintf("`%s = %s` (%s) turns credential.UseHttpPath off for %s: git does not send the repository path to the helper, and the AWS CLI helper fails (KeyError 'path').",
			from.Key, from.Value, a.where(*from), a.facts.URL)
		offenders = append(offenders, *from)
	}
	scope, cmdline := chain.FixScope(offenders)
	var steps []action.Action
	for _, e := range cmdline {
		steps = append(steps, action.Action{Kind: action.Manual, Text: fmt.Sprintf("Stop passing `%s=%s` on the command line (git -c, GIT_CONFIG_PARAMETERS, GIT_CONFIG_COUNT).", e.Key, e.Value)})
	}
	steps = append(steps, a.fix.UseHTTPPathAction(scope))
	f := checks.Finding{Code: "use-http-path-missing", Severity: checks.Fail, Message: msg}
	f.SetActions(a.env, steps)
	a.add(f, "UseHttpPath is not on for the URL")
}

func (a *credAnalysis) summaryLine() string {
	worst := checks.Skip
	text := ""
	for _, s := range a.summary {
		if s.sev > worst {
			worst, text = s.sev, s.text
		}
	}
	if text != "" && worst >= checks.Warn {
		if n := len(a.summary); n > 1 {
			return fmt.Sprintf("%s (+%d more)", text, n-1)
		}
		return text
	}
	h, _, ok := a.facts.AWSHelper()
	if !ok {
		return "no AWS CLI helper for " + a.facts.URL
	}
	return fmt.Sprintf("the AWS CLI helper answers first for %s (%s); UseHttpPath on", a.facts.URL, h.Entry.Where())
}
