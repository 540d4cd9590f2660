package ccurl

import (
	"slices"
	"strings"
	"testing"
)

// want is the expected parse of one URL. Zero values mean "expected empty".
type want struct {
	scheme, host, port, region, repo, profile, user string
	fips, vpce, china, userinfo, password           bool
	codes                                           []string
	display                                         string // checked when non-empty
}

func TestParse(t *testing.T) {
	const (
		h1 = "git-codecommit.us-east-1.amazonaws.com"
		h2 = "git-codecommit.us-east-2.amazonaws.com"
	)
	tests := []struct {
		name string
		in   string
		want want
	}{
		// HTTPS, the AWS CLI credential helper path.
		{"canonical", "https://" + h2 + "/v1/repos/MyDemoRepo",
			want{scheme: "https", host: h2, region: "us-east-2", repo: "MyDemoRepo"}},
		{"dots dashes underscores", "https://git-codecommit.eu-central-1.amazonaws.com/v1/repos/team.api_v2-svc",
			want{scheme: "https", host: "git-codecommit.eu-central-1.amazonaws.com", region: "eu-central-1", repo: "team.api_v2-svc"}},
		{"fips", "https://git-codecommit-fips.us-west-2.amazonaws.com/v1/repos/Repo",
			want{scheme: "https", host: "git-codecommit-fips.us-west-2.amazonaws.com", region: "us-west-2", repo: "Repo", fips: true}},
		{"fips govcloud", "https://git-codecommit-fips.us-gov-west-1.amazonaws.com/v1/repos/Repo",
			want{scheme: "https", host: "git-codecommit-fips.us-gov-west-1.amazonaws.com", region: "us-gov-west-1", repo: "Repo", fips: true}},
		{"fips where none", "https://git-codecommit-fips.eu-west-1.amazonaws.com/v1/repos/Repo",
			want{scheme: "https", host: "git-codecommit-fips.eu-west-1.amazonaws.com", region: "eu-west-1", repo: "Repo", fips: true,
				codes: []string{CodeFIPSUnavailable}}},
		{"vpc endpoint", "https://vpce-0b7d2d9a8d9e0f1a2-abcd1234.git-codecommit.us-east-1.vpce.amazonaws.com/v1/repos/Repo",
			want{scheme: "https", host: "vpce-0b7d2d9a8d9e0f1a2-abcd1234.git-codecommit.us-east-1.vpce.amazonaws.com", region: "us-east-1", repo: "Repo", vpce: true}},
		{"vpc endpoint zonal fips", "https://vpce-0b7d2d9a8d9e0f1a2-abcd1234-us-east-2a.git-codecommit-fips.us-east-2.vpce.amazonaws.com/v1/repos/Repo",
			want{scheme: "https", host: "vpce-0b7d2d9a8d9e0f1a2-abcd1234-us-east-2a.git-codecommit-fips.us-east-2.vpce.amazonaws.com", region: "us-east-2", repo: "Repo", vpce: true, fips: true}},
		{"vpc endpoint without vpce label", "https://vpce-0b7d2d9a8d9e0f1a2.git-codecommit.us-east-1.amazonaws.com/v1/repos/Repo",
			want{scheme: "https", host: "vpce-0b7d2d9a8d9e0f1a2.git-codecommit.us-east-1.amazonaws.com", region: "us-east-1", repo: "Repo", vpce: true,
				codes: []string{CodeBadVPCEHost}}},
		{"china", "https://git-codecommit.cn-northwest-1.amazonaws.com.cn/v1/repos/Repo",
			want{scheme: "https", host: "git-codecommit.cn-northwest-1.amazonaws.com.cn", region: "cn-northwest-1", repo: "Repo", china: true}},
		{"china region on .com", "https://git-codecommit.cn-north-1.amazonaws.com/v1/repos/Repo",
			want{scheme: "https", host: "git-codecommit.cn-north-1.amazonaws.com", region: "cn-north-1", repo: "Repo",
				codes: []string{CodeChinaHostMismatch}}},
		{".com.cn outside china", "https://git-codecommit.us-east-1.amazonaws.com.cn/v1/repos/Repo",
			want{scheme: "https", host: "git-codecommit.us-east-1.amazonaws.com.cn", region: "us-east-1", repo: "Repo", china: true,
				codes: []string{CodeChinaHostMismatch}}},
		{"git credentials in url", "https://alice-at-123456789012:wJalrXUtnFEMIK7MDENG@" + h1 + "/v1/repos/Repo",
			want{scheme: "https", host: h1, region: "us-east-1", repo: "Repo", user: "alice-at-123456789012", userinfo: true, password: true,
				codes:   []string{CodeCredentialsInURL},
				display: "https://alice-at-123456789012:REDACTED@" + h1 + "/v1/repos/Repo"}},
		{"username only", "https://alice-at-123456789012@" + h1 + "/v1/repos/Repo",
			want{scheme: "https", host: h1, region: "us-east-1", repo: "Repo", user: "alice-at-123456789012", userinfo: true,
				codes: []string{CodeUsernameInURL}}},
		{"signed url with session token", "https://ASIAEXAMPLEKEYID%25IQoJb3JpZ2luX2VjEXAMPLE:20240101T000000Zabcdef0123@" + h1 + "/v1/repos/Repo",
			want{scheme: "https", host: h1, region: "us-east-1", repo: "Repo", user: "ASIAEXAMPLEKEYID%REDACTED", userinfo: true, password: true,
				codes:   []string{CodeCredentialsInURL},
				display: "https://ASIAEXAMPLEKEYID%REDACTED:REDACTED@" + h1 + "/v1/repos/Repo"}},
		{"port 443", "https://" + h1 + ":443/v1/repos/Repo",
			want{scheme: "https", host: h1, port: "443", region: "us-east-1", repo: "Repo"}},
		{"port 8443", "https://" + h1 + ":8443/v1/repos/Repo",
			want{scheme: "https", host: h1, port: "8443", region: "us-east-1", repo: "Repo", codes: []string{CodeUnusualPort}}},
		{"upper-case host", "https://GIT-CODECOMMIT.US-EAST-1.AMAZONAWS.COM/v1/repos/Repo",
			want{scheme: "https", host: "GIT-CODECOMMIT.US-EAST-1.AMAZONAWS.COM", region: "us-east-1", repo: "Repo",
				codes: []string{CodeUppercaseHost, CodeHelperIgnoresHost}}},
		{"upper-case region only", "https://git-codecommit.US-EAST-1.amazonaws.com/v1/repos/Repo",
			want{scheme: "https", host: "git-codecommit.US-EAST-1.amazonaws.com", region: "us-east-1", repo: "Repo",
				codes: []string{CodeUppercaseHost}}},
		{"upper-case scheme", "HTTPS://" + h1 + "/v1/repos/Repo",
			want{scheme: "https", host: h1, region: "us-east-1", repo: "Repo", codes: []string{CodeUppercaseScheme}}},
		{".git suffix", "https://" + h1 + "/v1/repos/Repo.git",
			want{scheme: "https", host: h1, region: "us-east-1", repo: "Repo", codes: []string{CodeGitSuffix}}},
		{"trailing slash", "https://" + h1 + "/v1/repos/Repo/",
			want{scheme: "https", host: h1, region: "us-east-1", repo: "Repo", codes: []string{CodeTrailingSlash}}},
		{"missing v1 repos", "https://" + h1 + "/Repo",
			want{scheme: "https", host: h1, region: "us-east-1", codes: []string{CodeBadPath}}},
		{"github style path", "https://" + h1 + "/org/Repo.git",
			want{scheme: "https", host: h1, region: "us-east-1", codes: []string{CodeBadPath}}},
		{"extra segments", "https://" + h1 + "/v1/repos/Repo/info/refs",
			want{scheme: "https", host: h1, region: "us-east-1", repo: "Repo", codes: []string{CodeBadPath}}},
		{"upper-case path prefix", "https://" + h1 + "/V1/Repos/Repo",
			want{scheme: "https", host: h1, region: "us-east-1", repo: "Repo", codes: []string{CodeBadPath}}},
		{"empty segment", "https://" + h1 + "/v1/repos//Repo",
			want{scheme: "https", host: h1, region: "us-east-1", codes: []string{CodeBadPath}}},
		{"no repository", "https://" + h1 + "/v1/repos/",
			want{scheme: "https", host: h1, region: "us-east-1", codes: []string{CodeNoRepository}}},
		{"no path", "https://" + h1,
			want{scheme: "https", host: h1, region: "us-east-1", codes: []string{CodeNoRepository}}},
		{"only .git", "https://" + h1 + "/v1/repos/.git",
			want{scheme: "https", host: h1, region: "us-east-1", codes: []string{CodeGitSuffix, CodeNoRepository}}},
		{"encoded space in name", "https://" + h1 + "/v1/repos/My%20Repo",
			want{scheme: "https", host: h1, region: "us-east-1", repo: "My Repo", codes: []string{CodeInvalidRepositoryName}}},
		{"encoded slash in name", "https://" + h1 + "/v1/repos/team%2Fapp",
			want{scheme: "https", host: h1, region: "us-east-1", repo: "team/app", codes: []string{CodeInvalidRepositoryName}}},
		{"encoded slash at the end", "https://" + h1 + "/v1/repos/Repo%2f",
			want{scheme: "https", host: h1, region: "us-east-1", repo: "Repo/", codes: []string{CodeInvalidRepositoryName}}},
		{"encoded letters in name", "https://" + h1 + "/v1/repos/%52epo",
			want{scheme: "https", host: h1, region: "us-east-1", repo: "Repo"}},
		{"encoded slash after the name", "https://" + h1 + "/v1/repos/Repo/x%2Fy",
			want{scheme: "https", host: h1, region: "us-east-1", repo: "Repo", codes: []string{CodeBadPath}}},
		{"query", "https://" + h1 + "/v1/repos/Repo?ref=main",
			want{scheme: "https", host: h1, region: "us-east-1", repo: "Repo", codes: []string{CodeQueryOrFragment},
				display: "https://" + h1 + "/v1/repos/Repo?REDACTED"}},
		{"github", "https://github.com/aws/git-remote-codecommit.git",
			want{scheme: "https", host: "github.com", codes: []string{CodeNotCodeCommitHost, CodeHelperIgnoresHost, CodeBadPath}}},
		{"custom cname", "https://git.example.com/v1/repos/Repo",
			want{scheme: "https", host: "git.example.com", repo: "Repo", codes: []string{CodeNotCodeCommitHost, CodeHelperIgnoresHost}}},
		{"api endpoint", "https://codecommit.us-east-1.amazonaws.com/v1/repos/Repo",
			want{scheme: "https", host: "codecommit.us-east-1.amazonaws.com", region: "us-east-1", repo: "Repo", codes: []string{CodeNotCodeCommitHost}}},
		{"host without region", "https://git-codecommit.amazonaws.com/v1/repos/Repo",
			want{scheme: "https", host: "git-codecommit.amazonaws.com", repo: "Repo", codes: []string{CodeRegionNotInHost}}},
		{"lookalike suffix", "https://git-codecommit.us-east-1.amazonaws.com.example.net/v1/repos/Repo",
			want{scheme: "https", host: "git-codecommit.us-east-1.amazonaws.com.example.net", region: "us-east-1", repo: "Repo", codes: []string{CodeNotCodeCommitHost}}},
		{"region without codecommit", "https://git-codecommit.ap-southeast-5.amazonaws.com/v1/repos/Repo",
			want{scheme: "https", host: "git-codecommit.ap-southeast-5.amazonaws.com", region: "ap-southeast-5", repo: "Repo", codes: []string{CodeRegionUnsupported}}},
		{"not a region", "https://git-codecommit.useast1.amazonaws.com/v1/repos/Repo",
			want{scheme: "https", host: "git-codecommit.useast1.amazonaws.com", region: "useast1", repo: "Repo", codes: []string{CodeRegionUnsupported}}},
		{"no host", "https:///v1/repos/Repo",
			want{scheme: "https", repo: "Repo", codes: []string{CodeNotCodeCommitHost}}},
		{"bad port", "https://u:s3cr3t@" + h1 + ":44x/v1/repos/Repo",
			want{scheme: "other", codes: []string{CodeNotAURL}, display: "https://u:REDACTED@" + h1 + ":44x/v1/repos/Repo"}},
		{"whitespace", "  https://" + h1 + "/v1/repos/Repo\n",
			want{scheme: "https", host: h1, region: "us-east-1", repo: "Repo", codes: []string{CodeWhitespace}}},
		{"newline inside", "https://" + h1 + "/v1/repos/Repo\nhost=evil",
			want{scheme: "other", codes: []string{CodeNotAURL}}},

		// http://
		{"http", "http://" + h1 + "/v1/repos/Repo",
			want{scheme: "other", host: h1, region: "us-east-1", repo: "Repo", codes: []string{CodeHTTPNotHTTPS}}},

		// git-remote-codecommit.
		{"grc plain", "codecommit://MyDemoRepo",
			want{scheme: "codecommit", repo: "MyDemoRepo"}},
		{"grc profile", "codecommit://CodeCommitProfile@MyDemoRepo",
			want{scheme: "codecommit", repo: "MyDemoRepo", profile: "CodeCommitProfile", userinfo: true}},
		{"grc region", "codecommit::ap-northeast-1://MyDemoRepo",
			want{scheme: "codecommit", region: "ap-northeast-1", repo: "MyDemoRepo"}},
		{"grc region profile", "codecommit::us-west-2://prof@repo",
			want{scheme: "codecommit", region: "us-west-2", repo: "repo", profile: "prof", userinfo: true}},
		{"grc stripped by git", "us-west-2://prof@repo",
			want{scheme: "codecommit", region: "us-west-2", repo: "repo", profile: "prof", userinfo: true, codes: []string{CodeMissingHelperPrefix}}},
		{"grc upper-case region", "codecommit::US-WEST-2://repo",
			want{scheme: "codecommit", region: "us-west-2", repo: "repo"}},
		{"grc upper-case helper", "CODECOMMIT::us-west-2://repo",
			want{scheme: "codecommit", region: "us-west-2", repo: "repo", codes: []string{CodeUppercaseScheme}}},
		{"grc unknown region", "codecommit::xx-fake-1://repo",
			want{scheme: "codecommit", region: "xx-fake-1", repo: "repo", codes: []string{CodeRegionUnsupported}}},
		{"grc not a region", "codecommit::mars://repo",
			want{scheme: "codecommit", codes: []string{CodeRegionUnsupported}}},
		{"grc pasted https url", "codecommit://git-codecommit.us-west-2.amazonaws.com/v1/repos/hello",
			want{scheme: "codecommit", repo: "git-codecommit.us-west-2.amazonaws.com", codes: []string{CodeBadPath}}},
		{"grc path ignored", "codecommit://repo/sub",
			want{scheme: "codecommit", repo: "repo", codes: []string{CodeBadPath}}},
		{"grc trailing slash harmless", "codecommit://repo/",
			want{scheme: "codecommit", repo: "repo"}},
		{"grc .git", "codecommit://prof@repo.git",
			want{scheme: "codecommit", repo: "repo", profile: "prof", userinfo: true, codes: []string{CodeGitSuffix}}},
		{"grc empty profile", "codecommit://@repo",
			want{scheme: "codecommit", repo: "repo", userinfo: true, codes: []string{CodeEmptyProfile}}},
		{"grc password", "codecommit://prof:hunter22@repo",
			want{scheme: "codecommit", repo: "repo", profile: "prof", userinfo: true, password: true, codes: []string{CodeCredentialsInURL},
				display: "codecommit://prof:REDACTED@repo"}},
		{"grc no repository", "codecommit://",
			want{scheme: "codecommit", codes: []string{CodeNoRepository}}},
		{"grc no slashes", "codecommit::us-east-1:repo",
			want{scheme: "codecommit", codes: []string{CodeBadPath}}},

		// SSH.
		{"ssh url", "ssh://APKAEIBAERJR2EXAMPLE@" + h2 + "/v1/repos/MyDemoRepo",
			want{scheme: "ssh", host: h2, region: "us-east-2", repo: "MyDemoRepo", user: "APKAEIBAERJR2EXAMPLE", userinfo: true}},
		{"ssh url no key id", "ssh://" + h2 + "/v1/repos/MyDemoRepo",
			want{scheme: "ssh", host: h2, region: "us-east-2", repo: "MyDemoRepo"}},
		{"ssh port 22", "ssh://" + h2 + ":22/v1/repos/MyDemoRepo",
			want{scheme: "ssh", host: h2, port: "22", region: "us-east-2", repo: "MyDemoRepo"}},
		{"ssh port 2222", "ssh://" + h2 + ":2222/v1/repos/MyDemoRepo",
			want{scheme: "ssh", host: h2, port: "2222", region: "us-east-2", repo: "MyDemoRepo", codes: []string{CodeUnusualPort}}},
		{"git+ssh", "git+ssh://APKAEIBAERJR2EXAMPLE@" + h2 + "/v1/repos/MyDemoRepo",
			want{scheme: "ssh", host: h2, region: "us-east-2", repo: "MyDemoRepo", user: "APKAEIBAERJR2EXAMPLE", userinfo: true}},
		{"ssh upper-case host is fine", "ssh://GIT-CODECOMMIT.US-EAST-2.AMAZONAWS.COM/v1/repos/MyDemoRepo",
			want{scheme: "ssh", host: "GIT-CODECOMMIT.US-EAST-2.AMAZONAWS.COM", region: "us-east-2", repo: "MyDemoRepo"}},
		{"scp-like", "APKAEIBAERJR2EXAMPLE@git-codecommit.eu-west-1.amazonaws.com:v1/repos/Repo",
			want{scheme: "ssh", host: "git-codecommit.eu-west-1.amazonaws.com", region: "eu-west-1", repo: "Repo", user: "APKAEIBAERJR2EXAMPLE", userinfo: true}},
		{"scp-like absolute path", "git-codecommit.eu-west-1.amazonaws.com:/v1/repos/Repo",
			want{scheme: "ssh", host: "git-codecommit.eu-west-1.amazonaws.com", region: "eu-west-1", repo: "Repo"}},
		{"scp-like bad path", "APKAEIBAERJR2EXAMPLE@git-codecommit.eu-west-1.amazonaws.com:Repo.git",
			want{scheme: "ssh", host: "git-codecommit.eu-west-1.amazonaws.com", region: "eu-west-1", user: "APKAEIBAERJR2EXAMPLE", userinfo: true, codes: []string{CodeBadPath}}},
		{"scp-like github", "git@github.com:aws/aws-cli.git",
			want{scheme: "ssh", host: "github.com", user: "git", userinfo: true, codes: []string{CodeNotCodeCommitHost, CodeBadPath}}},

		// Everything else.
		{"empty", "", want{scheme: "other", codes: []string{CodeEmptyURL}}},
		{"blank", " \t ", want{scheme: "other", codes: []string{CodeEmptyURL}}},
		{"absolute path", "/home/me/src/Repo", want{scheme: "other", codes: []string{CodeLocalPath}}},
		{"relative path", "../Repo", want{scheme: "other", codes: []string{CodeLocalPath}}},
		{"path with colon after slash", "./odd:name", want{scheme: "other", codes: []string{CodeLocalPath}}},
		{"windows path", `C:\Users\me\Repo`, want{scheme: "other", codes: []string{CodeLocalPath}}},
		{"file url", "file:///srv/git/Repo.git", want{scheme: "other", codes: []string{CodeLocalPath}}},
		{"word", "garbage", want{scheme: "other", codes: []string{CodeLocalPath}}},
		{"git protocol", "git://github.com/aws/aws-cli.git", want{scheme: "other", codes: []string{CodeUnsupportedScheme}}},
		{"other helper", "s3::https://bucket/repo", want{scheme: "other", codes: []string{CodeUnsupportedScheme}}},
		{"leading colon", ":v1/repos/Repo", want{scheme: "other", codes: []string{CodeNotAURL}}},
	}
	if len(tests) < 30 {
		t.Fatalf("only %d cases", len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Parse(tt.in)
			w := tt.want
			if got.Raw != tt.in {
				t.Errorf("Raw = %q, want the input", got.Raw)
			}
			check := func(field, got, want string) {
				t.Helper()
				if got != want {
					t.Errorf("%s = %q, want %q", field, got, want)
				}
			}
			check("Scheme", got.Scheme, w.scheme)
			check("Host", got.Host, w.host)
			check("Port", got.Port, w.port)
			check("Region", got.Region, w.region)
			check("Repository", got.Repository, w.repo)
			check("Profile", got.Profile, w.profile)
			check("Username", got.Username, w.user)
			if w.display != "" {
				check("Display", got.Display, w.display)
			}
			flags := [][3]any{
				{"FIPS", got.FIPS, w.fips}, {"VPCEndpoint", got.VPCEndpoint, w.vpce}, {"China", got.China, w.china},
				{"HasUserInfo", got.HasUserInfo, w.userinfo}, {"HasPassword", got.HasPassword, w.password},
			}
			for _, f := range flags {
				if f[1] != f[2] {
					t.Errorf("%s = %v, want %v", f[0], f[1], f[2])
				}
			}
			var codes []string
			for _, p := range got.Problems {
				codes = append(codes, p.Code)
				if p.Message == "" {
					t.Errorf("problem %s has no message", p.Code)
				}
			}
			if !slices.Equal(codes, w.codes) {
				t.Errorf("problem codes = %q, want %q", codes, w.codes)
			}
		})
	}
}

func TestHasProblem(t *testing.T) {
	r := Parse("https://git-codecommit.us-east-1.amazonaws.com/v1/repos/Repo/")
	if !r.HasProblem(CodeTrailingSlash) {
		t.Errorf("HasProblem(%q) = false, want true", CodeTrailingSlash)
	}
	if r.HasProblem(CodeGitSuffix) {
		t.Errorf("HasProblem(%q) = true, want false", CodeGitSuffix)
	}
}

func TestGRCHostHintSuggestsURL(t *testing.T) {
	r := Parse("codecommit://git-codecommit.us-west-2.amazonaws.com/v1/repos/hello")
	if len(r.Problems) != 1 {
		t.Fatalf("problems = %v", r.Problems)
	}
	const want = "codecommit::us-west-2://hello"
	if msg := r.Problems[0].Message; !strings.Contains(msg, want) {
		t.Errorf("message %q does not suggest %q", msg, want)
	}
}
