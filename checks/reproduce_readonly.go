package checks

import (
	"context"
	"fmt"

	"github.com/codecommit-doctor/codecommit-doctor/internal/gittrace"
)

// readOnlyHelperConfig returns `-c` options that make git run the same
// helper chain it would run for the URL, in the same order, but hand each
// helper only `get`. After a successful ls-remote git tells every helper to
// `store` the credential (and after a 401 to `erase` it): with the user's own
// chain that would write a fresh password into ~/.git-credentials or the
// Keychain, or delete one. The doctor changes nothing, so those operations
// stop at the wrapper.
//
// The first option empties the list: command-line settings are read last,
// so the reset clears every helper the files set, URL-scoped ones included.
func readOnlyHelperConfig(ctx context.Context, env *Env) ([]string, error) {
	facts, _, err := keychainFacts(ctx, env)
	if err != nil {
		return nil, fmt.Errorf("reading the helper chain to run git read-only: %w", err)
	}
	args := []string{"-c", "credential.helper="}
	for _, h := range facts.Chain.Helpers {
		args = append(args, "-c", "credential.helper="+gittrace.GetOnly(h.Value.Command))
	}
	return args, nil
}
