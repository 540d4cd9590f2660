// Package credentialstest builds the credentials check's facts on AWS fakes,
// for the tests of the checks that read them.
package credentialstest

import (
	"errors"

	"github.com/codecommit-doctor/codecommit-doctor/checks/credentials"
	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient/awsfake"
)

// FakeClients serves one IAM and one CodeCommit fake.
type FakeClients struct {
	IAMFake *awsfake.IAM
	CC      *awsfake.CodeCommit
	// KMSFake answers KMS in every region (an empty fake when nil).
	KMSFake *awsfake.KMS
}

func (c FakeClients) IAM() awsclient.IAMAPI { return c.IAMFake }
func (c FakeClients) KMS(string) awsclient.KMSAPI {
	if c.KMSFake == nil {
		return &awsfake.KMS{}
	}
	return c.KMSFake
}

func (c FakeClients) CodeCommit(region string) credentials.RepositoryGetter {
	if region != c.CC.Region {
		return &awsfake.CodeCommit{Region: region, Err: errors.New("unexpected region " + region)}
	}
	return c.CC
}

// Facts are the credentials facts of an identity whose AWS calls go to
// the fakes.
func Facts(arn string, f *awsfake.IAM, cc *awsfake.CodeCommit) *credentials.Facts {
	return &credentials.Facts{
		Identity: awsclient.ParseIdentity(arn, "111122223333"),
		Profile:  "default", Region: "us-east-1",
		Clients:  FakeClients{IAMFake: f, CC: cc},
		Policies: awsclient.NewPolicyCache(),
	}
}

// Fixtures shared by the tests of the permissions and kms checks.
const (
	RepoURL      = "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/MyDemoRepo"
	RepoARN      = "arn:aws:codecommit:us-east-1:111122223333:MyDemoRepo"
	AliceARN     = "arn:aws:iam::111122223333:user/alice"
	PowerUser    = "arn:aws:iam::aws:policy/AWSCodeCommitPowerUser"
	PowerUserDoc = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["codecommit:Get*","codecommit:GitPull","codecommit:GitPush"],"Resource":"*"}]}`
	KMSKey       = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
)

// Alice is an account with the IAM user alice (inline and attached
// policies as given) and a role deploy with AWSCodeCommitPowerUser.
func Alice(inline map[string]string, attached ...string) *awsfake.IAM {
	return &awsfake.IAM{
		Users:   map[string]*awsfake.Principal{"alice": {ARN: AliceARN, Inline: inline, Attached: attached}},
		Roles:   map[string]*awsfake.Principal{"deploy": {ARN: "arn:aws:iam::111122223333:role/team/deploy", Attached: []string{PowerUser}}},
		Managed: map[string]string{PowerUser: PowerUserDoc},
		Denied:  map[string]bool{},
	}
}

// Repos is CodeCommit in us-east-1 with MyDemoRepo, encrypted with KMSKey.
func Repos() *awsfake.CodeCommit {
	return &awsfake.CodeCommit{Region: "us-east-1", Account: "111122223333", Repos: map[string]string{"MyDemoRepo": KMSKey}}
}
