package moto

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/codecommit"
	cctypes "github.com/aws/aws-sdk-go-v2/service/codecommit/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
)

func creds(k Key) aws.CredentialsProvider {
	return aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
		return aws.Credentials{AccessKeyID: k.AccessKeyID, SecretAccessKey: k.SecretAccessKey, SessionToken: k.SessionToken}, nil
	})
}

func apiCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// TestEmulator proves what the scenarios rely on: moto enforces signatures
// and policies after Enforce only, the proxy records without secrets,
// answers SimulatePrincipalPolicy and injects faults.
func TestEmulator(t *testing.T) {
	srv := Start(t, Options{})
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	alice, err := srv.NewUser(ctx, "alice", UserSpec{Policies: Policies{Managed: []string{PowerUserPolicyARN}}})
	if err != nil {
		t.Fatal(err)
	}
	bob, err := srv.NewUser(ctx, "bob", UserSpec{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.CreateRepository(ctx, "us-east-1", "MyDemoRepo"); err != nil {
		t.Fatal(err)
	}
	role, err := srv.NewRole(ctx, "dev", RoleSpec{Path: "/team/", Policies: Policies{Managed: []string{PowerUserPolicyARN}}})
	if err != nil {
		t.Fatal(err)
	}
	session, err := srv.AssumeRole(ctx, role.ARN, "me")
	if err != nil {
		t.Fatal(err)
	}
	srv.Enforce(t)

	opts := func(k Key) (sts.Options, iam.Options, codecommit.Options) {
		return sts.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), Credentials: creds(k), RetryMaxAttempts: 1},
			iam.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), Credentials: creds(k), RetryMaxAttempts: 1},
			codecommit.Options{Region: "us-east-1", BaseEndpoint: aws.String(srv.URL), Credentials: creds(k), RetryMaxAttempts: 1}
	}
	so, io, co := opts(alice.Key)
	id, err := sts.New(so).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatalf("GetCallerIdentity: %v", err)
	}
	if got := aws.ToString(id.Arn); got != alice.ARN {
		t.Errorf("caller ARN %s, want %s", got, alice.ARN)
	}
	if _, err := codecommit.New(co).GetRepository(ctx, &codecommit.GetRepositoryInput{RepositoryName: aws.String("MyDemoRepo")}); err != nil {
		t.Errorf("GetRepository as a power user: %v", err)
	}
	_, err = codecommit.New(co).GetRepository(ctx, &codecommit.GetRepositoryInput{RepositoryName: aws.String("Nope")})
	var dne *cctypes.RepositoryDoesNotExistException
	if !errors.As(err, &dne) {
		t.Errorf("GetRepository of a missing repository: %v, want RepositoryDoesNotExistException", err)
	}
	// A user without policies may not read the repository.
	_, _, bco := opts(bob.Key)
	if _, err := codecommit.New(bco).GetRepository(ctx, &codecommit.GetRepositoryInput{RepositoryName: aws.String("MyDemoRepo")}); apiCode(err) != "AccessDeniedException" {
		t.Errorf("GetRepository without permission: %v, want AccessDeniedException", err)
	}
	// The power user may not read roles: policies are enforced.
	if _, err := iam.New(io).ListRoles(ctx, &iam.ListRolesInput{}); apiCode(err) != "AccessDenied" {
		t.Errorf("ListRoles as a power user: %v, want AccessDenied", err)
	}
	// A wrong secret: signatures are enforced.
	bad := alice.Key
	bad.SecretAccessKey = strings.Repeat("x", 40)
	so, _, _ = opts(bad)
	if _, err := sts.New(so).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); apiCode(err) != "SignatureDoesNotMatch" {
		t.Errorf("wrong secret: %v, want SignatureDoesNotMatch", err)
	}
	// An unknown key id.
	so, _, _ = opts(Key{AccessKeyID: "AKIAUNKNOWNUNKNOWN00", SecretAccessKey: "x"})
	if _, err := sts.New(so).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); apiCode(err) != "InvalidClientTokenId" {
		t.Errorf("unknown key: %v, want InvalidClientTokenId", err)
	}
	// The assumed role's session credentials work and name the role.
	so, _, _ = opts(session)
	id, err = sts.New(so).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatalf("GetCallerIdentity as the role: %v", err)
	}
	if want := "arn:aws:sts::" + AccountID + ":assumed-role/dev/me"; aws.ToString(id.Arn) != want {
		t.Errorf("role session ARN %s, want %s", aws.ToString(id.Arn), want)
	}

	// SimulatePrincipalPolicy: AccessDenied by default, then the simulator.
	_, io, _ = opts(alice.Key)
	simIn := &iam.SimulatePrincipalPolicyInput{PolicySourceArn: aws.String(alice.ARN),
		ActionNames: []string{"codecommit:GitPull", "codecommit:GitPush"}, ResourceArns: []string{"arn:aws:codecommit:us-east-1:123456789012:MyDemoRepo"}}
	if _, err := iam.New(io).SimulatePrincipalPolicy(ctx, simIn); apiCode(err) != "AccessDenied" {
		t.Errorf("default simulator: %v, want AccessDenied", err)
	}
	var seen SimulateCall
	srv.SetSimulator(func(c SimulateCall) (map[string]SimulateResult, bool) {
		seen = c
		return map[string]SimulateResult{"codecommit:GitPull": {Decision: "allowed", MatchedPolicies: []string{"AWSCodeCommitPowerUser"}}}, false
	})
	simIn.ContextEntries = nil
	out, err := iam.New(io).SimulatePrincipalPolicy(ctx, simIn)
	if err != nil {
		t.Fatalf("SimulatePrincipalPolicy: %v", err)
	}
	got := map[string]string{}
	for _, r := range out.EvaluationResults {
		got[aws.ToString(r.EvalActionName)] = string(r.EvalDecision)
	}
	if got["codecommit:GitPull"] != "allowed" || got["codecommit:GitPush"] != "implicitDeny" {
		t.Errorf("simulated decisions %v", got)
	}
	if seen.PolicySourceARN != alice.ARN || len(seen.Actions) != 2 || seen.CallerKeyID != alice.Key.AccessKeyID {
		t.Errorf("simulator saw %+v", seen)
	}

	// A fault for a key.
	srv.FailKey(session.AccessKeyID, Fault{Code: "ExpiredToken", Message: "The security token included in the request is expired"})
	so, _, co = opts(session)
	if _, err := sts.New(so).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}); apiCode(err) != "ExpiredToken" {
		t.Errorf("fault on STS: %v, want ExpiredToken", err)
	}
	if _, err := codecommit.New(co).GetRepository(ctx, &codecommit.GetRepositoryInput{RepositoryName: aws.String("MyDemoRepo")}); apiCode(err) != "ExpiredToken" {
		t.Errorf("fault on CodeCommit: %v, want ExpiredToken", err)
	}

	// The record: every client request after Enforce, without secrets.
	reqs := srv.ClientRequests()
	if len(reqs) < 10 {
		t.Fatalf("recorded %d client requests: %v", len(reqs), reqs)
	}
	all := fmt.Sprintf("%+v", srv.Requests())
	for _, secret := range []string{alice.Key.SecretAccessKey, session.SecretAccessKey, session.SessionToken} {
		if strings.Contains(all, secret) {
			t.Errorf("the record holds a secret")
		}
	}
	var actions []string
	for _, r := range reqs {
		actions = append(actions, r.Service+":"+r.Action)
	}
	want := []string{"sts:GetCallerIdentity", "codecommit:GetRepository", "codecommit:GetRepository", "codecommit:GetRepository", "iam:ListRoles"}
	if strings.Join(actions[:5], " ") != strings.Join(want, " ") {
		t.Errorf("recorded actions %v, want prefix %v", actions, want)
	}
	if w := srv.WriteRequests(); len(w) != 0 {
		t.Errorf("write requests recorded: %v", w)
	}
	if !reqs[0].AfterEnforce || reqs[0].KeyID != alice.Key.AccessKeyID || reqs[0].AnsweredBy != AnsweredByMoto || reqs[0].Status != 200 {
		t.Errorf("first client request %+v", reqs[0])
	}
}

func TestIsReadAction(t *testing.T) {
	for action, want := range map[string]bool{
		"GetCallerIdentity": true, "ListAttachedUserPolicies": true, "SimulatePrincipalPolicy": true,
		"CreateUser": false, "PutUserPolicy": false, "AssumeRole": false, "": false, "Getaway": true,
	} {
		if got := IsReadAction(action); got != want {
			t.Errorf("IsReadAction(%q) = %v, want %v", action, got, want)
		}
	}
}
