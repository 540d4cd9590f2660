package gitcred

import (
	"fmt"
	"strings"
)

// Helper is one helper in the chain and the setting that put it there.
type Helper struct {
	Entry Entry       `json:"entry"`
	Value HelperValue `json:"value"`
}

// Reset is an empty `helper =` that cleared the helpers before it.
type Reset struct {
	Entry   Entry    `json:"entry"`
	Cleared []Helper `json:"cleared,omitempty"`
}

// Ignored is a setting that a newer git would apply to the URL but this
// git does not, or that breaks git.
type Ignored struct {
	Entry  Entry  `json:"entry"`
	Reason string `json:"reason"`
	// NeedsFeature names the missing behaviour: "reset" (git 2.9) or
	// "urlmatch" (git 2.26); "" when the setting is invalid in every git.
	NeedsFeature string `json:"needs_feature,omitempty"`
}

// Chain is what git does with its credential settings for one request.
type Chain struct {
	// Request is the request the chain was computed for.
	Request Request `json:"-"`
	// Helpers are the helpers git asks, in order; the first one that
	// answers with a user name and password wins.
	Helpers []Helper `json:"helpers"`
	// Resets are the empty `helper =` settings that applied, in order.
	Resets []Reset `json:"resets,omitempty"`
	// UseHTTPPath is the effective credential.useHttpPath (default false).
	UseHTTPPath bool `json:"use_http_path"`
	// UseHTTPPathFrom is the setting that decided it (the last one that
	// applied); nil when none did.
	UseHTTPPathFrom *Entry `json:"use_http_path_from,omitempty"`
	// Applied are all settings that applied to the request, in order.
	Applied []Entry `json:"-"`
	// Ignored are settings this git skips or rejects; see Ignored.
	Ignored []Ignored `json:"ignored,omitempty"`
	// Fatal is set when git refuses the configuration outright (a
	// credential setting with no value, a useHttpPath that is not a
	// boolean): every git command that needs credentials dies.
	Fatal *Ignored `json:"fatal,omitempty"`
}

// FirstAWS is the index in Helpers of the first AWS CLI helper that can
// run (well-formed), or -1.
func (c Chain) FirstAWS() int {
	for i, h := range c.Helpers {
		if h.Value.Kind == KindAWSCLI && h.Value.Runs() {
			return i
		}
	}
	return -1
}

// Compute replays git's credential_apply_config on the entries for the
// request. goos decides how helper values are read (absolute paths).
func Compute(entries []Entry, r Request, f Features, goos string) Chain {
	c := Chain{Request: r}
	all := AllFeatures()
	for _, e := range entries {
		section, scoped := e.URL()
		applies := !scoped || SectionMatches(section, r, f)
		if scoped && !applies && !f.URLMatch && SectionMatches(section, r, all) {
			c.Ignored = append(c.Ignored, Ignored{Entry: e, NeedsFeature: "urlmatch",
				Reason: ignoredURLReason(section)})
		}
		if !applies {
			continue
		}
		c.Applied = append(c.Applied, e)
		name := e.Name()
		if e.NoValue {
			if c.Fatal == nil {
				c.Fatal = &Ignored{Entry: e, Reason: fmt.Sprintf("`%s` has no value (no '='): git stops with \"missing value for 'credential.%s'\"", e.Key, name)}
			}
			continue
		}
		switch name {
		case "helper":
			c.addHelper(e, f, goos)
		case "usehttppath":
			v, ok := ParseBool(e.Value)
			if !ok {
				if c.Fatal == nil {
					c.Fatal = &Ignored{Entry: e, Reason: fmt.Sprintf("`%s = %s` is not a boolean: git stops with \"bad boolean config value\"", e.Key, e.Value)}
				}
				continue
			}
			entry := e
			c.UseHTTPPath, c.UseHTTPPathFrom = v, &entry
		}
	}
	return c
}

func (c *Chain) addHelper(e Entry, f Features, goos string) {
	if e.Value != "" {
		c.Helpers = append(c.Helpers, Helper{Entry: e, Value: ParseHelper(e.Value, goos)})
		return
	}
	if !f.HelperReset {
		c.Ignored = append(c.Ignored, Ignored{Entry: e, NeedsFeature: "reset",
			Reason: "an empty `helper =` resets the helper list only in git 2.9 and later; this git runs it as a helper named \"\", which fails"})
		c.Helpers = append(c.Helpers, Helper{Entry: e, Value: ParseHelper("", goos)})
		return
	}
	c.Resets = append(c.Resets, Reset{Entry: e, Cleared: c.Helpers})
	c.Helpers = nil
}

func ignoredURLReason(section string) string {
	if strings.Contains(section, "*") {
		return fmt.Sprintf("git before 2.26 ignores credential sections with a `*` wildcard such as %q", section)
	}
	return fmt.Sprintf("git before 2.26 matches credential.%s only when protocol, host, path and user are exactly equal", section)
}

// ParseBool reads a boolean the way git_config_bool does: true, yes, on,
// false, no, off and the empty string (any case), or an integer with an
// optional k, m or g unit, true when not zero. ok is false where git dies.
func ParseBool(v string) (value, ok bool) {
	switch strings.ToLower(v) {
	case "true", "yes", "on":
		return true, true
	case "", "false", "no", "off":
		return false, true
	}
	n := strings.TrimLeft(v, "+-")
	if len(v)-len(n) > 1 {
		return false, false
	}
	if n != "" && strings.ContainsAny(n[len(n)-1:], "kKmMgG") {
		n = n[:len(n)-1]
	}
	if n == "" || spanOf(n, "0123456789") < len(n) {
		return false, false
	}
	return strings.Trim(n, "0") != "", true
}
