package checks

import (
	"context"
	"fmt"
	"sync"

	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
)

type reproduceCheck struct{}

// NewReproduce returns the `reproduce` check: it makes the request git
// makes, twice — once natively signed by the doctor, once by real git with
// the user's configuration — and says which link of the chain broke.
func NewReproduce() Check { return reproduceCheck{} }

const (
	reproduceDocs   = "https://docs.aws.amazon.com/codecommit/latest/userguide/troubleshooting-ch.html"
	reproduceHelper = "https://docs.aws.amazon.com/codecommit/latest/userguide/setting-up-https-unixes.html"
)

func (reproduceCheck) Info() Info {
	return Info{
		ID:    "reproduce",
		Title: "Reproduce the git request and say which link broke",
		Description: "Makes the first request of every fetch twice. (1) Natively: GET /v1/repos/NAME/info/refs?service=git-upload-pack " +
			"with a Basic user name and password signed exactly as the AWS CLI credential helper signs them, from the " +
			"credentials the helper's profile resolves to, through the proxy, CA bundle, certificate verification and " +
			"http.curloptResolve entries git itself applies to that URL. (2) With real git: `git ls-remote URL HEAD` with " +
			"the user's configuration, GIT_TRACE=1, GIT_TRACE_CURL=1 and GIT_TRACE_CURL_NO_DATA=1 (Authorization " +
			"headers are redacted by git, everything by the doctor), and reads from the trace which credential helpers " +
			"ran, which one answered, the HTTP statuses and git's final error. Comparing the two tells a stale password " +
			"from another helper apart from a problem on the service side (then the permissions, kms, region, " +
			"credentials and clock findings are named), and names helper crashes, a missing repository, throttling, " +
			"DNS, TLS, proxy and timeout failures. Only reads: the requests are those of `git ls-remote`, and git runs " +
			"the user's helper chain in its order with each helper wrapped so that only `get` reaches it: the `store` " +
			"and `erase` git sends after a request never write or delete a saved password.",
		After:    []string{"remote", "credential-helper", "credentials", "permissions", "kms", "region", "clock"},
		Needs:    Needs{Network: true, Credentials: true, Target: true},
		Findings: reproFindingDocs(),
	}
}

func (reproduceCheck) Run(ctx context.Context, env *Env) (Result, error) {
	t := env.TargetOf()
	if t == nil {
		return Skipped(NoTargetReason), nil
	}
	if t.URL.Scheme != ccurl.SchemeHTTPS {
		return Skipped(fmt.Sprintf("%s is not an HTTPS URL: this check reproduces git over HTTPS", t.URL.Display)), nil
	}
	if t.URL.Host == "" || t.URL.Repository == "" {
		return Skipped("the URL names no host or no repository: see the remote check"), nil
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
		return Result{}, gitErr
	}
	return reproResult(env, t, native, git), nil
}
