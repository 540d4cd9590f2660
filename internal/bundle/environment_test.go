package bundle

import (
	"strings"
	"testing"
)

func TestEnvironmentShowsNamesAndOnlyHarmlessValues(t *testing.T) {
	env := fakeEnv{
		"AWS_PROFILE":                            "dev",
		"AWS_REGION":                             "eu-west-1",
		"AWS_SECRET_ACCESS_KEY":                  "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
		"AWS_SESSION_TOKEN":                      "FwoGZXIvYXdzEXAMPLETOKEN",
		"AWS_CONTAINER_AUTHORIZATION_TOKEN":      "bearer-secret-value",
		"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/1234",
		"AWS_SOMETHING_NEW":                      "unknown-could-be-secret",
		"AWS_ENDPOINT_URL_STS":                   "https://u:endpointpw@sts.example:8443",
		"HTTPS_PROXY":                            "http://bob:proxypw@proxy:3128",
		"NO_PROXY":                               "localhost,.internal",
		"GIT_CONFIG_COUNT":                       "2",
		"GIT_CONFIG_KEY_0":                       "http.extraHeader",
		"GIT_CONFIG_VALUE_0":                     "Authorization: Bearer headerSecret",
		"GIT_CONFIG_KEY_1":                       "http.proxy",
		"GIT_CONFIG_VALUE_1":                     "http://carol:gitproxypw@proxy:3128",
		"GIT_CONFIG_PARAMETERS":                  "'http.extraheader'='X-Token: paramsecret'",
		"GIT_ASKPASS":                            "/usr/bin/ksshaskpass",
		"GCM_PAT":                                "gcm-personal-token",
		"MY_DATABASE_PASSWORD":                   "not-listed-at-all",
		"EDITOR":                                 "vim",
		"AWS_PAGER":                              "",
	}
	var b strings.Builder
	for _, v := range Environment(env) {
		b.WriteString(v.Name + "=" + v.Value + "\n")
	}
	got := b.String()
	if missing := containsAll(got,
		"AWS_PROFILE=dev\n", "AWS_REGION=eu-west-1\n", "NO_PROXY=localhost,.internal\n", "GIT_ASKPASS=/usr/bin/ksshaskpass\n",
		"AWS_SECRET_ACCESS_KEY=(set, value hidden)\n", "AWS_SESSION_TOKEN=(set, value hidden)\n",
		"AWS_CONTAINER_AUTHORIZATION_TOKEN=(set, value hidden)\n", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=(set, value hidden)\n",
		"AWS_SOMETHING_NEW=(set, value hidden)\n", "GCM_PAT=(set, value hidden)\n",
		"AWS_ENDPOINT_URL_STS=https://****@sts.example:8443\n", "HTTPS_PROXY=http://****@proxy:3128\n",
		"GIT_CONFIG_KEY_0=http.extraHeader\n", "GIT_CONFIG_VALUE_0=(set, value hidden)\n",
		"GIT_CONFIG_VALUE_1=http://****@proxy:3128\n", "GIT_CONFIG_PARAMETERS=(set, value hidden)\n",
		"AWS_PAGER=\n",
	); len(missing) > 0 {
		t.Errorf("missing %q in:\n%s", missing, got)
	}
	for _, never := range []string{"wJalr", "EXAMPLETOKEN", "bearer-secret", "/v2/credentials", "unknown-could-be-secret", "endpointpw",
		"proxypw", "headerSecret", "gitproxypw", "paramsecret", "gcm-personal", "MY_DATABASE_PASSWORD", "not-listed", "EDITOR"} {
		if strings.Contains(got, never) {
			t.Errorf("%q shown:\n%s", never, got)
		}
	}
	if !strings.HasPrefix(got, "AWS_CONTAINER_AUTHORIZATION_TOKEN=") {
		t.Errorf("not sorted by name:\n%s", got)
	}
}

func TestMaskUserinfo(t *testing.T) {
	for in, want := range map[string]string{
		"http://bob:pw@proxy:3128":                       "http://****@proxy:3128",
		"https://a:b@h/x, socks5://c@d:1":                "https://****@h/x, socks5://****@d:1",
		"https://host/path@not-userinfo":                 "https://host/path@not-userinfo",
		"https://u:p@ss@host/v1/repos/r":                 "https://****@host/v1/repos/r",
		"credential.https://u:p@git-codecommit.x.helper": "credential.https://****@git-codecommit.x.helper",
		"no url here": "no url here",
	} {
		if got := maskUserinfo(in); got != want {
			t.Errorf("maskUserinfo(%q) = %q, want %q", in, got, want)
		}
	}
}
