package render

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/plandiff/plandiff/pkg/changetype"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/diff/words"
)

// TextOptions controls the terminal report. The zero value gives plain text,
// unwrapped, without unchanged clauses.
type TextOptions struct {
	// Color turns on ANSI colours: deleted words red and struck through,
	// inserted words green, kinds and flags coloured. Off, deletions and
	// insertions are marked [-old-]{+new+}, as git diff --word-diff=plain
	// does. The command layer decides (--color, NO_COLOR, TERM, a terminal);
	// this package never looks.
	Color bool
	// Width wraps lines at spaces to this many display columns; 0 never
	// wraps. A word longer than the line (a URL, say) is not broken.
	Width int
	// ShowUnchanged lists unchanged clauses too. Without it an unchanged
	// clause is listed only when it moved or was renumbered; the summary
	// always counts every change.
	ShowUnchanged bool
	// Sources is how much of the sources and notes to print; the zero
	// value is SourcesShort.
	Sources SourceDetail
}

// SourceDetail is how much the text report says about sources.
type SourceDetail int

const (
	// SourcesShort lists every outlet the shown changes cite once, numbered,
	// under the summary, and ends each change's heading with the numbers of
	// its old and new sources ("[1-4 → 7 9]", one list when both sides cite
	// the same outlets). Changes are not separated by blank lines, notes are
	// left out and a removal absent from a complete text is one line: the
	// whole diff reads at a glance.
	SourcesShort SourceDetail = iota
	// SourcesFull gives each change its pairing, evidence, notes (once when
	// both sides have the same) and both sides' sources with dates and
	// coverage, blocks separated by blank lines.
	SourcesFull
	// SourcesNone is SourcesShort without sources.
	SourcesNone
)

// ParseSourceDetail reads "short", "full" or "none".
func ParseSourceDetail(s string) (SourceDetail, error) {
	switch s {
	case "short":
		return SourcesShort, nil
	case "full":
		return SourcesFull, nil
	case "none":
		return SourcesNone, nil
	}
	return 0, fmt.Errorf("sources %q: want none, short or full", s)
}

// Column layout of the text report.
const (
	bodyIndent  = 4  // change body, under the change's heading line
	labelWidth  = 13 // "proposed by" and the like, padded
	headerLabel = 9  // "old", "new", "match", "changes", padded
)

// Text writes the diff as a terminal report: a header naming both versions
// (with completeness, partial flagged), a summary of counts per kind, then one
// block per change. A block gives the kind, the old and new numbers
// ("6 → 4") and the moved and renumbered flags, the redline, the figures, the
// clause ids, why the clauses were paired, attribute deltas, notes, why a
// removed clause counts as removed (or why an absent one is only unreported)
// and the sources of both sides.
//
// Every string from the Result goes through SanitizeTerminal. Write errors are
// returned; r is not modified.
func Text(w io.Writer, r *diff.Result, opts TextOptions) error {
	if r == nil {
		return errNilResult
	}
	p := &printer{w: w}
	t := &textReport{lw: lineWriter{p: p, width: max(opts.Width, 0), color: opts.Color}, r: r, detail: opts.Sources}
	t.header()
	if t.detail == SourcesShort {
		t.legend = newSourceLegend(r, opts.ShowUnchanged)
		t.legend.write(t)
	}
	n, hidden, notes := 0, 0, false
	for i := range r.Changes {
		c := &r.Changes[i]
		if !shown(c, opts.ShowUnchanged) {
			hidden++
			continue
		}
		if n == 0 || t.detail == SourcesFull {
			p.str("\n")
		}
		t.change(c)
		notes = notes || len(c.OldNotes)+len(c.NewNotes) > 0
		n++
	}
	if n == 0 {
		p.str("\n")
		t.lw.para(0, 0, []span{{"no differences", ""}})
	}
	var tail []string
	if hidden > 0 {
		tail = append(tail, unchangedNote(hidden))
	}
	if t.detail != SourcesFull && n > 0 {
		what := "sources' dates and coverage, pairing details"
		if notes {
			what = "notes, " + what
		}
		tail = append(tail, what+": --sources full")
	}
	if len(tail) > 0 {
		// The short layout saves the blank line: the hint is dim.
		if t.detail == SourcesFull || n == 0 {
			p.str("\n")
		}
		t.lw.para(0, 0, []span{{strings.Join(tail, "; "), sgrDim}})
	}
	return p.flush()
}

