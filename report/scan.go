package report

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// ScanTable writes a run over several targets as `scan` shows it on a
// terminal: the shared checks that have problems, then one row per target
// (repository, remote, verdict, first finding), the summary and the
// verdict. -v and the machine formats give the full report instead.
func ScanTable(w io.Writer, r Report, o Options) error {
	p := painter{on: o.Color}
	var b strings.Builder
	if !o.SkipHeader {
		if err := TextHeader(&b, r, o); err != nil {
			return err
		}
	}
	shared := false
	for _, c := range r.Checks {
		if needsFix(c.Status) {
			b.WriteString(hang(p.status(c.Status, symbol(c.Status))+" "+c.ID+"  ", c.Summary+" (every repository)", "    ", o.Width))
			b.WriteString("\n")
			shared = true
		}
	}
	if shared {
		b.WriteString("\n")
	}
	rows := [][]string{{"REPOSITORY", "REMOTE", "VERDICT", "FIRST FINDING"}}
	for _, t := range r.Targets {
		repo := t.Dir
		if repo == "" {
			repo = t.URL
		}
		remote := t.Remote
		if remote == "" {
			remote = t.Source
		}
		first := "-"
		if v := t.Verdict; v != nil && needsFix(v.Status) {
			first = v.Cause
			if v.Check != "" && v.Code != "" {
				first = v.Check + "/" + v.Code + ": " + v.Cause
			}
		}
		rows = append(rows, []string{repo, remote, symbol(t.Status) + " " + t.Status.String(), first})
	}
	widths := make([]int, 3)
	for _, row := range rows {
		for i := range widths {
			widths[i] = max(widths[i], utf8.RuneCountInString(row[i]))
		}
	}
	for i, row := range rows {
		var line strings.Builder
		for c := range widths {
			cellText := row[c] + strings.Repeat(" ", widths[c]-utf8.RuneCountInString(row[c])) + "  "
			if c == 2 && i > 0 {
				cellText = p.status(r.Targets[i-1].Status, cellText)
			}
			line.WriteString(cellText)
		}
		lead := line.String()
		if i == 0 {
			b.WriteString(p.bold(lead+row[3]) + "\n")
			continue
		}
		b.WriteString(hang(lead, row[3], strings.Repeat(" ", widths[0]+widths[1]+widths[2]+6), o.Width))
		b.WriteString("\n")
	}
	b.WriteString("\n")
	b.WriteString(summaryLine(r, p))
	b.WriteString("\n")
	if v := r.Verdict; v != nil {
		b.WriteString(hang(p.bold("Verdict:")+" "+p.status(v.Status, symbol(v.Status))+" ", v.Cause, "           ", o.Width))
		b.WriteString("\n")
		if v.FirstStep != "" {
			fmt.Fprintf(&b, "%s %s\n", p.bold("First:  "), v.FirstStep)
		}
	}
	b.WriteString("Run again with -v for every check of every repository, or -o json, markdown or junit.\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("writing the scan table: %w", err)
	}
	return nil
}
