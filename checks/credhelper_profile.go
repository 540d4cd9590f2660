package checks

// awsProfileFiles lists the profiles the AWS CLI knows: in the config file
// [default] and [profile NAME]; in the credentials file [NAME].
type awsProfileFiles struct {
	ConfigFile, CredentialsFile string
	has                         func(string) bool
	bareOnly                    func(string) bool
}

// readAWSProfiles reads AWS_CONFIG_FILE (default ~/.aws/config) and
// AWS_SHARED_CREDENTIALS_FILE (default ~/.aws/credentials). An unreadable
// file holds no profiles.
func readAWSProfiles(env *Env) awsProfileFiles {
	files, err := loadAWSFiles(env)
	if err != nil {
		return awsProfileFiles{has: func(string) bool { return false }, bareOnly: func(string) bool { return false }}
	}
	return awsProfileFiles{
		ConfigFile:      files.Paths.Config,
		CredentialsFile: files.Paths.Credentials,
		has: func(name string) bool {
			_, ok := files.Profile(name)
			return ok
		},
		bareOnly: files.BareOnly,
	}
}

// Has reports whether the AWS CLI finds the profile.
func (p awsProfileFiles) Has(name string) bool { return p.has(name) }

// BareOnly reports whether the name is only a [NAME] section of the config
// file, which the AWS CLI ignores there (it wants [profile NAME]).
func (p awsProfileFiles) BareOnly(name string) bool { return p.bareOnly(name) }
