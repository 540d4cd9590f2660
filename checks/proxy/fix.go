package proxy

import (
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/internal/proxyprobe"
)

// Fix is what to do about a proxy that stops requests to target. Only
// the setting the proxy came from is touched.
func Fix(v *proxyprobe.Verdict) []string {
	host, _, _ := strings.Cut(v.Target, ":")
	fromGit := strings.HasPrefix(v.Source, "git config ")
	key := strings.TrimPrefix(v.Source, "git config ")
	set := func(value string) string {
		if fromGit {
			return "git config --global " + key + " " + value
		}
		return "export " + v.Source + "=" + value
	}
	unset := "unset " + v.Source + "   # if this network needs no proxy"
	if fromGit {
		unset = "git config --global --unset " + key + "   # if this network needs no proxy (or remove it where git config --show-origin --get " + key + " says)"
	}
	switch {
	case v.Kind == proxyprobe.Malformed:
		return []string{set("http://PROXYHOST:PORT") + "   # scheme, host and port of the proxy", "or " + unset}
	case v.Kind == proxyprobe.Status && v.Code == 407 && v.HasCredentials:
		return []string{"Correct the user name and password in " + v.Source + " (written USER:PASSWORD@ before the proxy's host, the password percent-encoded): the proxy does not accept them."}
	case v.Kind == proxyprobe.Status && v.Code == 407:
		return []string{"Put the proxy's user name and password in " + v.Source + ", written USER:PASSWORD@ before the proxy's host (the password percent-encoded); ask the network's administrator which to use."}
	case v.Kind == proxyprobe.Status:
		return []string{"Ask the proxy's administrator to allow CONNECT to " + v.Target + ": the proxy refuses the tunnel to " + host + "."}
	}
	return []string{unset, "or correct the proxy's address in " + v.Source + " (ask the network's administrator which proxy to use)"}
}
