package checks

import (
	"path/filepath"
	"strings"
)

// credProfileFileLimit bounds how much of an AWS config file is read.
const credProfileFileLimit = 1 << 20

// awsProfileFiles lists the profiles the AWS CLI knows: in the config file
// [default] and [profile NAME]; in the credentials file [NAME]. Only
// section names are read, never values.
type awsProfileFiles struct {
	ConfigFile, CredentialsFile string
	config, bare, credentials   map[string]bool
}

// readAWSProfiles reads AWS_CONFIG_FILE (default ~/.aws/config) and
// AWS_SHARED_CREDENTIALS_FILE (default ~/.aws/credentials). A missing or
// unreadable file holds no profiles.
func readAWSProfiles(env *Env) awsProfileFiles {
	home := env.Sys.HomeDir()
	p := awsProfileFiles{
		ConfigFile:      credEnvOr(env, "AWS_CONFIG_FILE", filepath.Join(home, ".aws", "config")),
		CredentialsFile: credEnvOr(env, "AWS_SHARED_CREDENTIALS_FILE", filepath.Join(home, ".aws", "credentials")),
		config:          map[string]bool{}, bare: map[string]bool{}, credentials: map[string]bool{},
	}
	for _, name := range iniSections(env, p.ConfigFile) {
		switch {
		case name == "default":
			p.config[name] = true
		case strings.HasPrefix(name, "profile ") || strings.HasPrefix(name, "profile\t"):
			p.config[strings.TrimSpace(name[len("profile "):])] = true
		case strings.HasPrefix(name, "sso-session ") || strings.HasPrefix(name, "services ") || name == "preview" || name == "plugins":
		default:
			p.bare[name] = true
		}
	}
	for _, name := range iniSections(env, p.CredentialsFile) {
		p.credentials[name] = true
	}
	return p
}

func credEnvOr(env *Env, key, def string) string {
	if v := env.Sys.Getenv(key); v != "" {
		if strings.HasPrefix(v, "~/") {
			return filepath.Join(env.Sys.HomeDir(), v[2:])
		}
		return v
	}
	return def
}

// iniSections returns the section names of an INI file, trimmed.
func iniSections(env *Env, path string) []string {
	data, err := env.Sys.ReadFile(path, credProfileFileLimit)
	if err != nil {
		return nil
	}
	var out []string
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			out = append(out, strings.TrimSpace(line[1:len(line)-1]))
		}
	}
	return out
}

// Has reports whether the AWS CLI finds the profile.
func (p awsProfileFiles) Has(name string) bool { return p.config[name] || p.credentials[name] }

// BareOnly reports whether the name is only a [NAME] section of the config
// file, which the AWS CLI ignores there (it wants [profile NAME]).
func (p awsProfileFiles) BareOnly(name string) bool { return p.bare[name] && !p.Has(name) }
