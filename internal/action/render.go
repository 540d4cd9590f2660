package action

import (
	"fmt"

	"github.com/codecommit-doctor/codecommit-doctor/internal/shellword"
)

// Commands renders the action as the commands a user pastes into the shell
// of goos (POSIX sh, or on Windows the double-quoted words cmd.exe,
// PowerShell and Git Bash all read), with home written as ~. A manual
// step is its text followed by its commands. Quoting is shellword's.
func (a Action) Commands(goos, home string) []string {
	q := func(s string) string { return shellword.Quote(s, goos) }
	p := a.gitConfigPrefix(goos, home)
	switch a.Kind {
	case GitSet:
		return []string{fmt.Sprintf("%s %s %s", p, q(a.Key), q(a.Value))}
	case GitAdd:
		return []string{fmt.Sprintf("%s --add %s %s", p, q(a.Key), q(a.Value))}
	case GitUnset:
		if a.Value == "" {
			return []string{fmt.Sprintf("%s --unset-all %s", p, q(a.Key))}
		}
		if a.ERE {
			return []string{fmt.Sprintf("%s --unset-all %s %s", p, q(a.Key), q(shellword.ERE(a.Value)))}
		}
		return []string{fmt.Sprintf("%s --fixed-value --unset-all %s %s", p, q(a.Key), q(a.Value))}
	case GitResetList:
		if len(a.Values) == 0 {
			return []string{fmt.Sprintf("%s --unset-all %s", p, q(a.Key))}
		}
		out := []string{fmt.Sprintf("%s --replace-all %s %s", p, q(a.Key), q(a.Values[0]))}
		for _, v := range a.Values[1:] {
			out = append(out, fmt.Sprintf("%s --add %s %s", p, q(a.Key), q(v)))
		}
		return out
	case GitReplace:
		if a.ERE {
			return []string{fmt.Sprintf("%s --replace-all %s %s %s", p, q(a.Key), q(a.Value), q(shellword.ERE(a.Old)))}
		}
		return []string{fmt.Sprintf("%s --fixed-value --replace-all %s %s %s", p, q(a.Key), q(a.Value), q(a.Old))}
	case StoreErase:
		// printf runs in every POSIX shell and in Git Bash on Windows.
		return []string{fmt.Sprintf(`printf 'protocol=%s\nhost=%s\n\n' | git credential-store --file %s erase`,
			a.Protocol, a.Host, shellword.Path(a.File, home, goos))}
	case KeychainErase:
		return []string{"security delete-internet-password -s " + q(a.Host)}
	case CmdkeyDelete:
		return []string{"cmdkey /delete:" + q("git:https://"+a.Host)}
	case AWSConfigSet:
		cmd := fmt.Sprintf("aws configure set %s %s --profile %s", q(a.Key), q(a.Value), q(a.Profile))
		if a.Key == "cli_auto_prompt" {
			// Only AWS CLI v2 has the setting, and with it on the
			// command that turns it off would itself be prompted for:
			// v2's own option switches it off for this one command, in
			// every shell.
			cmd += " --no-cli-auto-prompt"
		}
		return []string{cmd}
	case Manual:
		var out []string
		if a.Text != "" {
			out = append(out, a.Text)
		}
		return append(out, a.Admin...)
	}
	return nil
}

// gitConfigPrefix is the `git config` that reaches the action's file: the
// scope's own option for the file git writes for that scope, else --file.
func (a Action) gitConfigPrefix(goos, home string) string {
	sudo := ""
	if a.Sudo && goos != "windows" {
		sudo = "sudo "
	}
	switch a.Scope {
	case ScopeGlobal, ScopeLocal, ScopeWorktree, ScopeSystem:
		return sudo + "git config --" + a.Scope
	}
	return sudo + "git config --file " + shellword.Path(a.File, home, goos)
}

// Render is the remediation text of a list of actions, in order.
func Render(actions []Action, goos, home string) []string {
	var out []string
	for _, a := range actions {
		out = append(out, a.Commands(goos, home)...)
	}
	return out
}
