package redact

import "testing"

// TestFixedPoint covers redactions that only become possible after another
// one: the loop in String must run until nothing changes.
func TestFixedPoint(t *testing.T) {
	runCases(t, New("x=****;y-z"), []redactCase{
		// The shape rule turns the text into the literal.
		{"shape exposes literal", "x=" + exampleSecret + ";y-z", Mask},
		// Removing the literal leaves two fragments that meet.
		{"literal removal joins literal", "x=x=****;y-z;y-z", Mask},
	})
}
