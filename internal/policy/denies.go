package policy

// Actions the doctor asks about.
const (
	ActionGitPull = "codecommit:GitPull"
	ActionGitPush = "codecommit:GitPush"
)

// CodeCommitKMSActions returns the concrete KMS actions CodeCommit performs
// with the repository's key: kms:Encrypt, kms:Decrypt, kms:ReEncrypt* (that
// is kms:ReEncryptFrom and kms:ReEncryptTo), kms:GenerateDataKey,
// kms:GenerateDataKeyWithoutPlaintext and kms:DescribeKey. A fresh slice is
// returned on each call.
func CodeCommitKMSActions() []string {
	return []string{
		"kms:Encrypt",
		"kms:Decrypt",
		"kms:ReEncryptFrom",
		"kms:ReEncryptTo",
		"kms:GenerateDataKey",
		"kms:GenerateDataKeyWithoutPlaintext",
		"kms:DescribeKey",
	}
}

// ExplicitDenies lists every Deny statement in docs that covers one of the
// concrete actions on resource ("" when the resource ARN is not known
// locally), for certain (Match.Certain) or possibly (with Match.Reasons),
// in document, statement and action order. Allow statements are ignored:
// the result answers "could an explicit deny break this?", which is what
// matters for the AWS-managed aws/codecommit key. ctx follows the same
// rules as Request.Context; for CodeCommit's KMS calls it should carry
// kms:ViaService = codecommit.REGION.amazonaws.com.
func ExplicitDenies(docs []*Document, actions []string, resource string, ctx map[string][]string) []Match {
	return matchDocs(docs, false, actions, resource, newContext(ctx), true)
}
