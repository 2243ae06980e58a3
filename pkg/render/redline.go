package render

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/diff/words"
)

// piece is one run of a redline as it is displayed: equal text, or a deleted
// or inserted run to be marked.
type piece struct {
	op   words.Op
	text string
}

// redline turns a change's word edits into display pieces. It changes what is
// marked, never what the edits say:
//
//   - each edit's text goes through clean first (sanitising), and consecutive
//     edits with the same op are joined; an op other than delete or insert is
//     shown as equal text;
//   - a delete or insert of white space only is not marked: inserted white
//     space is shown as it is (so the new layout of merged or split clauses
//     shows), deleted white space as a single space, and only where nothing
//     beside it already separates the words;
//   - a marked run's leading and trailing white space is moved outside it,
//     so that a marker never starts or ends with a space (Markdown emphasis
//     needs that);
//   - a deleted run's inner line breaks become spaces (they belong to the old
//     layout only), and an inserted run is cut at every stretch of white
//     space that holds a line break, shown unmarked, so that a marker never
//     spans a paragraph.
//
// Concatenating the pieces gives the new text with the deleted runs added,
// up to white space.
func redline(edits []words.Edit, clean func(string) string) []piece {
	var merged []piece
	for _, e := range edits {
		t := clean(e.Text)
		if t == "" {
			continue
		}
		op := e.Op
		if op != words.OpDelete && op != words.OpInsert {
			op = words.OpEqual
		}
		if n := len(merged); n > 0 && merged[n-1].op == op {
			merged[n-1].text += t
			continue
		}
		merged = append(merged, piece{op, t})
	}

	var out []piece
	add := func(op words.Op, t string) {
		if t == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].op == op && op == words.OpEqual {
			out[n-1].text += t
			return
		}
		out = append(out, piece{op, t})
	}
	for i, p := range merged {
		if p.op == words.OpEqual {
			add(words.OpEqual, p.text)
			continue
		}
		if isBlank(p.text) {
			if p.op == words.OpInsert {
				add(words.OpEqual, p.text)
				continue
			}
			before := len(out) > 0 && endsWithSpace(out[len(out)-1].text)
			after := i+1 < len(merged) && startsWithSpace(merged[i+1].text)
			if len(out) > 0 && i+1 < len(merged) && !before && !after {
				add(words.OpEqual, " ")
			}
			continue
		}
		text := p.text
		if p.op == words.OpDelete {
			// A line break only in the old text (between merged clauses)
			// is shown as a space, not as a break of the new layout.
			text = joinLines(text)
		}
		body := strings.TrimLeftFunc(text, unicode.IsSpace)
		add(words.OpEqual, text[:len(text)-len(body)])
		trimmed := strings.TrimRightFunc(body, unicode.IsSpace)
		trail := body[len(trimmed):]
		for trimmed != "" {
			run, gap, rest := cutAtLineBreak(trimmed)
			add(p.op, run)
			add(words.OpEqual, gap)
			trimmed = rest
		}
		add(words.OpEqual, trail)
	}
	// White space around the whole text (a YAML block scalar's final line
	// break, say) is not shown.
	if n := len(out); n > 0 && out[n-1].op == words.OpEqual {
		out[n-1].text = strings.TrimRightFunc(out[n-1].text, unicode.IsSpace)
		if out[n-1].text == "" {
			out = out[:n-1]
		}
	}
	if len(out) > 0 && out[0].op == words.OpEqual {
		out[0].text = strings.TrimLeftFunc(out[0].text, unicode.IsSpace)
		if out[0].text == "" {
			out = out[1:]
		}
	}
	return out
}

// cutAtLineBreak splits s (no leading or trailing space) at its first stretch
// of white space that holds a line break: the text before it, the stretch,
// and the rest.
func cutAtLineBreak(s string) (run, gap, rest string) {
	nl := strings.IndexByte(s, '\n')
	if nl < 0 {
		return s, "", ""
	}
	start := nl
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:start])
		if !unicode.IsSpace(r) {
			break
		}
		start -= size
	}
	end := nl
	for end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:])
		if !unicode.IsSpace(r) {
			break
		}
		end += size
	}
	return s[:start], s[start:end], s[end:]
}

// joinLines replaces every stretch of white space holding a line break with
// one space.
func joinLines(s string) string {
	for {
		run, gap, rest := cutAtLineBreak(s)
		if gap == "" {
			return s
		}
		s = run + " " + rest
	}
}

func isBlank(s string) bool { return strings.TrimSpace(s) == "" }

func startsWithSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return s != "" && unicode.IsSpace(r)
}

func endsWithSpace(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return s != "" && unicode.IsSpace(r)
}

// sideText returns the old (or new) text of a change: the joined text the
// Result carries, or else the text its edits rebuild (equal and delete runs
// for the old side, equal and insert runs for the new).
func sideText(c *diff.Change, old bool) string {
	if old && c.OldText != "" {
		return c.OldText
	}
	if !old && c.NewText != "" {
		return c.NewText
	}
	skip := words.OpDelete
	if old {
		skip = words.OpInsert
	}
	var b strings.Builder
	for _, e := range c.Edits {
		if e.Op != skip {
			b.WriteString(e.Text)
		}
	}
	return b.String()
}

// changeEdits returns the edits to show for a change. Those of a modified,
// merged or split change go through words.Coalesce, which joins replacements
// separated only by white space ("[-capped at-]{+limited to+}" rather than
// "[-capped-]{+limited+} [-at-]{+to+}"); the JSON keeps the edits as they
// are. Such a change without edits shows its whole old text deleted and its
// whole new text inserted; other kinds show one side's text unmarked.
func changeEdits(c *diff.Change) []words.Edit {
	switch c.Kind {
	case diff.KindModified, diff.KindMerged, diff.KindSplit:
		if len(c.Edits) > 0 {
			return words.Coalesce(c.Edits)
		}
		return []words.Edit{
			{Op: words.OpDelete, Text: c.OldText},
			{Op: words.OpInsert, Text: c.NewText},
		}
	case diff.KindRemoved, diff.KindUnreported:
		return []words.Edit{{Op: words.OpEqual, Text: sideText(c, true)}}
	default:
		return []words.Edit{{Op: words.OpEqual, Text: sideText(c, false)}}
	}
}

// paired reports whether a change's kind pairs old clauses with new ones.
func paired(k diff.Kind) bool {
	switch k {
	case diff.KindAdded, diff.KindRemoved, diff.KindUnreported:
		return false
	}
	return true
}
