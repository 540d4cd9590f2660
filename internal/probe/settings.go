package probe

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/internal/gitcred"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// Settings are the HTTP settings git applies to one URL. Sources say where
// each value came from, for evidence.
type Settings struct {
	// URL is the URL the settings were read for.
	URL string
	// Proxy is the proxy URL, "" for none. ProxySource names the setting
	// or variable; when a setting disabled proxying (an empty value),
	// ProxySource names it and Proxy is "".
	Proxy, ProxySource string
	// NoProxy is the no_proxy list git passes to curl, and its variable.
	NoProxy, NoProxySource string
	// CAInfo is the CA bundle that replaces the default roots ("" for the
	// system roots), and its source.
	CAInfo, CAInfoSource string
	// CAPath is http.sslCAPath / GIT_SSL_CAPATH, which the probe does not
	// apply (see the package documentation).
	CAPath string
	// Verify is false when certificate verification is off; VerifySource
	// names the setting that turned it off.
	Verify       bool
	VerifySource string
	// Resolve are the effective http.curloptResolve entries, in order.
	Resolve []string
}

// ReadOptions say where and for what git's settings are read.
type ReadOptions struct {
	// URL is the repository URL (https://host[:port]/v1/repos/NAME).
	URL string
	// Dir is the clone to run git in ("" outside any repository).
	Dir string
	// Remote is the remote the URL came from; its remote.<name>.proxy wins
	// over http.proxy. "" when the URL was given directly.
	Remote string
}

// gitConfigTimeout bounds each `git config` run.
const gitConfigTimeout = 10 * time.Second

// ReadSettings reads git's HTTP settings for o.URL, as git would apply them
// (two `git config` runs, at the same time) plus the environment.
func ReadSettings(ctx context.Context, m Machine, o ReadOptions) (Settings, error) {
	s := Settings{URL: o.URL, Verify: true}
	var (
		wg                 sync.WaitGroup
		matched            map[string][]string
		order              []configEntry
		errMatch, errListd error
	)
	wg.Add(2)
	go func() {
		defer wg.Done()
		matched, _, errMatch = gitConfig(ctx, m, o.Dir, "--get-urlmatch", "http", o.URL)
	}()
	go func() {
		defer wg.Done()
		re := `^http\..*curloptresolve$`
		if o.Remote != "" {
			re = `^(http\..*curloptresolve|remote\.` + regexp.QuoteMeta(o.Remote) + `\.proxy)$`
		}
		_, order, errListd = gitConfig(ctx, m, o.Dir, "--get-regexp", re)
	}()
	wg.Wait()
	if errMatch != nil {
		return s, errMatch
	}
	if errListd != nil {
		return s, errListd
	}
	s.applyProxy(m, matched, order, o.Remote)
	s.applyTLS(m, matched)
	s.Resolve = effectiveResolve(order, o.URL)
	return s, nil
}

// configEntry is one key and value in git's read order.
type configEntry struct{ key, value string }

// gitConfig runs `git config -z ARGS` and returns the values by lower-case
// key and the entries in order. Exit status 1 (nothing set) is no error.
func gitConfig(ctx context.Context, m Machine, dir string, args ...string) (map[string][]string, []configEntry, error) {
	ctx, cancel := context.WithTimeout(ctx, gitConfigTimeout)
	defer cancel()
	cmd := sys.Command{Name: "git", Args: append([]string{"config", "-z"}, args...), Dir: dir}
	out, err := m.Run(ctx, cmd)
	if err != nil {
		return nil, nil, fmt.Errorf("reading git's http settings: %w", err)
	}
	switch out.ExitCode {
	case 0:
	case 1:
		return map[string][]string{}, nil, nil
	default:
		return nil, nil, fmt.Errorf("reading git's http settings: `%s` exited with status %d: %s", cmd, out.ExitCode, firstLine(out.Stderr))
	}
	values := map[string][]string{}
	var order []configEntry
	for rec := range strings.SplitSeq(out.Stdout, "\x00") {
		if rec == "" {
			continue
		}
		key, value, _ := strings.Cut(rec, "\n")
		key = lowerKey(key)
		values[key] = append(values[key], value)
		order = append(order, configEntry{key, value})
	}
	return values, order, nil
}

