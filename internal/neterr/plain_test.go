package neterr

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"testing"
)

// The SDK's chain around a refused connection becomes what was being done
// and the words; nothing of the chain is left.
func TestPlain(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, dialErr := net.Dial("tcp", addr)
	sdk := fmt.Errorf("calling codecommit:GetRepository in us-east-1: %w",
		fmt.Errorf("operation error CodeCommit: GetRepository, https response error StatusCode: 0, RequestID: , request send failed, %w",
			&url.Error{Op: "Post", URL: "https://codecommit.us-east-1.amazonaws.com/", Err: dialErr}))
	got := Plain(sdk)
	if want := "calling codecommit:GetRepository in us-east-1: nothing answers at " + addr + " (connection refused)"; got != want {
		t.Errorf("Plain = %q, want %q", got, want)
	}
	unknown := fmt.Errorf("calling sts: %w", fmt.Errorf("operation error STS: GetCallerIdentity, https response error StatusCode: 0, RequestID: , %w",
		&url.Error{Op: "Post", URL: "https://sts.example/", Err: errors.New("malformed HTTP response")}))
	got = Plain(unknown)
	if want := "calling sts: Post https://sts.example/: malformed HTTP response"; got != want {
		t.Errorf("Plain = %q, want %q", got, want)
	}
	for _, bad := range []string{"StatusCode: 0", "RequestID:", "operation error", "<nil>"} {
		if strings.Contains(got, bad) {
			t.Errorf("Plain kept %q: %s", bad, got)
		}
	}
	if Plain(nil) != "" {
		t.Errorf("Plain(nil) = %q", Plain(nil))
	}
}
