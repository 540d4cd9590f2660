package permissions

import (
	"context"
	"fmt"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/proxy"
)

// ProxyFailedCode is the finding for a call stopped by its proxy.
const ProxyFailedCode = "permissions-proxy-failed"

// ProxyBlocked looks, after a call to service (codecommit, iam) failed,
// whether the proxy the call goes through stops it; if so it adds the
// finding (with code) naming the proxy and sets the summary. The kms check
// uses it too.
func ProxyBlocked(ctx context.Context, env *checks.Env, res *checks.Result, code, service, region string) bool {
	pf, ok := proxy.Key.Get(env)
	if !ok || ctx.Err() != nil {
		return false
	}
	url := proxy.EndpointURL(env, service, region)
	v := pf.AWSFor(ctx, url)
	if !v.Broken() {
		return false
	}
	words := env.Redact(v.Words())
	res.AddEvidence("proxy", env.Redact(v.Proxy))
	res.Add(checks.Finding{Code: code, Severity: checks.Error,
		Message:     fmt.Sprintf("Calls to %s (%s) go through a proxy here (%s), and it stops them: %s.", service, env.Redact(url), v.Source, words),
		Remediation: proxy.Fix(v)})
	res.Summary = words
	return true
}
