package bundle

import (
	"fmt"
	"strings"
)

// Readme says what the archive holds, what was left out, and asks the user
// to review it before sharing.
func Readme(files []File, m Meta) File {
	var b strings.Builder
	fmt.Fprintf(&b, `codecommit-doctor support bundle

Written by codecommit-doctor %s on %s
for a support ticket about git over HTTPS to AWS CodeCommit.

PLEASE REVIEW EVERY FILE BEFORE SHARING IT. The doctor collected only
allow-listed content and ran the same redaction as its report over every
file: secret access keys, session tokens, passwords, signed CodeCommit
passwords, SigV4 signatures and Authorization headers are removed, access
key ids are masked (AKIA****MPLE), user information in URLs is masked and
your home directory reads ~. Redaction is a heuristic: a secret with no
recognisable shape in an unexpected place could remain, and the files name
your account id, user or role names, repository names and paths.

Never collected: the values in the AWS credentials file (only its profile
names and which keys are present), the contents of ~/.git-credentials,
values of environment variables that may be secrets, http.extraHeader and
other git settings that may hold secrets.

Files:
`, m.Doctor, m.Created.UTC().Format("2006-01-02 15:04:05 UTC"))
	fmt.Fprintf(&b, "  %-22s %s\n", ReadmeName, "this file")
	fmt.Fprintf(&b, "  %-22s %s\n", ManifestName, "every file of this archive, its size and checksum, and what the size bound cut")
	for _, f := range files {
		fmt.Fprintf(&b, "  %-22s %s\n", f.Name, f.Description)
	}
	fmt.Fprintf(&b, "\nThe archive's content is bounded to %s; manifest.txt says if a file was cut.\n", HumanSize(int64(m.Limit)))
	return File{Name: ReadmeName, Data: []byte(b.String())}
}
