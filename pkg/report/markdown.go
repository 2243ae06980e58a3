package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/plandiff/plandiff/pkg/changetype"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/diff/words"
	"github.com/plandiff/plandiff/pkg/render"
)

// errWriter keeps the first write error. With width > 0, printf wraps
// what it prints (see wrap).
type errWriter struct {
	w     *bufio.Writer
	err   error
	width int
}

func newErrWriter(w io.Writer) *errWriter { return &errWriter{w: bufio.NewWriter(w)} }

func (e *errWriter) printf(format string, args ...any) {
	if e.err != nil {
		return
	}
	s := fmt.Sprintf(format, args...)
	if e.width > 0 {
		s = wrap(s, e.width)
	}
	_, e.err = e.w.WriteString(s)
}

func (e *errWriter) str(s string) {
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

func (e *errWriter) flush() error {
	if e.err != nil {
		return e.err
	}
	return e.w.Flush()
}

// Markdown writes the report as GitHub-flavoured Markdown: the versions
// table, the counts per step, the topic matrix, the figures, every step's
// changes with redlines (marked as diff --format markdown marks them:
// render.MarkdownRedline), and the sources. Every data string is escaped
// (see md); only http(s) URLs become links; <del> and <strong> (where
// Markdown emphasis cannot mark a run) are the only HTML in the output.
func Markdown(w io.Writer, r *Report) error {
	ew := newErrWriter(w)
	ew.printf("# %s\n\n", md(r.Title))
	if r.Generated != "" {
		ew.printf("Generated %s.\n\n", md(r.Generated))
	}
	mdVersions(ew, r)
	mdTimeline(ew, r)
	mdCounts(ew, r)
	mdMatrix(ew, r)
	mdFigures(ew, r)
	mdSteps(ew, r)
	mdSources(ew, r)
	return ew.flush()
}

func mdVersions(ew *errWriter, r *Report) {
	ew.str("## Versions\n\n")
	ew.str("| Version | Title | Surfaced | Status | Text known | Revises | Clauses | Sources |\n")
	ew.str("|---|---|---|---|---|---|--:|--:|\n")
	partial := false
	for _, v := range r.Versions {
		known := md(v.Completeness)
		clauses := strconv.Itoa(v.Stated)
		if v.Completeness == "partial" {
			partial = true
			known = "**partial**"
			if v.UnreportedCount > 0 {
				clauses += fmt.Sprintf(" (+%d unreported)", v.UnreportedCount)
			}
		}
		if v.RemovedEntries > 0 {
			clauses += fmt.Sprintf(", %d reported dropped", v.RemovedEntries)
		}
		ew.printf("| %s | %s | %s | %s | %s | %s | %s | %d |\n",
			code(v.ID), md(v.Title), md(v.Surfaced), md(orDash(v.Status)), known,
			mdList(v.Supersedes), clauses, v.SourceCount)
	}
	ew.str("\n")
	if partial {
		ew.str("A partial version states only what was reported. A clause it does not mention is *unreported*, " +
			"never *removed*: it is carried over from the version it revises (\"unreported\" below) and compared with later versions as such.\n\n")
	}
}

// mdTimeline lists the versions and the events between them in date order
// (Report.Timeline); nothing when the report has no events.
func mdTimeline(ew *errWriter, r *Report) {
	items := r.Timeline()
	if items == nil {
		return
	}
	ew.str("## Timeline\n\nThe versions, at the date each surfaced, and the events between them (meetings, calls, statements: the corpus's events file), each with its sources.\n\n")
	ew.str("| Date | Version or event | Who, where | Concerns | Sources |\n|---|---|---|---|---|\n")
	for _, it := range items {
		if v := it.Version; v != nil {
			ew.printf("| %s | **Version %s surfaced**: %s | %s | – | – |\n", md(it.Date), code(v.ID), md(v.Title), md(orDash(strings.Join(v.ProposedBy, ", "))))
			continue
		}
		e := it.Event
		what := md(e.What)
		if e.Note != "" {
			what += " *(" + md(e.Note) + ")*"
		}
		var whoWhere []string
		if len(e.Who) > 0 {
			whoWhere = append(whoWhere, md(strings.Join(e.Who, ", ")))
		}
		if e.Where != "" {
			whoWhere = append(whoWhere, md(e.Where))
		}
		var srcs []string
		for _, s := range e.Sources {
			srcs = append(srcs, render.MarkdownLink(orDash(s.Outlet), s.URL))
		}
		ew.printf("| %s | %s | %s | %s | %s |\n", md(e.Date), what, orDash(strings.Join(whoWhere, "; ")),
			mdList(e.Versions), orDash(strings.Join(srcs, "; ")))
	}
	ew.str("\n")
}

func mdCounts(ew *errWriter, r *Report) {
	if len(r.Steps) == 0 {
		return
	}
	ew.str("## Changes per step\n\n| Step |")
	cols := (diff.Summary{}).Counts()
	for _, k := range cols {
		ew.str(" " + k.Label + " |")
	}
	ew.str("\n|---|" + strings.Repeat("--:|", len(cols)) + "\n")
	for _, s := range r.Steps {
		ew.printf("| %s → %s |", code(s.Parent), code(s.Child))
		for _, k := range s.Summary.Counts() {
			ew.printf(" %d |", k.Count)
		}
		ew.str("\n")
	}
	ew.str("\n### Types of change per step\n\nModified, merged and split changes by what changed; a change of several types counts for each.\n\n| Step |")
	for _, name := range changetype.Names {
		ew.str(" " + name + " |")
	}
	ew.str("\n|---|" + strings.Repeat("--:|", len(changetype.Names)) + "\n")
	for _, s := range r.Steps {
		ew.printf("| %s → %s |", code(s.Parent), code(s.Child))
		for _, t := range s.Summary.Types.All() {
			ew.printf(" %d |", t.Count)
		}
		ew.str("\n")
	}
	ew.str("\n")
}

func mdMatrix(ew *errWriter, r *Report) {
	if len(r.Topics) == 0 {
		return
	}
	ew.str("## Topics by version\n\nClause numbers (or ids) per topic; *+N unreported* counts clauses a partial version carries without reporting them.\n\n| Topic |")
	for _, v := range r.Versions {
		ew.printf(" %s |", code(v.ID))
	}
	ew.str("\n|---|")
	for range r.Versions {
		ew.str("---|")
	}
	ew.str("\n")
	for _, t := range r.Topics {
		ew.printf("| %s |", md(t.Topic))
		for _, c := range t.Versions {
			var parts []string
			for _, cl := range c.Clauses {
				parts = append(parts, md(orID(cl)))
			}
			if c.Unreported > 0 {
				parts = append(parts, fmt.Sprintf("*+%d unreported*", c.Unreported))
			}
			for _, rm := range c.Removed {
				parts = append(parts, "~~"+md(rm.ID)+"~~ removed")
			}
			cell := strings.Join(parts, ", ")
			if cell == "" {
				cell = "–"
			}
			ew.printf(" %s |", cell)
		}
		ew.str("\n")
	}
	ew.str("\n")
}

func mdFigures(ew *errWriter, r *Report) {
	if len(r.Figures) == 0 {
		return
	}
	ew.str("## Figures through the versions\n\n| Clause | Version | Figures | Sources |\n|---|---|---|---|\n")
	for _, f := range r.Figures {
		for i, e := range f.Versions {
			name := ""
			if i == 0 {
				name = code(f.Clause)
				if f.Topic != "" {
					name += " (" + md(f.Topic) + ")"
				}
			}
			ew.printf("| %s | %s | %s | %s |\n", name, code(e.Version), figureCell(e, md), mdSourceNames(e.Sources))
		}
	}
	ew.str("\n")
}

// figureCell says what a figures entry shows: the figures, or the state.
func figureCell(e *FigureEntry, esc func(string) string) string {
	switch e.State {
	case "removed":
		if e.Text != "" {
			return "removed (" + esc(e.Text) + ")"
		}
		return "removed"
	case "unreported":
		return "not reported"
	}
	if len(e.Figures) == 0 {
		return "no figure"
	}
	out := make([]string, len(e.Figures))
	for i, f := range e.Figures {
		out[i] = esc(f)
	}
	return strings.Join(out, "; ")
}

func mdSteps(ew *errWriter, r *Report) {
	for _, s := range r.Steps {
		ew.printf("## %s → %s\n\n", code(s.Parent), code(s.Child))
		var counts []string
		for _, k := range s.Summary.Counts() {
			if k.Count > 0 {
				counts = append(counts, fmt.Sprintf("%d %s", k.Count, k.Label))
			}
		}
		ew.printf("%s.", strings.Join(counts, ", "))
		if tc := render.TypeCountsText(s.Summary.Types); tc != "" {
			ew.printf(" Types: %s.", md(tc))
		}
		if s.ParentCarried > 0 {
			ew.printf(" %s is compared as its effective text: what it states, plus %d clauses it does not report, carried from %s (marked carried).",
				code(s.Parent), s.ParentCarried, code(s.CarriedFrom))
		}
		if s.ChildPartial {
			ew.printf(" %s is partial: clauses it does not mention are unreported, not removed.", code(s.Child))
		}
		ew.str("\n\n")
		var unchanged, unreported []string
		for _, c := range s.Changes {
			if !c.Detailed() {
				label := md(refList(c.Old, c.New))
				if c.Kind == diff.KindUnchanged {
					unchanged = append(unchanged, label)
				} else {
					unreported = append(unreported, label)
				}
				continue
			}
			mdChange(ew, s, c)
		}
		if len(unchanged) > 0 {
			ew.printf("**Unchanged** (%d): %s\n\n", len(unchanged), strings.Join(unchanged, ", "))
		}
		if len(unreported) > 0 {
			ew.printf("**Not reported in %s** (%d; carried over, not removed): %s\n\n", code(s.Child), len(unreported), strings.Join(unreported, ", "))
		}
	}
}

func mdChange(ew *errWriter, s *StepRow, c *ChangeRow) {
	carried := ""
	if c.Carried {
		carried = " " + md("(carried from "+s.CarriedFrom+")")
	}
	types := ""
	if l := c.TypeLabels(); l != "" {
		types = " · " + md(l)
	}
	ew.printf("### %s: %s%s%s\n\n", md(numbersLine(c)), md(string(c.Kind)), carried, types)
	ew.printf("%s\n\n", md(evidence(c)))
	if rt := c.ReadingText(); rt != "" {
		ew.printf("%s\n\n", md(capitalize(rt)))
	}
	if q := render.MarkdownRedline(c.redline()); q != "" {
		ew.str(q + "\n")
	}
	if len(c.Figures) > 0 {
		ew.printf("Figures: %s\n\n", mdFigureChanges(c.Figures))
	}
	if tt := c.TypeText(); tt != "" {
		ew.printf("Types: %s\n\n", md(tt))
	}
	for _, g := range groupSources(c.OldSources, s.Parent) {
		ew.printf("Old sources (%s): %s  \n", md(g.Version), mdSourceNames(g.Sources))
	}
	for _, g := range groupSources(c.NewSources, s.Child) {
		ew.printf("New sources (%s): %s  \n", md(g.Version), mdSourceNames(g.Sources))
	}
	ew.str("\n")
}

func mdFigureChanges(fs []words.Figure) string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = md(orDash(f.Old)) + " → " + md(orDash(f.New))
	}
	return strings.Join(out, "; ")
}

