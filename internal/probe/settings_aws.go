package probe

// AWSSettings are the settings an AWS SDK or the AWS CLI applies to a
// request to an AWS API endpoint such as STS: the proxy from HTTPS_PROXY
// (or https_proxy) exempted by NO_PROXY (or no_proxy), and AWS_CA_BUNDLE
// as the only trusted roots when it is set.
func AWSSettings(m Machine, url string) Settings {
	s := Settings{URL: url, Verify: true}
	vars := []string{"HTTP_PROXY", "http_proxy"}
	if len(url) >= 5 && (url[:5] == "https" || url[:5] == "HTTPS") {
		vars = []string{"HTTPS_PROXY", "https_proxy"}
	}
	for _, k := range vars {
		if v, ok := m.LookupEnv(k); ok && v != "" {
			s.Proxy, s.ProxySource = v, k
			break
		}
	}
	if s.Proxy != "" && !hasScheme(s.Proxy) {
		s.Proxy = "http://" + s.Proxy
	}
	for _, k := range []string{"NO_PROXY", "no_proxy"} {
		if v, ok := m.LookupEnv(k); ok && v != "" {
			s.NoProxy, s.NoProxySource = v, k
			break
		}
	}
	if v, ok := m.LookupEnv("AWS_CA_BUNDLE"); ok && v != "" {
		s.CAInfo, s.CAInfoSource = v, "AWS_CA_BUNDLE"
	}
	return s
}

func hasScheme(u string) bool {
	for i := 0; i+2 < len(u); i++ {
		if u[i] == ':' {
			return u[i+1] == '/' && u[i+2] == '/'
		}
	}
	return false
}
