package ccurl

import "testing"

func TestCanonicalURL(t *testing.T) {
	const h1 = "git-codecommit.us-east-1.amazonaws.com"
	for in, want := range map[string]string{
		"https://" + h1 + "/v1/repos/Repo/":                                                               "https://" + h1 + "/v1/repos/Repo",
		"https://" + h1 + "/v1/repos/Repo.git":                                                            "https://" + h1 + "/v1/repos/Repo",
		"https://" + h1 + ":8443/v1/repos/Repo":                                                           "https://" + h1 + "/v1/repos/Repo",
		"https://u:pw@" + h1 + "/v1/repos/Repo?x=1":                                                       "https://" + h1 + "/v1/repos/Repo",
		"http://" + h1 + "/v1/repos/Repo":                                                                 "https://" + h1 + "/v1/repos/Repo",
		"HTTPS://GIT-CODECOMMIT.US-EAST-1.AMAZONAWS.COM/v1/repos/Repo":                                    "https://" + h1 + "/v1/repos/Repo",
		"https://" + h1 + "/v1/repos/Repo/info/refs":                                                      "https://" + h1 + "/v1/repos/Repo",
		"https://git-codecommit-fips.us-west-2.amazonaws.com/v1/repos/R/":                                 "https://git-codecommit-fips.us-west-2.amazonaws.com/v1/repos/R",
		"https://git-codecommit.cn-north-1.amazonaws.com.cn/v1/repos/R/":                                  "https://git-codecommit.cn-north-1.amazonaws.com.cn/v1/repos/R",
		"https://vpce-0b7d2d9a8d9e0f1a2-abcd1234.git-codecommit.us-east-1.vpce.amazonaws.com/v1/repos/R/": "https://vpce-0b7d2d9a8d9e0f1a2-abcd1234.git-codecommit.us-east-1.vpce.amazonaws.com/v1/repos/R",
		"https://codecommit.us-east-1.amazonaws.com/v1/repos/Repo":                                        "https://" + h1 + "/v1/repos/Repo",
		"ssh://APKAEIBAERJR2EXAMPLE@" + h1 + "/v1/repos/Repo":                                             "https://" + h1 + "/v1/repos/Repo",
		// Nothing can be promised: no URL.
		"https://" + h1 + "/v1/repos/R%C3%A9po-x":                                           "",
		"https://" + h1 + "/v1/repos/team%2Fapp":                                            "",
		"https://" + h1 + "/v1/repos/My%20Repo":                                             "",
		"https://" + h1 + "/v1/repos/":                                                      "",
		"https://" + h1 + "/v1/repos/.git":                                                  "",
		"https://github.com/org/repo.git":                                                   "",
		"https://github.com/v1/repos/Repo":                                                  "",
		"https://git.example.com/v1/repos/Repo":                                             "",
		"https://git-codecommit.us-east-1.amazonaws.com.example.net/v1/repos/R":             "",
		"https://git-codecommit.amazonaws.com/v1/repos/R":                                   "",
		"https://git-codecommit.ap-southeast-5.amazonaws.com/v1/repos/R":                    "",
		"https://vpce-0b7d2d9a8d9e0f1a2.git-codecommit.us-east-1.amazonaws.com/v1/repos/R/": "",
		"codecommit::us-west-2://R":                                                         "",
	} {
		got := CanonicalURL(Parse(in))
		if got != want {
			t.Errorf("CanonicalURL(%q) = %q, want %q", in, got, want)
		}
		if got == "" {
			continue
		}
		r := Parse(got)
		if !r.IsCodeCommit() || r.Repository != Parse(in).Repository {
			t.Errorf("CanonicalURL(%q) = %q, which names another repository", in, got)
		}
		for _, p := range r.Problems {
			t.Errorf("CanonicalURL(%q) = %q still has the problem %s", in, got, p.Code)
		}
	}
}
