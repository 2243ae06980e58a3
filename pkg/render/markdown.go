package render

import (
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/plandiff/plandiff/pkg/changetype"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/diff/words"
)

// MarkdownOptions controls the Markdown report. The zero value lists every
// change but unchanged clauses.
type MarkdownOptions struct {
	// ShowUnchanged lists unchanged clauses too. Without it an unchanged
	// clause is listed only when it moved or was renumbered; the summary
	// table always counts every change.
	ShowUnchanged bool
	// MaxBytes bounds the report's size (GitHub refuses comments over
	// 65,536 characters); 0 means no bound. A report that would be larger
	// keeps its header, its counts and every change's heading, and folds
	// each change's redline, figures and sources into a <details> block;
	// blocks that do not fit are left out, and a closing line says how many
	// changes were shortened and how to get the whole report.
	MaxBytes int
	// Whole is the command that prints the whole report, named in the note
	// on shortened changes; empty means plandiff diff's.
	Whole string
}

// GitHubCommentLimit is the default --max-bytes of Markdown output: under
// the 65,536 characters GitHub accepts in a comment, with room to spare for
// what a workflow adds around it.
const GitHubCommentLimit = 65000

// Markdown writes the diff as GitHub-flavoured Markdown, ready to paste as a
// pull-request comment: a heading, a table of both versions (partial ones
// flagged, with a note that absence from them is not removal), a table of
// counts per kind, then one section per change with its numbers and flags, the
// redline as a quotation (deleted words ~~struck~~, inserted words **bold**),
// figures, clause ids, why the clauses were paired, attribute deltas, notes,
// evidence for removals and the sources of both sides as links.
//
// Everything taken from the Result is escaped so that it renders as the text
// it is and nothing else:
//
//   - control characters, escape sequences and bidi overrides are removed
//     first (SanitizeTerminal), and line breaks in one-line fields (table
//     cells, headings, list items) become spaces;
//   - the ASCII characters that can start Markdown syntax (\ ` * _ ~ [ ] | # !
//     $ and a "&" that would start an entity) are backslash-escaped; < and >
//     are written as &lt; and &gt;, so no raw HTML, autolink or HTML comment
//     can come from data;
//   - an @ before a name and a # before a number get an invisible word joiner
//     (U+2060, written &#8288;) after them, so GitHub neither pings users or
//     teams (@everyone, @org/team) nor cross-references issues; so do the
//     "://" of a URL and the "." of "www.", so that no bare address in the
//     data becomes an autolink (autolinking happens on raw text in some
//     parsers and could swallow the markup around it);
//   - a paragraph of clause text never starts with -, +, = or "1." unescaped
//     (no lists, setext headings or thematic breaks), has no leading spaces
//     (no code blocks), and single line breaks inside clause text become
//     spaces (a blank line stays a paragraph break);
//   - only absolute http and https URLs without user information become
//     links, with every character outside a conservative set
//     percent-encoded; any other URL (javascript:, data:, relative) is shown
//     as escaped text and never linked.
//
// Deleted and inserted runs use ~~ and ** where CommonMark's flanking rules
// let them work; where they would not (a run starting with punctuation right
// after a letter, say) the run is wrapped in <del> or <strong> instead, which
// GitHub renders the same. Those tags are the only HTML in the output.
//
// Write errors are returned; r is not modified.
func Markdown(w io.Writer, r *diff.Result, opts MarkdownOptions) error {
	if r == nil {
		return errNilResult
	}
	var head strings.Builder
	m := &mdReport{b: &head, r: r}
	m.header()
	var heads, bodies []string
	hidden := 0
	for i := range r.Changes {
		c := &r.Changes[i]
		if !shown(c, opts.ShowUnchanged) {
			hidden++
			continue
		}
		heads = append(heads, m.heading(c))
		bodies = append(bodies, m.body(c))
	}
	var tail string
	if len(heads) == 0 {
		tail += "\nNo differences.\n"
	}
	if hidden > 0 {
		tail += "\n*" + capitalize(unchangedNote(hidden)) + ".*\n"
	}

	p := &printer{w: w}
	p.str(head.String())
	total := head.Len() + len(tail)
	for i := range heads {
		total += len(heads[i]) + len(bodies[i])
	}
	if opts.MaxBytes <= 0 || total <= opts.MaxBytes {
		for i := range heads {
			p.str(heads[i])
			p.str(bodies[i])
		}
		p.str(tail)
		return p.flush()
	}

	// Too large: every heading stays; bodies fold into <details> blocks,
	// in order, while they fit in what the headings, the tail and the
	// closing note leave.
	whole := opts.Whole
	if whole == "" {
		whole = "plandiff diff --format markdown --max-bytes 0"
	}
	left := opts.MaxBytes - head.Len() - len(tail) - len(mdShortenedNote(len(heads), len(heads), opts.MaxBytes, whole))
	for _, h := range heads {
		left -= len(h)
	}
	shortened := 0
	for i := range heads {
		p.str(heads[i])
		folded := mdFold(bodies[i])
		if len(folded) <= left {
			p.str(folded)
			left -= len(folded)
		} else {
			shortened++
		}
	}
	p.str(tail)
	if shortened > 0 {
		p.str(mdShortenedNote(shortened, len(heads), opts.MaxBytes, whole))
	}
	return p.flush()
}

