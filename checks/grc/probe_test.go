package grc

import (
	"strings"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
	"github.com/codecommit-doctor/codecommit-doctor/internal/probe"
)

func TestProbeFinding(t *testing.T) {
	tgt := &checks.Target{URL: ccurl.Parse("codecommit::cn-north-1://R")}
	c := grcContext{Profile: "dev", ProfileSource: "the codecommit:// URL", Region: "cn-north-1", RegionSource: "the codecommit:: URL",
		Host: "git-codecommit.cn-north-1.amazonaws.com.cn", Path: "/v1/repos/R"}
	pr := probeResult{url: "https://" + c.Host + c.Path + "/info/refs?service=git-upload-pack", keyID: "AKIA****MPLE",
		resp: &probe.Response{Status: 403, Reason: "Forbidden", Body: "User: arn:aws-cn:iam::111122223333:user/dev is not authorized to perform: codecommit:GitPull"}}
	for _, tc := range []struct {
		name string
		id   awsclient.Identity
		want []string
	}{
		{"identity unknown: a placeholder, explained", awsclient.Identity{},
			[]string{"arn:aws-cn:codecommit:cn-north-1:ACCOUNT:R", "--policy-source-arn IDENTITY_ARN", "# IDENTITY_ARN: from aws sts get-caller-identity --profile dev"}},
		{"identity known: no placeholder", awsclient.Identity{ARN: "arn:aws-cn:iam::111122223333:user/dev", Account: "111122223333"},
			[]string{"arn:aws-cn:codecommit:cn-north-1:111122223333:R", "--policy-source-arn arn:aws-cn:iam::111122223333:user/dev"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, ok := probeFinding(tgt, c, pr, tc.id)
			if !ok || f.Code != codeProbeRefused || f.Severity != checks.Fail {
				t.Fatalf("got %v %s %s, want a %s failure", ok, f.Code, f.Severity, codeProbeRefused)
			}
			text := f.Message + "\n" + strings.Join(f.Remediation, "\n")
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("missing %q in\n%s", w, text)
				}
			}
			if tc.id.ARN != "" && strings.Contains(text, "IDENTITY_ARN") {
				t.Errorf("a placeholder although the identity is known:\n%s", text)
			}
		})
	}
	pr.resp = &probe.Response{Status: 404, Reason: "Not Found"}
	if f, _ := probeFinding(tgt, c, pr, awsclient.Identity{}); f.Code != codeProbeNotFound || !strings.Contains(f.Remediation[0], "--region cn-north-1 --profile dev") {
		t.Errorf("404: %s %v", f.Code, f.Remediation)
	}
	pr.resp = &probe.Response{Status: 200, Reason: "OK"}
	if f, _ := probeFinding(tgt, c, pr, awsclient.Identity{}); f.Code != codeProbeOK {
		t.Errorf("200: %s", f.Code)
	}
}
