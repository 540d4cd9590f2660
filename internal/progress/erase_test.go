package progress

import (
	"bytes"
	"errors"
	"io"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/creack/pty"
	"golang.org/x/term"

	"github.com/codecommit-doctor/codecommit-doctor/internal/progress/termtest"
)

// longLines are check lines as the report prints them: colour codes, marks,
// and summaries far wider than 80 columns.
var longLines = []string{
	"\x1b[32m✓\x1b[0m git                Git 2.39.5 at /usr/bin/git\x1b[2m  (6ms)\x1b[0m",
	"\x1b[31;1m✗\x1b[0m credential-helper  store (plain-text file) answers before the AWS helper for https://git-codecommit.us-east-1.amazonaws.com/v1/repos/MyDemoRepo (global, ~/.gitconfig)\x1b[2m  (6ms)\x1b[0m",
	"\x1b[32m✓\x1b[0m kms                no policy explicitly denies the KMS actions CodeCommit uses (1 read); with the AWS-managed key aws/codecommit no Allow is needed, so an implicit deny is fine\x1b[2m  (0ms)\x1b[0m",
	"\x1b[32m✓\x1b[0m clock              日本語の説明がとても長い行でも幅を正しく数える必要がありますので、全角文字を含めて測ります。さらに続く長い長い文章です\x1b[2m  (1ms)\x1b[0m",
}

// drive runs a display through a typical run on w.
func drive(w io.Writer, width int) {
	d := Start(w, width)
	d.Started("git")
	d.Started("credential-helper")
	d.Started("kms")
	d.Started("clock-with-a-very-long-name-so-that-the-spinner-line-itself-is-wider-than-the-terminal-too")
	for i, id := range []string{"git", "credential-helper", "kms", "clock-with-a-very-long-name-so-that-the-spinner-line-itself-is-wider-than-the-terminal-too"} {
		d.Finished(id, longLines[i])
	}
	d.Stop()
}

// onlcr is what a terminal's output processing does to a lone LF.
func onlcr(b []byte) []byte { return bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")) }

func TestDisplayErasesExactlyWhatItDrewAt80Columns(t *testing.T) {
	scr := termtest.New(80, 40)
	io.WriteString(scr, "$ codecommit-doctor\r\n")
	var buf bytes.Buffer
	d := Start(&buf, 80)
	d.Started("git")
	d.Started("kms")
	d.Finished("git", longLines[1])
	d.Finished("kms", longLines[3])
	scr.Write(onlcr(buf.Bytes()))
	lines := scr.Lines()
	if len(lines) != 3 || scr.Scrolled != 0 {
		t.Fatalf("two finished lines must take two rows below the prompt, got %d rows:\n%s", len(lines), scr)
	}
	for _, l := range lines {
		if w := Width(l); w > 79 {
			t.Fatalf("a progress line takes %d columns of 80: %q", w, l)
		}
	}
	if !strings.HasSuffix(lines[1], "…") || !strings.HasPrefix(lines[1], "✗ credential-helper  store (plain-text file)") {
		t.Fatalf("a long line is cut with an ellipsis: %q", lines[1])
	}
	buf.Reset()
	d.Stop()
	scr.Write(onlcr(buf.Bytes()))
	if got := scr.String(); got != "$ codecommit-doctor" || scr.Row != 1 || scr.Col != 0 {
		t.Fatalf("after Stop the screen must be as before, cursor below the prompt; got cursor %d,%d and:\n%s", scr.Row, scr.Col, got)
	}
	if len(scr.Unknown) > 0 {
		t.Fatalf("escape sequences the model does not know: %v", scr.Unknown)
	}
}

func TestDisplayErasesAtEveryWidth(t *testing.T) {
	for _, width := range []int{20, 40, 79, 80, 81, 120, 200} {
		var buf bytes.Buffer
		drive(&buf, width)
		scr := termtest.New(width, 60)
		scr.Write(onlcr(buf.Bytes()))
		if s := scr.String(); s != "" || scr.Row != 0 || scr.Scrolled != 0 {
			t.Fatalf("width %d: the screen must be blank after Stop, cursor home; cursor %d,%d:\n%s", width, scr.Row, scr.Col, s)
		}
	}
}

func TestCut(t *testing.T) {
	for _, tc := range []struct {
		in    string
		width int
		want  string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"longer than ten", 10, "longer th…"},
		{"\x1b[32m✓\x1b[0m green line here", 8, "\x1b[32m✓\x1b[0m green…\x1b[0m"},
		{"日本語テキスト", 7, "日本語…"},
	} {
		if got := Cut(tc.in, tc.width); got != tc.want {
			t.Errorf("Cut(%q, %d) = %q, want %q", tc.in, tc.width, got, tc.want)
		}
		if got := Width(Cut(tc.in, tc.width)); got > tc.width {
			t.Errorf("Cut(%q, %d) takes %d columns", tc.in, tc.width, got)
		}
	}
}

// TestDisplayOnAPseudoTerminal draws on a real pseudo-terminal 80 columns
// wide (its width read back with golang.org/x/term, as main does), reads
// what the kernel passed through, and replays it on the model.
func TestDisplayOnAPseudoTerminal(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no pseudo-terminals on Windows")
	}
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("cannot open a pseudo-terminal: %v", err)
	}
	defer ptmx.Close()
	if err := pty.Setsize(tty, &pty.Winsize{Cols: 80, Rows: 40}); err != nil {
		t.Fatal(err)
	}
	if !term.IsTerminal(int(tty.Fd())) {
		t.Fatal("the pty's tty side is not a terminal for x/term")
	}
	width, _, err := term.GetSize(int(tty.Fd()))
	if err != nil || width != 80 {
		t.Fatalf("term.GetSize = %d, %v; want 80", width, err)
	}
	var got bytes.Buffer
	var wg sync.WaitGroup
	wg.Go(func() {
		_, err := io.Copy(&got, ptmx)
		var pe *os.PathError
		if err != nil && !errors.As(err, &pe) { // EIO once the tty side is closed
			t.Errorf("reading the pty: %v", err)
		}
	})
	drive(tty, width)
	tty.Close()
	wg.Wait()
	if !bytes.Contains(got.Bytes(), []byte("\r\n")) {
		t.Fatalf("expected the terminal's CR LF in the output, got %q", got.Bytes())
	}
	scr := termtest.New(80, 40)
	scr.Write(got.Bytes())
	if s := scr.String(); s != "" || scr.Row != 0 || scr.Col != 0 || scr.Scrolled != 0 {
		t.Fatalf("the screen must be blank after Stop with the cursor home; cursor %d,%d, scrolled %d:\n%s", scr.Row, scr.Col, scr.Scrolled, s)
	}
	if len(scr.Unknown) > 0 {
		t.Fatalf("escape sequences the model does not know: %v", scr.Unknown)
	}
	// What was drawn before the erase: four rows (one per check) at most 79 wide.
	rows := strings.Count(got.String(), "\r\n")
	if rows != 4 {
		t.Fatalf("four finished lines must be four rows, got %d", rows)
	}
}
