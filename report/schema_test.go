package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
)

const sharedSchema = "../../shared/report.schema.json"

// The contract lives in shared/ beside the repository (the v1 baseline);
// the copy in testdata is the living contract and may only add optional
// fields: every key of the baseline is there with the same value, objects
// may grow new keys, arrays (such as "required") are identical.
func TestSchemaCopyExtendsSharedContract(t *testing.T) {
	want, err := os.ReadFile(sharedSchema)
	if os.IsNotExist(err) {
		t.Skipf("%s not present (a clone without the shared folder)", sharedSchema)
	}
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join("testdata", "report.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var base, living any
	if err := json.Unmarshal(want, &base); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(got, &living); err != nil {
		t.Fatal(err)
	}
	if err := extends(living, base, "#"); err != nil {
		t.Fatalf("report/testdata/report.schema.json must only add to %s: %v", sharedSchema, err)
	}
}

func extends(living, base any, at string) error {
	bm, ok := base.(map[string]any)
	if !ok {
		if !reflect.DeepEqual(living, base) {
			return fmt.Errorf("%s changed: %v, baseline %v", at, living, base)
		}
		return nil
	}
	lm, ok := living.(map[string]any)
	if !ok {
		return fmt.Errorf("%s is no longer an object", at)
	}
	for k, v := range bm {
		lv, ok := lm[k]
		if !ok {
			return fmt.Errorf("%s/%s was removed", at, k)
		}
		if err := extends(lv, v, at+"/"+k); err != nil {
			return err
		}
	}
	return nil
}

// sampleReport is a run with every optional field in use: header facts,
// shared commands (so a fix plan), a verdict.
func sampleReport() Report {
	fix := []string{"git config --global --replace-all 'credential.https://git-codecommit.*.amazonaws.com.helper' ''",
		"git config --global --add 'credential.https://git-codecommit.*.amazonaws.com.helper' '!aws codecommit credential-helper $@'"}
	outcomes := []checks.Outcome{
		{Info: checks.Info{ID: "git", Title: "Git is installed"}, Result: checks.Result{Status: checks.Pass, Summary: "Git 2.39.5"}, Duration: 6 * time.Millisecond},
		{Info: checks.Info{ID: "credential-helper", Title: "The credential helper chain"}, Result: checks.Result{Status: checks.Fail, Summary: "store answers before the AWS helper",
			Findings: []checks.Finding{{Code: "helper-before-aws", Severity: checks.Fail, Message: "git asks `store` before the AWS helper. A helper that answers first wins.", Remediation: fix}},
			Evidence: map[string]any{"chain": []any{"store", "!aws codecommit credential-helper $@"}}}},
		{Info: checks.Info{ID: "keychain", Title: "No stale password"}, Result: checks.Result{Status: checks.Fail, Summary: "stale password",
			Findings: []checks.Finding{{Code: "stored-password-stale", Severity: checks.Fail, Message: "~/.git-credentials holds a stale password.",
				Remediation: append([]string{"printf 'protocol=https\\nhost=h\\n\\n' | git credential-store --file ~/.git-credentials erase"}, fix...)}}}},
		{Info: checks.Info{ID: "region", Title: "Region"}, Result: checks.Skipped(checks.NoTargetReason)},
	}
	return Build(Meta{Version: "1.2.3", Commit: "abc1234", BuildDate: "2026-11-26T08:00:00Z", StartedAt: time.Date(2026, 11, 26, 8, 0, 0, 0, time.UTC),
		OS: "linux", Arch: "amd64", Distro: "Debian GNU/Linux 12 (bookworm)", Shell: "bash",
		Env: map[string]string{"AWS_PROFILE": "dev", "HTTPS_PROXY": "http://****@proxy:3128"}}, outcomes)
}

func TestJSONValidatesAgainstBothSchemas(t *testing.T) {
	r := sampleReport()
	if len(r.FixPlan) != 3 || r.Verdict == nil {
		t.Fatalf("the sample must carry a fix plan of 3 steps and a verdict: %+v %+v", r.FixPlan, r.Verdict)
	}
	var buf bytes.Buffer
	if err := JSON(&buf, r, Options{}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{filepath.Join("testdata", "report.schema.json"), sharedSchema} {
		abs, err := filepath.Abs(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(abs); os.IsNotExist(err) {
			t.Logf("%s not present", abs)
			continue
		}
		c := jsonschema.NewCompiler()
		c.AssertFormat()
		s, err := c.Compile(abs)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(doc); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
}
