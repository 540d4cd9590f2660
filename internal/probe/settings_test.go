package probe

import (
	"reflect"
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/internal/testenv/tools"
)

const testURL = "https://git-codecommit.us-east-1.amazonaws.com:8443/v1/repos/MyDemoRepo"

func TestReadSettings(t *testing.T) {
	tools.RequireTool(t, "git")
	tests := []struct {
		name      string
		gitconfig string
		env       []string
		remote    string
		want      Settings
	}{
		{
			name: "nothing set: direct, system roots, verified",
			want: Settings{Verify: true},
		},
		{
			name:      "http.proxy for the URL beats the environment; NO_PROXY is kept",
			gitconfig: "[http \"https://git-codecommit.us-east-1.amazonaws.com:8443\"]\n\tproxy = proxy.corp:3128\n[http \"https://example.com\"]\n\tproxy = http://other:1\n",
			env:       []string{"HTTPS_PROXY=http://env:8080", "NO_PROXY=.internal"},
			want:      Settings{Proxy: "http://proxy.corp:3128", ProxySource: "git config http.proxy", NoProxy: ".internal", NoProxySource: "NO_PROXY", Verify: true},
		},
		{
			name: "environment: https_proxy wins over HTTPS_PROXY, as in git",
			env:  []string{"HTTPS_PROXY=http://upper:1", "https_proxy=http://lower:2"},
			want: Settings{Proxy: "http://lower:2", ProxySource: "https_proxy", Verify: true},
		},
		{
			name:      "an empty http.proxy disables the environment's proxy",
			gitconfig: "[http]\n\tproxy =\n",
			env:       []string{"HTTPS_PROXY=http://env:8080"},
			want:      Settings{ProxySource: "git config http.proxy", Verify: true},
		},
		{
			name:      "remote.<name>.proxy beats http.proxy",
			gitconfig: "[http]\n\tproxy = http://global:1\n[remote \"origin\"]\n\tproxy = http://remote:2\n",
			remote:    "origin",
			want:      Settings{Proxy: "http://remote:2", ProxySource: "git config remote.origin.proxy", Verify: true},
		},
		{
			name:      "GIT_SSL_CAINFO beats http.sslCAInfo",
			gitconfig: "[http]\n\tsslCAInfo = /from/config.pem\n",
			env:       []string{"GIT_SSL_CAINFO=/from/env.pem"},
			want:      Settings{CAInfo: "/from/env.pem", CAInfoSource: "GIT_SSL_CAINFO", Verify: true},
		},
		{
			name:      "http.sslCAInfo alone",
			gitconfig: "[http]\n\tsslCAInfo = /from/config.pem\n",
			want:      Settings{CAInfo: "/from/config.pem", CAInfoSource: "git config http.sslCAInfo", Verify: true},
		},
		{
			name:      "sslVerify=false only for the matching URL",
			gitconfig: "[http \"https://git-codecommit.us-east-1.amazonaws.com:8443/\"]\n\tsslVerify = false\n[http \"https://other.example\"]\n\tsslVerify = true\n",
			want:      Settings{Verify: false, VerifySource: "git config http.sslVerify"},
		},
		{
			name: "GIT_SSL_NO_VERIFY",
			env:  []string{"GIT_SSL_NO_VERIFY=1"},
			want: Settings{Verify: false, VerifySource: "GIT_SSL_NO_VERIFY"},
		},
		{
			name: "curloptResolve: all values, an empty one resets, URL sections that match",
			gitconfig: "[http]\n\tcurloptResolve = old:1:127.0.0.1\n\tcurloptResolve =\n\tcurloptResolve = a:1:127.0.0.1\n" +
				"[http \"https://*.us-east-1.amazonaws.com:8443\"]\n\tcurloptResolve = b:2:127.0.0.2\n" +
				"[http \"https://elsewhere.example\"]\n\tcurloptResolve = c:3:127.0.0.3\n",
			want: Settings{Verify: true, Resolve: []string{"a:1:127.0.0.1", "b:2:127.0.0.2"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, _ := isolatedMachine(t, tt.gitconfig, tt.env...)
			got, err := ReadSettings(ctx(t), m, ReadOptions{URL: testURL, Remote: tt.remote})
			if err != nil {
				t.Fatal(err)
			}
			tt.want.URL = testURL
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestReadSettingsSeesCommandLineConfig(t *testing.T) {
	tools.RequireTool(t, "git")
	// git -c ... passes settings to child processes in GIT_CONFIG_PARAMETERS;
	// a doctor started from such an environment must see them too.
	m, _ := isolatedMachine(t, "", "GIT_CONFIG_PARAMETERS='http.curloptresolve'='h:1:127.0.0.1'")
	got, err := ReadSettings(ctx(t), m, ReadOptions{URL: testURL})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Resolve, []string{"h:1:127.0.0.1"}) {
		t.Errorf("resolve = %v", got.Resolve)
	}
}

func TestAWSSettings(t *testing.T) {
	m, _ := isolatedMachine(t, "", "HTTPS_PROXY=proxy:3128", "https_proxy=http://ignored:1", "no_proxy=.amazonaws.com", "AWS_CA_BUNDLE=/ca.pem")
	got := AWSSettings(m, "https://sts.us-east-1.amazonaws.com/")
	want := Settings{URL: "https://sts.us-east-1.amazonaws.com/", Proxy: "http://proxy:3128", ProxySource: "HTTPS_PROXY",
		NoProxy: ".amazonaws.com", NoProxySource: "no_proxy", CAInfo: "/ca.pem", CAInfoSource: "AWS_CA_BUNDLE", Verify: true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	m, _ = isolatedMachine(t, "", "HTTPS_PROXY=http://p:1")
	if got := AWSSettings(m, "http://127.0.0.1:5000"); got.Proxy != "" {
		t.Errorf("an http:// endpoint must not use HTTPS_PROXY: %+v", got)
	}
}
