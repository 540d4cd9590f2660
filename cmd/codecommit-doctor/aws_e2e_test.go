package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/gitworld"
	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/moto"
	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/tools"
)

// The AWS end-to-end scenarios: each starts its own moto_server (behind the
// recording proxy of internal/testenv/moto), creates identities with the
// setup credentials, switches moto's authentication on, and runs the
// doctor binary as a separate process with AWS_ENDPOINT_URL pointing at
// the proxy and a HOME holding ~/.aws files with the keys moto issued.

const awsRepoURL = "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/"

// awsSelfRead lets an identity read IAM policies and (for the fake simulator's
// sake) simulate. moto compares Resource with "*", so it is "*".
const awsSelfRead = `{"Version":"2012-10-17","Statement":[{"Sid":"ReadOwnPolicies","Effect":"Allow",
 "Action":["iam:Get*","iam:List*","iam:SimulatePrincipalPolicy"],"Resource":"*"}]}`

const awsDenyKMS = `{"Version":"2012-10-17","Statement":[{"Sid":"DenyKMSDecrypt","Effect":"Deny",
 "Action":["kms:Decrypt","kms:GenerateDataKey"],"Resource":"*"}]}`

// awsScenario is one end-to-end case.
type awsScenario struct {
	name string
	// setup prepares moto (before Enforce) and returns how to run the
	// doctor: the ~/.aws files, extra arguments, the repository name.
	setup func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun
	want  map[string]awsWant
}

type awsRun struct {
	credentials string // ~/.aws/credentials
	config      string // ~/.aws/config
	args        []string
	repo        string
	secrets     []string          // values no output may contain
	home        map[string]string // more files in HOME (path relative to HOME: content)
	url         string            // the repository URL when not awsRepoURL+repo
}

type awsWant struct {
	status string
	codes  []string // finding codes that must be present
	text   []string // substrings of the check's summary, messages, remediation or evidence
	absent []string // substrings that must not be there
}

func TestAWSScenarios(t *testing.T) {
	if testing.Short() {
		t.Skip("starts moto_server per scenario")
	}
	doctor, err := exec.LookPath("codecommit-doctor")
	if err != nil {
		t.Fatalf("the doctor is not on PATH (testscript.Main puts it there): %v", err)
	}
	tools.RequireTool(t, "git")
	schemas := compileSchemas(t)
	for _, sc := range slices.Concat(awsScenarios(), kmsScenarios(), gitCredentialsScenarios(), principalScenarios()) {
		t.Run(sc.name, func(t *testing.T) {
			srv := moto.Start(t, moto.Options{})
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			run := sc.setup(ctx, t, srv)
			srv.Enforce(t)
			env := awsDoctorEnv(t, srv, doctor, run)
			url := awsRepoURL + run.repo
			if run.url != "" {
				url = run.url
			}
			base := append([]string{"--only", "credentials,permissions,kms"}, run.args...)

			out := awsRunDoctor(ctx, t, doctor, env, append(append([]string{"-o", "json"}, base...), url))
			awsValidateSchema(t, schemas, out)
			awsCheckReport(t, out, sc.want)
			awsNoSecrets(t, "json", out, run.secrets)
			for _, format := range []string{"text", "markdown"} {
				out := awsRunDoctor(ctx, t, doctor, env, append(append([]string{"-v", "-o", format}, base...), url))
				awsNoSecrets(t, format, out, run.secrets)
			}

			// The emulator saw only reads from the doctor.
			if len(srv.ClientRequests()) == 0 {
				t.Errorf("the doctor made no AWS request")
			}
			for _, r := range srv.WriteRequests() {
				t.Errorf("the doctor made a non-read call: %s", r)
			}
		})
	}
}