// mdFold puts a change's body in a closed <details> block.
func mdFold(body string) string {
	return "\n<details><summary>Redline, figures and sources</summary>\n" + body + "\n</details>\n"
}

// mdShortenedNote says how many changes lost their details to the size
// bound, and where the whole report is.
func mdShortenedNote(n, of, maxBytes int, whole string) string {
	return fmt.Sprintf("\n*%d of %d changes are shortened to their heading to keep this report under %d bytes "+
		"(GitHub's comment limit): the whole report is in `%s`, "+
		"or in the JSON (`--format json`) a workflow can attach as an artifact.*\n", n, of, maxBytes, whole)
}

type mdReport struct {
	b *strings.Builder
	r *diff.Result
}

func (m *mdReport) str(s string) { m.b.WriteString(s) }

func (m *mdReport) header() {
	p, r := m, m.r
	p.str("## plandiff: " + mdID(r.Old.ID) + " → " + mdID(r.New.ID) + "\n\n")
	named := r.Old.Name != "" || r.New.Name != ""
	p.str("| | version | title | completeness | status | surfaced |")
	if named {
		p.str(" read from |")
	}
	p.str("\n|---|---|---|---|---|---|")
	if named {
		p.str("---|")
	}
	p.str("\n")
	for _, side := range []struct {
		label string
		v     *diff.VersionRef
	}{{"old", &r.Old}, {"new", &r.New}} {
		v := side.v
		comp := mdText(completeness(v))
		if isPartial(v) {
			comp = "**partial**"
		}
		p.str("| " + side.label + " | " + mdID(v.ID) + " | " + mdText(v.Title) + " | " + comp +
			" | " + mdText(v.Status) + " | " + mdText(v.Surfaced) + " |")
		if named {
			p.str(" " + mdText(v.Name) + " |")
		}
		p.str("\n")
	}
	if note := carriedNote(&r.Old, mdText); note != "" {
		p.str("\n> **" + mdText(orUnnamed(r.Old.ID)) + "** is " + note + ".\n")
	}
	if isPartial(&r.New) {
		p.str("\n> **" + mdText(orUnnamed(r.New.ID)) + " is known only in part:** a clause missing from it is *unreported*, not removed.\n")
	} else if r.New.Subclauses == "partial" {
		p.str("\n> **" + mdText(orUnnamed(r.New.ID)) + " is complete at point level only:** a sub-point missing from it is *unreported*, not removed.\n")
	}
	if r.Match != "" {
		p.str("\nMatched by: " + mdText(r.Match) + "\n")
	}
	var head, rule, row strings.Builder
	for _, c := range r.Summary.Counts() {
		head.WriteString(" " + c.Label + " |")
		rule.WriteString("---:|")
		row.WriteString(fmt.Sprintf(" %d |", c.Count))
	}
	p.str("\n|" + head.String() + "\n|" + rule.String() + "\n|" + row.String() + "\n")
	if tcs := r.Summary.Types.List(); len(tcs) > 0 {
		head.Reset()
		rule.Reset()
		row.Reset()
		for _, c := range tcs {
			head.WriteString(" " + c.Type + " |")
			rule.WriteString("---:|")
			row.WriteString(fmt.Sprintf(" %d |", c.Count))
		}
		p.str("\nTypes of change:\n\n|" + head.String() + "\n|" + rule.String() + "\n|" + row.String() + "\n")
	}
}

