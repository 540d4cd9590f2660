package signer

import (
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/tools"
)

// grcSignScript is git-remote-codecommit 1.17's sign() (git_remote_codecommit/__init__.py),
// with the timestamp passed in instead of datetime.utcnow(); it runs on the
// real botocore.
const grcSignScript = `
import sys, botocore.auth, botocore.awsrequest, botocore.credentials
hostname, path, region, ts, key, secret, token = sys.argv[1:8]
credentials = botocore.credentials.Credentials(key, secret, token or None)
request = botocore.awsrequest.AWSRequest(method = 'GIT', url = 'https://{}{}'.format(hostname, path))
request.context['timestamp'] = ts
signer = botocore.auth.SigV4Auth(credentials, 'codecommit', region)
canonical_request = 'GIT\n{}\n\nhost:{}\n\nhost\n'.format(path, hostname)
string_to_sign = signer.string_to_sign(request, canonical_request)
signature = signer.signature(string_to_sign, request)
print("{}Z{}".format(request.context['timestamp'], signature))
`

// TestSignGRCMatchesBotocore signs with git-remote-codecommit's own code on
// the real botocore and compares, for a regional host, a China host and a
// CODE_COMMIT_ENDPOINT with a port (signed verbatim).
func TestSignGRCMatchesBotocore(t *testing.T) {
	python := tools.RequireTool(t, "python3")
	if err := exec.Command(python, "-c", "import botocore.auth").Run(); err != nil {
		tools.Unavailable(t, "python3 cannot import botocore (pip install botocore): "+err.Error())
	}
	at := time.Date(2026, 12, 3, 5, 59, 7, 0, time.UTC)
	for _, c := range []struct{ host, region, token string }{
		{"git-codecommit.us-east-2.amazonaws.com", "us-east-2", ""},
		{"git-codecommit.cn-north-1.amazonaws.com.cn", "cn-north-1", canaryToken},
		{"git-codecommit.us-east-1.amazonaws.com:41275", "us-east-1", ""},
	} {
		creds := Credentials{AccessKeyID: canaryKeyID, SecretAccessKey: canarySecret, SessionToken: c.token}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		out, err := exec.CommandContext(ctx, python, "-c", grcSignScript, c.host, "/v1/repos/MyDemoRepo", c.region,
			at.Format(timestampLayout), canaryKeyID, canarySecret, c.token).Output()
		cancel()
		if err != nil {
			t.Fatalf("%s: running git-remote-codecommit's sign(): %v", c.host, err)
		}
		_, got := SignGRC(creds, c.host, "/v1/repos/MyDemoRepo", c.region, at)
		if want := strings.TrimSpace(string(out)); got != want {
			t.Errorf("%s: SignGRC = %q, git-remote-codecommit's sign() = %q", c.host, got, want)
		}
	}
}
