package checks

import "context"

// pendingCheck holds the place of a check that this version does not have
// yet: it reports skip, saying so, and never pretends to have looked.
type pendingCheck struct{ info Info }

func (p pendingCheck) Info() Info { return p.info }

func (p pendingCheck) Run(context.Context, *Env) (Result, error) {
	return Skipped("not yet available in this version of the doctor"), nil
}

// NewClock returns the `clock` check.
func NewClock() Check {
	return pendingCheck{Info{ID: "clock", Title: "The local clock agrees with AWS",
		Description: "Not yet available.", Needs: Needs{Network: true}}}
}

// NewReproduce returns the `reproduce` check.
func NewReproduce() Check {
	return pendingCheck{Info{ID: "reproduce", Title: "Reproduce the git request and say which link broke",
		Description: "Not yet available.", After: []string{"remote"}, Needs: Needs{Network: true, Credentials: true, Target: true}}}
}
