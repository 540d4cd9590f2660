package frontends

import (
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/chain"

	"github.com/codecommit-doctor/codecommit-doctor/internal/gitcred"
	"github.com/codecommit-doctor/codecommit-doctor/internal/remedy"
)

// maxProcVersion bounds the read of /proc/version.
const maxProcVersion = 4096

// inWSL reports whether the doctor runs in the Windows Subsystem for
// Linux: WSL sets WSL_DISTRO_NAME (and WSL_INTEROP for WSL 2) in every
// shell; its kernel's /proc/version names Microsoft.
func inWSL(env *checks.Env) bool {
	if env.Sys.GOOS() != "linux" {
		return false
	}
	if env.Sys.Getenv("WSL_DISTRO_NAME") != "" || env.Sys.Getenv("WSL_INTEROP") != "" {
		return true
	}
	b, err := env.Sys.ReadFile("/proc/version", maxProcVersion)
	return err == nil && strings.Contains(strings.ToLower(string(b)), "microsoft")
}

// program is the program a helper value runs, as written (first word,
// with backslash-escaped spaces kept), lower-cased.
func program(h gitcred.Helper) string {
	v := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(h.Value.Raw), "!"))
	v = strings.Trim(v, `"'`)
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c == '\\' && i+1 < len(v) && v[i+1] == ' ' {
			b.WriteByte(' ')
			i++
			continue
		}
		if c == ' ' || c == '\t' || c == '"' || c == '\'' {
			break
		}
		b.WriteByte(c)
	}
	return strings.ToLower(b.String())
}

// windowsMount reports whether p is under WSL's mount of a Windows drive.
func windowsMount(p string) bool {
	return len(p) >= 7 && strings.HasPrefix(p, "/mnt/") && p[5] >= 'a' && p[5] <= 'z' && p[6] == '/'
}

func isGCM(p string) bool {
	base := p[strings.LastIndexAny(p, `/\`)+1:]
	return strings.HasPrefix(base, "git-credential-manager")
}

// wslFindings name Windows programs among the helpers for CodeCommit.
func wslFindings(env *checks.Env, cf *chain.Facts, fx chain.Fixer) []checks.Finding {
	var out []checks.Finding
	var gcm []gitcred.Entry
	var where []string
	for _, h := range cf.Chain.Helpers {
		p := program(h)
		if !windowsMount(p) {
			continue
		}
		switch {
		case isGCM(p):
			gcm = append(gcm, h.Entry)
			where = append(where, fmt.Sprintf("`%s` (%s)", h.Value.Raw, h.Entry.Where()))
		case h.Value.Kind == gitcred.KindAWSCLI:
			out = append(out, wslAWSFinding(env, h, fx))
		}
	}
	if len(gcm) > 0 {
		scope, _ := chain.FixScope(gcm)
		p, ok := fx.GitConfig(scope)
		if !ok {
			p, _ = fx.GitConfig(gitcred.ScopeGlobal)
		}
		fix := remedy.HelperSection(p, fx.SectionURL(), linuxAWSValue(cf), "linux")
		if _, err := env.Sys.LookPath("aws"); err != nil {
			fix = append([]string{"Install the AWS CLI v2 inside WSL first (this Linux has no `aws` on PATH):"}, append(remedy.InstallAWSCLI("linux"), fix...)...)
		}
		out = append(out, checks.Finding{Code: codeWSLGCM, Severity: checks.Warn,
			Message: fmt.Sprintf("This is WSL, and git asks the Windows Git Credential Manager %s for %s. GCM is fine for the hosts it knows (GitHub, Azure DevOps), but for CodeCommit it only stores the password the AWS helper made, which expires about 15 minutes later, and it cannot run this Linux's `aws`: scope it away from CodeCommit hosts and use the Linux AWS CLI's helper there.",
				strings.Join(where, ", "), cf.URL),
			Remediation: fix, Docs: []string{remedy.HTTPSSetupDocs}})
	}
	return out
}

// linuxAWSValue is the AWS helper to use inside WSL: the user's, with the
// Windows aws.exe replaced by the Linux aws.
func linuxAWSValue(cf *chain.Facts) string {
	for _, h := range cf.Chain.Helpers {
		if h.Value.AWS != nil {
			a := *h.Value.AWS
			if windowsMount(strings.ToLower(a.Program)) || strings.HasSuffix(strings.ToLower(a.Program), ".exe") {
				a.Program = "aws"
			}
			return a.Value()
		}
	}
	return defaultAWSHelper
}

func wslAWSFinding(env *checks.Env, h gitcred.Helper, fx chain.Fixer) checks.Finding {
	a := *h.Value.AWS
	a.Program = "aws"
	var fix []string
	if _, err := env.Sys.LookPath("aws"); err != nil {
		fix = append(fix, remedy.InstallAWSCLI("linux")...)
	}
	if c, ok := fx.ReplaceCommand(h.Entry, a.Value()); ok {
		fix = append(fix, c)
	} else {
		fix = append(fix, fmt.Sprintf("Change `%s` (%s) to `%s`.", h.Value.Raw, h.Entry.Where(), a.Value()))
	}
	return checks.Finding{Code: codeWSLAWS, Severity: checks.Warn,
		Message: fmt.Sprintf("This is WSL, and the AWS helper `%s` (%s) runs the Windows AWS CLI: it reads the Windows profile files (%%USERPROFILE%%\\.aws), not ~/.aws of this Linux, which the other checks diagnosed, and Windows environment variables. Use the AWS CLI installed inside WSL.",
			h.Value.Raw, h.Entry.Where()),
		Remediation: fix, Docs: []string{remedy.AWSCLIDocs}}
}

// linuxPrefixes are paths that exist in WSL or Linux but not to Git for
// Windows (which mounts drives at /c/, not /mnt/c/).
func linuxPrefixes() []string { return []string{"/mnt/", "/home/", "/snap/", "/usr/local/", "/opt/"} }

// linuxHelperFindings: on Windows, helpers written as Linux paths.
func linuxHelperFindings(cf *chain.Facts, fx chain.Fixer) []checks.Finding {
	var out []checks.Finding
	for _, h := range cf.Chain.Helpers {
		p := program(h)
		linux := false
		for _, pre := range linuxPrefixes() {
			if strings.HasPrefix(p, pre) {
				linux = true
			}
		}
		if !linux {
			continue
		}
		value := defaultAWSHelper
		if h.Value.AWS != nil {
			a := *h.Value.AWS
			a.Program = "aws"
			value = a.Value()
		}
		var fix []string
		if c, ok := fx.ReplaceCommand(h.Entry, value); ok {
			fix = append(fix, c)
		} else {
			fix = append(fix, fmt.Sprintf("Change `%s` (%s) to `%s`.", h.Value.Raw, h.Entry.Where(), value))
		}
		out = append(out, checks.Finding{Code: codeLinuxHelper, Severity: checks.Fail,
			Message: fmt.Sprintf("Git for Windows runs the helper `%s` (%s), a Linux path (as written for WSL): it cannot run it, so no password is made for %s. Use the Windows AWS CLI's helper.",
				h.Value.Raw, h.Entry.Where(), cf.URL),
			Remediation: fix, Docs: []string{remedy.HTTPSSetupDocs}})
	}
	return out
}
