package reproduce

import (
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks/credhelper"
	"github.com/codecommit-doctor/codecommit-doctor/internal/action"
	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
	"github.com/codecommit-doctor/codecommit-doctor/internal/phrase"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
	"github.com/codecommit-doctor/codecommit-doctor/internal/shellword"
)

// credHost is the host as git hands it to credential helpers (with the
// port when the URL has one).
func (c reproCase) credHost() string { return c.t.CredHost() }

// lsRemote is the command a user runs to try again.
func (c reproCase) lsRemote() string {
	if c.t.RemoteName != "" && c.t.Dir != "" {
		return "git -C " + shellword.POSIX(c.t.Dir) + " ls-remote " + shellword.POSIX(c.t.RemoteName)
	}
	return "git ls-remote " + shellword.POSIX(c.t.HTTPSURL())
}

// gitC is "git" or "git -C DIR" for commands that should see the clone's
// configuration.
func (c reproCase) gitC() string {
	if c.t.Dir != "" {
		return "git -C " + shellword.POSIX(c.t.Dir)
	}
	return "git"
}

// eraseCommand erases the password every helper stored for the URL.
func (c reproCase) eraseCommand() string {
	return "printf 'url=" + c.t.HTTPSURL() + "\\n\\n' | " + c.gitC() + " credential reject   # erases the stored password from every helper"
}

// chainFix erases the stale password and puts the AWS helper first: the
// credential-helper check's own scope-aware fix when it found the problem,
// else a section for this host in the global configuration.
func (c reproCase) chainFix() []string {
	if acts := c.chainFixActions(); acts != nil {
		return action.Render(acts, c.env.Sys.GOOS(), c.env.Sys.HomeDir())
	}
	fix := []string{c.eraseCommand()}
	if f, ok := credhelper.Key.Get(c.env); ok && f.ChainFix != nil {
		return append(fix, f.ChainFix...)
	}
	return append(fix, remedy.HelperSection("git config --global", "https://"+c.credHost(), remedy.DefaultAWSHelper, c.env.Sys.GOOS())...)
}

// chainFixActions are chainFix as typed actions, when the
// credential-helper check worked them out (nil otherwise): the erasure
// from every helper stays a step for the user (fix erases the stores it
// knows one by one).
func (c reproCase) chainFixActions() []action.Action {
	f, ok := credhelper.Key.Get(c.env)
	if !ok || f.ChainActions == nil {
		return nil
	}
	return append([]action.Action{{Kind: action.Manual, Text: c.eraseCommand()}}, f.ChainActions...)
}

// urlFix removes the user name and password from the remote URL.
func (c reproCase) urlFix() []string {
	clean := c.t.HTTPSURL()
	if c.t.RemoteName != "" {
		return []string{c.gitC() + " remote set-url " + shellword.POSIX(c.t.RemoteName) + " " + clean, c.eraseCommand()}
	}
	return []string{"Use the URL without user name and password: " + clean}
}

// useHTTPPathFix turns UseHttpPath on for the URL.
func (c reproCase) useHTTPPathFix() []string {
	if f, ok := credhelper.Key.Get(c.env); ok && f.UseHTTPPathActions != nil {
		return action.Render(f.UseHTTPPathActions, c.env.Sys.GOOS(), c.env.Sys.HomeDir())
	}
	if f, ok := credhelper.Key.Get(c.env); ok && f.UseHTTPPathFix != nil {
		return f.UseHTTPPathFix
	}
	return []string{remedy.UseHTTPPath("git config --global", "https://"+c.credHost(), c.env.Sys.GOOS())}
}

// helperCrashFix suggests what the helper's complaint calls for, then how
// to run the helper by hand.
func (c reproCase) helperCrashFix(out string) []string {
	var fix []string
	lower := strings.ToLower(out)
	profile := shellword.POSIX(phrase.Or(c.n.Profile, "default"))
	switch {
	case strings.Contains(lower, "not found") && strings.Contains(lower, "aws"):
		fix = append(fix, remedy.InstallAWSCLI(c.env.Sys.GOOS())...)
	case strings.Contains(lower, "could not be found"):
		fix = append(fix, "aws configure list-profiles", "aws configure --profile "+profile)
	case strings.Contains(lower, "secret_key") || strings.Contains(lower, "unable to locate credentials") ||
		strings.Contains(lower, "nonetype"):
		fix = append(fix, "aws configure --profile "+profile+"   # the helper found no credentials")
	}
	return append(fix, "printf 'protocol=https\\nhost="+c.credHost()+"\\npath=v1/repos/"+c.t.URL.Repository+
		"\\n\\n' | aws codecommit credential-helper get   # run the helper by hand (add the --profile of your helper command)")
}

// regionFix makes the helper sign for region.
func (c reproCase) regionFix(region string) []string {
	u := c.t.URL
	if u.HasProblem(ccurl.CodeUppercaseHost) || strings.ToLower(u.Host) != u.Host {
		fixed := "https://" + strings.ToLower(c.credHost()) + "/v1/repos/" + u.Repository
		if c.t.RemoteName != "" {
			return []string{c.gitC() + " remote set-url " + shellword.POSIX(c.t.RemoteName) + " " + fixed + "   # the helper matches the host case-sensitively"}
		}
		return []string{"Use the host in lower case: " + fixed}
	}
	if strings.Contains(c.n.RegionSource, "--region") {
		return []string{fmt.Sprintf("Change --region in the helper command to %s (see the credential-helper check for where it is set).", region)}
	}
	return []string{"aws configure set region " + region + " --profile " + shellword.POSIX(phrase.Or(c.n.Profile, "default"))}
}

