package version

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/Masterminds/semver/v3"
)

// maxComponentDigits bounds each numeric version component; real releases
// use at most a few digits, and the bound keeps conversions to int safe.
const maxComponentDigits = 9

// core is the numeric part of a dotted version, plus whatever follows it.
type core struct {
	major, minor, patch uint64
	// rest is the text after the last numeric component read, e.g.
	// ".windows.1", ".1", "dev4" or "".
	rest string
}

// parseCore reads "MAJOR.MINOR[.PATCH]" from the start of tok. A missing
// patch reads as 0. It stops at the first character that does not continue
// a numeric component, leaving it (and everything after) in rest.
func parseCore(tok string) (core, error) {
	var nums [3]uint64
	n, i := 0, 0
	for n < 3 {
		j := i
		for j < len(tok) && tok[j] >= '0' && tok[j] <= '9' {
			j++
		}
		if j == i {
			break
		}
		if j-i > maxComponentDigits {
			return core{}, fmt.Errorf("a version component is longer than %d digits", maxComponentDigits)
		}
		v, err := strconv.ParseUint(tok[i:j], 10, 64)
		if err != nil {
			return core{}, fmt.Errorf("read version component: %w", err)
		}
		nums[n] = v
		n++
		i = j
		// Continue only when a dot is followed by another digit.
		if n < 3 && i+1 < len(tok) && tok[i] == '.' && tok[i+1] >= '0' && tok[i+1] <= '9' {
			i++
			continue
		}
		break
	}
	if n < 2 {
		return core{}, errors.New("it does not start with MAJOR.MINOR")
	}
	return core{major: nums[0], minor: nums[1], patch: nums[2], rest: tok[i:]}, nil
}

// semver builds the semantic version; pre must already be a valid
// prerelease identifier (or empty).
func (c core) semver(pre string) *semver.Version {
	return semver.New(c.major, c.minor, c.patch, pre, "")
}

// validPrerelease reports whether p is one non-empty semver identifier made
// of ASCII letters, digits and hyphens, without a leading zero if numeric.
func validPrerelease(p string) bool {
	if p == "" {
		return false
	}
	allDigits := true
	for _, r := range p {
		switch {
		case r >= '0' && r <= '9':
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r == '-':
			allDigits = false
		default:
			return false
		}
	}
	return !allDigits || len(p) == 1 || p[0] != '0'
}

// AtLeast reports whether v's MAJOR.MINOR.PATCH is at or above min
// ("1.7.9"). Prerelease tags are ignored: git's rc0 comes after its feature
// freeze, so an rc already has the features of its release. A nil v or an
// unreadable min gives false.
func AtLeast(v *semver.Version, min string) bool {
	if v == nil {
		return false
	}
	m, err := parseCore(strings.TrimSpace(min))
	if err != nil || m.rest != "" {
		return false
	}
	have := [3]uint64{v.Major(), v.Minor(), v.Patch()}
	want := [3]uint64{m.major, m.minor, m.patch}
	for i := range have {
		if have[i] != want[i] {
			return have[i] > want[i]
		}
	}
	return true
}
