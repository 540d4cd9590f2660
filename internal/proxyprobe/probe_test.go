package proxyprobe

import (
	"bufio"
	"context"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// proxyStub is a loopback listener that answers CONNECT with status (0:
// accept and never answer) and records the Proxy-Authorization it got.
func proxyStub(t *testing.T, status int) (string, chan string) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	auth := make(chan string, 1)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				req, err := http.ReadRequest(bufio.NewReader(c))
				if err != nil {
					return
				}
				select {
				case auth <- req.Header.Get("Proxy-Authorization"):
				default:
				}
				if status == 0 {
					time.Sleep(10 * time.Second)
					return
				}
				c.Write([]byte("HTTP/1.1 " + strconv.Itoa(status) + " " + http.StatusText(status) + "\r\nContent-Length: 0\r\n\r\n"))
			}()
		}
	}()
	return ln.Addr().String(), auth
}

func TestProbe(t *testing.T) {
	closed := func() string {
		ln, _ := net.Listen("tcp", "127.0.0.1:0")
		a := ln.Addr().String()
		ln.Close()
		return a
	}()
	silent, _ := proxyStub(t, 0)
	auth, _ := proxyStub(t, 407)
	denied, _ := proxyStub(t, 403)
	bad, _ := proxyStub(t, 502)
	tests := []struct {
		proxy, words string
		kind         Kind
	}{
		{"http://" + closed, "proxy http://" + closed + " refused the connection", Refused},
		{"http://" + silent, "proxy http://" + silent + " accepted the connection and never answered (waited ", Silent},
		{"http://" + auth, "proxy http://" + auth + " answered 407 Proxy Authentication Required to CONNECT sts.example.invalid:443", Status},
		{"http://" + denied, "proxy http://" + denied + " answered 403 Forbidden to CONNECT sts.example.invalid:443", Status},
		{"http://" + bad, "proxy http://" + bad + " answered 502 Bad Gateway to CONNECT sts.example.invalid:443", Status},
		{"http://u:s3cretPass@" + auth, "proxy http://u:****@" + auth + " answered 407 Proxy Authentication Required to CONNECT sts.example.invalid:443 (it does not accept the user name and password in HTTPS_PROXY)", Status},
	}
	ok, okAuth := proxyStub(t, 200)
	u, _ := url.Parse("http://carol:Pw@" + ok)
	if v := Probe(context.Background(), u, "HTTPS_PROXY", "sts.example.invalid:443"); v.Kind != OK || v.Broken() {
		t.Errorf("a proxy that answers 200: %+v", v)
	}
	if got := <-okAuth; got != "Basic Y2Fyb2w6UHc=" {
		t.Errorf("Proxy-Authorization %q", got)
	}
	for _, tc := range tests {
		u, _ := url.Parse(tc.proxy)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		start := time.Now()
		v := Probe(ctx, u, "HTTPS_PROXY", "sts.example.invalid:443")
		cancel()
		if v.Kind != tc.kind || v.Words() != tc.words && !(tc.kind == Silent && strings.HasPrefix(v.Words(), tc.words)) {
			t.Errorf("%s: %s %q, want %s %q", tc.proxy, v.Kind, v.Words(), tc.kind, tc.words)
		}
		if !v.Broken() {
			t.Errorf("%s: not broken", tc.proxy)
		}
		if time.Since(start) > MaxWait+time.Second {
			t.Errorf("%s: took %s", tc.proxy, time.Since(start))
		}
		if strings.Contains(v.Words(), "s3cretPass") {
			t.Errorf("the password is shown: %s", v.Words())
		}
	}
}
