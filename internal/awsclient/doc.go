// Package awsclient is the doctor's door to AWS: it loads configuration and
// credentials the way the AWS CLI does for a profile, builds the STS, IAM
// and CodeCommit clients once per run, says where the credentials came from
// (never what they are), turns SDK errors into named problems, reads an
// identity's IAM policies and asks IAM's policy simulator.
//
// Loading uses github.com/aws/aws-sdk-go-v2/config, so every source the AWS
// CLI knows works: environment variables, the shared config and credentials
// files, IAM Identity Center (SSO), credential_process, web identity, role
// assumption, container credentials and the instance metadata service
// (IMDS). IMDS is bounded (one second by default) so that a laptop without
// it does not wait, and is skipped when AWS_EC2_METADATA_DISABLED=true.
// Endpoints honour AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>, which
// is how tests reach an emulator.
//
// Sealed: before the SDK reads the shared files, CheckFiles inspects them
// (internal/safefile), so a FIFO, a device or a huge file is a typed error,
// not a hang. credential_process does not run through the SDK's exec
// (which gives it the doctor's stdin and stderr and ignores cancellation)
// but through a ProcessRunner — the Env itself when it is a *sys.Machine —
// with stdin closed, output captured and redacted, a deadline
// (ProcessTimeout and the caller's context), its process group killed;
// failures are *ProcessError values ("credential_process `CMD` did not
// finish in 30s").
//
// The SDK reads the process environment itself; Load passes what it can
// explicitly from the Env it is given (the shared file paths, the profile
// chosen by the caller, whether IMDS is disabled), which in the doctor is
// the same environment.
package awsclient
