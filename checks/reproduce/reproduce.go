package reproduce

import (
	"context"
	"fmt"
	"sync"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/chain"
	"github.com/codecommit-doctor/codecommit-doctor/checks/clock"
	"github.com/codecommit-doctor/codecommit-doctor/checks/credentials"
	"github.com/codecommit-doctor/codecommit-doctor/checks/credhelper"
	"github.com/codecommit-doctor/codecommit-doctor/checks/git"
	"github.com/codecommit-doctor/codecommit-doctor/checks/githttp"
	"github.com/codecommit-doctor/codecommit-doctor/checks/kms"
	"github.com/codecommit-doctor/codecommit-doctor/checks/permissions"
	"github.com/codecommit-doctor/codecommit-doctor/checks/region"
	"github.com/codecommit-doctor/codecommit-doctor/checks/signing"

	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
)

// ID is the check's id.
const ID = "reproduce"

type reproduceCheck struct{}

// New returns the `reproduce` check: it makes the request git
// makes, twice — once natively signed by the doctor, once by real git with
// the user's configuration — and says which link of the chain broke.
func New() checks.Check { return reproduceCheck{} }

const (
	reproduceDocs   = remedy.TroubleDocs
	reproduceHelper = remedy.HTTPSSetupDocs
)

func (reproduceCheck) Info() checks.Info {
	return checks.Info{
		ID:    ID,
		Title: "Reproduce the git request and say which link broke",
		Description: "Makes the first request of every fetch twice. (1) Natively: GET /v1/repos/NAME/info/refs?service=git-upload-pack " +
			"with a Basic user name and password signed exactly as the AWS CLI credential helper signs them, from the " +
			"credentials the helper's profile resolves to, through the proxy, CA bundle, certificate verification and " +
			"http.curloptResolve entries git itself applies to that URL; at the same time, with the same password, " +
			"GET /v1/repos/NAME/info/refs?service=git-receive-pack, the first request of every push, which CodeCommit " +
			"authorizes as codecommit:GitPush and which only reads the ref advertisement, so that \"clone works, push " +
			"gets 403\" is reproduced without pushing. (2) With real git: `git ls-remote URL HEAD` with " +
			"the user's configuration, GIT_TRACE=1, GIT_TRACE_CURL=1 and GIT_TRACE_CURL_NO_DATA=1 (Authorization " +
			"headers are redacted by git, everything by the doctor), and reads from the trace which credential helpers " +
			"ran, which one answered, the HTTP statuses and git's final error. Comparing the two tells a stale password " +
			"from another helper apart from a problem on the service side (then the permissions, kms, region, " +
			"credentials and clock findings are named), and names helper crashes, a missing repository, throttling, " +
			"DNS, TLS, proxy and timeout failures. Only reads: the requests are those of `git ls-remote` and the push advertisement, and git runs " +
			"the user's helper chain in its order with each helper wrapped so that only `get` reaches it: the `store` " +
			"and `erase` git sends after a request never write or delete a saved password.",
		Requires: []checks.KeyRef{git.Key},
		After: []checks.KeyRef{checks.TargetKey, chain.Key, githttp.Key, signing.Key, credhelper.Key,
			credentials.Key, permissions.Key, kms.Key, region.Key, clock.Key},
		Needs:    checks.Needs{Network: true, Credentials: true, Target: true},
		Findings: reproFindingDocs(),
	}
}

func (reproduceCheck) Run(ctx context.Context, env *checks.Env) (checks.Result, error) {
	t := env.TargetOf()
	if t == nil {
		return checks.Skipped(checks.NoTargetReason), nil
	}
	if t.URL.Scheme != ccurl.SchemeHTTPS {
		return checks.Skipped(fmt.Sprintf("%s is not an HTTPS URL: this check reproduces git over HTTPS", t.URL.Display)), nil
	}
	if t.URL.Host == "" || t.URL.Repository == "" {
		return checks.Skipped("the URL names no host or no repository: see the remote check"), nil
	}
	var (
		wg     sync.WaitGroup
		native reproNative
		git    reproGit
		gitErr error
	)
	wg.Add(2)
	go func() {
		defer wg.Done()
		native = runReproNative(ctx, env, t)
	}()
	go func() {
		defer wg.Done()
		git, gitErr = runReproGit(ctx, env, t)
	}()
	wg.Wait()
	if gitErr != nil {
		return checks.Result{}, gitErr
	}
	return asCaller(env, reproResult(env, t, native, git)), nil
}

// asCaller says, with --principal, that git and the doctor's own request
// ran as the caller: the principal's access is what permissions and kms
// decide.
func asCaller(env *checks.Env, res checks.Result) checks.Result {
	p := env.Options.Principal
	if p == "" {
		return res
	}
	caller := "the caller"
	if f, ok := credentials.Key.Get(env); ok && !f.Rejected {
		caller = "the caller " + f.Identity.ARN
	}
	res.AddEvidence("principal", p)
	res.Summary += fmt.Sprintf(" (as %s, not the principal %s)", caller, p)
	return res
}