type textReport struct {
	lw     lineWriter
	r      *diff.Result
	detail SourceDetail
	legend *sourceLegend // SourcesShort only
}

// line writes a label padded to width at indent, then the value spans, with
// continuation lines hanging under the value.
func (t *textReport) line(indent, width int, label string, value ...span) {
	pad := max(width-DisplayWidth(label), 1)
	spans := append([]span{{label, sgrDim}, {strings.Repeat(" ", pad), ""}}, value...)
	t.lw.para(indent, indent+DisplayWidth(label)+pad, spans)
}

func (t *textReport) header() {
	for _, side := range []struct {
		label string
		v     *diff.VersionRef
	}{{"old", &t.r.Old}, {"new", &t.r.New}} {
		v := side.v
		t.line(0, headerLabel, side.label,
			span{line(v.ID), sgrBold}, span{titleSep(v), ""}, span{line(v.Title), ""})
		var facts []span
		if isPartial(v) {
			facts = append(facts, span{"PARTIAL", sgrWarn})
		} else {
			facts = append(facts, span{line(completeness(v)), ""})
		}
		rest := []string{line(v.Status)}
		if v.Surfaced != "" {
			rest = append(rest, "surfaced "+line(v.Surfaced))
		}
		if v.Name != "" {
			rest = append(rest, "read from "+line(v.Name))
		}
		if s := joinNonEmpty(", ", rest...); s != "" {
			facts = append(facts, span{", " + s, ""})
		}
		t.lw.para(headerLabel, headerLabel, facts)
		if note := carriedNote(v, line); note != "" {
			t.lw.para(headerLabel, headerLabel, []span{{note, ""}})
		}
		if isPartial(v) && side.label == "new" {
			t.lw.para(headerLabel, headerLabel, []span{{
				"a partial version: a clause missing from it is unreported, not removed", ""}})
		} else if v.Subclauses == "partial" && side.label == "new" {
			t.lw.para(headerLabel, headerLabel, []span{{
				"complete at point level only: a sub-point missing from it is unreported, not removed", ""}})
		}
	}
	// The short layout names only a --match other than the default.
	if t.r.Match != "" && (t.detail == SourcesFull || t.r.Match != string(diff.MatchAuto)) {
		t.line(0, headerLabel, "match", span{line(t.r.Match), ""})
	}
	t.summary()
	if t.detail == SourcesFull {
		t.typeSummary()
	}
}

// typeSummary writes the counts per type of change, "types  4 figure, 3
// party...", when any change has a type.
func (t *textReport) typeSummary() {
	if s := TypeCountsText(t.r.Summary.Types); s != "" {
		t.line(0, headerLabel, "types", span{s, ""})
	}
}

// TypeCountsText is the counts per type as the text formats print them:
// "4 figure, 3 party, 7 wording"; "" when no change has a type.
func TypeCountsText(tc diff.TypeCounts) string {
	var parts []string
	for _, c := range tc.List() {
		parts = append(parts, fmt.Sprintf("%d %s", c.Count, c.Type))
	}
	return strings.Join(parts, ", ")
}

