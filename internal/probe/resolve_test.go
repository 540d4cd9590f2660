package probe

import (
	"reflect"
	"testing"
)

func TestParseResolve(t *testing.T) {
	tests := []struct {
		name    string
		entries []string
		want    resolveTable
		wantErr bool
	}{
		{name: "one", entries: []string{"Git-CodeCommit.us-east-1.amazonaws.com:443:127.0.0.1"},
			want: resolveTable{"git-codecommit.us-east-1.amazonaws.com:443": {"127.0.0.1"}}},
		{name: "several addresses and IPv6", entries: []string{"h:8443:10.0.0.1,[::1]"},
			want: resolveTable{"h:8443": {"10.0.0.1", "::1"}}},
		{name: "later replaces, + is accepted", entries: []string{"h:1:10.0.0.1", "+h:1:10.0.0.2"},
			want: resolveTable{"h:1": {"10.0.0.2"}}},
		{name: "minus removes", entries: []string{"h:1:10.0.0.1", "-h:1"}, want: resolveTable{}},
		{name: "no port", entries: []string{"h"}, wantErr: true},
		{name: "bad port", entries: []string{"h:99999:10.0.0.1"}, wantErr: true},
		{name: "no address", entries: []string{"h:1:"}, wantErr: true},
		{name: "not an address", entries: []string{"h:1:example.com"}, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseResolve(tt.entries)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if !tt.wantErr && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestNoProxy(t *testing.T) {
	tests := []struct {
		list, host string
		want       bool
	}{
		{"*", "anything", true},
		{".amazonaws.com", "git-codecommit.us-east-1.amazonaws.com", true},
		{"amazonaws.com", "git-codecommit.us-east-1.amazonaws.com", true},
		{"amazonaws.com", "notamazonaws.com", false},
		{"localhost, 127.0.0.1", "127.0.0.1", true},
		{"10.0.0.0/8", "10.1.2.3", true},
		{"10.0.0.0/8", "11.1.2.3", false},
		{"example.com:443", "example.com", true},
		{"", "example.com", false},
	}
	for _, tt := range tests {
		if got := noProxy(tt.list, tt.host); got != tt.want {
			t.Errorf("noProxy(%q, %q) = %v, want %v", tt.list, tt.host, got, tt.want)
		}
	}
}

func FuzzParseResolve(f *testing.F) {
	for _, s := range []string{"h:1:127.0.0.1", "-h:1", "+h:2:[::1],10.0.0.1", ":::", "h:0:1.2.3.4"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, entry string) {
		tbl, err := parseResolve([]string{entry})
		if err != nil {
			return
		}
		for k, addrs := range tbl {
			if k == "" || len(addrs) == 0 {
				t.Fatalf("entry %q gave %q -> %v", entry, k, addrs)
			}
		}
	})
}
