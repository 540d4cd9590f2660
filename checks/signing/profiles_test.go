package signing_test

import (
	"path/filepath"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/checks/checkstest"
	"github.com/codecommit-doctor/codecommit-doctor/checks/signing"
)

func TestReadAWSProfiles(t *testing.T) {
	w := checkstest.NewGitWorld(t, "linux")
	w.Write("home/.aws/config", "[default]\nregion=x\n[profile dev]\n[ profile  spaced name ]\n[bare]\n[sso-session corp]\n")
	w.Write("custom/creds", "[ci]\naws_secret_access_key = s3cret\n")
	env := w.EnvFor("", "2.39.5", "AWS_SHARED_CREDENTIALS_FILE="+filepath.Join(w.Dir, "custom/creds"))
	f, _ := signing.Key.Get(env)
	p := f.Profiles()
	for name, want := range map[string]bool{"default": true, "dev": true, "spaced name": true, "ci": true, "bare": false, "corp": false, "nope": false} {
		if p.Has(name) != want {
			t.Errorf("Has(%q) = %v", name, p.Has(name))
		}
	}
	if !p.BareOnly("bare") || p.BareOnly("dev") {
		t.Error("BareOnly")
	}
	if p.CredentialsFile != filepath.Join(w.Dir, "custom/creds") {
		t.Errorf("credentials file %s", p.CredentialsFile)
	}
}
