package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/codecommit-doctor/codecommit-doctor/internal/clones"
	"github.com/codecommit-doctor/codecommit-doctor/internal/sys"
)

// insideClone completes "nothing to diagnose" when the search found no
// clone because it started inside one (scan looks below each DIR, not
// above): "; DIR is inside the clone TOP: run codecommit-doctor there, or
// scan TOP".
func insideClone(ctx context.Context, s *session, found clones.Result, dirs []string) string {
	if len(found.Clones) > 0 {
		return ""
	}
	for _, d := range dirs {
		rctx, cancel := context.WithTimeout(ctx, s.o.timeout)
		out, err := s.machine.Run(rctx, sys.Command{Name: "git", Args: []string{"rev-parse", "--show-toplevel"}, Dir: d})
		cancel()
		if top := strings.TrimSpace(out.Stdout); err == nil && out.ExitCode == 0 && top != "" {
			return fmt.Sprintf("; %s is inside the clone %s: run codecommit-doctor there, or scan %s", d, top, top)
		}
	}
	return ""
}