func mdSourceNames(list []SourceLink) string {
	if len(list) == 0 {
		return "–"
	}
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = md(orDash(s.Outlet))
	}
	return strings.Join(out, "; ")
}

func mdSources(ew *errWriter, r *Report) {
	if len(r.Sources) == 0 {
		return
	}
	ew.str("## Sources\n\n| Version | Source | Outlet | Date | Covers |\n|---|---|---|---|---|\n")
	for _, s := range r.Sources {
		ew.printf("| %s | %s | %s | %s | %s |\n", code(s.Version), code(s.ID), render.MarkdownLink(orDash(s.Outlet), s.URL), md(orDash(s.Date)), md(orDash(s.Covers)))
	}
	ew.str("\n")
}

// numbersLine is "6 armed-forces-size → 4 armed-forces-size" for a change.
func numbersLine(c *ChangeRow) string {
	side := func(refs []ClauseRef) string {
		var parts []string
		for _, r := range refs {
			parts = append(parts, strings.TrimSpace(r.Number+" "+r.ID))
		}
		if len(parts) == 0 {
			return "–"
		}
		return strings.Join(parts, " + ")
	}
	newSide := side(c.New)
	if len(c.New) == 0 && c.RemovedEntry != nil {
		newSide = "removed entry " + c.RemovedEntry.ID
	}
	return side(c.Old) + " → " + newSide
}

