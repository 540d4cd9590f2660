package credentials

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"

	"github.com/codecommit-doctor/codecommit-doctor/internal/awsclient"
	"github.com/codecommit-doctor/codecommit-doctor/internal/awsconfig"
	"github.com/codecommit-doctor/codecommit-doctor/internal/redact"
)

// maxSharedFile bounds what is read of a shared file to say what is in it.
const maxSharedFile = 1 << 20

// triedSources lists the links of the credential chain in the order the
// AWS CLI tries them, each with what was found there, for a run in which
// none of them supplied credentials. It claims none of them as the source.
func triedSources(env *checks.Env, pc profileChoice, noCreds error) []string {
	paths := awsconfig.DefaultPaths(env.Sys.Getenv, env.Sys.HomeDir())
	var tried []string
	add := func(what, found string) { tried = append(tried, what+": "+found) }

	add("environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", envKeys(env, pc))

	credsFile, credsFound := sharedFileProfile(env, paths.Credentials, "AWS_SHARED_CREDENTIALS_FILE", pc.name, false)
	add(fmt.Sprintf("the shared credentials file %s [%s]", env.Redact(paths.Credentials), pc.name), credsFound)
	section := "profile " + pc.name
	if pc.name == "default" {
		section = "default"
	}
	cfgFile, cfgFound := sharedFileProfile(env, paths.Config, "AWS_CONFIG_FILE", pc.name, true)
	add(fmt.Sprintf("the config file %s [%s]", env.Redact(paths.Config), section), cfgFound)

	configured := func(keys ...string) string {
		for _, p := range []*awsconfig.Profile{credsFile, cfgFile} {
			if p == nil {
				continue
			}
			for _, k := range keys {
				if p.Get(k) != "" {
					return k + " is set but gave no credentials"
				}
			}
		}
		return "not configured for the profile"
	}
	add("IAM Identity Center (SSO) and aws login", configured("sso_session", "sso_start_url", "login_session"))
	add("credential_process", configured("credential_process"))

	container := "not set"
	for _, k := range []string{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI"} {
		if env.Sys.Getenv(k) != "" {
			container = k + " is set but gave no credentials"
		}
	}
	add("container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI)", container)
	add("the instance metadata service (an EC2 instance role)", imdsFound(env, noCreds))
	return tried
}

// envKeys says what the environment holds of an access key pair.
func envKeys(env *checks.Env, pc profileChoice) string {
	id, secret := env.Sys.Getenv("AWS_ACCESS_KEY_ID") != "", env.Sys.Getenv("AWS_SECRET_ACCESS_KEY") != ""
	switch {
	case pc.explicit && (id || secret):
		return "set, but not used: the profile is named explicitly (" + pc.source + ")"
	case id && !secret:
		return "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not"
	case secret && !id:
		return "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not"
	case id && secret:
		return "both set"
	}
	return "not set"
}

// sharedFileProfile reads one shared file and says what it holds for the
// profile (the profile is nil when the file does not define it).
func sharedFileProfile(env *checks.Env, path, variable, profile string, isConfig bool) (*awsconfig.Profile, string) {
	named := ""
	if v := env.Sys.Getenv(variable); v != "" {
		named = " (named by " + variable + ")"
	}
	if !env.Sys.FileExists(path) {
		return nil, "the file does not exist" + named
	}
	b, err := env.Sys.ReadFile(path, maxSharedFile)
	if err != nil {
		return nil, "the file cannot be read" + named
	}
	if strings.TrimSpace(string(b)) == "" {
		return nil, "the file is empty" + named
	}
	var files *awsconfig.Files
	if isConfig {
		files = awsconfig.Parse(awsconfig.Paths{Config: path}, b, nil)
	} else {
		files = awsconfig.Parse(awsconfig.Paths{Credentials: path}, nil, b)
	}
	p, ok := files.Profile(profile)
	if !ok {
		return nil, "no such profile in the file" + named
	}
	id, secret := p.Get("aws_access_key_id") != "", p.Get("aws_secret_access_key") != ""
	switch {
	case id && !secret:
		return &p, "the profile has aws_access_key_id but no aws_secret_access_key"
	case secret && !id:
		return &p, "the profile has aws_secret_access_key but no aws_access_key_id"
	case id && secret:
		return &p, "the profile has an access key pair"
	case p.Get("role_arn") != "":
		return &p, "the profile has role_arn but nothing that supplies the credentials to assume it"
	}
	return &p, "the profile has no access key"
}

// imdsFound says whether the instance metadata service was asked and what
// it said.
func imdsFound(env *checks.Env, noCreds error) string {
	if v := env.Sys.Getenv("AWS_EC2_METADATA_DISABLED"); strings.EqualFold(strings.TrimSpace(v), "true") {
		return "disabled (AWS_EC2_METADATA_DISABLED=" + v + ")"
	}
	if errors.Is(noCreds, context.DeadlineExceeded) {
		return fmt.Sprintf("asked, no answer within %s (not an EC2 instance, or no instance role)", awsclient.DefaultIMDSTimeout)
	}
	return "asked, no credentials (not an EC2 instance, or no instance role)"
}

// halfKeyPair says which shared file's profile holds one half of an
// access key pair ("" when none does): the SDK then refuses the profile
// with an error that names nothing.
func halfKeyPair(env *checks.Env, pc profileChoice) string {
	paths := awsconfig.DefaultPaths(env.Sys.Getenv, env.Sys.HomeDir())
	for _, f := range []struct {
		path     string
		variable string
		isConfig bool
	}{{paths.Credentials, "AWS_SHARED_CREDENTIALS_FILE", false}, {paths.Config, "AWS_CONFIG_FILE", true}} {
		p, _ := sharedFileProfile(env, f.path, f.variable, pc.name, f.isConfig)
		if p == nil {
			continue
		}
		id, secret := p.Get("aws_access_key_id"), p.Get("aws_secret_access_key")
		where := fmt.Sprintf("%s [%s]", env.Redact(f.path), pc.name)
		switch {
		case id != "" && secret == "":
			return fmt.Sprintf("%s has aws_access_key_id %s but no aws_secret_access_key", where, redact.MaskAccessKeyID(id))
		case id == "" && secret != "":
			return where + " has aws_secret_access_key but no aws_access_key_id"
		}
	}
	return ""
}