// heading is a change's heading line: kind, numbers, flags and topic.
func (m *mdReport) heading(c *diff.Change) string {
	head := []string{mdText(capitalize(headingNoun(c)))}
	oldN, newN := numbersOf(c.OldNumbers, c.Old), numbersOf(c.NewNumbers, c.New)
	switch {
	case c.Kind == diff.KindAdded, c.Rule == diff.RuleRemovalKept:
		head[0] += mdNumbers(newN, ": ")
	case !paired(c.Kind):
		head[0] += mdNumbers(oldN, ": ")
	default:
		head[0] += ": " + orDash(mdText(strings.Join(oldN, ", "))) + " → " + orDash(mdText(strings.Join(newN, ", ")))
	}
	if c.Moved {
		head = append(head, "moved")
	}
	if c.Renumbered {
		head = append(head, "renumbered")
	}
	if lv := levelText(c); lv != "" {
		head = append(head, lv)
	}
	if topic := mdText(c.Topic); topic != "" {
		head = append(head, "topic: "+topic)
	}
	if len(c.Types) > 0 {
		head = append(head, mdText(changetype.Labels(c.Types)))
	}
	return "\n### " + strings.Join(head, " · ") + "\n"
}

// body is what follows a change's heading: the redline, figures, ids,
// pairing, evidence, deltas, notes and sources.
func (m *mdReport) body(c *diff.Change) string {
	var out strings.Builder
	if quote := mdRedline(c); quote != "" {
		out.WriteString("\n" + quote)
	}

	var items []string
	item := func(label, value string) { items = append(items, "- **"+label+":** "+value) }
	if len(c.Figures) > 0 {
		fs := make([]string, len(c.Figures))
		for i, f := range c.Figures {
			old, nu, note := f.Display("")
			fs[i] = orNone(mdText(old)) + " → " + orNone(mdText(nu))
			if note != "" {
				fs[i] += " (" + mdText(note) + ")"
			}
		}
		item("Figures", strings.Join(fs, "; "))
	}
	if td := TypeDetails(c.Types, true); td != "" && td != "wording" {
		item("Types", mdText(td))
	}
	oldIDs, newIDs := mdIDs(c.Old), mdIDs(c.New)
	switch {
	case len(c.Old) == 0 && len(c.New) == 0:
		// A removed entry that matches no old clause: the evidence names it.
	case c.Kind == diff.KindAdded:
		item("Clause", orDash(newIDs))
	case !paired(c.Kind):
		item("Clause", orDash(oldIDs))
	case strings.Join(c.Old, "\x00") == strings.Join(c.New, "\x00"):
		item("Clause", orDash(newIDs))
	default:
		item("Clauses", orDash(oldIDs)+" → "+orDash(newIDs))
	}
	if why := pairedBy(c, m.r); why != "" {
		item("Paired by", mdText(why))
	}
	if ev := evidence(c, m.r, mdText); ev != "" {
		item("Evidence", ev)
	}
	if nt := nearestText(c, m.r, mdText, mdID); nt != "" {
		item("Nearest", nt)
	}
	if ct := carriedText(c, m.r, mdText); ct != "" {
		item("Carried", ct)
	}
	if rt := readingText(c, mdText); rt != "" {
		item("Reading", rt)
	}
	if c.Variants != nil {
		side := func(v *diff.VersionRef, vs []diff.VariantRef) string {
			return Disagreement(vs, func(ids []string) string {
				return mdText(strings.Join(sourceNames(sideSources(v, ids)), ", "))
			}, mdText)
		}
		switch {
		case sameVariants(c.Variants):
			item("Readings", side(&m.r.New, c.Variants.New))
		default:
			if len(c.Variants.Old) > 0 {
				item("Readings (old)", side(&m.r.Old, c.Variants.Old))
			}
			if len(c.Variants.New) > 0 {
				item("Readings (new)", side(&m.r.New, c.Variants.New))
			}
		}
	}
	for _, d := range []struct {
		label string
		d     *diff.Delta
	}{{"Confidence", c.Confidence}, {"Proposed by", c.ProposedBy}, {"Status", c.Status}} {
		if d.d != nil {
			item(d.label, orNone(mdText(d.d.Old))+" → "+orNone(mdText(d.d.New)))
		}
	}
	for _, n := range c.OldNotes {
		item("Note (old)", mdText(n))
	}
	for _, n := range c.NewNotes {
		item("Note (new)", mdText(n))
	}
	if len(c.Sources.Old) > 0 || len(c.Old) > 0 {
		item("Old sources", byVersion(m.r.Old.ID, sideSources(&m.r.Old, c.Sources.Old), mdSources, mdText))
	}
	if len(c.Sources.New) > 0 || len(c.New) > 0 || c.RemovedEntry != "" {
		item("New sources", mdSources(sideSources(&m.r.New, c.Sources.New)))
	}
	out.WriteString("\n" + strings.Join(items, "\n") + "\n")
	return out.String()
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

func mdNumbers(list []string, sep string) string {
	if len(list) == 0 {
		return ""
	}
	return sep + mdText(strings.Join(list, ", "))
}

// mdRedline renders a change's text as a block quote (see MarkdownRedline).
func mdRedline(c *diff.Change) string { return MarkdownRedline(Redline(changeEdits(c))) }

// MarkdownRedline writes runs as a Markdown block quote, one quoted paragraph
// per paragraph of the text, or "" when there are none: deleted runs
// ~~struck~~ and inserted ones **bold** (or <del> and <strong> where
// CommonMark's flanking rules would not read the delimiters), every text
// escaped as Markdown escapes data, a space between a deletion and the
// insertion that follows it.
func MarkdownRedline(pieces []Run) string {
	var paras []string
	var cur strings.Builder
	endPara := func() {
		if s := strings.TrimRightFunc(cur.String(), unicode.IsSpace); s != "" {
			paras = append(paras, s)
		}
		cur.Reset()
	}
	for i, pc := range pieces {
		if pc.Op == words.OpEqual {
			// Split at blank lines; other white space (single line
			// breaks included) becomes one space.
			for j, para := range splitParagraphs(pc.Text) {
				if j > 0 {
					endPara()
				}
				para = collapseSpace(para)
				if cur.Len() == 0 {
					para = strings.TrimLeft(para, " ")
				}
				writeMDText(&cur, para, cur.Len() == 0)
			}
			continue
		}
		if i > 0 && pc.Op == words.OpInsert && pieces[i-1].Op == words.OpDelete {
			// A space keeps the old and new words apart.
			cur.WriteByte(' ')
		}
		e := mdEscape(pc.Text, cur.Len() == 0)
		prev := ' '
		if cur.Len() > 0 {
			prev, _ = utf8.DecodeLastRuneInString(cur.String())
		}
		next := ' '
		if i+1 < len(pieces) {
			if pieces[i+1].Op != words.OpEqual {
				next = '<' // the next marker starts with punctuation
			} else {
				next, _ = utf8.DecodeRuneInString(mdEscape(pieces[i+1].Text, false))
			}
		}
		cur.WriteString(mark(pc.Op, e, prev, next))
	}
	endPara()
	if len(paras) == 0 {
		return ""
	}
	return "> " + strings.Join(paras, "\n>\n> ") + "\n"
}

// mark wraps escaped text e in the Markdown delimiters of op (~~ for a
// deletion, ** for an insertion) when CommonMark would read them as such
// between the characters prev and next, and in <del> or <strong> otherwise.
func mark(op words.Op, e string, prev, next rune) string {
	delim, open, closeTag := "**", "<strong>", "</strong>"
	if op == words.OpDelete {
		delim, open, closeTag = "~~", "<del>", "</del>"
	}
	first, _ := utf8.DecodeRuneInString(e)
	last, _ := utf8.DecodeLastRuneInString(e)
	// Left-flanking opener and right-flanking closer, judged so that both
	// the CommonMark definition of punctuation before 0.31 (P only) and
	// after it (P and S) accept them.
	canOpen := !isMDSpace(first) && (!isMDPunctOrSymbol(first) || isMDSpace(prev) || isMDPunct(prev))
	canClose := !isMDSpace(last) && (!isMDPunctOrSymbol(last) || isMDSpace(next) || isMDPunct(next))
	// A delimiter beside an escaped delimiter character ("\~~~") is read
	// differently by different parsers: avoid it.
	nextToDelim := strings.HasPrefix(e, `\~`) || strings.HasPrefix(e, `\*`) ||
		strings.HasSuffix(e, `\~`) || strings.HasSuffix(e, `\*`)
	if canOpen && canClose && !nextToDelim {
		return delim + e + delim
	}
	return open + e + closeTag
}

func isMDSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || unicode.Is(unicode.Zs, r)
}

