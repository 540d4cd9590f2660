// Package progress shows checks finishing on a terminal: each check's line
// appears as it finishes, with a spinner naming the checks still running.
// When the run ends it erases what it drew, so the ordered report replaces it.
package progress

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"
)

// frames are the spinner's images.
const frames = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"

// tick is how often the spinner redraws.
const tick = 100 * time.Millisecond

// Display draws progress on a terminal. Its methods are safe for
// concurrent use.
type Display struct {
	w       io.Writer
	mu      sync.Mutex
	running map[string]time.Time
	lines   int // lines drawn above the spinner
	frame   int
	spinner bool // a spinner line is on screen
	stop    chan struct{}
	done    chan struct{}
	now     func() time.Time
}

// Start begins drawing on w, which must be a terminal.
func Start(w io.Writer) *Display {
	d := &Display{w: w, running: map[string]time.Time{}, stop: make(chan struct{}), done: make(chan struct{}), now: time.Now}
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

// Finished prints a finished check's line above the spinner.
func (d *Display) Finished(id, line string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.running, id)
	d.clearSpinner()
	fmt.Fprintln(d.w, line)
	d.lines += 1 + strings.Count(line, "\n")
	d.redrawSpinner()
}

// Stop erases everything the display drew.
func (d *Display) Stop() {
	close(d.stop)
	<-d.done
	d.mu.Lock()
	defer d.mu.Unlock()
	d.clearSpinner()
	if d.lines > 0 {
		fmt.Fprintf(d.w, "\x1b[%dA\r\x1b[J", d.lines)
		d.lines = 0
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
	fmt.Fprintf(d.w, "%s running %s (%.1fs)", spinnerFrame(d.frame), strings.Join(ids, ", "), d.now().Sub(oldest).Seconds())
	d.spinner = true
}

func spinnerFrame(n int) string {
	rs := []rune(frames)
	return string(rs[n%len(rs)])
}
