package awsclient

import (
	"context"
)

// PolicyCache reads an identity's policies once per run for every check
// that needs them. It is safe for concurrent use: a second caller waits for
// the first (or for its own context). A read cut short by its caller's
// context is not remembered, so the next caller tries again.
type PolicyCache struct {
	sem  chan struct{}
	done bool
	set  *PolicySet
	err  error
}

// NewPolicyCache returns an empty cache.
func NewPolicyCache() *PolicyCache {
	return &PolicyCache{sem: make(chan struct{}, 1)}
}

// Get returns the remembered set, or calls load and remembers its result.
func (c *PolicyCache) Get(ctx context.Context, load func(context.Context) (*PolicySet, error)) (*PolicySet, error) {
	select {
	case c.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-c.sem }()
	if c.done {
		return c.set, c.err
	}
	set, err := load(ctx)
	if err != nil && ctx.Err() != nil {
		return nil, err
	}
	c.done, c.set, c.err = true, set, err
	return set, err
}
