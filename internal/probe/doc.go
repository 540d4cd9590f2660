// Package probe is the doctor's own HTTPS client for the CodeCommit git
// endpoint. It goes where git goes: it reads git's HTTP settings for the
// URL and applies them the way git and libcurl do, so that a request the
// probe makes reaches the same server, through the same proxy, trusting the
// same certificates as `git ls-remote URL` would.
//
// What is honoured (see ReadSettings):
//   - proxies: remote.<name>.proxy, else http.proxy (URL-matched, as
//     `git config --get-urlmatch` finds it), else https_proxy, HTTPS_PROXY,
//     all_proxy, ALL_PROXY (the later one wins, as in git's http.c); an
//     empty value disables proxying; no_proxy/NO_PROXY exempt hosts;
//   - trust: GIT_SSL_CAINFO, else http.sslCAInfo (the file replaces the
//     default roots, as CURLOPT_CAINFO does); GIT_SSL_NO_VERIFY or
//     http.sslVerify=false turn verification off;
//   - addresses: every http.curloptResolve entry ("HOST:PORT:ADDR[,ADDR]",
//     "+HOST:PORT:ADDR", "-HOST:PORT", an empty value clears the list),
//     applied to whatever host is dialled (the proxy's too, as in curl).
//
// Not honoured, and reported as such: http.sslCAPath / GIT_SSL_CAPATH (the
// system roots are used), client certificates, http.sslBackend. When no CA
// file is configured the probe uses Go's system roots where curl uses its
// built-in bundle; on Linux both are normally the system bundle.
//
// The probe follows no redirects, sends one request per call and reads at
// most a few kilobytes of the body.
package probe
