package signing

// Profiles lists the profiles the AWS CLI knows: in the config file
// [default] and [profile NAME]; in the credentials file [NAME].
type Profiles struct {
	ConfigFile, CredentialsFile string
	f                           *Facts
}

// Profiles returns the profiles of the AWS files. Unreadable files hold no
// profiles.
func (f *Facts) Profiles() Profiles {
	p := Profiles{f: f}
	if f.Files != nil {
		p.ConfigFile, p.CredentialsFile = f.Files.Paths.Config, f.Files.Paths.Credentials
	}
	return p
}

// Has reports whether the AWS CLI finds the profile.
func (p Profiles) Has(name string) bool {
	if p.f.Files == nil {
		return false
	}
	_, ok := p.f.Files.Profile(name)
	return ok
}

// BareOnly reports whether the name is only a [NAME] section of the config
// file, which the AWS CLI ignores there (it wants [profile NAME]).
func (p Profiles) BareOnly(name string) bool {
	return p.f.Files != nil && p.f.Files.BareOnly(name)
}
