// Package termtest is a tiny terminal model for tests: it replays what a
// program wrote to a terminal (printable text with autowrap at the width,
// CR, LF, cursor up, erase line, erase below; colours ignored) and shows the
// screen that results. It exists to prove that what a display draws and
// then erases leaves the screen as it was.
package termtest

import (
	"strconv"
	"strings"

	"github.com/rivo/uniseg"
)

// wideTail marks the cells a wide character covers after its first.
const wideTail = "\x00"

// Screen is the model's state. Rows above the top that scrolled away are
// lost, as on a real terminal.
type Screen struct {
	Width, Height int
	rows          [][]string // cells; "" is blank
	Row, Col      int
	Scrolled      int // rows that scrolled off the top
	// Unknown collects escape sequences the model does not implement.
	Unknown []string
}

// New returns a blank screen of the given size.
func New(width, height int) *Screen {
	s := &Screen{Width: width, Height: height}
	for range height {
		s.rows = append(s.rows, make([]string, width))
	}
	return s
}

// Write replays output (LF moves down only, as with the terminal's
// output post-processing turned off; a pty's ONLCR sends CR LF).
func (s *Screen) Write(p []byte) (int, error) {
	str := string(p)
	for str != "" {
		switch c := str[0]; {
		case c == 0x1b:
			n := s.escape(str)
			str = str[n:]
			continue
		case c == '\r':
			s.Col = 0
		case c == '\n':
			s.lineFeed()
		case c == '\b':
			s.Col = max(s.Col-1, 0)
		case c < 0x20:
		default:
			g, rest, w, _ := uniseg.FirstGraphemeClusterInString(str, -1)
			s.put(g, max(w, 1))
			str = rest
			continue
		}
		str = str[1:]
	}
	return len(p), nil
}

func (s *Screen) put(g string, w int) {
	if s.Col+w > s.Width { // autowrap
		s.Col = 0
		s.lineFeed()
	}
	s.rows[s.Row][s.Col] = g
	for i := 1; i < w && s.Col+i < s.Width; i++ {
		s.rows[s.Row][s.Col+i] = wideTail
	}
	s.Col += w
}

func (s *Screen) lineFeed() {
	if s.Row < s.Height-1 {
		s.Row++
		return
	}
	s.rows = append(s.rows[1:], make([]string, s.Width))
	s.Scrolled++
}

// escape interprets one CSI sequence and returns its length.
func (s *Screen) escape(str string) int {
	if len(str) < 2 || str[1] != '[' {
		s.Unknown = append(s.Unknown, strconv.Quote(str[:min(2, len(str))]))
		return min(2, len(str))
	}
	end := 2
	for end < len(str) && (str[end] < 0x40 || str[end] > 0x7e) {
		end++
	}
	if end == len(str) {
		return len(str)
	}
	params, final := str[2:end], str[end]
	n, err := strconv.Atoi(params)
	if err != nil {
		n = 0
	}
	switch final {
	case 'm': // colours
	case 'A':
		s.Row = max(s.Row-max(n, 1), 0)
	case 'K', 'J':
		from := s.Col
		if final == 'K' && n == 2 || final == 'J' && n == 2 {
			from = 0
		}
		clear(s.rows[s.Row][from:])
		if final == 'J' && n != 1 {
			for r := s.Row + 1; r < s.Height; r++ {
				clear(s.rows[r])
			}
		}
	default:
		s.Unknown = append(s.Unknown, strconv.Quote(str[:end+1]))
	}
	return end + 1
}

// Lines is the screen's text, trailing blanks and blank rows at the end
// removed.
func (s *Screen) Lines() []string {
	var out []string
	for _, r := range s.rows {
		var b strings.Builder
		for _, c := range r {
			if c == wideTail {
				continue
			}
			if c == "" {
				c = " "
			}
			b.WriteString(c)
		}
		out = append(out, strings.TrimRight(b.String(), " "))
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	return out
}

// String is the screen's text, one line per row.
func (s *Screen) String() string { return strings.Join(s.Lines(), "\n") }
