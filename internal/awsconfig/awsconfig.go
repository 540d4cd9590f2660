// Package awsconfig reads the AWS CLI's shared config and credentials files
// just enough to answer local questions (does profile X exist, which region
// does it name) without loading credentials or touching the network.
//
// The files are INI with two naming conventions: the config file names
// profiles `[profile NAME]` (except `[default]`), the credentials file
// `[NAME]`. Values are never interpreted; secrets in them are never exposed
// by this package except through Profile.Get, which callers use for
// non-secret keys only.
package awsconfig

import (
	"bufio"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// Getenv reads an environment variable.
type Getenv func(string) string

// Paths are the shared files the AWS CLI reads, honouring AWS_CONFIG_FILE
// and AWS_SHARED_CREDENTIALS_FILE.
type Paths struct {
	Config      string
	Credentials string
}

// DefaultPaths returns the files the AWS CLI would read.
func DefaultPaths(getenv Getenv, home string) Paths {
	p := Paths{
		Config:      filepath.Join(home, ".aws", "config"),
		Credentials: filepath.Join(home, ".aws", "credentials"),
	}
	if v := getenv("AWS_CONFIG_FILE"); v != "" {
		p.Config = expandHome(v, home)
	}
	if v := getenv("AWS_SHARED_CREDENTIALS_FILE"); v != "" {
		p.Credentials = expandHome(v, home)
	}
	return p
}

func expandHome(p, home string) string {
	if p == "~" {
		return home
	}
	if strings.HasPrefix(p, "~/") || strings.HasPrefix(p, `~\`) {
		return filepath.Join(home, p[2:])
	}
	return p
}

// Profile is one profile's settings, merged from both files.
type Profile struct {
	Name    string
	values  map[string]string
	Sources []string // the files that define it
}

// Get returns a setting (keys are case-insensitive).
func (p Profile) Get(key string) string { return p.values[strings.ToLower(key)] }

// Files is what the shared files say.
type Files struct {
	Paths    Paths
	profiles map[string]*Profile
	order    []string
	bare     map[string]bool // [NAME] sections of the config file, which the CLI ignores
}

// Parse reads the two files' contents (either may be empty).
func Parse(paths Paths, config, credentials []byte) *Files {
	f := &Files{Paths: paths, profiles: map[string]*Profile{}, bare: map[string]bool{}}
	f.add(paths.Config, config, true)
	f.add(paths.Credentials, credentials, false)
	return f
}

// Profile returns a profile by name.
func (f *Files) Profile(name string) (Profile, bool) {
	p, ok := f.profiles[name]
	if !ok {
		return Profile{}, false
	}
	return *p, true
}

// BareOnly reports whether name appears only as a [NAME] section of the
// config file, which the AWS CLI ignores there (it wants [profile NAME]).
func (f *Files) BareOnly(name string) bool {
	_, known := f.profiles[name]
	return f.bare[name] && !known
}

// otherConfigSection reports config-file sections that are not profiles
// and not mistakes: sso-session, services, preview and plugins.
func otherConfigSection(section string) bool {
	return strings.HasPrefix(section, "sso-session ") || strings.HasPrefix(section, "services ") ||
		section == "preview" || section == "plugins"
}

// Names lists the profiles in the order first seen.
func (f *Files) Names() []string { return append([]string(nil), f.order...) }

func (f *Files) add(path string, data []byte, isConfig bool) {
	var cur *Profile
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' || line[0] == ';' {
			continue
		}
		if line[0] == '[' {
			cur = nil
			end := strings.IndexByte(line, ']')
			if end < 0 {
				continue
			}
			section := strings.TrimSpace(line[1:end])
			name, ok := sectionProfile(section, isConfig)
			if !ok {
				if isConfig && !otherConfigSection(section) {
					f.bare[section] = true
				}
				continue
			}
			cur = f.profiles[name]
			if cur == nil {
				cur = &Profile{Name: name, values: map[string]string{}}
				f.profiles[name] = cur
				f.order = append(f.order, name)
			}
			cur.Sources = appendOnce(cur.Sources, path)
			continue
		}
		if cur == nil {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		if _, set := cur.values[k]; !set || !isConfig {
			cur.values[k] = strings.TrimSpace(v)
		}
	}
}

// sectionProfile maps a section header to a profile name: `profile NAME`
// and `default` in the config file, any name in the credentials file.
func sectionProfile(section string, isConfig bool) (string, bool) {
	if !isConfig {
		return section, section != ""
	}
	if section == "default" {
		return section, true
	}
	name, ok := strings.CutPrefix(section, "profile ")
	name = strings.TrimSpace(name)
	return name, ok && name != ""
}

func appendOnce(ss []string, s string) []string {
	if slices.Contains(ss, s) {
		return ss
	}
	return append(ss, s)
}

// IsRole reports whether the profile assumes a role the way the AWS CLI's
// assume-role provider does: role_arn without web_identity_token_file.
func (p Profile) IsRole() bool {
	return p.Get("role_arn") != "" && p.Get("web_identity_token_file") == ""
}

// HasStaticKeys reports whether the profile holds an access key pair.
func (p Profile) HasStaticKeys() bool {
	return p.Get("aws_access_key_id") != "" && p.Get("aws_secret_access_key") != ""
}

// ChainError is a source_profile chain the AWS CLI refuses: a loop, or a
// reference to a profile that does not exist.
type ChainError struct {
	// Path is the profiles followed, from the one asked for; for a loop
	// it ends with the profile seen twice.
	Path []string
	// Missing is the source_profile that does not exist ("" for a loop).
	Missing string
}

func (e *ChainError) Error() string {
	if e.Missing != "" {
		return fmt.Sprintf("the source_profile %q of profile %q does not exist", e.Missing, e.Path[len(e.Path)-1])
	}
	return "source_profile loop: " + strings.Join(e.Path, " → ")
}

// RoleChain follows source_profile from the named profile as the AWS CLI
// does: every role profile's source, until a profile that is not a role,
// a role with credential_source, or a role that names itself as source and
// holds its own keys (allowed). The first element is the profile asked
// for. A loop or a missing source is a *ChainError.
func (f *Files) RoleChain(name string) ([]Profile, error) {
	p, ok := f.Profile(name)
	if !ok {
		return nil, nil
	}
	chain := []Profile{p}
	seen := map[string]bool{name: true}
	for p.IsRole() {
		src := p.Get("source_profile")
		if src == "" {
			break
		}
		path := func() []string {
			var out []string
			for _, c := range chain {
				out = append(out, c.Name)
			}
			return out
		}
		next, ok := f.Profile(src)
		if !ok {
			return chain, &ChainError{Path: path(), Missing: src}
		}
		if src == p.Name && next.HasStaticKeys() {
			break
		}
		if seen[src] {
			return chain, &ChainError{Path: append(path(), src)}
		}
		seen[src] = true
		chain = append(chain, next)
		p = next
	}
	return chain, nil
}
