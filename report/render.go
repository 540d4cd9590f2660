package report

import (
	"fmt"
	"io"
	"sort"
)

// Options shape human-readable output.
type Options struct {
	Color   bool // ANSI colours (text only)
	Verbose bool // show evidence (text only; markdown always includes it)
	// Width wraps long text lines to this many columns with a hanging
	// indent (text only); 0 leaves lines unwrapped, as pipes want them.
	Width int
	// SkipHeader leaves out the header (text and markdown): it was written
	// when the run started.
	SkipHeader bool
}

// Header returns the renderer of a format's header, written when the run
// starts, for the formats that have one (text and markdown).
func Header(format string) (Renderer, bool) {
	switch format {
	case "text":
		return TextHeader, true
	case "markdown":
		return MarkdownHeader, true
	}
	return nil, false
}

// Renderer writes a report in one format.
type Renderer func(w io.Writer, r Report, o Options) error

// renderers maps each output format to its renderer.
func renderers() map[string]Renderer {
	return map[string]Renderer{
		"text":     Text,
		"json":     JSON,
		"markdown": Markdown,
		"junit":    JUnit,
		"github":   GitHub,
	}
}

// Formats lists the output formats.
func Formats() []string {
	var out []string
	for k := range renderers() {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Lookup returns the renderer of a format.
func Lookup(format string) (Renderer, error) {
	r, ok := renderers()[format]
	if !ok {
		return nil, fmt.Errorf("unknown output format %q; valid formats: %v", format, Formats())
	}
	return r, nil
}

// Human reports whether a format is read by people (paths under the home
// directory are then shortened to ~).
func Human(format string) bool { return format != "json" && format != "junit" }