// connectFix explains a refused connection.
func (c reproCase) connectFix() []string {
	fix := []string{"Allow outbound HTTPS (TCP " + phrase.Or(c.t.URL.Port, "443") + ") to " + c.t.URL.Host + " (firewall, security group, VPN)."}
	if len(c.n.Settings.Resolve) > 0 {
		fix = append([]string{c.gitC() + " config --show-origin --get-all http.curloptResolve   # these entries send git to another address: " +
			strings.Join(c.n.Settings.Resolve, ", ")}, fix...)
	}
	return append(fix, c.lsRemote())
}

// caEnvironment lists the variables and settings that decide which CAs
// git and the AWS CLI trust.
func (c reproCase) caEnvironment() map[string]string {
	env := map[string]string{}
	for _, k := range []string{"GIT_SSL_CAINFO", "GIT_SSL_CAPATH", "GIT_SSL_NO_VERIFY", "SSL_CERT_FILE", "SSL_CERT_DIR", "CURL_CA_BUNDLE", "AWS_CA_BUNDLE", "REQUESTS_CA_BUNDLE"} {
		if v, ok := c.env.Sys.LookupEnv(k); ok {
			env[k] = c.env.Redact(v)
		}
	}
	if s := c.n.Settings; s.CAInfoSource == "git config http.sslCAInfo" {
		env["http.sslCAInfo"] = s.CAInfo
	}
	return env
}

func (c reproCase) caSentence() string {
	s := c.n.Settings
	msg := "git trusts its built-in CA bundle (no GIT_SSL_CAINFO, no http.sslCAInfo)"
	if s.CAInfo != "" {
		msg = fmt.Sprintf("git trusts only %s (from %s)", s.CAInfo, s.CAInfoSource)
	}
	var vars []string
	env := c.caEnvironment()
	for _, k := range []string{"GIT_SSL_CAINFO", "SSL_CERT_FILE", "CURL_CA_BUNDLE", "AWS_CA_BUNDLE", "http.sslCAInfo"} {
		if v, ok := env[k]; ok {
			vars = append(vars, k+"="+v)
		}
	}
	if len(vars) > 0 {
		msg += "; set: " + strings.Join(vars, ", ")
	}
	return msg + ". A TLS-inspecting proxy re-signs certificates with its own CA, which must be in that bundle."
}

func (c reproCase) tlsFix() []string {
	s := c.n.Settings
	switch s.CAInfoSource {
	case "GIT_SSL_CAINFO":
		return []string{
			"export GIT_SSL_CAINFO=/path/to/bundle-with-the-issuing-CA.pem   # it points at " + s.CAInfo + ", which does not hold the CA that signed the server's certificate",
			"unset GIT_SSL_CAINFO   # to use http.sslCAInfo or git's default bundle instead",
		}
	case "git config http.sslCAInfo":
		return []string{c.gitC() + " config --show-origin --get-urlmatch http.sslCAInfo " + c.t.HTTPSURL() + "   # where it is set; point it at a bundle with the issuing CA"}
	}
	return []string{"git config --global http.sslCAInfo /path/to/bundle-with-your-proxy-CA.pem   # the CA of the TLS-inspecting proxy, added to the system bundle"}
}

func (c reproCase) proxySentence() string {
	p := c.proxyUsed()
	msg := "git connects directly (no proxy)"
	if p != "" {
		msg = "git goes through the proxy " + p
		if c.n.Settings.NoProxy != "" {
			msg += " (" + c.n.Settings.NoProxySource + "=" + c.n.Settings.NoProxy + ")"
		}
	}
	return msg + "."
}

func (c reproCase) proxyFix() []string {
	s := c.n.Settings
	switch {
	case strings.HasPrefix(s.ProxySource, "git config remote."):
		return []string{c.gitC() + " config --unset " + strings.TrimPrefix(s.ProxySource, "git config ") + "   # if this remote needs no proxy"}
	case s.ProxySource == "git config http.proxy":
		return []string{c.gitC() + " config --show-origin --get-urlmatch http.proxy " + c.t.HTTPSURL() + "   # where it is set",
			"git config --global --unset http.proxy   # if no proxy is needed (or fix its address and credentials)"}
	case s.ProxySource != "":
		return []string{"unset " + s.ProxySource + "   # if no proxy is needed", "export NO_PROXY=" + c.t.URL.Host + "   # or bypass it for CodeCommit"}
	}
	return []string{"git config --global http.proxy http://PROXY:PORT   # when the network requires a proxy"}
}

// useHTTPPathActions are useHTTPPathFix as typed actions (nil when the
// credential-helper check did not work them out).
func (c reproCase) useHTTPPathActions() []action.Action {
	if f, ok := credhelper.Key.Get(c.env); ok {
		return f.UseHTTPPathActions
	}
	return nil
}

// tail drops the first n actions (nil stays nil).
func tail(acts []action.Action, n int) []action.Action {
	if len(acts) < n {
		return nil
	}
	return acts[n:]
}
