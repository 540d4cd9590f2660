package ccurl

import "testing"

func TestParseConsole(t *testing.T) {
	const base = "https://us-east-1.console.aws.amazon.com/codesuite/codecommit/repositories/"
	tests := []struct {
		name, in string
		want     Console
		clone    string
	}{
		{"browse", base + "MyDemoRepo/browse?region=us-east-1",
			Console{Repository: "MyDemoRepo", Region: "us-east-1", Page: "browse"},
			"https://git-codecommit.us-east-1.amazonaws.com/v1/repos/MyDemoRepo"},
		{"setup", base + "MyDemoRepo/setup?region=us-east-1",
			Console{Repository: "MyDemoRepo", Region: "us-east-1", Page: "setup"},
			"https://git-codecommit.us-east-1.amazonaws.com/v1/repos/MyDemoRepo"},
		{"branch", base + "MyDemoRepo/browse/refs/heads/main?region=us-east-1",
			Console{Repository: "MyDemoRepo", Region: "us-east-1", Page: "browse/refs/heads/main"},
			"https://git-codecommit.us-east-1.amazonaws.com/v1/repos/MyDemoRepo"},
		{"file in a branch", base + "MyDemoRepo/browse/refs/heads/main/--/src/app.go?region=us-east-1&lines=3-4",
			Console{Repository: "MyDemoRepo", Region: "us-east-1", Page: "browse/refs/heads/main/--/src/app.go"},
			"https://git-codecommit.us-east-1.amazonaws.com/v1/repos/MyDemoRepo"},
		{"no query: region from the host", base + "MyDemoRepo/browse",
			Console{Repository: "MyDemoRepo", Region: "us-east-1", Page: "browse"},
			"https://git-codecommit.us-east-1.amazonaws.com/v1/repos/MyDemoRepo"},
		{"the query wins over the host", base + "MyDemoRepo/browse?region=eu-west-1",
			Console{Repository: "MyDemoRepo", Region: "eu-west-1", Page: "browse"},
			"https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/MyDemoRepo"},
		{"global host with region", "https://console.aws.amazon.com/codesuite/codecommit/repositories/R/browse?region=ap-south-1",
			Console{Repository: "R", Region: "ap-south-1", Page: "browse"},
			"https://git-codecommit.ap-south-1.amazonaws.com/v1/repos/R"},
		{"global host, no region", "https://console.aws.amazon.com/codesuite/codecommit/repositories/R/browse",
			Console{Repository: "R", Page: "browse"}, ""},
		{"repository page itself", base + "R?region=us-east-1",
			Console{Repository: "R", Region: "us-east-1"},
			"https://git-codecommit.us-east-1.amazonaws.com/v1/repos/R"},
		{"trailing slash", base + "R/?region=us-east-1",
			Console{Repository: "R", Region: "us-east-1"},
			"https://git-codecommit.us-east-1.amazonaws.com/v1/repos/R"},
		{".git suffix", base + "R.git/browse?region=us-east-1",
			Console{Repository: "R", GitSuffix: true, Region: "us-east-1", Page: "browse"},
			"https://git-codecommit.us-east-1.amazonaws.com/v1/repos/R"},
		{"double slashes", "https://us-east-1.console.aws.amazon.com//codesuite//codecommit/repositories//R//browse?region=us-east-1",
			Console{Repository: "R", Region: "us-east-1", Page: "browse"},
			"https://git-codecommit.us-east-1.amazonaws.com/v1/repos/R"},
		{"upper-case host and region", "https://US-EAST-1.CONSOLE.AWS.AMAZON.COM/codesuite/codecommit/repositories/R/browse?region=US-EAST-1",
			Console{Repository: "R", Region: "us-east-1", Page: "browse"},
			"https://git-codecommit.us-east-1.amazonaws.com/v1/repos/R"},
		{"china", "https://cn-north-1.console.amazonaws.cn/codesuite/codecommit/repositories/R/browse?region=cn-north-1",
			Console{Repository: "R", Region: "cn-north-1", Page: "browse"},
			"https://git-codecommit.cn-north-1.amazonaws.com.cn/v1/repos/R"},
		{"govcloud", "https://console.amazonaws-us-gov.com/codesuite/codecommit/repositories/R/browse?region=us-gov-west-1",
			Console{Repository: "R", Region: "us-gov-west-1", Page: "browse"},
			"https://git-codecommit.us-gov-west-1.amazonaws.com/v1/repos/R"},
		{"older console", "https://console.aws.amazon.com/codecommit/home?region=us-west-2#/repository/R/browse/HEAD/--/",
			Console{Repository: "R", Region: "us-west-2", Page: "browse/HEAD/--"},
			"https://git-codecommit.us-west-2.amazonaws.com/v1/repos/R"},
		{"encoded name", base + "My%20Repo/browse?region=us-east-1",
			Console{Repository: "My Repo", Region: "us-east-1", Page: "browse"},
			"https://git-codecommit.us-east-1.amazonaws.com/v1/repos/My%20Repo"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := ParseConsole(tc.in)
			if !ok {
				t.Fatalf("ParseConsole(%q) not recognised", tc.in)
			}
			if got != tc.want {
				t.Errorf("ParseConsole(%q)\n got %+v\nwant %+v", tc.in, got, tc.want)
			}
			if c := got.CloneURL(); c != tc.clone {
				t.Errorf("CloneURL = %q, want %q", c, tc.clone)
			}
			if tc.clone != "" && ValidRepositoryName(got.Repository) {
				if r := Parse(tc.clone); len(r.Problems) != 0 || !r.IsCodeCommit() {
					t.Errorf("the clone URL %s has problems %v", tc.clone, r.Problems)
				}
			}
		})
	}
}