// isMDPunct reports whether r is punctuation under every CommonMark version:
// ASCII punctuation, or a Unicode P category.
func isMDPunct(r rune) bool {
	return (r < 0x80 && strings.ContainsRune(asciiPunct, r)) || unicode.IsPunct(r)
}

// isMDPunctOrSymbol reports whether r is punctuation under some CommonMark
// version (0.31 added the S categories).
func isMDPunctOrSymbol(r rune) bool { return isMDPunct(r) || unicode.IsSymbol(r) }

const asciiPunct = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"

// splitParagraphs splits s at every stretch of white space holding two or
// more line breaks.
func splitParagraphs(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); {
		if s[i] != '\n' {
			i++
			continue
		}
		// Extent of the white space around this line break.
		j := i
		breaks := 0
		for j < len(s) && (s[j] == '\n' || s[j] == ' ') {
			if s[j] == '\n' {
				breaks++
			}
			j++
		}
		if breaks >= 2 {
			out = append(out, s[start:i])
			start = j
		}
		i = j
	}
	return append(out, s[start:])
}

// collapseSpace turns every run of white space into one space.
func collapseSpace(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) && r != ' ' }) && !strings.Contains(s, "  ") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

func writeMDText(b *strings.Builder, s string, lineStart bool) {
	b.WriteString(mdEscape(s, lineStart))
}

