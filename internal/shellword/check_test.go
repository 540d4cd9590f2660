package shellword

import "testing"

func TestCheckCommand(t *testing.T) {
	for _, c := range []struct {
		cmd, goos string
		ok        bool
	}{
		{`git config --global --add 'credential.https://x.helper' '!aws codecommit credential-helper $@'`, "linux", true},
		{`printf 'protocol=https\nhost=h\n\n' | git credential-store --file ~/.git-credentials erase`, "linux", true},
		{`git config --global 'unclosed`, "linux", false},
		{`aws configure --profile default   # an IAM user's access key`, "linux", true},
		{`git config --global --add "credential.https://x.helper" "!aws codecommit credential-helper $@"`, "windows", true},
		{`git config --global --add 'credential.helper' x`, "windows", false},
		{`cmdkey /delete:git:https://h "unclosed`, "windows", false},
		{`w32tm /resync   # in an administrator prompt`, "windows", true},
	} {
		if err := CheckCommand(c.cmd, c.goos); (err == nil) != c.ok {
			t.Errorf("CheckCommand(%q, %s) = %v, want ok=%v", c.cmd, c.goos, err, c.ok)
		}
	}
}
