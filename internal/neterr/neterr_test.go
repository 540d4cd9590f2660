package neterr

import (
	"context"
	"net"
	"strings"
	"testing"
)

// Real errors: a resolver on an address nothing can reach, and a closed
// loopback port.
func TestDescribe(t *testing.T) {
	r := &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return nil, &net.OpError{Op: "dial", Net: "udp", Err: errUnreachable()}
	}}
	_, err := r.LookupHost(context.Background(), "sts.us-east-1.amazonaws.com")
	if k, s := Describe(err); k != NoNetwork || !strings.Contains(s, "--offline") {
		t.Errorf("Describe(%v) = %q %q", err, k, s)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, err = net.Dial("tcp", addr)
	if k, s := Describe(err); k != Refused || s != "nothing answers at "+addr+" (connection refused)" {
		t.Errorf("Describe(%v) = %q %q", err, k, s)
	}
	if k, _ := Describe(context.Canceled); k != "" {
		t.Errorf("a non-network error got %q", k)
	}
}
