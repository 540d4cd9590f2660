package awsclient

import (
	"context"

	"errors"
	"net"
	"strings"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient/awsfake"
)

const (
	allowPull    = `{"Version":"2012-10-17","Statement":[{"Sid":"Pull","Effect":"Allow","Action":"codecommit:GitPull","Resource":"*"}]}`
	denyKMS      = `{"Version":"2012-10-17","Statement":{"Sid":"NoKMS","Effect":"Deny","Action":"kms:*","Resource":"*"}}`
	boundaryDoc  = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"codecommit:*","Resource":"*"}]}`
	powerUserARN = "arn:aws:iam::aws:policy/AWSCodeCommitPowerUser"
	boundaryARN  = "arn:aws:iam::111122223333:policy/Boundary"
)

func world() *awsfake.IAM {
	return &awsfake.IAM{
		Users: map[string]*awsfake.Principal{
			"alice": {ARN: "arn:aws:iam::111122223333:user/eng/alice", Inline: map[string]string{"pull": allowPull},
				Attached: []string{powerUserARN}, Groups: []string{"devs"}, Boundary: boundaryARN},
		},
		Groups: map[string]*awsfake.Principal{
			"devs": {Inline: map[string]string{"no-kms": denyKMS}, Attached: []string{powerUserARN}},
		},
		Roles: map[string]*awsfake.Principal{
			"deploy": {ARN: "arn:aws:iam::111122223333:role/team/deploy", Inline: map[string]string{"pull": allowPull}, Attached: []string{powerUserARN}},
		},
		Managed: map[string]string{powerUserARN: allowPull, boundaryARN: boundaryDoc},
		Denied:  map[string]bool{},
	}
}

func docNames(set *PolicySet) (identity, boundary []string) {
	for _, d := range set.Identity {
		identity = append(identity, d.Name())
	}
	for _, d := range set.Boundary {
		boundary = append(boundary, d.Name())
	}
	return identity, boundary
}

func TestCollectPolicies(t *testing.T) {
	alice := ParseIdentity("arn:aws:iam::111122223333:user/eng/alice", "111122223333")
	deploy := ParseIdentity("arn:aws:sts::111122223333:assumed-role/deploy/ci", "111122223333")
	tests := []struct {
		name      string
		id        Identity
		tweak     func(*awsfake.IAM)
		principal string
		identity  string // document names joined with " | "
		boundary  string
		gaps      []string // actions of the gaps, in order
	}{
		{
			name: "user with groups and boundary", id: alice,
			principal: "arn:aws:iam::111122223333:user/eng/alice",
			identity:  "user/alice:pull | " + powerUserARN + " | group/devs:no-kms",
			boundary:  boundaryARN,
		},
		{
			name: "user may not list groups", id: alice,
			tweak:     func(f *awsfake.IAM) { f.Denied["ListGroupsForUser"] = true },
			principal: "arn:aws:iam::111122223333:user/eng/alice",
			identity:  "user/alice:pull | " + powerUserARN,
			boundary:  boundaryARN,
			gaps:      []string{"iam:ListGroupsForUser"},
		},
		{
			name: "user may read nothing", id: alice,
			tweak: func(f *awsfake.IAM) {
				for _, a := range []string{"GetUser", "ListUserPolicies", "ListAttachedUserPolicies", "ListGroupsForUser"} {
					f.Denied[a] = true
				}
			},
			principal: "arn:aws:iam::111122223333:user/eng/alice", // from the caller ARN
			gaps:      []string{"iam:GetUser", "iam:ListUserPolicies", "iam:ListAttachedUserPolicies", "iam:ListGroupsForUser"},
		},
		{
			name: "managed policy unreadable", id: alice,
			tweak:     func(f *awsfake.IAM) { f.Denied["GetPolicyVersion"] = true },
			principal: "arn:aws:iam::111122223333:user/eng/alice",
			identity:  "user/alice:pull | group/devs:no-kms",
			gaps:      []string{"iam:GetPolicyVersion", "iam:GetPolicyVersion"}, // boundary, then the managed policy once
		},
		{
			name: "deleted managed policy", id: alice,
			tweak:     func(f *awsfake.IAM) { delete(f.Managed, powerUserARN) },
			principal: "arn:aws:iam::111122223333:user/eng/alice",
			identity:  "user/alice:pull | group/devs:no-kms",
			boundary:  boundaryARN,
			gaps:      []string{"iam:GetPolicy"},
		},
		{
			name: "broken document", id: alice,
			tweak:     func(f *awsfake.IAM) { f.Users["alice"].Inline["pull"] = `{"Statement": null}` },
			principal: "arn:aws:iam::111122223333:user/eng/alice",
			identity:  powerUserARN + " | group/devs:no-kms",
			boundary:  boundaryARN,
			gaps:      []string{"parse"},
		},
		{
			name: "assumed role: ARN with path from GetRole", id: deploy,
			principal: "arn:aws:iam::111122223333:role/team/deploy",
			identity:  "role/deploy:pull | " + powerUserARN,
		},
		{
			name: "assumed role without GetRole", id: deploy,
			tweak:    func(f *awsfake.IAM) { f.Denied["GetRole"] = true },
			identity: "role/deploy:pull | " + powerUserARN,
			gaps:     []string{"iam:GetRole"},
		},
		{
			name: "root has nothing to read", id: ParseIdentity("arn:aws:iam::111122223333:root", ""),
			gaps: []string{"none"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := world()
			if tc.tweak != nil {
				tc.tweak(f)
			}
			set, err := CollectPolicies(context.Background(), f, tc.id)
			if err != nil {
				t.Fatal(err)
			}
			if set.PrincipalARN != tc.principal {
				t.Errorf("principal %q, want %q", set.PrincipalARN, tc.principal)
			}
			id, b := docNames(set)
			if got := strings.Join(id, " | "); got != tc.identity {
				t.Errorf("identity documents %q, want %q", got, tc.identity)
			}
			if got := strings.Join(b, " | "); got != tc.boundary {
				t.Errorf("boundary documents %q, want %q", got, tc.boundary)
			}
			var gaps []string
			for _, g := range set.Gaps {
				gaps = append(gaps, g.Action)
				if g.What == "" || g.Reason == "" {
					t.Errorf("gap without what or why: %+v", g)
				}
			}
			if strings.Join(gaps, ",") != strings.Join(tc.gaps, ",") {
				t.Errorf("gaps %v, want %v", set.Gaps, tc.gaps)
			}
			if set.Complete() != (len(tc.gaps) == 0) {
				t.Errorf("Complete() = %v with gaps %v", set.Complete(), tc.gaps)
			}
		})
	}
}

func TestCollectPoliciesRefs(t *testing.T) {
	set, err := CollectPolicies(context.Background(), world(), ParseIdentity("arn:aws:iam::111122223333:user/eng/alice", ""))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, label, show, export, update string
	}{
		{"user/alice:pull", `inline policy "pull" of user "alice"`,
			"aws iam get-user-policy --user-name alice --policy-name pull",
			"aws iam get-user-policy --user-name alice --policy-name pull --query PolicyDocument --output json > fixed-policy.json",
			"aws iam put-user-policy --user-name alice --policy-name pull --policy-document file://fixed-policy.json"},
		{"group/devs:no-kms", `inline policy "no-kms" of group "devs"`,
			"aws iam get-group-policy --group-name devs --policy-name no-kms", "", ""},
		{powerUserARN, "managed policy " + powerUserARN,
			"aws iam get-policy-version --policy-arn " + powerUserARN + " --version-id v3",
			"aws iam get-policy-version --policy-arn " + powerUserARN + " --version-id v3 --query PolicyVersion.Document --output json > fixed-policy.json",
			"aws iam create-policy-version --policy-arn " + powerUserARN + " --policy-document file://fixed-policy.json --set-as-default"},
		{boundaryARN, "managed policy " + boundaryARN + " (permissions boundary)", "", "", ""},
	}
	for _, tc := range tests {
		r := set.Ref(tc.name)
		if r.Label() != tc.label {
			t.Errorf("%s: label %q, want %q", tc.name, r.Label(), tc.label)
		}
		for _, c := range []struct{ got, want string }{{r.ShowCommand(), tc.show}, {r.ExportCommand(), tc.export}, {r.UpdateCommand(), tc.update}} {
			if c.want != "" && c.got != c.want {
				t.Errorf("%s: command %q, want %q", tc.name, c.got, c.want)
			}
		}
	}
	// The group's deny was URL-decoded and parsed.
	if !strings.Contains(set.Identity[2].JSON(), `"Sid":"NoKMS"`) {
		t.Errorf("group policy JSON %s", set.Identity[2].JSON())
	}
	if r := set.Ref("unknown"); r.Name != "unknown" || !r.Inline() {
		t.Errorf("Ref of an unknown name: %+v", r)
	}
	if got := (PolicyRef{OwnerKind: "user", Owner: "bob smith", PolicyName: "it's"}).ShowCommand(); got != `aws iam get-user-policy --user-name 'bob smith' --policy-name 'it'\''s'` {
		t.Errorf("quoting: %s", got)
	}
}

