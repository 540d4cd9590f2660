package awsclient

import (
	"github.com/codecommit-doctor/codecommit-doctor/internal/awsconfig"
	"github.com/codecommit-doctor/codecommit-doctor/internal/safefile"
)

// MaxSharedFileSize bounds the AWS shared config and credentials files the
// SDK is given. Its parser keeps about 60 bytes per byte of a file dense
// with profiles (a 4 MiB file of 170,000 profiles took 219 MB; 1 MiB takes
// 65 MB), so the bound is tighter than safefile.ConfigMaxSize; 1 MiB is
// still thousands of profiles.
const MaxSharedFileSize = 1 << 20

// CheckFiles inspects, before the SDK reads them, the files loading the
// AWS configuration for profile ("" for AWS_PROFILE, else "default") would
// read: the shared config and credentials files (AWS_CONFIG_FILE and
// AWS_SHARED_CREDENTIALS_FILE honoured), and the CA bundle and web
// identity token files named by the environment or by the profile. Missing
// files are fine (the SDK skips them); anything else that is not a
// readable regular file of at most MaxSharedFileSize (the shared files) or
// safefile.ConfigMaxSize bytes (the others) is a
// *safefile.Error naming the file and what is wrong. Load calls it.
func CheckFiles(env Env, profile string) error {
	paths := awsconfig.DefaultPaths(env.Getenv, env.HomeDir())
	var contents [2][]byte
	for i, p := range []string{paths.Config, paths.Credentials} {
		b, err := safefile.ReadFile(p, MaxSharedFileSize)
		if err != nil && !safefile.IsMissing(err) {
			return err
		}
		contents[i] = b
	}
	if profile == "" {
		profile = env.Getenv("AWS_PROFILE")
	}
	if profile == "" {
		profile = env.Getenv("AWS_DEFAULT_PROFILE")
	}
	if profile == "" {
		profile = "default"
	}
	others := []string{
		env.Getenv("AWS_CA_BUNDLE"),
		env.Getenv("AWS_WEB_IDENTITY_TOKEN_FILE"),
		env.Getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"),
	}
	if p, ok := awsconfig.Parse(paths, contents[0], contents[1]).Profile(profile); ok {
		others = append(others, p.Get("ca_bundle"), p.Get("web_identity_token_file"))
	}
	for _, f := range others {
		if f == "" {
			continue
		}
		if err := safefile.CheckConfig(f); err != nil && !safefile.IsMissing(err) {
			return err
		}
	}
	return nil
}
