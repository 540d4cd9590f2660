// Package progress shows checks finishing on a terminal: each check's line
// appears as it finishes, with a spinner naming the checks still running.
// When the run ends it erases what it drew, so the ordered report replaces it.
//
// To erase exactly what it drew, the display never lets the terminal wrap a
// line: every line it prints is cut to the terminal's width (escape
// sequences and wide characters measured), so each line is one screen row
// and moving up by the number of lines printed lands where it started.
package progress

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/rivo/uniseg"
)

// frames are the spinner's images.
const frames = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"

// tick is how often the spinner redraws.
const tick = 100 * time.Millisecond

// DefaultWidth is assumed when the terminal's width is unknown.
const DefaultWidth = 80

// Display draws progress on a terminal. Its methods are safe for
// concurrent use.
type Display struct {
	w       io.Writer
	width   int // columns a line may use (the terminal's width minus one)
	mu      sync.Mutex
	running map[string]time.Time
	rows    int // screen rows drawn above the spinner
	frame   int
	spinner bool // a spinner line is on screen
	stop    chan struct{}
	done    chan struct{}
	now     func() time.Time
}

// Start begins drawing on w, a terminal that is width columns wide (0:
// unknown, DefaultWidth is assumed).
func Start(w io.Writer, width int) *Display {
	if width <= 0 {
		width = DefaultWidth
	}
	d := &Display{w: w, width: max(width-1, 1), running: map[string]time.Time{},
		stop: make(chan struct{}), done: make(chan struct{}), now: time.Now}
	go d.loop()
	return d
}

func (d *Display) loop() {
	defer close(d.done)
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		select {
		case <-d.stop:
			return
		case <-t.C:
			d.mu.Lock()
			d.frame++
			d.redrawSpinner()
			d.mu.Unlock()
		}
	}
}

// Started notes that a check began.
func (d *Display) Started(id string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.running[id] = d.now()
	d.redrawSpinner()
}

// Finished prints a finished check's line above the spinner; text past the
// terminal's width is cut.
func (d *Display) Finished(id, line string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.running, id)
	d.clearSpinner()
	for l := range strings.SplitSeq(strings.TrimRight(line, "\n"), "\n") {
		fmt.Fprintln(d.w, Cut(l, d.width))
		d.rows++
	}
	d.redrawSpinner()
}

// Stop erases everything the display drew.
func (d *Display) Stop() {
	close(d.stop)
	<-d.done
	d.mu.Lock()
	defer d.mu.Unlock()
	d.clearSpinner()
	if d.rows > 0 {
		fmt.Fprintf(d.w, "\x1b[%dA\r\x1b[J", d.rows)
		d.rows = 0
	}
}

func (d *Display) clearSpinner() {
	if d.spinner {
		io.WriteString(d.w, "\r\x1b[2K")
		d.spinner = false
	}
}

func (d *Display) redrawSpinner() {
	d.clearSpinner()
	if len(d.running) == 0 {
		return
	}
	ids := make([]string, 0, len(d.running))
	var oldest time.Time
	for id, t := range d.running {
		ids = append(ids, id)
		if oldest.IsZero() || t.Before(oldest) {
			oldest = t
		}
	}
	sort.Strings(ids)
	line := fmt.Sprintf("%s running %s (%.1fs)", spinnerFrame(d.frame), strings.Join(ids, ", "), d.now().Sub(oldest).Seconds())
	io.WriteString(d.w, Cut(line, d.width))
	d.spinner = true
}

func spinnerFrame(n int) string {
	rs := []rune(frames)
	return string(rs[n%len(rs)])
}

// Cut shortens a line to at most width screen columns, ending it with "…"
// when something was cut. ANSI escape sequences take no columns and are
// kept whole; a colour left open by the cut is reset.
func Cut(s string, width int) string {
	if Width(s) <= width {
		return s
	}
	var b strings.Builder
	cols := 0
	styled := false
	for rest := s; rest != ""; {
		if n := escapeLen(rest); n > 0 {
			b.WriteString(rest[:n])
			styled = true
			rest = rest[n:]
			continue
		}
		g, r, w, _ := uniseg.FirstGraphemeClusterInString(rest, -1)
		if cols+w > width-1 {
			break
		}
		b.WriteString(g)
		cols += w
		rest = r
	}
	b.WriteString("…")
	if styled {
		b.WriteString("\x1b[0m")
	}
	return b.String()
}

// Width is the number of screen columns s takes (escape sequences take none).
func Width(s string) int {
	cols := 0
	for rest := s; rest != ""; {
		if n := escapeLen(rest); n > 0 {
			rest = rest[n:]
			continue
		}
		_, r, w, _ := uniseg.FirstGraphemeClusterInString(rest, -1)
		cols += w
		rest = r
	}
	return cols
}

// escapeLen is the length of the CSI escape sequence s starts with, or 0.
func escapeLen(s string) int {
	if len(s) < 2 || s[0] != 0x1b || s[1] != '[' {
		return 0
	}
	for i := 2; i < len(s); i++ {
		if c := s[i]; c >= 0x40 && c <= 0x7e {
			return i + 1
		}
	}
	return len(s)
}
