package cli

import (
	"io"
	"strings"

	"github.com/muesli/termenv"
)

// terminal is what the doctor may do on its standard output.
type terminal struct {
	color bool // ANSI colours in the text report
	live  bool // the progress display: spinner and cursor movement
	width int  // columns to wrap long lines to; 0: do not wrap
}

// environ is the part of the machine the terminal rules read.
type environ interface {
	LookupEnv(key string) (string, bool)
	Getenv(key string) string
	Environ() []string
}

// decideTerminal applies the colour and terminal rules (README, "Colour
// and terminal"):
//   - --no-color, or NO_COLOR set to a non-empty value: no colour (an
//     empty NO_COLOR does not count);
//   - CLICOLOR_FORCE or FORCE_COLOR set to a value other than "" and "0"
//     (FORCE_COLOR also "false"): colour, even into a pipe, TERM=dumb or CI;
//   - TERM=dumb: no colour and no cursor movement (no spinner);
//   - CI set to a non-empty value: no spinner, no colour unless forced;
//   - otherwise colour and the spinner only on a terminal, colour only when
//     termenv reads a colour profile from TERM/COLORTERM.
//
// Only the text format is ever coloured or animated. Long lines wrap to the
// terminal's width on a terminal; pipes get unwrapped lines.
func decideTerminal(env environ, format string, tty bool, width int, noColorFlag bool) terminal {
	if format != "text" {
		return terminal{}
	}
	set := func(k string) bool { v, _ := env.LookupEnv(k); return v != "" }
	dumb := env.Getenv("TERM") == "dumb"
	ci := set("CI")
	forced := forcedColor(env.Getenv("CLICOLOR_FORCE"), false) || forcedColor(env.Getenv("FORCE_COLOR"), true)
	t := terminal{live: tty && !dumb && !ci}
	if tty {
		t.width = width
	}
	switch {
	case noColorFlag || set("NO_COLOR"):
	case forced:
		t.color = true
	case !tty || dumb || ci:
	default:
		out := termenv.NewOutput(io.Discard, termenv.WithTTY(true), termenv.WithEnvironment(termEnviron{env}))
		t.color = out.ColorProfile() != termenv.Ascii
	}
	return t
}

func forcedColor(v string, falseWord bool) bool {
	v = strings.TrimSpace(v)
	if v == "" || v == "0" {
		return false
	}
	return !falseWord || !strings.EqualFold(v, "false")
}

// termEnviron gives termenv the run's environment instead of the process's.
type termEnviron struct{ env environ }

func (e termEnviron) Environ() []string        { return e.env.Environ() }
func (e termEnviron) Getenv(key string) string { return e.env.Getenv(key) }
