//go:build unix

package awsclient

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/internal/safefile"
)

func TestLoadRefusesHostileFiles(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, home string) // may set AWS_* variables
		kind    safefile.Kind
		message string
	}{
		{"/dev/zero as the credentials file", func(t *testing.T, home string) {
			t.Setenv("AWS_SHARED_CREDENTIALS_FILE", "/dev/zero")
		}, safefile.NotRegular, "/dev/zero is a character device, not a regular file"},
		{"a FIFO as ~/.aws/credentials", func(t *testing.T, home string) {
			p := filepath.Join(home, ".aws", "credentials")
			os.Remove(p)
			if err := syscall.Mkfifo(p, 0o600); err != nil {
				t.Fatal(err)
			}
		}, safefile.NotRegular, "/.aws/credentials is a FIFO, not a regular file"},
		{"a symlink loop as AWS_CONFIG_FILE", func(t *testing.T, home string) {
			a := filepath.Join(home, "a")
			if err := os.Symlink(a, a); err != nil {
				t.Fatal(err)
			}
			t.Setenv("AWS_CONFIG_FILE", a)
		}, safefile.SymlinkLoop, "/a is a loop of symbolic links"},
		{"a 20 MB config", func(t *testing.T, home string) {
			p := filepath.Join(home, ".aws", "config")
			if err := os.WriteFile(p, []byte("[default]\n"+strings.Repeat("# padding\n", 2<<20)), 0o600); err != nil {
				t.Fatal(err)
			}
		}, safefile.TooLarge, "/.aws/config is larger than the 1 MiB the doctor reads (20.0 MiB or more)"},
		{"a directory as the CA bundle", func(t *testing.T, home string) {
			t.Setenv("AWS_CA_BUNDLE", home)
		}, safefile.NotRegular, "is a directory, not a regular file"},
		{"the profile's web identity token is a FIFO", func(t *testing.T, home string) {
			p := filepath.Join(home, "token")
			if err := syscall.Mkfifo(p, 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(home, ".aws", "config"), []byte("[default]\nrole_arn = arn:aws:iam::111122223333:role/x\nweb_identity_token_file = "+p+"\n"), 0o600); err != nil {
				t.Fatal(err)
			}
		}, safefile.NotRegular, "/token is a FIFO, not a regular file"},
		{"a 2 MB credentials file", func(t *testing.T, home string) {
			p := filepath.Join(home, ".aws", "credentials")
			if err := os.WriteFile(p, []byte(strings.Repeat("[p]\nregion = us-east-1\n", 2<<20/24)), 0o600); err != nil {
				t.Fatal(err)
			}
		}, safefile.TooLarge, "/.aws/credentials is larger than the 1 MiB the doctor reads"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env := isolate(t, "", "")
			tc.prepare(t, env.home)
			_, err := Load(context.Background(), env, LoadOptions{})
			var fe *safefile.Error
			if !errors.As(err, &fe) || fe.Kind != tc.kind {
				t.Fatalf("err = %v, want a *safefile.Error of kind %s", err, tc.kind)
			}
			if !strings.Contains(Describe(err), tc.message) {
				t.Errorf("Describe = %s, want it to contain %q", Describe(err), tc.message)
			}
			if Classify(err) != ProblemUnsafeFile {
				t.Errorf("Classify = %s", Classify(err))
			}
		})
	}
}

func TestLoadWithoutFilesIsFine(t *testing.T) {
	env := isolate(t, "", "")
	os.Remove(filepath.Join(env.home, ".aws", "config"))
	os.Remove(filepath.Join(env.home, ".aws", "credentials"))
	if err := CheckFiles(env, ""); err != nil {
		t.Fatal(err)
	}
}