func TestCollectPoliciesNetworkError(t *testing.T) {
	f := world()
	f.FailWith = map[string]error{"ListAttachedUserPolicies": &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}}
	_, err := CollectPolicies(context.Background(), f, ParseIdentity("arn:aws:iam::111122223333:user/alice", ""))
	if err == nil || Classify(err) != ProblemUnreachable || !strings.Contains(err.Error(), "iam:ListAttachedUserPolicies") {
		t.Fatalf("error %v (%s), want an unreachable error naming the call", err, Classify(err))
	}
}

func TestCollectPoliciesOnlyReads(t *testing.T) {
	f := world()
	if _, err := CollectPolicies(context.Background(), f, ParseIdentity("arn:aws:iam::111122223333:user/eng/alice", "")); err != nil {
		t.Fatal(err)
	}
	for _, c := range f.Calls() {
		if !strings.HasPrefix(c, "Get") && !strings.HasPrefix(c, "List") {
			t.Errorf("non-read call %s", c)
		}
	}
	// The managed policy attached twice (user and group) is read once.
	n := 0
	for _, c := range f.Calls() {
		if c == "GetPolicyVersion" {
			n++
		}
	}
	if n != 2 { // AWSCodeCommitPowerUser and the boundary
		t.Errorf("GetPolicyVersion called %d times: %v", n, f.Calls())
	}
}
