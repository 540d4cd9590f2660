package report

import (
	"encoding/json"
	"fmt"
	"io"
)

// JSON writes the report as the JSON contract (shared/report.schema.json).
func JSON(w io.Writer, r Report, _ Options) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("writing the JSON report: %w", err)
	}
	return nil
}
