package cli

import (
	"testing"

	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

func TestDecideTerminal(t *testing.T) {
	for _, tc := range []struct {
		name    string
		env     []string
		format  string
		tty     bool
		noColor bool
		want    terminal
	}{
		{"terminal", []string{"TERM=xterm-256color"}, "text", true, false, terminal{color: true, live: true, width: 100}},
		{"pipe", []string{"TERM=xterm-256color"}, "text", false, false, terminal{}},
		{"--no-color", []string{"TERM=xterm-256color"}, "text", true, true, terminal{live: true, width: 100}},
		{"NO_COLOR=1", []string{"TERM=xterm-256color", "NO_COLOR=1"}, "text", true, false, terminal{live: true, width: 100}},
		{"empty NO_COLOR does not count", []string{"TERM=xterm-256color", "NO_COLOR="}, "text", true, false, terminal{color: true, live: true, width: 100}},
		{"TERM=dumb", []string{"TERM=dumb"}, "text", true, false, terminal{width: 100}},
		{"CI", []string{"TERM=xterm-256color", "CI=true"}, "text", true, false, terminal{width: 100}},
		{"empty CI does not count", []string{"TERM=xterm-256color", "CI="}, "text", true, false, terminal{color: true, live: true, width: 100}},
		{"CLICOLOR_FORCE into a pipe", []string{"CLICOLOR_FORCE=1"}, "text", false, false, terminal{color: true}},
		{"CLICOLOR_FORCE=0", []string{"CLICOLOR_FORCE=0"}, "text", false, false, terminal{}},
		{"FORCE_COLOR into a pipe", []string{"FORCE_COLOR=1"}, "text", false, false, terminal{color: true}},
		{"FORCE_COLOR=false", []string{"FORCE_COLOR=false"}, "text", false, false, terminal{}},
		{"forced in CI", []string{"CI=1", "FORCE_COLOR=3"}, "text", true, false, terminal{color: true, width: 100}},
		{"forced with TERM=dumb: colour, still no cursor movement", []string{"TERM=dumb", "CLICOLOR_FORCE=1"}, "text", true, false, terminal{color: true, width: 100}},
		{"NO_COLOR beats forcing", []string{"NO_COLOR=1", "CLICOLOR_FORCE=1"}, "text", false, false, terminal{}},
		{"no colour profile from TERM", []string{"TERM=vt52"}, "text", true, false, terminal{live: true, width: 100}},
		{"machine formats never", []string{"CLICOLOR_FORCE=1", "TERM=xterm-256color"}, "json", true, false, terminal{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := decideTerminal(sys.New(tc.env, "linux"), tc.format, tc.tty, 100, tc.noColor)
			if got != tc.want {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}
