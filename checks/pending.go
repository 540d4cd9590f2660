package checks

import "context"

// pendingCheck holds the place of a check that this version does not have
// yet: it reports skip, saying so, and never pretends to have looked.
type pendingCheck struct{ info Info }

func (p pendingCheck) Info() Info { return p.info }

func (p pendingCheck) Run(context.Context, *Env) (Result, error) {
	return Skipped("not yet available in this version of the doctor"), nil
}

// NewCredentialHelper returns the `credential-helper` check.
func NewCredentialHelper() Check {
	return pendingCheck{Info{ID: "credential-helper", Title: "The credential helper chain git runs for the URL",
		Description: "Not yet available.", Prerequisites: []string{"git"}, After: []string{"remote"}, Needs: Needs{Target: true}}}
}

// NewKeychain returns the `keychain` check.
func NewKeychain() Check {
	return pendingCheck{Info{ID: "keychain", Title: "No stale CodeCommit password stored by the OS or git",
		Description: "Not yet available.", Prerequisites: []string{"git"}, After: []string{"remote"}}}
}

// NewCredentials returns the `credentials` check.
func NewCredentials() Check {
	return pendingCheck{Info{ID: "credentials", Title: "AWS credentials resolve and are valid",
		Description: "Not yet available.", Needs: Needs{Network: true, Credentials: true}}}
}

// NewPermissions returns the `permissions` check.
func NewPermissions() Check {
	return pendingCheck{Info{ID: "permissions", Title: "The identity may pull and push the repository",
		Description: "Not yet available.", Prerequisites: []string{"credentials"}, After: []string{"remote"}, Needs: Needs{Network: true, Credentials: true, Target: true}}}
}

// NewKMS returns the `kms` check.
func NewKMS() Check {
	return pendingCheck{Info{ID: "kms", Title: "No policy denies the KMS actions CodeCommit needs",
		Description: "Not yet available.", Prerequisites: []string{"credentials"}, Needs: Needs{Network: true, Credentials: true}}}
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
