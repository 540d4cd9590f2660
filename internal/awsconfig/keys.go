package awsconfig

import (
	"maps"
	"slices"
)

// Keys lists the profile's setting names (lower case), sorted. Callers that
// show a profile decide per name whether its value may be shown.
func (p Profile) Keys() []string {
	return slices.Sorted(maps.Keys(p.values))
}