func awsScenarios() []awsScenario {
	return []awsScenario{
		{
			name: "healthy-power-user",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				u := awsUser(ctx, t, srv, "dev", moto.UserSpec{Policies: moto.Policies{
					Managed: []string{moto.PowerUserPolicyARN}, Inline: map[string]string{"self-read": awsSelfRead}}})
				awsRepo(ctx, t, srv, "MyDemoRepo")
				srv.SetSimulator(awsAllowFor(u.Key.AccessKeyID, u.ARN))
				return awsUserRun(u, "MyDemoRepo")
			},
			want: map[string]awsWant{
				"credentials": {status: "pass", text: []string{"IAM user dev in account 123456789012", `profile "default" in `, "AKIA****"}},
				"permissions": {status: "pass", text: []string{"may pull and push MyDemoRepo (simulated by IAM)"}},
				"kms":         {status: "pass", text: []string{"aws/codecommit", "implicit deny is fine"}},
			},
		},
		{
			name: "kms-deny",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				u := awsUser(ctx, t, srv, "kmsuser", moto.UserSpec{Policies: moto.Policies{
					Managed: []string{moto.PowerUserPolicyARN},
					Inline:  map[string]string{"self-read": awsSelfRead, "deny-kms": awsDenyKMS}}})
				awsRepo(ctx, t, srv, "MyDemoRepo")
				return awsUserRun(u, "MyDemoRepo")
			},
			want: map[string]awsWant{
				"credentials": {status: "pass"},
				"permissions": {status: "pass", codes: []string{"evaluated-locally"}, text: []string{"evaluated locally", "service control policies"}},
				"kms": {status: "fail", codes: []string{"kms-explicit-deny"}, text: []string{
					`inline policy "deny-kms" of user "kmsuser" statement "DenyKMSDecrypt" explicitly denies kms:Decrypt, kms:GenerateDataKey`,
					"aws iam get-user-policy --user-name kmsuser --policy-name deny-kms --query PolicyDocument --output json > fixed-policy.json",
					`"kms:ViaService": "codecommit.us-east-1.amazonaws.com"`,
					"aws iam put-user-policy --user-name kmsuser --policy-name deny-kms --policy-document file://fixed-policy.json",
				}},
			},
		},
		{
			name: "branch-rule-protects-main",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				u := awsUser(ctx, t, srv, "dev", moto.UserSpec{Policies: moto.Policies{
					Managed: []string{moto.PowerUserPolicyARN},
					Inline: map[string]string{"self-read": awsSelfRead, "protect-main": `{"Version":"2012-10-17","Statement":[{"Sid":"ProtectMain","Effect":"Deny",
 "Action":["codecommit:GitPush","codecommit:DeleteBranch","codecommit:PutFile","codecommit:Merge*"],"Resource":"arn:aws:codecommit:us-east-1:123456789012:MyDemoRepo",
 "Condition":{"StringEqualsIfExists":{"codecommit:References":["refs/heads/main","refs/heads/prod"]},"Null":{"codecommit:References":"false"}}}]}`}}})
				awsRepo(ctx, t, srv, "MyDemoRepo")
				return awsUserRun(u, "MyDemoRepo")
			},
			want: map[string]awsWant{
				"credentials": {status: "pass"},
				"permissions": {status: "warn", codes: []string{"gitpush-branch-denied", "evaluated-locally"}, text: []string{
					"may pull MyDemoRepo; a branch rule blocks push to refs/heads/main (evaluated locally)",
					`inline policy "protect-main" of user "dev" statement "ProtectMain" blocks IAM user dev from pushing to refs/heads/main (a usual default branch)`,
					"Not blocked: refs/heads/master (a usual default branch).",
					"git push origin HEAD:refs/heads/pr/my-change",
					"aws iam get-user-policy --user-name dev --policy-name protect-main --query PolicyDocument --output json > fixed-policy.json",
					"aws iam put-user-policy --user-name dev --policy-name protect-main --policy-document file://fixed-policy.json",
				}},
				"kms": {status: "pass"},
			},
		},
		{
			name: "no-codecommit-permission",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				u := awsUser(ctx, t, srv, "nocc", moto.UserSpec{Policies: moto.Policies{Inline: map[string]string{"self-read": awsSelfRead}}})
				awsRepo(ctx, t, srv, "MyDemoRepo")
				return awsUserRun(u, "MyDemoRepo")
			},
			want: map[string]awsWant{
				"credentials": {status: "pass"},
				"permissions": {status: "fail", codes: []string{"gitpull-denied", "gitpush-denied"}, text: []string{
					"may not pull MyDemoRepo (evaluated locally)",
					"aws iam attach-user-policy --user-name nocc --policy-arn arn:aws:iam::aws:policy/AWSCodeCommitPowerUser",
					"unknown: not allowed to call codecommit:GetRepository",
				}},
				"kms": {status: "pass"},
			},
		},
		{
			name: "wrong-secret",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				u := awsUser(ctx, t, srv, "typo", moto.UserSpec{Policies: moto.Policies{Managed: []string{moto.PowerUserPolicyARN}}})
				awsRepo(ctx, t, srv, "MyDemoRepo")
				run := awsUserRun(u, "MyDemoRepo")
				wrong := "Wr0ngSecretWr0ngSecretWr0ngSecretWr0ng1"
				run.credentials = strings.Replace(run.credentials, u.Key.SecretAccessKey, wrong, 1)
				run.secrets = append(run.secrets, wrong)
				return run
			},
			want: map[string]awsWant{
				"credentials": {status: "fail", codes: []string{"secret-key-mismatch"}, text: []string{"SignatureDoesNotMatch", "aws configure --profile default"}},
				"permissions": {status: "skip", text: []string{`prerequisite "credentials"`}},
				"kms":         {status: "skip"},
			},
		},
		{
			name: "cannot-read-iam",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				u := awsUser(ctx, t, srv, "blind", moto.UserSpec{Policies: moto.Policies{Managed: []string{moto.PowerUserPolicyARN}}})
				awsRepo(ctx, t, srv, "MyDemoRepo")
				return awsUserRun(u, "MyDemoRepo")
			},
			want: map[string]awsWant{
				"credentials": {status: "pass"},
				"permissions": {status: "error", codes: []string{"policies-unreadable"}, text: []string{
					"may not read its own IAM policies and may not call iam:SimulatePrincipalPolicy",
					"iam:ListUserPolicies",
					"aws iam simulate-principal-policy --policy-source-arn arn:aws:iam::123456789012:user/blind --action-names codecommit:GitPull codecommit:GitPush --resource-arns arn:aws:codecommit:us-east-1:123456789012:MyDemoRepo",
				}},
				"kms": {status: "error", codes: []string{"kms-policies-unreadable"}},
			},
		},
		{
			name: "assumed-role",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				role := awsRole(ctx, t, srv, "deploy", moto.RoleSpec{Path: "/team/", Policies: moto.Policies{
					Managed: []string{moto.PowerUserPolicyARN}, Inline: map[string]string{"self-read": awsSelfRead}}})
				key := awsAssume(ctx, t, srv, role.ARN, "ci-run")
				awsRepo(ctx, t, srv, "MyDemoRepo")
				// Only the role's ARN with its path (from GetRole) is simulated.
				srv.SetSimulator(awsAllowFor(key.AccessKeyID, role.ARN))
				return awsRun{
					credentials: fmt.Sprintf("[deploy]\naws_access_key_id = %s\naws_secret_access_key = %s\naws_session_token = %s\n", key.AccessKeyID, key.SecretAccessKey, key.SessionToken),
					config:      "[profile deploy]\nregion = us-east-1\n",
					args:        []string{"--profile", "deploy"},
					repo:        "MyDemoRepo",
					secrets:     []string{key.SecretAccessKey, key.SessionToken},
				}
			},
			want: map[string]awsWant{
				"credentials": {status: "pass", text: []string{"assumed role deploy (session ci-run) in account 123456789012", `profile "deploy" in `}},
				"permissions": {status: "pass", text: []string{"may pull and push MyDemoRepo (simulated by IAM)", "arn:aws:iam::123456789012:role/team/deploy"}},
				"kms":         {status: "pass"},
			},
		},
		{
			name: "sso-role",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				role := awsRole(ctx, t, srv, "AWSReservedSSO_Developers_0123456789abcdef", moto.RoleSpec{
					Path: "/aws-reserved/sso.amazonaws.com/", Policies: moto.Policies{Inline: map[string]string{"self-read": awsSelfRead}}})
				key := awsAssume(ctx, t, srv, role.ARN, "jane@example.com")
				awsRepo(ctx, t, srv, "MyDemoRepo")
				return awsRun{
					credentials: fmt.Sprintf("[default]\naws_access_key_id = %s\naws_secret_access_key = %s\naws_session_token = %s\n", key.AccessKeyID, key.SecretAccessKey, key.SessionToken),
					config:      "[default]\nregion = us-east-1\n",
					repo:        "MyDemoRepo",
					secrets:     []string{key.SecretAccessKey, key.SessionToken},
				}
			},
			want: map[string]awsWant{
				"credentials": {status: "pass", text: []string{"IAM Identity Center (SSO) role AWSReservedSSO_Developers_0123456789abcdef"}},
				"permissions": {status: "fail", codes: []string{"gitpull-denied"}, text: []string{
					"arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Developers_0123456789abcdef",
					"to the permission set behind AWSReservedSSO_Developers_0123456789abcdef in IAM Identity Center",
				}},
				"kms": {status: "pass"},
			},
		},
		{
			name: "repository-not-found",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				u := awsUser(ctx, t, srv, "dev", moto.UserSpec{Policies: moto.Policies{
					Managed: []string{moto.PowerUserPolicyARN}, Inline: map[string]string{"self-read": awsSelfRead}}})
				awsRepo(ctx, t, srv, "MyDemoRepo")
				return awsUserRun(u, "MyDemoRepoo")
			},
			want: map[string]awsWant{
				"credentials": {status: "pass"},
				"permissions": {status: "fail", codes: []string{"repository-not-found"}, text: []string{
					`Repository "MyDemoRepoo" does not exist in us-east-1`,
					"aws codecommit list-repositories --region us-east-1",
				}},
				"kms": {status: "pass"},
			},
		},
		{
			name: "expired-session",
			setup: func(ctx context.Context, t *testing.T, srv *moto.Server) awsRun {
				role := awsRole(ctx, t, srv, "deploy", moto.RoleSpec{Policies: moto.Policies{Managed: []string{moto.PowerUserPolicyARN}}})
				key := awsAssume(ctx, t, srv, role.ARN, "old")
				// moto never expires sessions: the proxy answers as STS does.
				srv.FailKey(key.AccessKeyID, moto.Fault{Code: "ExpiredToken", Message: "The security token included in the request is expired"})
				return awsRun{
					credentials: fmt.Sprintf("[default]\naws_access_key_id = %s\naws_secret_access_key = %s\naws_session_token = %s\n", key.AccessKeyID, key.SecretAccessKey, key.SessionToken),
					repo:        "MyDemoRepo",
					secrets:     []string{key.SecretAccessKey, key.SessionToken},
				}
			},
			want: map[string]awsWant{
				"credentials": {status: "fail", codes: []string{"session-token-expired"}, text: []string{"ExpiredToken", "aws_session_token"}},
				"permissions": {status: "skip"},
				"kms":         {status: "skip"},
			},
		},
	}
}

