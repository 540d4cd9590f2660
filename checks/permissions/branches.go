package permissions

import (
	"context"
	"maps"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
	"github.com/codecommit-doctor/codecommit-doctor/internal/policy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// ReferencesKey is the condition key of CodeCommit's branch rules: the refs
// a push updates.
const ReferencesKey = "codecommit:References"

// branchRef is a ref a push may update, and why it is asked about.
type branchRef struct {
	Ref string
	Why []string // "current branch", "upstream of feature", "default branch name"
}

// branchOutcome is the GitPush decision for one ref.
type branchOutcome struct {
	branchRef
	decision policy.Decision
	denies   []policy.Match // certain Deny statements
	reasons  []string
}

// branchVerdict is GitPush decided ref by ref, for a push verdict that
// depends on codecommit:References.
type branchVerdict struct {
	// advert is the decision without any reference: the first request of
	// a push (GET info/refs?service=git-receive-pack) carries none.
	advert   policy.Decision
	adReason []string
	adDenies []policy.Match
	refs     []branchOutcome
	// suggest is a branch the rules allow pushing to ("" when none was
	// found), for a pull request.
	suggest string
}

// blocked and open list the refs denied and allowed.
func (b *branchVerdict) blocked() []branchOutcome { return b.filter(true) }
func (b *branchVerdict) open() []branchOutcome    { return b.filter(false) }

func (b *branchVerdict) filter(denied bool) []branchOutcome {
	var out []branchOutcome
	for _, r := range b.refs {
		isDenied := r.decision == policy.ExplicitDeny || r.decision == policy.ImplicitDeny
		if r.decision != policy.Unknown && isDenied == denied {
			out = append(out, r)
		}
	}
	return out
}

// undecided lists the refs whose decision is still unknown.
func (b *branchVerdict) undecided() []branchOutcome {
	var out []branchOutcome
	for _, r := range b.refs {
		if r.decision == policy.Unknown {
			out = append(out, r)
		}
	}
	return out
}

// pushRefs are the refs a push from here would update: in a clone, the
// current branch and the branch it pushes to on the target's remote (its
// upstream); elsewhere, or when HEAD is detached, refs/heads/main and
// refs/heads/master.
func pushRefs(ctx context.Context, env *checks.Env, t *checks.Target) []branchRef {
	var refs []branchRef
	add := func(ref, why string) {
		for i := range refs {
			if refs[i].Ref == ref {
				refs[i].Why = append(refs[i].Why, why)
				return
			}
		}
		refs = append(refs, branchRef{Ref: ref, Why: []string{why}})
	}
	if t != nil && t.Dir != "" {
		head := gitLine(ctx, env, t.Dir, "symbolic-ref", "-q", "HEAD")
		if name, ok := strings.CutPrefix(head, "refs/heads/"); ok {
			add(head, "the current branch")
			remote := gitLine(ctx, env, t.Dir, "config", "--get", "branch."+name+".remote")
			merge := gitLine(ctx, env, t.Dir, "config", "--get", "branch."+name+".merge")
			if strings.HasPrefix(merge, "refs/") && (t.RemoteName == "" || remote == t.RemoteName) {
				add(merge, "the upstream of "+name)
			}
		}
	}
	if len(refs) == 0 {
		add("refs/heads/main", "a usual default branch")
		add("refs/heads/master", "a usual default branch")
	}
	return refs
}

// gitLine runs git in dir and returns its first output line ("" on any
// failure: the ref is then simply not asked about).
func gitLine(ctx context.Context, env *checks.Env, dir string, args ...string) string {
	out, err := env.Sys.Run(ctx, sys.Command{Name: "git", Args: append([]string{"-C", dir}, args...)})
	if err != nil || out.ExitCode != 0 {
		return ""
	}
	return strings.TrimSpace(checks.FirstLine(out.Stdout))
}

// evaluateBranches decides GitPush ref by ref, when the decision without
// references depends on codecommit:References. Nil when it does not, or
// when knowing the references decides nothing.
func evaluateBranches(set *awsclient.PolicySet, repoARN string, reqCtx map[string][]string, ev policy.Evaluation, refsOf func() []branchRef) *branchVerdict {
	if ev.Decision != policy.Unknown || !mentionsReferences(ev) {
		return nil
	}
	refs := refsOf()
	with := func(vals []string) policy.Evaluation {
		c := make(map[string][]string, len(reqCtx)+1)
		maps.Copy(c, reqCtx)
		c[ReferencesKey] = vals
		return policy.Evaluate(policy.Request{Action: policy.ActionGitPush, Resource: repoARN, Context: c}, set.Identity, set.Boundary)
	}
	ad := with([]string{})
	bv := &branchVerdict{advert: ad.Decision, adReason: ad.Reasons, adDenies: certainDenies(ad)}
	decided := ad.Decision != policy.Unknown
	for _, r := range refs {
		e := with([]string{r.Ref})
		bv.refs = append(bv.refs, branchOutcome{branchRef: r, decision: e.Decision, denies: certainDenies(e), reasons: e.Reasons})
		decided = decided || e.Decision != policy.Unknown
	}
	if !decided {
		return nil
	}
	// A branch to suggest for a pull request, when the rules leave it open.
	name := "my-change"
	for _, r := range refs {
		if n, ok := strings.CutPrefix(r.Ref, "refs/heads/"); ok && r.Why[0] == "the current branch" {
			name = n
		}
	}
	bv.suggest = "refs/heads/pr/" + name
	if with([]string{bv.suggest}).Decision != policy.Allow {
		bv.suggest = ""
	}
	return bv
}

func certainDenies(ev policy.Evaluation) []policy.Match {
	var out []policy.Match
	for _, m := range ev.Matched {
		if m.Effect == "Deny" && m.Certain {
			out = append(out, m)
		}
	}
	return out
}

// mentionsReferences reports whether an undecided statement tests
// codecommit:References.
func mentionsReferences(ev policy.Evaluation) bool {
	for _, m := range ev.Matched {
		for _, r := range m.Reasons {
			if strings.Contains(strings.ToLower(r), strings.ToLower(ReferencesKey)) {
				return true
			}
		}
	}
	return false
}
