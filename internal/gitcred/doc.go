// Package gitcred reads git's credential configuration and works out the
// credential helper chain git runs for a URL, the way git itself does.
//
// Git collects every credential.* setting from all its config files in
// order (system, global, local, worktree, then -c / GIT_CONFIG_PARAMETERS),
// keeps those whose credential.<url> section matches the URL, appends each
// `helper` value to a list, clears the list on an empty `helper =` (git
// 2.9+), and lets the last matching `useHttpPath` win. For credential.<url>
// sections git 2.26 and later use the same URL matching as http.<url>
// (scheme, `*` host wildcards that stand for one DNS label, port, user,
// path prefix at a '/' boundary), with no preference for the most specific
// section; older git compares protocol, host, path and user as plain
// strings. [Read] asks git for the settings with their scope and origin;
// [Compute] replays git's rules on them; [ParseHelper] reads a helper value
// as git and its shell will run it.
package gitcred
