package awsconfig

import "testing"

// The keys are botocore's own: AssumeRoleCredentialFetcher(...)._cache_key
// for the same arguments (botocore 1.43).
func TestRoleCacheKey(t *testing.T) {
	config := []byte(`[profile mfa]
role_arn = arn:aws:iam::123456789012:role/M
mfa_serial = arn:aws:iam::123456789012:mfa/u
source_profile = keys
[profile all]
role_arn = arn:aws:iam::123456789012:role/M
mfa_serial = arn:aws:iam::123456789012:mfa/u
duration_seconds = 900
external_id = ext"é
role_session_name = me
[profile plain]
role_arn = arn:aws:iam::123456789012:role/M
duration_seconds = soon
`)
	f := Parse(Paths{}, config, nil)
	for name, want := range map[string]string{
		"mfa":   "97f0a20d3e6939ad2aec160c4449c398426f091a",
		"all":   "bb507d57ad1cd824f018c173d5ec3b9e83dcda0b",
		"plain": "297066f2d68d8d26154c2d127f8e2e875b44e1ca",
	} {
		p, _ := f.Profile(name)
		if got := RoleCacheKey(p); got != want {
			t.Errorf("RoleCacheKey(%s) = %s, want %s", name, got, want)
		}
	}
}
