package gitendpoint

import (
	"context"
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// AWSHelper is the credential.helper value the AWS documentation gives for
// Linux, macOS and Unix.
const AWSHelper = "!aws codecommit credential-helper $@"

// AWSHelperArgs returns git options that make the AWS CLI helper the only
// credential helper and send the repository path to it:
//
//	-c credential.helper= -c 'credential.helper=!aws codecommit credential-helper $@' -c credential.UseHttpPath=true
func AWSHelperArgs() []string {
	return []string{"-c", "credential.helper=", "-c", "credential.helper=" + AWSHelper, "-c", "credential.UseHttpPath=true"}
}

// CurlResolve returns "HOST:PORT:127.0.0.1", the value for git's
// http.curloptResolve that sends HOST:PORT to the emulator.
func (s *Server) CurlResolve(host string) string {
	return host + ":" + strconv.Itoa(s.Port()) + ":127.0.0.1"
}

// ResolveArgs returns "-c http.curloptResolve=HOST:PORT:127.0.0.1" for every
// host of the emulator. URLs must carry the port (see RepoURL).
func (s *Server) ResolveArgs() []string {
	args := make([]string, 0, 2*len(s.hosts))
	for _, h := range s.hosts {
		args = append(args, "-c", "http.curloptResolve="+s.CurlResolve(h))
	}
	return args
}

// ClientEnv returns a complete environment, built from scratch, for running
// real git and the AWS CLI against the emulator with home as HOME:
// GIT_SSL_CAINFO, SSL_CERT_FILE and CURL_CA_BUNDLE point at CAFile();
// GIT_CONFIG_NOSYSTEM=1, GIT_TERMINAL_PROMPT=0; AWS_CONFIG_FILE and
// AWS_SHARED_CREDENTIALS_FILE point into home (they need not exist);
// AWS_EC2_METADATA_DISABLED=true; LC_ALL=C. PATH and the variables that pick
// the Python running the AWS CLI (PYENV_*, VIRTUAL_ENV) are kept; nothing
// else (no proxies, no AWS_CA_BUNDLE, no AWS credentials) is inherited. Add
// AWS_ACCESS_KEY_ID etc. yourself.
func (s *Server) ClientEnv(home string) []string {
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"XDG_CONFIG_HOME=" + filepath.Join(home, ".config"),
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_TERMINAL_PROMPT=0",
		"GIT_SSL_CAINFO=" + s.caFile,
		"SSL_CERT_FILE=" + s.caFile,
		"CURL_CA_BUNDLE=" + s.caFile,
		"AWS_CONFIG_FILE=" + filepath.Join(home, ".aws", "config"),
		"AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(home, ".aws", "credentials"),
		"AWS_EC2_METADATA_DISABLED=true",
		"LC_ALL=C",
	}
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "PYENV_") || strings.HasPrefix(kv, "VIRTUAL_ENV=") {
			env = append(env, kv)
		}
	}
	return env
}

// HTTPClient returns a client that trusts only the emulator's CA and
// connects every emulator host (any port) to the emulator, without proxies;
// other hosts are refused. It is what a native Go probe would use in tests.
func (s *Server) HTTPClient() *http.Client {
	dialer := &net.Dialer{Timeout: 5 * time.Second}
	known := map[string]bool{}
	for _, h := range s.hosts {
		known[h] = true
	}
	addr := s.Addr()
	return &http.Client{
		Timeout: 30 * time.Second,
		Transport: &http.Transport{
			Proxy:           nil,
			TLSClientConfig: &tls.Config{RootCAs: s.CertPool(), MinVersion: tls.VersionTLS12},
			DialContext: func(ctx context.Context, network, hostport string) (net.Conn, error) {
				host, _, err := net.SplitHostPort(hostport)
				if err != nil {
					return nil, fmt.Errorf("dialing %q: %w", hostport, err)
				}
				if !known[host] {
					return nil, fmt.Errorf("dialing %q: not a host of the emulator", hostport)
				}
				return dialer.DialContext(ctx, network, addr)
			},
			TLSHandshakeTimeout:   5 * time.Second,
			ResponseHeaderTimeout: 30 * time.Second,
		},
	}
}
