package reproduce

import (
	"fmt"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/proxy"

	"github.com/codecommit-doctor/codecommit-doctor/internal/proxyprobe"
)

// reproProxyResult names the proxy git would go through, which the proxy
// provider found stops requests: neither git nor the doctor's own request
// is sent (each would wait for the proxy until its timeout).
func reproProxyResult(env *checks.Env, t *checks.Target, v *proxyprobe.Verdict) checks.Result {
	var res checks.Result
	words := env.Redact(v.Words())
	res.AddEvidence("proxy", env.Redact(v.Proxy))
	res.AddEvidence("proxy_source", v.Source)
	res.Add(checks.Finding{Code: reproProxy, Severity: checks.Fail,
		Message: fmt.Sprintf("git goes through a proxy for %s (%s), and it stops requests: %s. `git ls-remote %s HEAD` would fail the same way, "+
			"so neither it nor the doctor's own request was sent.", t.URL.Display, v.Source, words, t.URL.Display),
		Remediation: proxy.Fix(v), Docs: []string{reproduceDocs}})
	res.Summary = words
	return res
}