// TypeDetails is the types of a change with what changed: "figure↑
// 600,000 → 800,000 (+33%); scope +in peacetime −at most". A detail that
// marks what was added (+) or dropped (−) follows the type's name alone.
// Figures are left out when noFigures: a figures line says them.
func TypeDetails(ts []changetype.Type, noFigures bool) string {
	var parts []string
	for _, ty := range ts {
		if noFigures && ty.Type == changetype.Figure {
			continue
		}
		p := ty.Label()
		switch {
		case ty.Detail == "":
		case strings.HasPrefix(ty.Detail, "+") || strings.HasPrefix(ty.Detail, "−"):
			p = ty.Type + " " + ty.Detail
		default:
			p += " " + ty.Detail
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}

// summary writes the counts per kind: "changes  2 unchanged, 1 modified...".
func (t *textReport) summary() {
	var counts []string
	for _, c := range t.r.Summary.Counts() {
		counts = append(counts, fmt.Sprintf("%d %s", c.Count, c.Label))
	}
	t.line(0, headerLabel, "changes", span{strings.Join(counts[:len(counts)-1], ", ") + "; " + counts[len(counts)-1], ""})
}

// titleSep separates a version's id from its title.
func titleSep(v *diff.VersionRef) string {
	if v.ID != "" && v.Title != "" {
		return ": "
	}
	return ""
}

// Kind sigils and heading colours.
var kindStyle = map[diff.Kind]struct{ sigil, sgr string }{
	diff.KindUnchanged:  {"=", sgrPlain},
	diff.KindModified:   {"~", sgrModified},
	diff.KindMerged:     {">", sgrMerge},
	diff.KindSplit:      {"<", sgrMerge},
	diff.KindAdded:      {"+", sgrAdded},
	diff.KindRemoved:    {"-", sgrRemoved},
	diff.KindUnreported: {"?", sgrWarn},
}

func (t *textReport) change(c *diff.Change) {
	st, ok := kindStyle[c.Kind]
	if !ok {
		st = struct{ sigil, sgr string }{"*", sgrPlain}
	}
	head := []span{{st.sigil + " " + line(headingNoun(c)), st.sgr}}
	short := t.detail != SourcesFull
	oldN, newN := lines(numbersOf(c.OldNumbers, c.Old)), lines(numbersOf(c.NewNumbers, c.New))
	if short && paired(c.Kind) && c.Rule != diff.RuleRemovalKept {
		// Printed numbers only: the ids follow.
		oldN, newN = lines(nonEmpty(c.OldNumbers)), lines(nonEmpty(c.NewNumbers))
	}
	switch {
	case c.Kind == diff.KindAdded, c.Rule == diff.RuleRemovalKept:
		if len(newN) > 0 {
			head = append(head, span{"  " + strings.Join(newN, ", "), ""})
		}
	case !paired(c.Kind):
		if len(oldN) > 0 {
			head = append(head, span{"  " + strings.Join(oldN, ", "), ""})
		}
	default:
		head = append(head, span{"  " + orDash(strings.Join(oldN, ", ")) + " → " + orDash(strings.Join(newN, ", ")), ""})
	}
	if c.Moved {
		head = append(head, span{"  ", ""}, span{"moved", sgrFlag})
	}
	if len(c.Carried) > 0 {
		head = append(head, span{"  ", ""}, span{"carried", sgrFlag})
	}
	if c.Variants != nil && short {
		// The readings themselves: --sources full, the JSON, show.
		head = append(head, span{"  ", ""}, span{"copies disagree", sgrFlag})
	}
	// In the short layout "6 → 4" says it was renumbered.
	if c.Renumbered && !short {
		head = append(head, span{"  ", ""}, span{"renumbered", sgrFlag})
	}
	if lv := levelText(c); lv != "" {
		head = append(head, span{"  ", ""}, span{lv, sgrFlag})
	}
	if topic := line(c.Topic); topic != "" {
		head = append(head, span{"  [" + topic + "]", ""})
	}
	if len(c.Types) > 0 {
		head = append(head, span{"  ", ""}, span{"[" + line(changetype.Labels(c.Types)) + "]", sgrFlag})
	}
	if t.detail != SourcesFull {
		t.shortChange(c, head)
		return
	}
	if why := shortPairing(c); why != "" {
		head = append(head, span{"  (" + why + ")", sgrDim})
	}
	t.lw.para(0, bodyIndent, head)

	t.redline(c)

	t.figures(c)
	if td := TypeDetails(c.Types, false); td != "" {
		t.line(bodyIndent, labelWidth, "types", span{line(td), ""})
	}

	oldIDs, newIDs := strings.Join(lines(c.Old), ", "), strings.Join(lines(c.New), ", ")
	switch {
	case oldIDs == "" && newIDs == "":
		// A removed entry that matches no old clause: the evidence names it.
	case c.Kind == diff.KindAdded:
		t.line(bodyIndent, labelWidth, "clause", span{orDash(newIDs), ""})
	case !paired(c.Kind):
		t.line(bodyIndent, labelWidth, "clause", span{orDash(oldIDs), ""})
	case oldIDs == newIDs:
		t.line(bodyIndent, labelWidth, "clause", span{orDash(newIDs), ""})
	default:
		t.line(bodyIndent, labelWidth, "clauses", span{orDash(oldIDs) + " → " + orDash(newIDs), ""})
	}

	if why := pairedBy(c, t.r); why != "" {
		t.line(bodyIndent, labelWidth, "paired by", span{line(why), ""})
	}

	if ev := evidence(c, t.r, line); ev != "" {
		t.line(bodyIndent, labelWidth, "evidence", span{ev, ""})
	}
	if nt := nearestText(c, t.r, line, line); nt != "" {
		t.line(bodyIndent, labelWidth, "nearest", span{nt, ""})
	}
	if ct := carriedText(c, t.r, line); ct != "" {
		t.line(bodyIndent, labelWidth, "carried", span{ct, ""})
	}

	t.deltas(c)
	if rt := readingText(c, line); rt != "" {
		t.line(bodyIndent, labelWidth, "reading", span{rt, ""})
	}
	for _, rl := range t.readings(c, func(v *diff.VersionRef, ids []string) string {
		return strings.Join(sourceNames(sideSources(v, ids)), ", ")
	}) {
		t.line(bodyIndent, labelWidth, rl.label, span{rl.text, ""})
	}
	if slices.Equal(c.OldNotes, c.NewNotes) {
		for _, n := range c.NewNotes {
			t.line(bodyIndent, labelWidth, "note", span{line(n), ""})
		}
	} else {
		for _, n := range c.OldNotes {
			t.line(bodyIndent, labelWidth, "note (old)", span{line(n), ""})
		}
		for _, n := range c.NewNotes {
			t.line(bodyIndent, labelWidth, "note (new)", span{line(n), ""})
		}
	}

	if len(c.Sources.Old) > 0 || len(c.Old) > 0 {
		t.line(bodyIndent, labelWidth, "old sources", span{byVersion(t.r.Old.ID, sideSources(&t.r.Old, c.Sources.Old), textSources, line), ""})
	}
	if len(c.Sources.New) > 0 || len(c.New) > 0 || c.RemovedEntry != "" {
		t.line(bodyIndent, labelWidth, "new sources", span{textSources(sideSources(&t.r.New, c.Sources.New)), ""})
	}
}

// shortChange finishes a change in the short layouts: the heading gains the
// clause ids, the pairing and the source numbers; the body is the redline,
// figures and attribute deltas. A removal is its heading alone (with its
// figures, if any): the id names the clause, the heading says whether a
// source reports the removal or the clause is just absent, and the source
// numbers include those that report it. --sources full and the JSON give
// the removed text.
func (t *textReport) shortChange(c *diff.Change, head []span) {
	// The heading gave ids in place of numbers when the clauses have none.
	if ids := changeIDs(c); ids != "" && (len(nonEmpty(c.OldNumbers)) > 0 || len(nonEmpty(c.NewNumbers)) > 0) {
		head = append(head, span{"  " + ids, ""})
	}
	if why := shortPairing(c); why != "" {
		head = append(head, span{"  (" + why + ")", sgrDim})
	}
	var refs []span
	if t.legend != nil {
		if r := t.legend.refs(c); r != "" {
			refs = []span{{"  [" + r + "]", sgrDim}}
		}
	}
	// A clause missing from the new version is its heading: the id
	// names it.
	removal := c.Kind == diff.KindRemoved || c.Kind == diff.KindUnreported
	fits := func(line, more []span) bool {
		return t.lw.width == 0 || spansWidth(line)+spansWidth(more) <= t.lw.width
	}
	// The source numbers and the figures end the heading when it has room
	// for them. What is left, with the attribute deltas, makes one line
	// under the text; source numbers with no room there either follow the
	// text, as a citation does.
	if removal || fits(head, refs) {
		head, refs = append(head, refs...), nil
	}
	var meta []span
	if fs := figureSpans(c); len(fs) > 0 {
		if withFigs := append([]span{{"  ", ""}}, fs...); fits(head, withFigs) {
			head = append(head, withFigs...)
		} else {
			meta = append(append(meta, span{"figures ", sgrDim}), fs...)
		}
	}
	for _, d := range []struct {
		label string
		d     *diff.Delta
	}{{"confidence", c.Confidence}, {"proposed by", c.ProposedBy}, {"status", c.Status}} {
		if d.d != nil {
			if len(meta) > 0 {
				meta = append(meta, span{"  ", ""})
			}
			meta = append(meta, span{d.label + " ", sgrDim},
				span{orNone(line(d.d.Old)), ""}, span{" → ", ""}, span{orNone(line(d.d.New)), ""})
		}
	}
	// The nearest counterpart of a removal ends the heading when it has
	// room: it is what the claim "removed" is weighed against. An
	// addition's, and how each is paired, are for --sources full.
	if nt := nearestShort(c); nt != "" && removal {
		near := []span{{"nearest ", sgrDim}, {nt, ""}}
		if sep := []span{{"  ", ""}}; fits(head, append(sep, near...)) {
			head = append(append(head, sep...), near...)
		} else {
			if len(meta) > 0 {
				meta = append(meta, sep...)
			}
			meta = append(meta, near...)
		}
	}
	if rt := readingText(c, line); rt != "" && !removal {
		if len(meta) > 0 {
			meta = append(meta, span{"  ", ""})
		}
		meta = append(meta, span{"reading ", sgrDim}, span{rt, ""})
	}
	if len(meta) > 0 && len(refs) > 0 && fits(append([]span{{"    ", ""}}, meta...), refs) {
		meta, refs = append(meta, refs...), nil
	}
	t.lw.para(0, bodyIndent, head)
	if !removal {
		t.redlineRuns(c, elide(Redline(changeEdits(c)), contextWords), refs...)
	}
	if len(meta) > 0 {
		t.lw.para(bodyIndent, bodyIndent+2, meta)
	}
}

// readingLine is one side's disagreement, labelled.
type readingLine struct{ label, text string }

// readings says where the copies of each side disagree: once when both
// sides record the same readings, else a line per side that has any. cite
// names the sources of a reading.
func (t *textReport) readings(c *diff.Change, cite func(v *diff.VersionRef, ids []string) string) []readingLine {
	if c.Variants == nil {
		return nil
	}
	side := func(v *diff.VersionRef, vs []diff.VariantRef) string {
		return Disagreement(vs, func(ids []string) string { return cite(v, ids) }, line)
	}
	if sameVariants(c.Variants) {
		return []readingLine{{"readings", side(&t.r.New, c.Variants.New)}}
	}
	var out []readingLine
	if len(c.Variants.Old) > 0 {
		out = append(out, readingLine{"readings (old)", side(&t.r.Old, c.Variants.Old)})
	}
	if len(c.Variants.New) > 0 {
		out = append(out, readingLine{"readings (new)", side(&t.r.New, c.Variants.New)})
	}
	return out
}

// SourceNames names resolved sources briefly, as the text legend does (the
// outlet without its qualifiers), each name once.
func SourceNames(list []diff.SourceRef) []string { return sourceNames(list) }

// ReadingsText says where the copies of a clause disagree, as Disagreement
// does, for readings whose sources are resolved: each named as SourceNames
// does, then passed through esc.
func ReadingsText(readings []diff.VariantRef, sources [][]diff.SourceRef, esc func(string) string) string {
	vs := make([]diff.VariantRef, len(readings))
	copy(vs, readings)
	for i := range vs {
		vs[i].Sources = SourceNames(sources[i])
	}
	return Disagreement(vs, func(names []string) string { return esc(strings.Join(names, ", ")) }, esc)
}

// sourceNames names resolved sources as the legend does.
func sourceNames(list []diff.SourceRef) []string {
	out := make([]string, 0, len(list))
	for _, s := range list {
		if n := legendName(s); !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out
}

// spansWidth is the display width of spans laid on one line.
func spansWidth(spans []span) int {
	w := 0
	for _, s := range spans {
		w += DisplayWidth(s.text)
	}
	return w
}

// changeIDs names the clauses of a change: "a", or "a → b" when the ids
// differ across the pairing.
func changeIDs(c *diff.Change) string {
	oldIDs, newIDs := strings.Join(lines(c.Old), ", "), strings.Join(lines(c.New), ", ")
	switch {
	case oldIDs == "" && newIDs == "" && c.RemovedEntry != "":
		// A removed entry that matches no old clause.
		return "entry " + line(c.RemovedEntry)
	case c.Kind == diff.KindAdded || oldIDs == newIDs || oldIDs == "":
		return newIDs
	case !paired(c.Kind) || newIDs == "":
		return oldIDs
	}
	return oldIDs + " → " + newIDs
}

// shortPairing is why a paired change's clauses were paired, in a word,
// with the similarity: "id 0.62", "derives_from 0.48", "content 0.61",
// "contained 0.52" (a merge or split found by containment).
func shortPairing(c *diff.Change) string {
	if !paired(c.Kind) || c.Rule == diff.RuleRemovalKept {
		return ""
	}
	var rule string
	switch c.Rule {
	case diff.RuleID:
		rule = "id"
	case diff.RuleDerivesFrom:
		rule = "derives_from"
	case diff.RuleContent:
		rule = "content"
	case diff.RuleMergeSplit:
		rule = "contained"
	case "", diff.RuleNone:
		return ""
	default:
		rule = line(c.Rule)
	}
	return rule + " " + similarity(c.Similarity)
}

// figures writes the figures line of a change, if it has figures.
func (t *textReport) figures(c *diff.Change) {
	if fs := figureSpans(c); len(fs) > 0 {
		t.line(bodyIndent, labelWidth, "figures", fs...)
	}
}

// figureSpans is "old → new; ..." for the figures of a change.
func figureSpans(c *diff.Change) []span {
	var fs []span
	for i, f := range c.Figures {
		if i > 0 {
			fs = append(fs, span{"; ", ""})
		}
		old, nu, note := f.Display("")
		fs = append(fs, span{orNone(line(old)), sgrOld}, span{" → ", ""}, span{orNone(line(nu)), sgrNew})
		if note != "" {
			fs = append(fs, span{" (" + line(note) + ")", ""})
		}
	}
	return fs
}

// deltas writes the attributes that differ between the sides.
func (t *textReport) deltas(c *diff.Change) {
	for _, d := range []struct {
		label string
		d     *diff.Delta
	}{{"confidence", c.Confidence}, {"proposed by", c.ProposedBy}, {"status", c.Status}} {
		if d.d != nil {
			t.line(bodyIndent, labelWidth, d.label,
				span{orNone(line(d.d.Old)), ""}, span{" → ", ""}, span{orNone(line(d.d.New)), ""})
		}
	}
}

// redline writes the clause text of a change, with deletions and insertions
// marked.
func (t *textReport) redline(c *diff.Change, after ...span) {
	t.redlineRuns(c, Redline(changeEdits(c)), after...)
}

// contextWords is how many unchanged words the short layout keeps on each
// side of an edit, as git keeps three lines of context around a hunk.
const contextWords = 3

// elide shortens the unchanged stretches of a redline that has edits to
// contextWords words next to each edit, with "…" for the words left out;
// a redline without edits is left whole.
func elide(runs []Run, k int) []Run {
	edited := false
	for _, r := range runs {
		edited = edited || r.Op != words.OpEqual
	}
	if !edited {
		return runs
	}
	out := make([]Run, 0, len(runs))
	for i, r := range runs {
		if r.Op != words.OpEqual {
			out = append(out, r)
			continue
		}
		f := strings.Fields(r.Text)
		lead := strings.HasPrefix(r.Text, " ")
		trail := strings.HasSuffix(r.Text, " ")
		first, last := i == 0, i == len(runs)-1
		var text string
		switch {
		case first && !last && len(f) > k+1:
			text = "… " + strings.Join(f[len(f)-k:], " ")
		case last && !first && len(f) > k+1:
			text = strings.Join(f[:k], " ") + " …"
		case !first && !last && len(f) > 2*k+1:
			text = strings.Join(f[:k], " ") + " … " + strings.Join(f[len(f)-k:], " ")
		default:
			out = append(out, r)
			continue
		}
		if lead && !first {
			text = " " + text
		}
		if trail && !last {
			text += " "
		}
		out = append(out, Run{Op: words.OpEqual, Text: text})
	}
	return out
}

// redlineRuns writes runs as the clause text of change c, then after.
func (t *textReport) redlineRuns(c *diff.Change, runs []Run, after ...span) {
	plainSGR := ""
	switch c.Kind {
	case diff.KindAdded:
		plainSGR = sgrNew
	case diff.KindRemoved:
		plainSGR = sgrOld
	case diff.KindUnreported:
		plainSGR = sgrDim
	}
	spans := redlineSpans(runs, t.lw.color, plainSGR)
	if len(spans) > 0 {
		spans = append(spans, after...)
		t.lw.para(bodyIndent, bodyIndent, spans)
	}
}

// evidence says why a clause missing from the new version is removed or only
// unreported; it returns "" for other kinds. esc prepares data strings for the
// output format.
func evidence(c *diff.Change, r *diff.Result, esc func(string) string) string {
	newID := esc(orUnnamed(r.New.ID))
	switch c.Kind {
	case diff.KindRemoved:
		if c.RemovedEntry != "" {
			var by []string
			for _, s := range sideSources(&r.New, c.Sources.New) {
				by = append(by, sourceName(s, esc))
			}
			who := newID
			if len(by) > 0 {
				who = strings.Join(by, "; ")
			}
			ev := "reported removed by " + who + " (entry " + esc(c.RemovedEntry) + " in " + newID + ")"
			if len(c.Old) == 0 {
				ev += "; no clause of " + esc(orUnnamed(r.Old.ID)) + " matches it"
			}
			return ev
		}
		return "not in " + newID + ", a complete version"
	case diff.KindUnreported:
		switch {
		case c.UnreportedUnder == "":
			return "not reported in " + newID + ", which is known only in part: absence is not removal"
		case r.New.Subclauses == "partial":
			return "not reported in " + newID + ", which is complete at point level only (subclauses: partial): absence of a sub-point is not removal"
		}
		return "not reported in " + newID + ", whose clause " + esc(c.UnreportedUnder) +
			" has sub-points known only in part (subclauses: partial): absence is not removal"
	}
	return ""
}

// nearestText names the clause of the other version that came closest to
// an added or removed clause (diff.Change.Nearest): "framework-20's 11
// non-nuclear-status (similarity 0.32), already paired with
// non-nuclear-status". esc prepares text and id an id for the output; ""
// when the change names none.
func nearestText(c *diff.Change, r *diff.Result, esc, id func(string) string) string {
	if c.Nearest == nil {
		return ""
	}
	other := r.New.ID
	if c.Kind == diff.KindAdded {
		other = r.Old.ID
	}
	return esc(orUnnamed(other)) + "'s " + NearestText(c.Nearest, esc, id)
}

// NearestText says a nearest clause: "11 non-nuclear-status (similarity
// 0.32), already paired with non-nuclear-status". esc prepares text and id
// an id for the output.
func NearestText(n *diff.Nearest, esc, id func(string) string) string {
	s := ""
	if num := esc(n.Number); num != "" {
		s = num + " "
	}
	s += id(n.Clause) + " (similarity " + similarity(n.Similarity) + ")"
	if len(n.PairedWith) > 0 {
		ids := make([]string, len(n.PairedWith))
		for i, p := range n.PairedWith {
			ids[i] = id(p)
		}
		s += ", already paired with " + strings.Join(ids, ", ")
	}
	return s
}

// nearestShort is nearestText for the short layout: "15
// no-change-by-force (0.29)".
func nearestShort(c *diff.Change) string {
	n := c.Nearest
	if n == nil {
		return ""
	}
	s := line(n.Clause)
	if num := line(n.Number); num != "" {
		s = num + " " + s
	}
	return s + " (" + similarity(n.Similarity) + ")"
}

// sourceName is a source's outlet, or its id when it has none (or none
// left once esc has prepared it for the output), or "unnamed source".
func sourceName(s diff.SourceRef, esc func(string) string) string {
	if name := esc(s.Outlet); name != "" {
		return name
	}
	if id := esc(s.ID); id != "" {
		return id
	}
	return "unnamed source"
}

// textSources lists resolved sources as "Outlet (date, covers)".
func textSources(list []diff.SourceRef) string {
	if len(list) == 0 {
		return "none cited"
	}
	parts := make([]string, 0, len(list))
	for _, s := range list {
		parts = append(parts, sourceName(s, line)+sourceDetail(s, line))
	}
	return strings.Join(parts, "; ")
}

// sourceDetail is the parenthesised date and coverage of a source, or a note
// that the version does not list it.
func sourceDetail(s diff.SourceRef, esc func(string) string) string {
	if s.Outlet == "" && s.Date == "" && s.URL == "" && s.Covers == "" {
		return " (not listed in the version's sources)"
	}
	if d := joinNonEmpty(", ", esc(s.Date), esc(s.Covers)); d != "" {
		return " (" + d + ")"
	}
	return ""
}

// line sanitises a one-line field for the terminal.
func line(s string) string { return SanitizeTerminalLine(s) }

func lines(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = line(s)
	}
	return out
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// similarity formats a similarity score for people: two decimals.
func similarity(f float64) string {
	return fmt.Sprintf("%.2f", cleanFloat(f))
}