func TestParseConsoleRejects(t *testing.T) {
	for _, in := range []string{
		"https://us-east-1.console.aws.amazon.com/codesuite/codecommit/repositories?region=us-east-1",
		"https://us-east-1.console.aws.amazon.com/codesuite/codecommit/home?region=us-east-1",
		"https://us-east-1.console.aws.amazon.com/codesuite/codebuild/projects/P/history?region=us-east-1",
		"https://console.aws.amazon.com/codecommit/home?region=us-west-2#/repository",
		"https://console.aws.amazon.com/codecommit/home?region=us-west-2",
		"https://console.aws.amazon.com.evil.example/codesuite/codecommit/repositories/R/browse",
		"https://notaregion.console.aws.amazon.com/codesuite/codecommit/repositories/R/browse",
		"https://git-codecommit.us-east-1.amazonaws.com/v1/repos/R",
		"ftp://console.aws.amazon.com/codesuite/codecommit/repositories/R/browse",
		"https://console.aws.amazon.com/codesuite/codecommit/repositories/R\n/browse",
		"",
	} {
		if c, ok := ParseConsole(in); ok {
			t.Errorf("ParseConsole(%q) = %+v, want not recognised", in, c)
		}
	}
}

func TestIsCodeCommit(t *testing.T) {
	for in, want := range map[string]bool{
		"https://git-codecommit.us-east-2.amazonaws.com/v1/repos/R":                                      true,
		"https://GIT-CODECOMMIT.US-EAST-2.AMAZONAWS.COM/v1/repos/R":                                      true,
		"https://git-codecommit-fips.us-west-2.amazonaws.com/v1/repos/R":                                 true,
		"https://vpce-0b7d2d9a8d9e0f1a2-abcd1234.git-codecommit.us-east-1.vpce.amazonaws.com/v1/repos/R": true,
		"https://git-codecommit.cn-north-1.amazonaws.com.cn/v1/repos/R":                                  true,
		"https://git-codecommit.amazonaws.com/v1/repos/R":                                                true,
		"ssh://APKAEIBAERJR2EXAMPLE@git-codecommit.us-east-2.amazonaws.com/v1/repos/R":                   true,
		"APKAEIBAERJR2EXAMPLE@git-codecommit.us-east-2.amazonaws.com:v1/repos/R":                         true,
		"http://git-codecommit.us-east-2.amazonaws.com/v1/repos/R":                                       true,
		"codecommit::us-west-2://R":                                                                      true,
		"codecommit://profile@R":                                                                         true,
		"https://github.com/org/repo.git":                                                                false,
		"git@github.com:org/repo.git":                                                                    false,
		"https://github.com/v1/repos/R":                                                                  false,
		"https://codecommit.us-east-1.amazonaws.com/v1/repos/R":                                          false,
		"https://git-codecommit.us-east-1.amazonaws.com.example.net/v1/repos/R":                          false,
		"/srv/git/repo.git": false,
		"https://us-east-1.console.aws.amazon.com/codesuite/codecommit/repositories/R/browse": false,
	} {
		if got := Parse(in).IsCodeCommit(); got != want {
			t.Errorf("Parse(%q).IsCodeCommit() = %v, want %v", in, got, want)
		}
	}
}
