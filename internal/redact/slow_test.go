package redact

import (
	"strings"
	"testing"
	"time"
)

func TestSlowProbe(t *testing.T) {
	n := 200000
	for name, in := range map[string]string{
		"backslashes":  strings.Repeat(`\`, n) + "literal-secret-1",
		"backslash-lit": strings.Repeat(`\literal-secret-1`, n/16),
		"amps":         strings.Repeat("&amp;literal-secret-1", n/20),
		"a's":          strings.Repeat("a", n),
		"base64":       strings.Repeat("aB3+/x", n/6),
		"keys":         strings.Repeat("AKIAIOSFODNN7EXAMPLE ", n/20),
		"password":     strings.Repeat("password=", n/9),
		"urls":         strings.Repeat("https://a:", n/10),
		"nested":       strings.Repeat("ab", 60) + "****" + strings.Repeat("cd", 60),
		"pct":          strings.Repeat("%25", n/3),
		"canaries":     strings.Repeat(canarySecret+" "+canaryToken+" ", n/150),
	} {
		start := time.Now()
		out := New("literal-secret-1", "aaaaaaaa", "ab****cd").String(in)
		t.Logf("%-14s %8d -> %8d bytes in %v", name, len(in), len(out), time.Since(start))
	}
}
