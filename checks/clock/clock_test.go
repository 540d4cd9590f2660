package clock

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/checkstest"
	"github.com/codecommit-doctor/codecommit-doctor/checks/proxy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
)

// dateServer answers every request with the given Date header ("" for
// none).
func dateServer(t *testing.T, date string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if date == "" {
			w.Header()["Date"] = nil
		} else {
			w.Header().Set("Date", date)
		}
		w.WriteHeader(http.StatusForbidden)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func TestClockCheck(t *testing.T) {
	aws := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	awsDate := aws.Format(http.TimeFormat)
	tests := []struct {
		name     string
		date     string        // the server's Date header
		offset   time.Duration // local clock minus AWS
		down     bool
		status   checks.Status
		code     string
		mentions string
	}{
		{name: "in agreement", date: awsDate, offset: 700 * time.Millisecond, status: checks.Pass, mentions: "agrees with AWS time"},
		{name: "two minutes ahead", date: awsDate, offset: 2 * time.Minute, status: checks.Warn, code: "clock-skew-warning", mentions: "2m0s ahead of AWS time"},
		{name: "twenty minutes behind", date: awsDate, offset: -20 * time.Minute, status: checks.Fail, code: "clock-skew", mentions: "20m0s behind AWS time"},
		{name: "no Date header", date: "", status: checks.Error, code: "clock-unknown", mentions: "without a Date header"},
		{name: "nothing answers", down: true, status: checks.Error, code: "clock-unknown", mentions: "STS:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			url := dateServer(t, tt.date)
			if tt.down {
				url = "http://127.0.0.1:" + reproTestClosedPort(t)
			}
			// The Date header has whole seconds: the server's time is taken
			// as the middle of that second.
			now := aws.Add(500*time.Millisecond + tt.offset)
			env := &checks.Env{Sys: checkstest.Sys{Env: map[string]string{"AWS_ENDPOINT_URL_STS": url}, Clock: now}}
			res, err := checkstest.Run(t, New(), env)
			if err != nil {
				t.Fatal(err)
			}

			text := res.Summary
			if len(res.Findings) > 0 {
				text = res.Findings[0].Message
				if res.Findings[0].Code != tt.code {
					t.Errorf("code %s, want %s", res.Findings[0].Code, tt.code)
				}
			}
			if res.Status != tt.status || !strings.Contains(text, tt.mentions) {
				t.Errorf("status %s %q; want %s mentioning %q", res.Status, text, tt.status, tt.mentions)
			}
			if tt.status == checks.Pass || tt.status == checks.Warn || tt.status == checks.Fail {
				f, ok := Key.In(res)
				if !ok || f.Offset != tt.offset || f.Source != url {
					t.Errorf("facts %+v, want offset %s from %s", f, tt.offset, url)
				}
			}
		})
	}
}

func TestClockSTSURL(t *testing.T) {
	tests := []struct {
		env    map[string]string
		target string
		want   string
	}{
		{env: map[string]string{"AWS_ENDPOINT_URL_STS": "http://sts.local", "AWS_ENDPOINT_URL": "http://all.local"}, want: "http://sts.local"},
		{env: map[string]string{"AWS_ENDPOINT_URL": "http://all.local"}, want: "http://all.local"},
		{target: "https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/R", env: map[string]string{"AWS_REGION": "us-west-2"}, want: "https://sts.eu-west-1.amazonaws.com/"},
		{env: map[string]string{"AWS_DEFAULT_REGION": "cn-north-1"}, want: "https://sts.cn-north-1.amazonaws.com.cn/"},
		{env: map[string]string{}, want: "https://sts.us-east-1.amazonaws.com/"},
	}
	for _, tt := range tests {
		env := &checks.Env{Sys: checkstest.Sys{Env: tt.env}}
		if tt.target != "" {
			env = env.WithFacts(checkstest.Target(tt.target))
		}
		if got := clockSTSURL(env); got != tt.want {
			t.Errorf("clockSTSURL(%v, %q) = %q, want %q", tt.env, tt.target, got, tt.want)
		}
	}
}

func TestClockFixPerOS(t *testing.T) {
	for goos, want := range map[string]string{"linux": "timedatectl", "darwin": "sntp", "windows": "w32tm"} {
		if fix := remedy.ClockFix(goos); !strings.Contains(fix[0], want) {
			t.Errorf("%s: %q", goos, fix)
		}
	}
}

func reproTestClosedPort(t *testing.T) string {
	t.Helper()
	srv := httptest.NewServer(http.NotFoundHandler())
	port := srv.URL[strings.LastIndexByte(srv.URL, ':')+1:]
	srv.Close()
	return port
}

// A proxy that refuses the connection is named on the clock's line, with
// a fix for the variable it came from; no request goes out.
func TestClockNamesABrokenProxy(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	env := &checks.Env{Sys: checkstest.Sys{Env: map[string]string{"https_proxy": "http://" + addr, "AWS_ENDPOINT_URL_STS": "https://sts.example.invalid"}}}
	env = checkstest.Provide(t, env, proxy.New())
	res, err := checkstest.Run(t, New(), env)
	if err != nil {
		t.Fatal(err)
	}
	want := "could not read AWS time: proxy http://" + addr + " refused the connection"
	if res.Status != checks.Error || checkstest.Codes(res) != "clock-unknown" || res.Summary != want {
		t.Fatalf("%s %s %q, want %q", res.Status, checkstest.Codes(res), res.Summary, want)
	}
	text := checkstest.Text(res)
	if !strings.Contains(text, "unset https_proxy") || strings.Contains(text, "AWS_ENDPOINT_URL_STS, then run") {
		t.Errorf("fix:\n%s", text)
	}
}
