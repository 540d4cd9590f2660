package report

import (
	"strings"

	"github.com/rivo/uniseg"
)

// displayWidth is the number of screen columns s takes; ANSI escape
// sequences take none.
func displayWidth(s string) int {
	cols := 0
	for rest := s; rest != ""; {
		if rest[0] == 0x1b && len(rest) > 1 && rest[1] == '[' {
			i := 2
			for i < len(rest) && (rest[i] < 0x40 || rest[i] > 0x7e) {
				i++
			}
			rest = rest[min(i+1, len(rest)):]
			continue
		}
		_, r, w, _ := uniseg.FirstGraphemeClusterInString(rest, -1)
		cols += w
		rest = r
	}
	return cols
}

// hang writes text after a first-line prefix, continuing every further
// line under hang (a hanging indent). With width > 0 the text is wrapped
// at spaces so that no line passes width columns (a word longer than a
// line stays whole); with width 0 only the text's own line breaks count.
func hang(prefix, text, indent string, width int) string {
	var b strings.Builder
	b.WriteString(prefix)
	col := displayWidth(prefix)
	for i, para := range strings.Split(strings.TrimRight(text, "\n"), "\n") {
		if i > 0 {
			b.WriteString("\n")
			b.WriteString(indent)
			col = displayWidth(indent)
		}
		if width <= 0 {
			b.WriteString(para)
			continue
		}
		start := col
		for j, word := range strings.Split(para, " ") {
			w := displayWidth(word)
			if j > 0 {
				if col+1+w > width && col > start {
					b.WriteString("\n")
					b.WriteString(indent)
					col = displayWidth(indent)
					start = col
				} else {
					b.WriteString(" ")
					col++
				}
			}
			b.WriteString(word)
			col += w
		}
	}
	return b.String()
}
