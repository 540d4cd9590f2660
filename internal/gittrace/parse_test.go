package gittrace

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func fixture(t *testing.T, name string) *Trace {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	return Parse(string(b))
}

// helperSummary is "name:action" for every helper run.
func helperSummary(tr *Trace) []string {
	var out []string
	for _, h := range tr.Helpers {
		out = append(out, h.Name+":"+h.Action)
	}
	return out
}

// The fixtures are real git 2.39 traces against the emulated endpoint with
// the real AWS CLI helper (see testdata/README).
func TestParseRealTraces(t *testing.T) {
	tests := []struct {
		name       string
		helpers    []string
		answered   string // "" = none
		statuses   []int
		kind       Kind
		status     int
		helperSays string // a line the first helper printed
	}{
		{name: "healthy", helpers: []string{"aws:get", "aws:store"}, answered: "aws", statuses: []int{401, 200, 200}},
		{name: "store-stale", helpers: []string{"store:get"}, answered: "store", statuses: []int{401, 403}, kind: KindHTTP, status: 403},
		{name: "nopath", helpers: []string{"aws:get"}, statuses: []int{401}, kind: KindNoCredentials, helperSays: "'path'"},
		{name: "nocreds", helpers: []string{"aws:get"}, statuses: []int{401}, kind: KindNoCredentials, helperSays: "'NoneType' object has no attribute 'secret_key'"},
		{name: "noaws", helpers: []string{"aws:get"}, statuses: []int{401}, kind: KindNoCredentials, helperSays: "aws codecommit credential-helper $@ get: 1: aws: not found"},
		{name: "wrongsecret", helpers: []string{"aws:get"}, answered: "aws", statuses: []int{401, 403}, kind: KindHTTP, status: 403},
		{name: "deny", helpers: []string{"aws:get"}, answered: "aws", statuses: []int{401, 403}, kind: KindHTTP, status: 403},
		{name: "clock", helpers: []string{"aws:get"}, answered: "aws", statuses: []int{401, 403}, kind: KindHTTP, status: 403},
		{name: "upper", helpers: []string{"aws:get"}, answered: "aws", statuses: []int{401, 403}, kind: KindHTTP, status: 403},
		{name: "notfound", helpers: []string{"aws:get"}, answered: "aws", statuses: []int{401, 404}, kind: KindNotFound, status: 404},
		{name: "throttle", statuses: []int{429}, kind: KindHTTP, status: 429},
		{name: "closedport", kind: KindConnect},
		{name: "dns", kind: KindDNS},
		{name: "tls", kind: KindTLS},
		{name: "proxy", kind: KindProxy},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := fixture(t, tt.name)
			if got := helperSummary(tr); !reflect.DeepEqual(got, tt.helpers) {
				t.Errorf("helpers = %v, want %v", got, tt.helpers)
			}
			h, ok := tr.Answered()
			if ok != (tt.answered != "") || h.Name != tt.answered {
				t.Errorf("answered = %q (%v), want %q", h.Name, ok, tt.answered)
			}
			if got := tr.Statuses(); !reflect.DeepEqual(got, tt.statuses) {
				t.Errorf("statuses = %v, want %v", got, tt.statuses)
			}
			f := tr.Failure()
			if f.Kind != tt.kind || f.Status != tt.status {
				t.Errorf("failure = %+v, want kind %q status %d", f, tt.kind, tt.status)
			}
			if tt.kind != KindNone && !strings.HasPrefix(f.Message, "fatal: ") {
				t.Errorf("failure message %q is not git's fatal line", f.Message)
			}
			if tt.helperSays != "" {
				if len(tr.Helpers) == 0 || len(tr.Helpers[0].Output) == 0 || tr.Helpers[0].Output[0] != tt.helperSays {
					t.Errorf("helper output = %+v, want %q", tr.Helpers, tt.helperSays)
				}
			}
			for _, h := range tr.Helpers {
				for _, line := range h.Output {
					if strings.HasPrefix(line, "fatal:") {
						t.Errorf("git's own line %q was given to helper %s", line, h.Name)
					}
				}
			}
		})
	}
}

func TestParseExchanges(t *testing.T) {
	tr := fixture(t, "healthy")
	if len(tr.Exchanges) != 3 {
		t.Fatalf("exchanges = %+v", tr.Exchanges)
	}
	first, second, third := tr.Exchanges[0], tr.Exchanges[1], tr.Exchanges[2]
	if first.Authenticated || first.Method != "GET" || first.Path() != "/v1/repos/MyDemoRepo/info/refs" ||
		!strings.HasPrefix(first.Host, "git-codecommit.us-east-1.amazonaws.com:") || first.Helper != -1 {
		t.Errorf("first = %+v", first)
	}
	if !second.Authenticated || second.User != "AKIAEXAMPLEKEY123456" || second.Helper != 0 || second.Reason != "OK" {
		t.Errorf("second = %+v", second)
	}
	// The POST reuses the credentials of the helper that answered.
	if third.Method != "POST" || !third.Authenticated || third.Helper != 0 {
		t.Errorf("third = %+v", third)
	}
	if e, ok := tr.LastAuthenticated(); !ok || e.Method != "POST" {
		t.Errorf("last authenticated = %+v, %v", e, ok)
	}
	if tr.FinalStatus() != 200 || tr.Fatal != "" {
		t.Errorf("final status %d, fatal %q", tr.FinalStatus(), tr.Fatal)
	}
}

func TestFailureNamesURLAndHost(t *testing.T) {
	f := fixture(t, "proxy").Failure()
	if f.Host != "127.0.0.1" || !strings.HasPrefix(f.URL, "https://git-codecommit.us-east-1.amazonaws.com:") {
		t.Errorf("proxy failure = %+v", f)
	}
	f = fixture(t, "closedport").Failure()
	if f.Host != "git-codecommit.us-east-1.amazonaws.com" {
		t.Errorf("connect failure = %+v", f)
	}
}
