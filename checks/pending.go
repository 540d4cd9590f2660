package checks

import "context"

// pendingCheck holds the place of a check that this version does not have
// yet: it reports skip, saying so, and never pretends to have looked.
type pendingCheck struct{ info Info }

func (p pendingCheck) Info() Info { return p.info }

func (p pendingCheck) Run(context.Context, *Env) (Result, error) {
	return Skipped("not yet available in this version of the doctor"), nil
}
