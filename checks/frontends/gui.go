package frontends

import (
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/checks"

	"github.com/codecommit-doctor/codecommit-doctor/internal/ccurl"
)

// app is a GUI client found installed.
type app struct {
	Name string
	Path string
}

// client is a GUI client and where it installs, relative to the macOS
// application folders or to %LOCALAPPDATA% on Windows.
type client struct{ name, mac, windows string }

// clients are the clients looked for, in report order.
func clients() []client {
	return []client{
		{"GitHub Desktop", "GitHub Desktop.app", "GitHubDesktop"},
		{"Fork", "Fork.app", "Fork"},
		{"Sourcetree", "Sourcetree.app", "SourceTree"},
	}
}

// guiClients stats the few places the clients install to.
func guiClients(env *checks.Env) []app {
	var roots []string
	sep := "/"
	switch env.Sys.GOOS() {
	case "darwin":
		roots = []string{"/Applications"}
		if h := env.Sys.HomeDir(); h != "" {
			roots = append(roots, strings.TrimRight(h, "/")+"/Applications")
		}
	case "windows":
		if l := env.Sys.Getenv("LOCALAPPDATA"); l != "" {
			roots = []string{strings.TrimRight(l, `/\`)}
			if strings.Contains(l, `\`) {
				sep = `\`
			}
		}
	}
	var out []app
	for _, c := range clients() {
		rel := c.mac
		if env.Sys.GOOS() == "windows" {
			rel = c.windows
		}
		for _, r := range roots {
			if p := r + sep + rel; env.Sys.FileExists(p) {
				out = append(out, app{Name: c.name, Path: p})
				break
			}
		}
	}
	return out
}

func appNames(apps []app) []string {
	var out []string
	for _, a := range apps {
		out = append(out, a.Name+": "+a.Path)
	}
	return out
}

// guiFindings say what each client does with this configuration. Only for
// HTTPS targets: the helper chain is what they bypass.
func guiFindings(env *checks.Env, apps []app) []checks.Finding {
	t := env.TargetOf()
	if t == nil || t.URL.Scheme != ccurl.SchemeHTTPS {
		return nil
	}
	var out []checks.Finding
	var embedded []app
	for _, a := range apps {
		switch a.Name {
		case "GitHub Desktop":
			out = append(out, checks.Finding{Code: codeGitHubDesk, Severity: checks.Warn,
				Message:     fmt.Sprintf("GitHub Desktop is installed (%s). It runs its own git with `-c credential.helper=` (or with only its Git Credential Manager), so the AWS CLI helper configured here never runs in it: CodeCommit refuses it or it asks for a user name and password. This configuration works for git in a terminal and in clients that use it; in GitHub Desktop only HTTPS Git credentials for CodeCommit (IAM users only) work, entered when it asks.", a.Path),
				Remediation: []string{"aws iam create-service-specific-credential --user-name USER --service-name codecommit.amazonaws.com   # IAM users only: HTTPS Git credentials to enter in GitHub Desktop"},
				Docs:        []string{"https://docs.aws.amazon.com/codecommit/latest/userguide/setting-up-gc.html", "https://github.com/desktop/desktop/issues/10486"}})
		default:
			embedded = append(embedded, a)
		}
	}
	if len(embedded) > 0 {
		var names []string
		for _, a := range embedded {
			names = append(names, fmt.Sprintf("%s (%s)", a.Name, a.Path))
		}
		out = append(out, checks.Finding{Code: codeEmbeddedGit, Severity: checks.Pass,
			Message:     fmt.Sprintf("%s installed: it can run its own embedded git, whose system config is not the one diagnosed here (a helper set there, such as manager, comes before yours), and an app started from the desktop may not find `aws` on its PATH. Let it use the system git that this report is about.", strings.Join(names, ", ")),
			Remediation: embeddedFix(embedded)})
	}
	return out
}

func embeddedFix(apps []app) []string {
	var out []string
	for _, a := range apps {
		switch a.Name {
		case "Fork":
			out = append(out, "In Fork: Preferences > Git > Git Instance: choose the system git.")
		case "Sourcetree":
			out = append(out, "In Sourcetree: Settings (Windows: Tools > Options) > Git > Use System Git.")
		}
	}
	return out
}
