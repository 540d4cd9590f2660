// Package moto runs moto_server (the Python AWS emulator) for tests and puts
// a small recording proxy in front of it, so that the doctor's STS, IAM and
// CodeCommit calls can be tested end to end without AWS.
//
// It is an ordinary package so that other packages' tests can import it; no
// production code should.
//
// # Starting
//
//	srv := moto.Start(t, moto.Options{})
//	user, _ := srv.NewUser(ctx, "alice", moto.UserSpec{ManagedPolicies: []string{moto.PowerUserPolicyARN}})
//	srv.Enforce(t) // from here on, signatures and IAM policies are checked
//	// run the program under test with AWS_ENDPOINT_URL=srv.URL and user.Key
//
// Start launches `moto_server -H 127.0.0.1 -p PORT` on a free loopback port
// with MOTO_IAM_LOAD_MANAGED_POLICIES=true (AWS managed policies such as
// AWSCodeCommitPowerUser exist) and waits until /moto-api/ answers; the
// process is killed at test cleanup. When moto_server is not on PATH the
// test is skipped with a loud message, unless the CI variable is set, in
// which case it fails.
//
// # How moto counts unauthenticated calls, and why Enforce exists
//
// moto_server checks SigV4 signatures and evaluates the caller's IAM
// policies only once it has served INITIAL_NO_AUTH_ACTION_COUNT actions
// (every request that reaches a service action counts, whatever the
// service; /moto-api/ requests do not; a request the SDK retries counts
// twice). Counting setup calls is therefore fragile. Instead the server
// starts with a count no test reaches, setup runs with throwaway admin
// credentials, and Enforce posts 0 to /moto-api/reset-auth, which sets the
// count to 0 and resets moto's counter: every request after Enforce is
// authenticated and authorised, every request before it is not. That is
// deterministic whatever the setup did.
//
// Known gaps of moto 5.x that matter here: conditions in policies are
// barely evaluated, a statement's Resource is compared with "*" for most
// actions (so grant CodeCommit actions on "*" in tests), session
// credentials never expire, and iam:SimulatePrincipalPolicy is not
// implemented.
//
// # The proxy
//
// URL is the proxy's address; point AWS_ENDPOINT_URL at it. The proxy
// forwards everything to moto unchanged (the Host header is kept, so
// signatures still verify) and records every request: when, the service and
// access key id from the Authorization header, the action (the form's
// Action for the query protocol, the X-Amz-Target suffix for JSON), whether
// it came before or after Enforce, and the status. It never records a
// secret or a session token. It also answers, itself:
//
//   - iam:SimulatePrincipalPolicy, with the Simulator set by SetSimulator
//     (by default: AccessDenied, as for an identity without that
//     permission), in IAM's query protocol;
//   - any request signed with an access key id given to FailKey, with the
//     given error (e.g. ExpiredToken), which moto cannot produce itself.
package moto