// lowerKey lower-cases a key's section and name, keeping a URL subsection
// as written.
func lowerKey(key string) string {
	first := strings.IndexByte(key, '.')
	last := strings.LastIndexByte(key, '.')
	if first < 0 {
		return strings.ToLower(key)
	}
	return strings.ToLower(key[:first]) + key[first:last] + strings.ToLower(key[last:])
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return line
}

func last(values map[string][]string, key string) (string, bool) {
	v := values[key]
	if len(v) == 0 {
		return "", false
	}
	return v[len(v)-1], true
}

// applyProxy decides the proxy as git's http.c does.
func (s *Settings) applyProxy(m Machine, matched map[string][]string, order []configEntry, remote string) {
	set := false
	if remote != "" {
		key := "remote." + remote + ".proxy"
		for _, e := range order {
			if strings.EqualFold(e.key, key) {
				s.Proxy, s.ProxySource, set = e.value, "git config remote."+remote+".proxy", true
			}
		}
	}
	if !set {
		if v, ok := last(matched, "http.proxy"); ok {
			s.Proxy, s.ProxySource, set = v, "git config http.proxy", true
		}
	}
	if !set {
		for _, k := range proxyVariables(s.URL) {
			if v, ok := m.LookupEnv(k); ok {
				s.Proxy, s.ProxySource, set = v, k, true
			}
		}
	}
	if !set || s.Proxy == "" {
		s.Proxy = ""
		return
	}
	if !strings.Contains(s.Proxy, "://") {
		s.Proxy = "http://" + s.Proxy
	}
	for _, k := range []string{"NO_PROXY", "no_proxy"} {
		if v, ok := m.LookupEnv(k); ok {
			s.NoProxy, s.NoProxySource = v, k
		}
	}
}

// proxyVariables are the variables git reads for a URL's proxy, in the
// order it reads them (a later one that is set wins).
func proxyVariables(url string) []string {
	vars := []string{"http_proxy"}
	if strings.HasPrefix(strings.ToLower(url), "https") {
		vars = []string{"HTTPS_PROXY", "https_proxy"}
	}
	return append(vars, "ALL_PROXY", "all_proxy")
}

// applyTLS reads the CA bundle and verification settings.
func (s *Settings) applyTLS(m Machine, matched map[string][]string) {
	if v, ok := last(matched, "http.sslcainfo"); ok && v != "" {
		s.CAInfo, s.CAInfoSource = v, "git config http.sslCAInfo"
	}
	if v, ok := m.LookupEnv("GIT_SSL_CAINFO"); ok && v != "" {
		s.CAInfo, s.CAInfoSource = v, "GIT_SSL_CAINFO"
	}
	if v, ok := last(matched, "http.sslcapath"); ok {
		s.CAPath = v
	}
	if v, ok := m.LookupEnv("GIT_SSL_CAPATH"); ok && v != "" {
		s.CAPath = v
	}
	if v, ok := last(matched, "http.sslverify"); ok {
		if b, valid := gitcred.ParseBool(v); valid && !b {
			s.Verify, s.VerifySource = false, "git config http.sslVerify"
		}
	}
	if _, ok := m.LookupEnv("GIT_SSL_NO_VERIFY"); ok {
		s.Verify, s.VerifySource = false, "GIT_SSL_NO_VERIFY"
	}
}

// effectiveResolve replays http.curloptResolve entries (plain ones and
// those of matching http.<url> sections) in git's read order: an empty
// value clears the list.
func effectiveResolve(order []configEntry, url string) []string {
	req, reqErr := gitcred.RequestFromURL(url)
	var list []string
	for _, e := range order {
		if !strings.HasSuffix(e.key, ".curloptresolve") || !strings.HasPrefix(e.key, "http.") {
			continue
		}
		if e.key != "http.curloptresolve" {
			section := strings.TrimSuffix(strings.TrimPrefix(e.key, "http."), ".curloptresolve")
			if reqErr != nil || !gitcred.SectionMatches(section, req, gitcred.AllFeatures()) {
				continue
			}
		}
		if e.value == "" {
			list = nil
			continue
		}
		list = append(list, e.value)
	}
	return list
}
