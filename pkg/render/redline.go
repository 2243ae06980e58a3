package render

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/diff/words"
)

// Run is one run of a redline as it is displayed: equal text, or a deleted or
// inserted run to be marked. Its text is sanitised (SanitizeTerminal) but not
// escaped for any format.
type Run struct {
	Op   words.Op
	Text string
}

// Redline turns word edits into display runs. It is the one redline of
// plandiff: diff's text and Markdown, and the report, history and annotate
// views all show these runs, each with its own markers. It renders the edits
// it is given (see DisplayEdits for the ones a view shows) and changes what
// is marked, never what the edits say:
//
//   - each edit's text is sanitised first (SanitizeTerminal), and consecutive
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
//     spans a paragraph;
//   - white space around the whole text is dropped.
//
// Concatenating the runs gives the new text with the deleted runs added, up
// to white space.
func Redline(edits []words.Edit) []Run {
	var merged []Run
	for _, e := range edits {
		t := SanitizeTerminal(e.Text)
		if t == "" {
			continue
		}
		op := e.Op
		if op != words.OpDelete && op != words.OpInsert {
			op = words.OpEqual
		}
		if n := len(merged); n > 0 && merged[n-1].Op == op {
			merged[n-1].Text += t
			continue
		}
		merged = append(merged, Run{op, t})
	}

	var out []Run
	add := func(op words.Op, t string) {
		if t == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Op == op && op == words.OpEqual {
			out[n-1].Text += t
			return
		}
		out = append(out, Run{op, t})
	}
	for i, p := range merged {
		if p.Op == words.OpEqual {
			add(words.OpEqual, p.Text)
			continue
		}
		if isBlank(p.Text) {
			if p.Op == words.OpInsert {
				add(words.OpEqual, p.Text)
				continue
			}
			before := len(out) > 0 && endsWithSpace(out[len(out)-1].Text)
			after := i+1 < len(merged) && startsWithSpace(merged[i+1].Text)
			if len(out) > 0 && i+1 < len(merged) && !before && !after {
				add(words.OpEqual, " ")
			}
			continue
		}
		text := p.Text
		if p.Op == words.OpDelete {
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
			add(p.Op, run)
			add(words.OpEqual, gap)
			trimmed = rest
		}
		add(words.OpEqual, trail)
	}
	// White space around the whole text (a YAML block scalar's final line
	// break, say) is not shown.
	if n := len(out); n > 0 && out[n-1].Op == words.OpEqual {
		out[n-1].Text = strings.TrimRightFunc(out[n-1].Text, unicode.IsSpace)
		if out[n-1].Text == "" {
			out = out[:n-1]
		}
	}
	if len(out) > 0 && out[0].Op == words.OpEqual {
		out[0].Text = strings.TrimLeftFunc(out[0].Text, unicode.IsSpace)
		if out[0].Text == "" {
			out = out[1:]
		}
	}
	return out
}

// RedlineSide keeps the runs of one side of a redline, for side-by-side
// views: the old side drops insertions, the new side deletions. The space
// that stood beside a dropped run is not doubled, nor left before
// punctuation.
func RedlineSide(runs []Run, old bool) []Run {
	drop := words.OpDelete
	if old {
		drop = words.OpInsert
	}
	var out []Run
	dropped := false
	for _, r := range runs {
		if r.Op == drop {
			dropped = true
			continue
		}
		if n := len(out); dropped && n > 0 && endsWithSpace(out[n-1].Text) &&
			r.Text != "" && strings.ContainsRune(" .,;:!?)", rune(r.Text[0])) {
			out[n-1].Text = strings.TrimRightFunc(out[n-1].Text, unicode.IsSpace)
		}
		dropped = false
		if n := len(out); n > 0 && out[n-1].Op == r.Op {
			out[n-1].Text += r.Text
			continue
		}
		out = append(out, r)
	}
	return out
}

// DisplayEdits returns the edits a redline shows of a change's word edits:
// replacements separated only by white space are joined (words.Coalesce),
// so that a reworded phrase reads "[-capped at-]{+limited to+}" rather than
// "[-capped-]{+limited+} [-at-]{+to+}". The JSON keeps the edits as they are.
// Every view chooses its shown edits here, and Redline renders them.
func DisplayEdits(edits []words.Edit) []words.Edit { return words.Coalesce(edits) }

// TextRedline writes runs on one line for a terminal: deleted runs
// [-marked-] and inserted ones {+marked+} as git diff --word-diff=plain
// does, or, with color, struck-through red and green as Text shows them.
// Line breaks become spaces.
func TextRedline(runs []Run, color bool) string {
	var b strings.Builder
	for _, s := range redlineSpans(runs, color, "") {
		if color && s.sgr != "" {
			b.WriteString(s.sgr + joinLines(s.text) + sgrReset)
		} else {
			b.WriteString(joinLines(s.text))
		}
	}
	return b.String()
}

// redlineSpans styles runs for the terminal; plainSGR colours equal text.
func redlineSpans(runs []Run, color bool, plainSGR string) []span {
	var spans []span
	for i, r := range runs {
		if i > 0 && color && r.Op == words.OpInsert && runs[i-1].Op == words.OpDelete {
			// Without markers, a space keeps the old and new words apart.
			spans = append(spans, span{" ", ""})
		}
		switch {
		case r.Op == words.OpDelete && color:
			spans = append(spans, span{r.Text, sgrDel})
		case r.Op == words.OpDelete:
			spans = append(spans, span{"[-" + r.Text + "-]", ""})
		case r.Op == words.OpInsert && color:
			spans = append(spans, span{r.Text, sgrIns})
		case r.Op == words.OpInsert:
			spans = append(spans, span{"{+" + r.Text + "+}", ""})
		default:
			spans = append(spans, span{r.Text, plainSGR})
		}
	}
	return spans
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

// changeEdits returns the edits to show for a change: those of a modified,
// merged or split change as DisplayEdits gives them, or, for such a change
// without edits, its whole old text deleted and its whole new text inserted;
// other kinds show one side's text unmarked.
func changeEdits(c *diff.Change) []words.Edit {
	switch c.Kind {
	case diff.KindModified, diff.KindMerged, diff.KindSplit:
		if len(c.Edits) > 0 {
			return DisplayEdits(c.Edits)
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