// mdText escapes a one-line data string for Markdown (see Markdown).
func mdText(s string) string {
	return mdEscape(collapseSpace(SanitizeTerminalLine(s)), false)
}

// mdEscape escapes sanitised text for Markdown inline content. With
// lineStart, it also escapes what would open a block at the start of a line.
func mdEscape(s string, lineStart bool) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	if lineStart {
		s = escapeBlockStart(&b, s)
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '\\', '`', '*', '_', '~', '[', ']', '|', '!', '$':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '#':
			b.WriteString(`\#`)
			// At the end, the next piece of text may start with a digit.
			if i == len(s) || s[i] >= '0' && s[i] <= '9' {
				b.WriteString(wordJoiner)
			}
		case '@':
			b.WriteByte('@')
			if i == len(s) || isNameByte(s[i]) {
				b.WriteString(wordJoiner)
			}
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case ':':
			if strings.HasPrefix(s[i:], "//") {
				b.WriteString(wordJoiner) // no "scheme://" autolink
			}
			b.WriteByte(':')
		case '.':
			if start := i - 4; start >= 0 && strings.EqualFold(s[start:i-1], "www") &&
				(start == 0 || !isNameByte(s[start-1])) {
				b.WriteString(wordJoiner) // no "www." autolink
			}
			b.WriteByte('.')
		case '-':
			b.WriteByte('-')
			// "GH-123" is an issue reference on GitHub, as "#123" is.
			if start := i - 3; start >= 0 && strings.EqualFold(s[start:i-1], "gh") &&
				(start == 0 || !isNameByte(s[start-1])) && (i == len(s) || s[i] >= '0' && s[i] <= '9') {
				b.WriteString(wordJoiner)
			}
		case '&':
			if looksLikeEntity(s[i:]) {
				b.WriteString("&amp;")
			} else {
				b.WriteByte('&')
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// wordJoiner is U+2060 as an entity: invisible, but it stops GitHub's mention
// and issue-reference autolinking.
const wordJoiner = "&#8288;"

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

// looksLikeEntity reports whether s (the text after an "&") would be read as
// an entity or numeric character reference: up to 32 alphanumerics or a "#"
// and then ";".
func looksLikeEntity(s string) bool {
	s = strings.TrimPrefix(s, "#")
	n := 0
	for n < len(s) && n <= 32 && (isNameByte(s[n]) && s[n] != '-' && s[n] != '_') {
		n++
	}
	return n > 0 && n < len(s) && s[n] == ';'
}

// escapeBlockStart writes the escaped start of a line that CommonMark would
// read as a list item, setext underline or thematic break, and returns the
// rest of s. The other block starters (#, >, <, *, _, `, ~, |) are escaped by
// mdEscape anyway; leading spaces were trimmed by the caller.
func escapeBlockStart(b *strings.Builder, s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '-', '+', '=':
		b.WriteByte('\\')
		b.WriteByte(s[0])
		return s[1:]
	}
	// An ordered list marker: up to nine digits, then "." or ")".
	n := 0
	for n < len(s) && n < 10 && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	if n > 0 && n < 10 && n < len(s) && (s[n] == '.' || s[n] == ')') {
		b.WriteString(s[:n])
		b.WriteByte('\\')
		b.WriteByte(s[n])
		return s[n+1:]
	}
	return s
}

// mdID writes a clause or version id: as a code span when it is a plain
// slug, as escaped text otherwise (a code span cannot be escaped).
func mdID(id string) string {
	if id == "" {
		return "-"
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(isNameByte(c) || c == '.' || c == ':' || c == '/') {
			return mdText(id)
		}
	}
	return "`" + id + "`"
}

func mdIDs(ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = mdID(id)
	}
	return strings.Join(out, ", ")
}

// mdSources lists resolved sources: the outlet as a link when the URL is a
// safe http(s) URL, then date and coverage.
func mdSources(list []diff.SourceRef) string {
	if len(list) == 0 {
		return "none cited"
	}
	parts := make([]string, 0, len(list))
	for _, s := range list {
		parts = append(parts, mdLink(sourceName(s, mdText), s.URL)+sourceDetail(s, mdText))
	}
	return strings.Join(parts, "; ")
}