// awsAllowFor is a simulator that allows GitPull and GitPush when the caller
// uses keyID and asks about principal; anything else is AccessDenied.
func awsAllowFor(keyID, principal string) moto.Simulator {
	return func(c moto.SimulateCall) (map[string]moto.SimulateResult, bool) {
		if c.CallerKeyID != keyID || c.PolicySourceARN != principal {
			return nil, true
		}
		return map[string]moto.SimulateResult{
			"codecommit:GitPull": {Decision: "allowed", MatchedPolicies: []string{"AWSCodeCommitPowerUser"}},
			"codecommit:GitPush": {Decision: "allowed", MatchedPolicies: []string{"AWSCodeCommitPowerUser"}},
		}, false
	}
}

func awsUserRun(u moto.Principal, repo string) awsRun {
	return awsRun{
		credentials: fmt.Sprintf("[default]\naws_access_key_id = %s\naws_secret_access_key = %s\n", u.Key.AccessKeyID, u.Key.SecretAccessKey),
		config:      "[default]\nregion = us-east-1\n",
		repo:        repo,
		secrets:     []string{u.Key.SecretAccessKey},
	}
}

func awsUser(ctx context.Context, t *testing.T, srv *moto.Server, name string, spec moto.UserSpec) moto.Principal {
	t.Helper()
	u, err := srv.NewUser(ctx, name, spec)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func awsRole(ctx context.Context, t *testing.T, srv *moto.Server, name string, spec moto.RoleSpec) moto.Principal {
	t.Helper()
	r, err := srv.NewRole(ctx, name, spec)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func awsAssume(ctx context.Context, t *testing.T, srv *moto.Server, roleARN, session string) moto.Key {
	t.Helper()
	k, err := srv.AssumeRole(ctx, roleARN, session)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func awsRepo(ctx context.Context, t *testing.T, srv *moto.Server, name string) {
	t.Helper()
	if _, err := srv.CreateRepository(ctx, "us-east-1", name); err != nil {
		t.Fatal(err)
	}
}

// awsDoctorEnv builds the doctor's environment from scratch (a git world
// with the real git and the doctor alone on PATH, no system git config):
// nothing of this machine's AWS or git configuration leaks in.
func awsDoctorEnv(t *testing.T, srv *moto.Server, doctor string, run awsRun) []string {
	t.Helper()
	w := gitworld.New(t, gitworld.Options{Git: true, Path: []string{filepath.Dir(doctor)}, NoSystem: true})
	for name, content := range map[string]string{"credentials": run.credentials, "config": run.config} {
		if err := os.Chmod(w.WriteHome(filepath.Join(".aws", name), content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for name, content := range run.home {
		w.WriteHome(name, content)
	}
	return w.Env(
		"AWS_ENDPOINT_URL="+srv.URL,
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_CONFIG_FILE="+filepath.Join(w.Home, ".aws", "config"),
		"AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(w.Home, ".aws", "credentials"),
	)
}

func awsRunDoctor(ctx context.Context, t *testing.T, doctor string, env, args []string) string {
	t.Helper()
	cmd := exec.CommandContext(ctx, doctor, args...)
	cmd.Env = env
	cmd.Dir = envValue(env, "HOME") // outside any repository, whatever the test's own directory is
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatalf("running the doctor: %v", err)
	}
	if stderr.Len() > 0 {
		t.Errorf("the doctor wrote to stderr: %s", stderr.String())
	}
	return stdout.String()
}

func awsValidateSchema(t *testing.T, schemas []*jsonschema.Schema, out string) {
	t.Helper()
	for _, schema := range schemas {
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
		if err != nil {
			t.Fatalf("report is not JSON: %v\n%s", err, out)
		}
		if err := schema.Validate(doc); err != nil {
			t.Errorf("report does not validate: %v", err)
		}
	}
	problems, err := remedyProblems(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Errorf("printed command cannot be run as printed: %s", p)
	}
}

// awsCheckReport compares each check's status, finding codes and texts.
func awsCheckReport(t *testing.T, out string, want map[string]awsWant) {
	t.Helper()
	var rep struct {
		Checks []struct {
			ID       string `json:"id"`
			Status   string `json:"status"`
			Summary  string `json:"summary"`
			Findings []struct {
				Code        string   `json:"code"`
				Message     string   `json:"message"`
				Remediation []string `json:"remediation"`
			} `json:"findings"`
			Evidence map[string]any `json:"evidence"`
		} `json:"checks"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("decoding the report: %v", err)
	}
	seen := map[string]bool{}
	for _, c := range rep.Checks {
		w, ok := want[c.ID]
		if !ok {
			continue
		}
		seen[c.ID] = true
		all, _ := json.Marshal(c)
		text := strings.ReplaceAll(string(all), `\u003e`, ">")
		text = strings.ReplaceAll(text, `\"`, `"`)
		if c.Status != w.status {
			t.Errorf("%s: status %s, want %s\n%s", c.ID, c.Status, w.status, all)
		}
		codes := map[string]bool{}
		for _, f := range c.Findings {
			codes[f.Code] = true
		}
		for _, code := range w.codes {
			if !codes[code] {
				t.Errorf("%s: no finding %s\n%s", c.ID, code, all)
			}
		}
		for _, s := range w.text {
			if !strings.Contains(text, s) {
				t.Errorf("%s: report lacks %q\n%s", c.ID, s, all)
			}
		}
		for _, s := range w.absent {
			if strings.Contains(text, s) {
				t.Errorf("%s: report has %q\n%s", c.ID, s, all)
			}
		}
	}
	for id := range want {
		if !seen[id] {
			t.Errorf("check %s is missing from the report", id)
		}
	}
}

func awsNoSecrets(t *testing.T, format, out string, secrets []string) {
	t.Helper()
	for _, s := range secrets {
		if s != "" && strings.Contains(out, s) {
			t.Errorf("the %s output contains a credential value", format)
		}
	}
}
