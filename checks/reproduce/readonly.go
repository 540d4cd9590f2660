package reproduce

import (
	"context"
	"fmt"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
	"github.com/codecommit-doctor/codecommit-doctor/checks/chain"

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
func readOnlyHelperConfig(ctx context.Context, env *checks.Env) ([]string, error) {
	facts, ok := chain.Key.Get(env)
	if !ok {
		return nil, fmt.Errorf("reading the helper chain to run git read-only: the chain was not worked out")
	}
	if facts.Err != nil {
		return nil, fmt.Errorf("reading the helper chain to run git read-only: %w", facts.Err)
	}
	args := []string{"-c", "credential.helper="}
	for _, h := range facts.Chain.Helpers {
		args = append(args, "-c", "credential.helper="+gittrace.GetOnly(h.Value.Command))
	}
	return args, nil
}
