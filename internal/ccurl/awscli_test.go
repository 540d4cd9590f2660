package ccurl

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os/exec"
	"testing"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/tools"
)

// awscliProbe runs the installed AWS CLI's own credential-helper code
// (awscli.customizations.codecommit.CodeCommitGetCommand._run_main) for each
// host, with signing and output stubbed out, and reports whether it answered
// and which region it would sign for. Exit status 3 means awscli is missing.
const awscliProbe = `
import argparse, json, sys
try:
    from awscli.customizations.codecommit import CodeCommitGetCommand
except ImportError:
    sys.exit(3)

FALLBACK = "<fallback-region>"

class Probe(CodeCommitGetCommand):
    def __init__(self, host):
        self.host, self.answered, self.region = host, False, None
    def read_git_parameters(self):
        return {"protocol": "https", "host": self.host, "path": "/v1/repos/x"}
    def sign_request(self, region, url):
        self.region = region
        return "signature"
    def write_git_parameters(self, signature):
        self.answered = True

out = []
for host in json.load(sys.stdin):
    p = Probe(host)
    p._run_main(argparse.Namespace(ignore_host_check=False), argparse.Namespace(region=FALLBACK))
    out.append({"answered": p.answered, "region": "" if p.region in (None, FALLBACK) else p.region})
json.dump(out, sys.stdout)
`

type cliVerdict struct {
	Answered bool   `json:"answered"`
	Region   string `json:"region"`
}

// TestHelperRulesMatchAWSCLI checks RegionFromHost and IsAWSHelperHost
// against the real AWS CLI v1 installed on development and CI machines.
func TestHelperRulesMatchAWSCLI(t *testing.T) {
	python := tools.RequireTool(t, "python3")
	hosts := []string{
		"git-codecommit.us-east-1.amazonaws.com",
		"git-codecommit.us-east-1.amazonaws.com:443",
		"git-codecommit-fips.us-gov-west-1.amazonaws.com",
		"vpce-0123abcd-xyz.git-codecommit.eu-west-1.vpce.amazonaws.com",
		"vpce-0123abcd-xyz.git-codecommit-fips.us-east-2.vpce.amazonaws.com",
		"vpce-a.b.git-codecommit.us-east-1.vpce.amazonaws.com",
		"vpce-0123.git-codecommit.us-east-1.amazonaws.com",
		"git-codecommit.cn-north-1.amazonaws.com.cn",
		"GIT-CODECOMMIT.US-EAST-1.AMAZONAWS.COM",
		"git-codecommit.US-EAST-1.amazonaws.com",
		"git-codecommit.us-east-1.amazonaws.com.example.net",
		"foo.git-codecommit.us-east-1.amazonaws.com",
		"git-codecommit.amazonaws.com",
		"git-codecommit..amazonaws.com",
		"git-codecommit.ü-1.amazonaws.com",
		"codecommit.us-east-1.amazonaws.com",
		"codecommit.example.amazon.com",
		"git.example.com",
		"github.com",
		"127.0.0.1:8443",
	}
	in, err := json.Marshal(hosts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, python, "-c", awscliProbe)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) && exitErr.ExitCode() == 3 {
		tools.Unavailable(t, "the AWS CLI v1 (python package awscli) is not installed for "+python+"; "+tools.InstallHint("aws"))
	}
	if err != nil {
		t.Fatalf("running the AWS CLI probe: %v\n%s", err, stderr.String())
	}
	var verdicts []cliVerdict
	if err := json.Unmarshal(out, &verdicts); err != nil {
		t.Fatalf("decoding probe output %q: %v", out, err)
	}
	if len(verdicts) != len(hosts) {
		t.Fatalf("got %d verdicts for %d hosts", len(verdicts), len(hosts))
	}
	for i, host := range hosts {
		v := verdicts[i]
		if got := IsAWSHelperHost(host); got != v.Answered {
			t.Errorf("IsAWSHelperHost(%q) = %v, AWS CLI answered = %v", host, got, v.Answered)
		}
		if !v.Answered {
			continue
		}
		region, ok := RegionFromHost(host)
		if region != v.Region || ok != (v.Region != "") {
			t.Errorf("RegionFromHost(%q) = %q, %v; AWS CLI signs for %q", host, region, ok, v.Region)
		}
	}
}
