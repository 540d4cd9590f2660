package report

import (
	"github.com/fatih/color"

	"github.com/codecommit-doctor/codecommit-doctor/checks"
)

// symbol is the one-character mark of a status in text output.
func symbol(s checks.Status) string {
	switch s {
	case checks.Pass:
		return "✓"
	case checks.Warn:
		return "!"
	case checks.Fail:
		return "✗"
	case checks.Error:
		return "?"
	default:
		return "-"
	}
}

// emoji marks a status in markdown.
func emoji(s checks.Status) string {
	switch s {
	case checks.Pass:
		return "✅"
	case checks.Warn:
		return "⚠️"
	case checks.Fail:
		return "❌"
	case checks.Error:
		return "❓"
	default:
		return "⏭️"
	}
}

// painter colours text by status, or not at all.
type painter struct{ on bool }

func (p painter) status(s checks.Status, text string) string {
	var c *color.Color
	switch s {
	case checks.Pass:
		c = color.New(color.FgGreen)
	case checks.Warn:
		c = color.New(color.FgYellow)
	case checks.Fail:
		c = color.New(color.FgRed, color.Bold)
	case checks.Error:
		c = color.New(color.FgMagenta)
	default:
		c = color.New(color.Faint)
	}
	return p.paint(c, text)
}

func (p painter) bold(text string) string  { return p.paint(color.New(color.Bold), text) }
func (p painter) faint(text string) string { return p.paint(color.New(color.Faint), text) }

func (p painter) paint(c *color.Color, text string) string {
	if p.on {
		c.EnableColor()
	} else {
		c.DisableColor()
	}
	return c.Sprint(text)
}
