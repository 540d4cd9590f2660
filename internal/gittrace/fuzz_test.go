package gittrace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("10:00:00.000001 run-command.c:655 trace: run_command: ''\\''")
	f.Add("10:00:00.000001 http.c:684 <= Recv header: HTTP/1.1 999")
	f.Fuzz(func(t *testing.T, s string) {
		tr := Parse(s)
		for _, e := range tr.Exchanges {
			if e.Helper >= len(tr.Helpers) {
				t.Fatalf("exchange points at helper %d of %d", e.Helper, len(tr.Helpers))
			}
			if strings.Contains(e.User, "%") {
				t.Fatalf("user keeps a session token part: %q", e.User)
			}
		}
		if len(tr.Info) > maxInfo || len(tr.Messages) > maxMessages {
			t.Fatalf("limits exceeded: %d info, %d messages", len(tr.Info), len(tr.Messages))
		}
		_ = tr.Failure()
		_, _ = tr.Answered()
	})
}
