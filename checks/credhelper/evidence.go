package credhelper

import (
	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/chain"
	"github.com/codecommit-doctor/codecommit-doctor/internal/gitcred"
)

// credHelperEvidence is one helper of the chain as evidence.
type credHelperEvidence struct {
	Position int      `json:"position"`
	Value    string   `json:"value"`
	Kind     string   `json:"kind"`
	Scope    string   `json:"scope"`
	Origin   string   `json:"origin,omitempty"`
	Key      string   `json:"key"`
	Problems []string `json:"problems,omitempty"`
}

type credResetEvidence struct {
	Scope   string   `json:"scope"`
	Origin  string   `json:"origin,omitempty"`
	Key     string   `json:"key"`
	Cleared []string `json:"cleared,omitempty"`
}

type credSettingEvidence struct {
	Value  string `json:"value"`
	Scope  string `json:"scope,omitempty"`
	Origin string `json:"origin,omitempty"`
	Key    string `json:"key,omitempty"`
	Note   string `json:"note,omitempty"`
}

func credOrigin(e gitcred.Entry) string {
	if f := e.File(); f != "" {
		return f
	}
	return e.Origin
}

// addChainEvidence records the chain as git sees it: each helper with its
// scope and origin file, the resets, useHttpPath and where it came from.
func addChainEvidence(res *checks.Result, env *checks.Env, f *chain.Facts) {
	res.AddEvidence("url", f.URL)
	res.AddEvidence("git_config", f.ConfigCommand)
	ch := make([]credHelperEvidence, 0, len(f.Chain.Helpers))
	for i, h := range f.Chain.Helpers {
		ev := credHelperEvidence{Position: i + 1, Value: env.Redact(h.Value.Raw), Kind: string(h.Value.Kind),
			Scope: h.Entry.Scope, Origin: credOrigin(h.Entry), Key: h.Entry.Key}
		for _, p := range h.Value.Problems {
			ev.Problems = append(ev.Problems, p.Code)
		}
		ch = append(ch, ev)
	}
	res.AddEvidence("chain", ch)
	if len(f.Chain.Resets) > 0 {
		var resets []credResetEvidence
		for _, r := range f.Chain.Resets {
			ev := credResetEvidence{Scope: r.Entry.Scope, Origin: credOrigin(r.Entry), Key: r.Entry.Key}
			for _, h := range r.Cleared {
				ev.Cleared = append(ev.Cleared, env.Redact(h.Value.Raw))
			}
			resets = append(resets, ev)
		}
		res.AddEvidence("resets", resets)
	}
	uhp := credSettingEvidence{Value: "false", Note: "default: no credential.useHttpPath applies"}
	if e := f.Chain.UseHTTPPathFrom; e != nil {
		uhp = credSettingEvidence{Value: e.Value, Scope: e.Scope, Origin: credOrigin(*e), Key: e.Key}
	}
	res.AddEvidence("use_http_path", uhp)
	if len(f.Chain.Ignored) > 0 {
		var ignored []credSettingEvidence
		for _, ig := range f.Chain.Ignored {
			ignored = append(ignored, credSettingEvidence{Value: env.Redact(ig.Entry.Value), Scope: ig.Entry.Scope,
				Origin: credOrigin(ig.Entry), Key: ig.Entry.Key, Note: ig.Reason})
		}
		res.AddEvidence("ignored_by_this_git", ignored)
	}
}