// evidence says why the clauses were paired and how similar they are.
func evidence(c *ChangeRow) string { return evidenceText(c, true) }

// evidenceText is evidence, with or without "(reported)"/"(inferred)".
func evidenceText(c *ChangeRow, how bool) string {
	var parts []string
	switch {
	case c.Kind == diff.KindAdded:
		parts = append(parts, "new in this version")
	case c.Kind == diff.KindUnreported:
		parts = append(parts, "not reported in this partial version: absence is not removal")
	case c.Kind == diff.KindRemoved && c.RemovedEntry != nil:
		parts = append(parts, "reported removed (a removed entry cites its sources)")
	case c.Kind == diff.KindRemoved:
		parts = append(parts, "not in this complete version")
	}
	if c.Nearest != nil {
		// Plain text: the callers escape the whole evidence.
		plain := func(s string) string { return s }
		parts = append(parts, "nearest "+render.NearestText(c.Nearest, plain, plain))
	}
	if c.Rule != "" && c.Rule != "none" {
		p := "paired by " + ruleName(c.Rule)
		if how && c.Reported {
			p += " (reported)"
		} else if how {
			p += " (inferred)"
		}
		parts = append(parts, p)
	}
	if c.Kind == diff.KindModified || c.Kind == diff.KindMerged || c.Kind == diff.KindSplit {
		parts = append(parts, "similarity "+strconv.FormatFloat(c.Similarity, 'f', 2, 64))
	}
	if c.Moved {
		parts = append(parts, "moved")
	}
	if c.Renumbered {
		parts = append(parts, "renumbered")
	}
	return strings.Join(parts, "; ")
}

// ruleName says a Change.Rule in words.
func ruleName(rule string) string {
	switch rule {
	case diff.RuleID:
		return "equal ids"
	case diff.RuleDerivesFrom:
		return "a derives_from link"
	case diff.RuleRemovedMark:
		return "a removed entry"
	case diff.RuleContent:
		return "content similarity"
	case diff.RuleMergeSplit:
		return "containment"
	}
	return rule
}

func refList(old, new []ClauseRef) string {
	refs := new
	if len(refs) == 0 {
		refs = old
	}
	var parts []string
	for _, r := range refs {
		parts = append(parts, orID(r))
	}
	return strings.Join(parts, " + ")
}

func orID(r ClauseRef) string {
	if r.Number != "" {
		return r.Number
	}
	return r.ID
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "–"
	}
	return s
}

func mdList(ids []string) string {
	if len(ids) == 0 {
		return "–"
	}
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = code(id)
	}
	return strings.Join(out, ", ")
}
