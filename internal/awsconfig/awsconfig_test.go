package awsconfig

import (
	"strings"
	"testing"
)

func TestParseProfiles(t *testing.T) {
	paths := DefaultPaths(func(k string) string {
		if k == "AWS_CONFIG_FILE" {
			return "~/custom/config"
		}
		return ""
	}, "/home/u")
	if paths.Config != "/home/u/custom/config" || paths.Credentials != "/home/u/.aws/credentials" {
		t.Fatalf("paths = %+v", paths)
	}
	config := []byte(`# comment
[default]
region = us-east-1
[profile dev]
region=eu-west-1
output = json
[dev]
region = ignored-in-config-file
[profile my team]
Region = ap-south-1
[oops]
region = us-west-1
[sso-session corp]
sso_region = us-east-1
[broken
region = nope
`)
	creds := []byte(`[default]
aws_access_key_id = AKIAEXAMPLE
[ci]
aws_access_key_id = AKIAOTHER
`)
	f := Parse(paths, config, creds)
	tests := []struct{ name, region string }{
		{"default", "us-east-1"}, {"dev", "eu-west-1"}, {"my team", "ap-south-1"}, {"ci", ""},
	}
	for _, tt := range tests {
		p, ok := f.Profile(tt.name)
		if !ok {
			t.Errorf("profile %q not found", tt.name)
			continue
		}
		if got := p.Get("region"); got != tt.region {
			t.Errorf("profile %q region = %q, want %q", tt.name, got, tt.region)
		}
	}
	for _, missing := range []string{"corp", "sso-session corp", "profile dev", "broken"} {
		if _, ok := f.Profile(missing); ok {
			t.Errorf("profile %q should not exist", missing)
		}
	}
	d, _ := f.Profile("default")
	if len(d.Sources) != 2 {
		t.Errorf("default sources = %v, want both files", d.Sources)
	}
	if !f.BareOnly("oops") {
		t.Error("[oops] in the config file is a misnamed profile")
	}
	if f.BareOnly("dev") {
		t.Error("dev is a real profile, not only a bare section")
	}
	if f.BareOnly("corp") || f.BareOnly("sso-session corp") {
		t.Error("an sso-session section is not a misnamed profile")
	}
	if got := f.Names(); len(got) != 4 {
		t.Errorf("names = %v", got)
	}
}

func TestRoleChain(t *testing.T) {
	config := []byte(`[profile a]
role_arn = arn:aws:iam::123456789012:role/A
source_profile = b
[profile b]
role_arn = arn:aws:iam::123456789012:role/B
source_profile = a
[profile dangling]
role_arn = arn:aws:iam::123456789012:role/D
source_profile = nowhere
[profile top]
role_arn = arn:aws:iam::123456789012:role/T
source_profile = mid
[profile mid]
role_arn = arn:aws:iam::123456789012:role/M
source_profile = keys
[profile self]
role_arn = arn:aws:iam::123456789012:role/S
source_profile = self
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = x
[profile selfnokeys]
role_arn = arn:aws:iam::123456789012:role/S
source_profile = selfnokeys
[profile instance]
role_arn = arn:aws:iam::123456789012:role/I
credential_source = Ec2InstanceMetadata
`)
	creds := []byte("[keys]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n")
	f := Parse(Paths{Config: "c", Credentials: "k"}, config, creds)
	names := func(ps []Profile) string {
		var s []string
		for _, p := range ps {
			s = append(s, p.Name)
		}
		return strings.Join(s, ",")
	}
	for _, tt := range []struct{ name, chain, err string }{
		{"a", "a,b", "source_profile loop: a → b → a"},
		{"dangling", "dangling", `the source_profile "nowhere" of profile "dangling" does not exist`},
		{"top", "top,mid,keys", ""},
		{"self", "self", ""},
		{"selfnokeys", "selfnokeys", "source_profile loop: selfnokeys → selfnokeys"},
		{"instance", "instance", ""},
		{"keys", "keys", ""},
		{"none", "", ""},
	} {
		chain, err := f.RoleChain(tt.name)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if names(chain) != tt.chain || got != tt.err {
			t.Errorf("RoleChain(%q) = %s, %q; want %s, %q", tt.name, names(chain), got, tt.chain, tt.err)
		}
	}
}
