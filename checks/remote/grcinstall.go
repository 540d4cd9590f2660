package remote

import (
	"context"
	"strings"
	"time"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// pipInstall is the install command of git-remote-codecommit's own docs.
const pipInstall = "python3 -m pip install git-remote-codecommit"

// pep668Timeout bounds the one python3 run that asks whether pip may
// install into it.
const pep668Timeout = 10 * time.Second

// pep668Script prints "managed" when the interpreter is marked
// EXTERNALLY-MANAGED (PEP 668: Debian 12, Ubuntu 23.04 and later,
// Homebrew's Python), where `pip install` stops with
// "error: externally-managed-environment".
const pep668Script = `import os, sysconfig
print("managed" if os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")) else "free")`

// grcInstallFix is how to install git-remote-codecommit here: pip, unless
// python3 is managed by the OS, where pip refuses and pipx installs it in
// its own environment.
func grcInstallFix(ctx context.Context, env *checks.Env) []string {
	if env.Sys.GOOS() == "windows" {
		return []string{pipInstall}
	}
	ctx, cancel := context.WithTimeout(ctx, pep668Timeout)
	defer cancel()
	out, _, missing, err := checks.RunProgram(ctx, env, func(error) checks.Finding { return checks.Finding{} },
		sys.Command{Name: "python3", Args: []string{"-c", pep668Script}, Display: "python3 -c 'is this Python EXTERNALLY-MANAGED?'", MaxOutput: 256})
	if missing != nil || err != nil || out.ExitCode != 0 || strings.TrimSpace(out.Stdout) != "managed" {
		return []string{pipInstall}
	}
	why := "   # python3 here is managed by the OS (PEP 668): pip install stops with externally-managed-environment"
	if _, err := env.Sys.LookPath("pipx"); err == nil {
		return []string{"pipx install git-remote-codecommit" + why}
	}
	return []string{
		"Install pipx with the system's package manager (apt install pipx, brew install pipx), then run pipx ensurepath" + strings.Replace(why, "   #", ";", 1),
		"pipx install git-remote-codecommit",
	}
}
