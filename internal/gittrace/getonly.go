package gittrace

import (
	"fmt"
	"strings"
)

// getOnlyName is the shell function the doctor puts between git and each
// helper when it runs git itself.
const getOnlyName = "__codecommit_doctor_get_only"

// GetOnly wraps a helper's command line (as git hands it to the shell,
// before the operation) into a `!` helper that passes only `get` on. Git
// appends the operation to a helper's command line; the wrapper receives it
// as $1 and runs the helper's own command line for `get` alone, so `store`
// and `erase` change nothing. A `$@` inside the helper's command still
// expands to nothing, as when git runs it directly.
func GetOnly(command string) string {
	return fmt.Sprintf(`!%s() { test "$1" = get || return 0; shift; %s get; }; %s`, getOnlyName, command, getOnlyName)
}

// unwrapGetOnly returns the helper command inside a GetOnly wrapper as git
// ran it ("__codecommit_doctor_get_only() { ...; INNER get; }; __codecommit_doctor_get_only").
func unwrapGetOnly(command string) (string, bool) {
	prefix := getOnlyName + `() { test "$1" = get || return 0; shift; `
	suffix := ` get; }; ` + getOnlyName
	if !strings.HasPrefix(command, prefix) || !strings.HasSuffix(command, suffix) {
		return command, false
	}
	return command[len(prefix) : len(command)-len(suffix)], true
}
