// Package gitendpoint is a test-only emulator of the AWS CodeCommit git
// HTTPS endpoint (git-codecommit.REGION.amazonaws.com) that real git, the
// real AWS CLI credential helper and the doctor's own HTTP probe can talk to.
//
// It is an ordinary package so that other packages' tests can import it; no
// production code should.
//
// What it does, like the real service:
//   - serves HTTPS on 127.0.0.1 with a certificate for
//     git-codecommit.REGION.amazonaws.com (".amazonaws.com.cn" for cn-
//     regions) and any extra hosts, issued by a throwaway CA;
//   - answers a request without Authorization with 401 and
//     WWW-Authenticate: Basic realm="...", which makes git ask its
//     credential helpers;
//   - checks Basic credentials as the AWS CLI helper makes them: username =
//     access key id (optionally "%" + session token), password =
//     "<YYYYMMDDTHHMMSS>Z<hex SigV4 signature>", recomputed with
//     internal/signer for the request's host without port, the path
//     "/v1/repos/NAME" (git sends path=v1/repos/NAME to the helper, which
//     signs "/" + that), and the region taken from the host (Options.Region
//     when the host is not a CodeCommit host); the timestamp must be within
//     ±15 minutes of the emulator's clock, which a test can shift;
//   - answers a wrong, malformed or stale password, an unknown key, a wrong
//     session token, or a denial configured with Deny/DenyAction with 403;
//   - answers 404 for a repository that does not exist, after authentication
//     and authorisation succeeded (git then prints "repository '...' not
//     found", as users report for CodeCommit); a path outside /v1/repos/NAME
//     gets 404 without any authentication check;
//   - serves real bare repositories through "git http-backend" (net/http/cgi),
//     so ls-remote, clone, fetch and push really work.
//
// Error bodies (403, 404, 401) are modelled on AWS error messages; they have
// not been captured from the real git endpoint. They are sent as
// application/octet-stream, so git does not print them (git shows only
// text/plain error bodies, as "remote: ..." lines, and users' reports of
// real 403s show none): git prints just "fatal: unable to access 'URL/': The
// requested URL returned error: 403". The reason is in Requests() and
// readable by a Go probe. The realm string is likewise not known to match the
// real service. Only HTTP/1.1 is offered.
//
// # Wiring real git to the emulator
//
// git must reach the emulator under the real host name (the certificate and
// the signature are for that name) while connecting to 127.0.0.1. With git
// 2.39 (which has http.curloptResolve, added in git 2.37):
//
//	srv := gitendpoint.Start(t, gitendpoint.Options{})
//	srv.AddKey("AKIAEXAMPLE", "secret", "")
//	if _, err := srv.CreateRepo(ctx, "MyDemoRepo", gitendpoint.RepoOptions{InitialCommit: true}); err != nil { ... }
//	args := append(srv.ResolveArgs(), gitendpoint.AWSHelperArgs()...)
//	args = append(args, "ls-remote", srv.RepoURL("MyDemoRepo"))
//	cmd := exec.CommandContext(ctx, "git", args...)
//	cmd.Env = append(srv.ClientEnv(t.TempDir()),
//		"AWS_ACCESS_KEY_ID=AKIAEXAMPLE", "AWS_SECRET_ACCESS_KEY=secret")
//
// which amounts to
//
//	git -c http.curloptResolve=git-codecommit.us-east-1.amazonaws.com:PORT:127.0.0.1 \
//	    -c credential.helper= \
//	    -c 'credential.helper=!aws codecommit credential-helper $@' \
//	    -c credential.UseHttpPath=true \
//	    ls-remote https://git-codecommit.us-east-1.amazonaws.com:PORT/v1/repos/MyDemoRepo
//
// with GIT_SSL_CAINFO (and SSL_CERT_FILE, CURL_CA_BUNDLE) set to CAFile(),
// GIT_CONFIG_NOSYSTEM=1, GIT_TERMINAL_PROMPT=0 and an isolated HOME and AWS
// configuration (ClientEnv builds all of that from scratch, so the machine's
// GIT_SSL_CAINFO, SSL_CERT_FILE, CURL_CA_BUNDLE and AWS_CA_BUNDLE, proxies
// and AWS profile do not leak in).
//
// The URL must carry the port: curl's resolve entry only supplies the
// address for HOST:PORT, the port to connect to still comes from the URL
// (checked with git 2.39: "-c http.curloptResolve=HOST:443:127.0.0.1" with a
// port-less URL connects to 127.0.0.1:443, where nothing listens).
// Because of that git sends host=HOST:PORT to the credential helper; the AWS
// CLI helper drops the port before signing and still takes the region from
// the host, and the emulator verifies against the Host header without port,
// so signatures match.
package gitendpoint
