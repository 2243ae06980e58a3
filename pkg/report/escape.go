package report

import (
	"strings"

	"github.com/plandiff/plandiff/pkg/diff/words"
	"github.com/plandiff/plandiff/pkg/render"
)

// clean removes control characters, escape sequences and bidi overrides
// (render.SanitizeTerminalLine) and collapses white space: every data
// string of the terminal views goes through it.
func clean(s string) string {
	return strings.Join(strings.Fields(render.SanitizeTerminalLine(s)), " ")
}

// cleanText is clean for clause text, keeping paragraph breaks, and one
// space where the text began or ended with white space (so that the runs of
// a redline stay apart).
func cleanText(s string) string {
	if isPlain(s) {
		return s
	}
	lead, trail := isSpace(s[0]), isSpace(s[len(s)-1])
	s = render.SanitizeTerminal(s)
	paras := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n")
	out := paras[:0]
	for _, p := range paras {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	t := strings.Join(out, "\n\n")
	if t == "" {
		if lead || trail {
			return " "
		}
		return ""
	}
	if lead {
		t = " " + t
	}
	if trail {
		t += " "
	}
	return t
}

// isPlain reports whether cleanText would leave s as it is: printable ASCII
// without doubled spaces (most data is), or empty.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == ' ' && i > 0 && s[i-1] == ' ' {
			return false
		}
	}
	return true
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// md escapes a one-line data string for Markdown as every plandiff writer
// does (render.MarkdownText), without white space at its ends.
func md(s string) string { return strings.TrimSpace(render.MarkdownText(s)) }

// code writes an id as Markdown code (render.MarkdownID), or "–" when it is
// empty.
func code(s string) string {
	if clean(s) == "" {
		return "–"
	}
	return render.MarkdownID(s)
}

// redline is the display runs of word edits, as every view shows them.
func redline(edits []words.Edit) []render.Run {
	return render.Redline(render.DisplayEdits(edits))
}

// redline is the change's text as the report shows it: its word edits, or,
// without edits, its new text, or else its old text deleted.
func (c *ChangeRow) redline() []render.Run {
	switch {
	case len(c.Edits) > 0:
		return redline(c.Edits)
	case c.NewText != "":
		return redline([]words.Edit{{Op: words.OpEqual, Text: c.NewText}})
	}
	return redline([]words.Edit{{Op: words.OpDelete, Text: c.OldText}})
}

// spaced puts a space between a deletion and the insertion right after it,
// for the inline redline: struck and inserted words would otherwise touch
// ("confirmedreaffirmed") once the page is copied, read aloud or printed
// without colours. The side-by-side view needs none: each side shows one.
func spaced(runs []render.Run) []render.Run {
	out := make([]render.Run, 0, len(runs))
	for i, r := range runs {
		if i > 0 && r.Op == words.OpInsert && runs[i-1].Op == words.OpDelete {
			out = append(out, render.Run{Op: words.OpEqual, Text: " "})
		}
		out = append(out, r)
	}
	return out
}
