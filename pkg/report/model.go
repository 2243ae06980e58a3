// Package report builds the evolution report of a corpus (every version,
// every step between them, what each version says per topic, the figures
// followed through the versions, and the sources) and writes it as Markdown,
// HTML or JSON. It also writes the annotate and history views of package
// lineage as text, Markdown and JSON.
//
// The model is computed once from a lineage.Lineage; writers only format it.
// Output is deterministic: the same lineage and options give the same bytes,
// and nothing in it depends on the clock unless Options.Generated is set.
//
// Anchors (HTML ids, and the fragments that link to them):
//
//	v-VERSION              a version's section
//	c-VERSION_CLAUSE       a clause (or removed entry) in its version's section
//	st-PARENT_CHILD        a step's section
//	ch-PARENT_CHILD-N      change N (1-based) of a step
//	s-VERSION_SOURCE       a source in the sources list
//	t-TOPIC, f-N           a topic row, a figures row
//	e-EVENT                an event of the timeline
//
// '_' separates ids because no version id can hold one (version ids are
// [a-z0-9-] slugs), so no two anchors can collide.
package report

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/plandiff/plandiff/pkg/changetype"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/diff/words"
	"github.com/plandiff/plandiff/pkg/lineage"
	"github.com/plandiff/plandiff/pkg/plan"
	"github.com/plandiff/plandiff/pkg/render"
)

// Schema names the JSON form of a Report.
const Schema = "plandiff/report/v1"

// Options configures Build.
type Options struct {
	// Title heads the report; empty means a title naming the versions.
	Title string
	// Generated, when set, is printed as the report's date line. Empty
	// prints none, so the output depends only on the plans.
	Generated string
	// Topics orders the topic matrix; topics not listed follow in order of
	// first use. Nil means plan.DefaultTopics.
	Topics []string
	// Timeline, when set, is the corpus's events file: its events are
	// placed between the versions they fall between (Report.Events).
	Timeline *plan.Timeline
}

// Report is the evolution report.
type Report struct {
	Schema    string        `json:"schema"`
	Title     string        `json:"title"`
	Generated string        `json:"generated,omitempty"`
	Versions  []*VersionRow `json:"versions"`
	Events    []*EventRow   `json:"events"` // the timeline's events, in date order
	Steps     []*StepRow    `json:"steps"`
	Topics    []*TopicRow   `json:"topics"`
	Figures   []*FigureRow  `json:"figures"`
	Sources   []*SourceRow  `json:"sources"`
}

// VersionRow is one version with its clauses.
type VersionRow struct {
	ID              string       `json:"id"`
	Anchor          string       `json:"anchor"`
	Title           string       `json:"title"`
	Label           string       `json:"label"` // short title, else id
	Surfaced        string       `json:"surfaced"`
	Status          string       `json:"status,omitempty"`
	Completeness    string       `json:"completeness"`
	ProposedBy      []string     `json:"proposed_by"`
	Supersedes      []string     `json:"supersedes"`    // parents in the report
	SupersededBy    []string     `json:"superseded_by"` // children in the report
	Note            string       `json:"note,omitempty"`
	Stated          int          `json:"stated"`           // clauses it states
	UnreportedCount int          `json:"unreported_count"` // clauses carried from its parent, not reported in it
	RemovedEntries  int          `json:"removed_entries"`  // its removed: true entries
	SourceCount     int          `json:"source_count"`
	Clauses         []*ClauseRow `json:"clauses"`      // stated clauses, document order
	Unreported      []*ClauseRow `json:"unreported"`   // inherited clauses
	RemovedList     []*ClauseRow `json:"removed_list"` // removed: true entries
}

// ClauseRow is a clause in its version's section.
type ClauseRow struct {
	ID         string        `json:"id"`
	Anchor     string        `json:"anchor"`
	Number     string        `json:"number,omitempty"`
	Depth      int           `json:"depth"`
	Topic      string        `json:"topic,omitempty"`
	Text       string        `json:"text,omitempty"`
	Status     string        `json:"status,omitempty"`
	Confidence string        `json:"confidence,omitempty"`
	ProposedBy []string      `json:"proposed_by,omitempty"`
	Note       string        `json:"note,omitempty"`
	From       string        `json:"from,omitempty"` // for an unreported clause: whose text it carries
	Sources    []SourceLink  `json:"sources"`
	Prev       []LineageLink `json:"prev"` // clauses of parent versions it comes from
	Next       []LineageLink `json:"next"` // clauses of child versions it became
	Figures    []string      `json:"figures"`
	// Variants are the readings on which the version's copies disagree.
	Variants []lineage.Variant `json:"variants,omitempty"`
	node     *lineage.Node     `json:"-"`
	refs     []diff.SourceRef  `json:"-"`
}

// LineageLink points from a clause to a clause of another version, through
// a change.
type LineageLink struct {
	Version      string    `json:"version"`
	Clause       string    `json:"clause"`
	Number       string    `json:"number,omitempty"`
	Anchor       string    `json:"anchor"`        // the other clause; "" when it has no anchor in the report
	ChangeAnchor string    `json:"change_anchor"` // the change that links them
	Kind         diff.Kind `json:"kind"`
	Rule         string    `json:"rule"`
	Reported     bool      `json:"reported"`
	Similarity   float64   `json:"similarity"`
	Resurrection bool      `json:"resurrection,omitempty"`
}

// SourceLink is a source as a clause cites it.
type SourceLink struct {
	ID      string `json:"id"`
	Outlet  string `json:"outlet"`
	Anchor  string `json:"anchor"`            // in the sources list; "" when not listed
	Version string `json:"version,omitempty"` // the version that cites it
}

// SourceGroup is a run of sources cited by one version.
type SourceGroup struct {
	Version string
	Sources []SourceLink
}

// groupSources splits a source list into runs by the version that cites
// them (side names the version of sources that carry none).
func groupSources(list []SourceLink, side string) []SourceGroup {
	var out []SourceGroup
	for _, s := range list {
		v := s.Version
		if v == "" {
			v = side
		}
		if len(out) == 0 || out[len(out)-1].Version != v {
			out = append(out, SourceGroup{Version: v})
		}
		out[len(out)-1].Sources = append(out[len(out)-1].Sources, s)
	}
	return out
}

// StepRow is one step: a parent's effective text compared with a child.
type StepRow struct {
	ID           string `json:"id"`
	Anchor       string `json:"anchor"`
	Parent       string `json:"parent"`
	Child        string `json:"child"`
	ChildPartial bool   `json:"child_partial"`
	// ParentCarried counts the clauses of the parent's effective text that
	// the parent does not state but carries, unreported, from CarriedFrom.
	ParentCarried int          `json:"parent_carried,omitempty"`
	CarriedFrom   string       `json:"carried_from,omitempty"`
	Summary       diff.Summary `json:"summary"`
	Changes       []*ChangeRow `json:"changes"`
}

// ChangeRow is one change of a step.
type ChangeRow struct {
	Anchor       string         `json:"anchor"`
	N            int            `json:"n"`
	Kind         diff.Kind      `json:"kind"`
	Rule         string         `json:"rule"`
	Reported     bool           `json:"reported"`
	Similarity   float64        `json:"similarity"`
	Moved        bool           `json:"moved"`
	Renumbered   bool           `json:"renumbered"`
	Topic        string         `json:"topic,omitempty"`
	Old          []ClauseRef    `json:"old"`
	New          []ClauseRef    `json:"new"`
	OldText      string         `json:"old_text,omitempty"`
	NewText      string         `json:"new_text,omitempty"`
	Edits        []words.Edit   `json:"edits"`
	Figures      []words.Figure `json:"figures"`
	OldSources   []SourceLink   `json:"old_sources"`
	NewSources   []SourceLink   `json:"new_sources"`
	RemovedEntry *ClauseRef     `json:"removed_entry,omitempty"`
	// Carried says the old side is text the parent carries from the version
	// it revises, not text it states.
	Carried bool `json:"carried,omitempty"`
	// Reading and ReadingOnly are the change's (diff.Change.Reading).
	Reading     *diff.Delta `json:"reading,omitempty"`
	ReadingOnly bool        `json:"reading_only,omitempty"`
	Evidence    string      `json:"evidence,omitempty"` // of a removal: reported or absent
	// Types are the change's (diff.Change.Types).
	Types []changetype.Type `json:"types,omitempty"`
	// Nearest is the change's (diff.Change.Nearest): on an addition or a
	// removal, the other version's clause that came closest.
	Nearest *diff.Nearest `json:"nearest,omitempty"`
}

// Disagreement says where the version's copies disagree on the clause:
// "sources disagree: a (X, Y) / b (Z); the text follows a"; "" when they
// agree.
func (c *ClauseRow) Disagreement() string {
	return variantsText(c.Variants, func(s string) string { return s })
}

// variantsText is render.ReadingsText for a node's resolved variants.
func variantsText(vs []lineage.Variant, esc func(string) string) string {
	if len(vs) == 0 {
		return ""
	}
	refs := make([]diff.VariantRef, len(vs))
	srcs := make([][]diff.SourceRef, len(vs))
	for i, v := range vs {
		refs[i] = diff.VariantRef{Reading: v.Reading, Followed: v.Followed}
		srcs[i] = v.Sources
	}
	return render.ReadingsText(refs, srcs, esc)
}

// TypeLabels is the short form of the change's types ("figure↑ scope±"),
// or "".
func (c *ChangeRow) TypeLabels() string { return changetype.Labels(c.Types) }

// TypeText says what each type changed but figures, which have their own
// line ("scope +in peacetime −at most"); "" when that is nothing or only
// the wording.
func (c *ChangeRow) TypeText() string {
	if s := render.TypeDetails(c.Types, true); s != changetype.Wording {
		return s
	}
	return ""
}

// ReadingText says how the chosen reading changed, or "".
func (c *ChangeRow) ReadingText() string { return readingDelta(c.Reading, c.ReadingOnly) }

// readingDelta is "reading a → b: only the chosen reading differs" and the
// like (render.ReadingChange), or "".
func readingDelta(d *diff.Delta, only bool) string {
	if s := render.ReadingChange(d, only, func(s string) string { return s }); s != "" {
		return "reading " + s
	}
	return ""
}

// Detailed reports whether the change is shown with its text; unchanged and
// unreported clauses are only listed.
func (c *ChangeRow) Detailed() bool {
	return c.Kind != diff.KindUnchanged && c.Kind != diff.KindUnreported || c.Moved || c.Renumbered
}

// ClauseRef names a clause of a version, with its anchor in the report.
type ClauseRef struct {
	Version string `json:"version"`
	ID      string `json:"id"`
	Number  string `json:"number,omitempty"`
	Anchor  string `json:"anchor"`
}

// TopicRow is one topic across the versions.
type TopicRow struct {
	Topic    string       `json:"topic"`
	Anchor   string       `json:"anchor"`
	Versions []*TopicCell `json:"versions"`
}

// TopicCell is what one version says on a topic.
type TopicCell struct {
	Version    string      `json:"version"`
	Clauses    []ClauseRef `json:"clauses"`
	Texts      []string    `json:"texts"` // one per clause
	Unreported int         `json:"unreported"`
	Removed    []ClauseRef `json:"removed"`
}

// FigureRow follows the figures of one clause thread through the versions.
type FigureRow struct {
	Anchor   string         `json:"anchor"`
	Clause   string         `json:"clause"` // id of the thread's first clause
	Topic    string         `json:"topic,omitempty"`
	Versions []*FigureEntry `json:"versions"`
}

// FigureEntry is the thread in one version.
type FigureEntry struct {
	Version string       `json:"version"`
	State   string       `json:"state"` // lineage.State*
	Clauses []ClauseRef  `json:"clauses"`
	Figures []string     `json:"figures"`
	Text    string       `json:"text,omitempty"` // of a removed entry: what was dropped
	Sources []SourceLink `json:"sources"`
}

// SourceRow is one source of one version.
type SourceRow struct {
	Version string `json:"version"`
	ID      string `json:"id"`
	Anchor  string `json:"anchor"`
	Outlet  string `json:"outlet"`
	Date    string `json:"date,omitempty"`
	URL     string `json:"url,omitempty"`
	Link    string `json:"-"` // URL when it is safe to link (http or https), else ""
	Covers  string `json:"covers,omitempty"`
	Note    string `json:"note,omitempty"`
}

// Anchor helpers.
func versionAnchor(v string) string   { return "v-" + v }
func clauseAnchor(v, c string) string { return "c-" + v + "_" + c }
func stepAnchor(s string) string      { return "st-" + s }
func changeAnchor(s string, n int) string {
	return "ch-" + s + "-" + strconv.Itoa(n)
}
func sourceAnchor(v, s string) string { return "s-" + v + "_" + s }

// Build computes the report of every version of l.
func Build(l *lineage.Lineage, opts Options) *Report {
	r := &Report{Schema: Schema, Title: opts.Title, Generated: opts.Generated}
	if r.Title == "" {
		r.Title = defaultTitle(l)
	}
	b := &builder{l: l, r: r, anchors: map[string]bool{}, clauseAnchors: map[string]string{}, srcAnchors: map[[2]string]string{}}
	b.versions()
	b.steps()
	b.links()
	b.matrix(opts.Topics)
	b.figures()
	b.sources()
	b.events(opts.Timeline)
	return r
}

func defaultTitle(l *lineage.Lineage) string {
	if len(l.Versions) == 1 {
		return "Evolution report: " + l.Versions[0].Plan.Version.Title
	}
	return "Evolution report: " + strconv.Itoa(len(l.Versions)) + " versions"
}

type builder struct {
	l             *lineage.Lineage
	r             *Report
	anchors       map[string]bool
	clauseAnchors map[string]string            // "version#clause" (node or mark) → anchor
	rows          map[*lineage.Node]*ClauseRow // one node per clause or removed entry of a version
	srcAnchors    map[[2]string]string         // {version, source} → its anchor, "" when not listed
	figs          words.FigureExtractor
}

func (b *builder) anchor(a string) string {
	base, n := a, 2
	for b.anchors[a] {
		a = base + "-" + strconv.Itoa(n)
		n++
	}
	b.anchors[a] = true
	return a
}

func (b *builder) versions() {
	b.rows = map[*lineage.Node]*ClauseRow{}
	for _, v := range b.l.Versions {
		pv := v.Plan.Version
		row := &VersionRow{
			ID: v.ID, Anchor: b.anchor(versionAnchor(v.ID)), Title: pv.Title, Label: lineage.Label(v.Plan),
			Surfaced: pv.Surfaced, Status: pv.Status, Completeness: pv.Completeness,
			ProposedBy: nonNil(pv.ProposedBy), Supersedes: []string{}, SupersededBy: []string{},
			Note: pv.Note, SourceCount: len(pv.Sources),
			Clauses: []*ClauseRow{}, Unreported: []*ClauseRow{}, RemovedList: []*ClauseRow{},
		}
		for _, p := range v.Parents {
			row.Supersedes = append(row.Supersedes, p.ID)
		}
		for _, c := range v.Children {
			row.SupersededBy = append(row.SupersededBy, c.ID)
		}
		for _, n := range v.Nodes {
			cr := b.clauseRow(v, n)
			if n.Stated {
				row.Clauses = append(row.Clauses, cr)
			} else {
				row.Unreported = append(row.Unreported, cr)
			}
		}
		for _, n := range v.Marks {
			row.RemovedList = append(row.RemovedList, b.clauseRow(v, n))
		}
		row.Stated, row.UnreportedCount, row.RemovedEntries = len(row.Clauses), len(row.Unreported), len(row.RemovedList)
		b.r.Versions = append(b.r.Versions, row)
	}
}

// row is the clause row of a node.
func (b *builder) row(n *lineage.Node) *ClauseRow { return b.rows[n] }

func (b *builder) clauseRow(v *lineage.Version, n *lineage.Node) *ClauseRow {
	a := b.anchor(clauseAnchor(v.ID, n.ID))
	if !n.Removed || b.clauseAnchors[n.Version+"#"+n.ID] == "" {
		b.clauseAnchors[n.Version+"#"+n.ID] = a
	}
	cr := &ClauseRow{
		ID: n.ID, Anchor: a, Number: n.Number, Depth: n.Depth, Topic: n.Topic, Text: n.Text,
		Status: n.Status, Confidence: n.Confidence, ProposedBy: n.ProposedBy, Note: n.Note, From: n.From,
		Prev: []LineageLink{}, Next: []LineageLink{}, Figures: nonNil(b.figs.Extract(n.Text)),
		Variants: n.Variants, node: n, refs: n.Sources,
	}
	if !n.Stated {
		cr.Note = "" // the note belongs to the version that states it
	}
	b.rows[n] = cr
	return cr
}

func (b *builder) ref(version, id, number string) ClauseRef {
	return ClauseRef{Version: version, ID: id, Number: number, Anchor: b.clauseAnchors[version+"#"+id]}
}

func (b *builder) steps() {
	for _, s := range b.l.Steps {
		res := s.Result
		row := &StepRow{
			ID: s.ID, Anchor: b.anchor(stepAnchor(s.ID)), Parent: s.Parent.ID, Child: s.Child.ID,
			ChildPartial: s.Child.Partial(), Summary: res.Summary, Changes: []*ChangeRow{},
			ParentCarried: res.Old.Carried, CarriedFrom: res.Old.CarriedFrom,
		}
		for i := range res.Changes {
			ch := &res.Changes[i]
			cr := &ChangeRow{
				Anchor: b.anchor(changeAnchor(s.ID, i+1)), N: i + 1, Kind: ch.Kind, Rule: ch.Rule,
				Reported: lineage.Reported(ch.Rule), Similarity: ch.Similarity, Moved: ch.Moved,
				Renumbered: ch.Renumbered, Topic: ch.Topic, OldText: ch.OldText, NewText: ch.NewText,
				Edits: nonNil(ch.Edits), Figures: nonNil(ch.Figures), Evidence: ch.Evidence,
				Carried: len(ch.Carried) > 0, Reading: ch.Reading, ReadingOnly: ch.ReadingOnly, Types: ch.Types, Nearest: ch.Nearest,
				Old: []ClauseRef{}, New: []ClauseRef{}, OldSources: []SourceLink{}, NewSources: []SourceLink{},
			}
			kept := ch.Rule == diff.RuleRemovalKept
			for j, id := range ch.Old {
				ref := b.ref(s.Parent.ID, id, at(ch.OldNumbers, j))
				if m := s.Parent.Mark(id); kept && m != nil {
					ref.Anchor = b.row(m).Anchor
					cr.OldSources = b.addSources(cr.OldSources, m.Sources, s.Parent.ID)
				} else if n := s.Parent.Node(id); n != nil {
					cr.OldSources = b.addSources(cr.OldSources, n.Sources, sourceVersion(n))
				}
				cr.Old = append(cr.Old, ref)
			}
			for j, id := range ch.New {
				ref := b.ref(s.Child.ID, id, at(ch.NewNumbers, j))
				if m := s.Child.Mark(id); kept && m != nil {
					ref.Anchor = b.row(m).Anchor
				} else if n := s.Child.Node(id); n != nil {
					cr.NewSources = b.addSources(cr.NewSources, n.Sources, sourceVersion(n))
				}
				cr.New = append(cr.New, ref)
			}
			if ch.RemovedEntry != "" {
				m := s.Child.Mark(ch.RemovedEntry)
				ref := ClauseRef{Version: s.Child.ID, ID: ch.RemovedEntry}
				if m != nil {
					ref.Anchor = b.row(m).Anchor
					cr.NewSources = b.addSources(cr.NewSources, m.Sources, s.Child.ID)
				}
				cr.RemovedEntry = &ref
			}
			if cr.OldText == "" && cr.NewText == "" && len(cr.Edits) == 0 {
				cr.OldText = joinTexts(s.Parent, ch.Old)
				cr.NewText = joinTexts(s.Child, ch.New)
			}
			row.Changes = append(row.Changes, cr)
		}
		b.r.Steps = append(b.r.Steps, row)
	}
}

func joinTexts(v *lineage.Version, ids []string) string {
	var parts []string
	for _, id := range ids {
		if n := v.Node(id); n != nil && n.Text != "" {
			parts = append(parts, n.Text)
		}
	}
	return strings.Join(parts, "\n\n")
}

// sourceVersion is the version whose sources list a node's sources cite.
func sourceVersion(n *lineage.Node) string {
	if !n.Stated && n.From != "" {
		return n.From
	}
	return n.Version
}

func (b *builder) addSources(list []SourceLink, refs []diff.SourceRef, version string) []SourceLink {
	for _, s := range refs {
		dup := false
		for _, x := range list {
			if x.ID == s.ID && x.Outlet == s.Outlet {
				dup = true
			}
		}
		if dup {
			continue
		}
		list = append(list, SourceLink{ID: s.ID, Outlet: s.Outlet, Anchor: b.sourceLinkAnchor(version, s.ID), Version: version})
	}
	return list
}

// sourceLinkAnchor is the anchor of source id in version's sources list, or
// "" when it is not listed; one string per source, shared by every clause
// that cites it (a corpus at the clause limit cites hundreds of thousands
// of times).
func (b *builder) sourceLinkAnchor(version, id string) string {
	k := [2]string{version, id}
	a, ok := b.srcAnchors[k]
	if !ok {
		if v := b.l.Version(version); v != nil && v.Plan.Version.Source(id) != nil {
			a = sourceAnchor(version, id)
		}
		b.srcAnchors[k] = a
	}
	return a
}

// links fills each clause row's sources and its lineage links to the
// clauses of parent and child versions.
func (b *builder) links() {
	stepRows := map[*lineage.Step]*StepRow{}
	for i, s := range b.l.Steps {
		stepRows[s] = b.r.Steps[i]
	}
	for _, v := range b.l.Versions {
		for _, n := range append(append([]*lineage.Node{}, v.Nodes...), v.Marks...) {
			cr := b.row(n)
			cr.Sources = b.addSources([]SourceLink{}, cr.refs, sourceVersion(n))
			for _, s := range v.StepsIn {
				b.prevLinks(cr, n, s, stepRows[s])
			}
			if n.Stated && !n.Removed {
				b.resurrection(cr, n)
			}
			if n.Removed {
				continue
			}
			for _, c := range v.Children {
				for _, s := range c.StepsIn {
					if s.Parent == v {
						b.nextLinks(cr, n, s, stepRows[s])
					}
				}
			}
		}
	}
}

// prevLinks links a clause (or removed entry) to the clauses of s's parent
// it comes from: through the change that names it on the new side, the
// change its removed entry records, or, for a clause a partial version does
// not report, the change that carries it over (on its first step only).
func (b *builder) prevLinks(cr *ClauseRow, n *lineage.Node, s *lineage.Step, sr *StepRow) {
	i := s.NewChange(n.ID)
	switch {
	case n.Removed:
		i = -1
		for j, ch := range s.Result.Changes {
			if ch.RemovedEntry == n.ID {
				i = j
			}
		}
	case !n.Stated:
		i = -1
		if s == s.Child.StepsIn[0] {
			i = s.OldChange(n.ID)
		}
	}
	if i < 0 {
		return
	}
	ch := s.Change(i)
	for j, o := range ch.Old {
		cr.Prev = append(cr.Prev, b.link(s.Parent.ID, o, at(ch.OldNumbers, j), sr.Changes[i]))
	}
}

// resurrection links a clause that comes back after being dropped to where
// it was last stated, and a clause derived from another track to the clause
// its derives_from names.
func (b *builder) resurrection(cr *ClauseRow, n *lineage.Node) {
	tr := b.l.Trail(n)
	if len(tr) < 2 {
		return
	}
	last := tr[len(tr)-1]
	if last.Link == nil || last.Link.Kind != lineage.KindResurrected && last.Link.Kind != lineage.KindDerived {
		return
	}
	prev := tr[len(tr)-2].Node
	cr.Prev = append(cr.Prev, LineageLink{
		Version: prev.Version, Clause: prev.ID, Number: prev.Number,
		Anchor: b.clauseAnchors[prev.Version+"#"+prev.ID], Kind: last.Link.Kind,
		Rule: last.Link.Rule, Reported: true, Similarity: last.Link.Similarity,
		Resurrection: last.Link.Kind == lineage.KindResurrected,
	})
}

// nextLinks links a clause to what it became in s's child: the new clauses
// of its change, the removed entry that records its removal, itself when
// the child does not report it (on the child's first step), or, when it was
// removed without an entry, the change alone (no clause to point to).
func (b *builder) nextLinks(cr *ClauseRow, n *lineage.Node, s *lineage.Step, sr *StepRow) {
	i := s.OldChange(n.ID)
	if i < 0 {
		return
	}
	c, ch, row := s.Child, s.Change(i), sr.Changes[i]
	for j, id := range ch.New {
		cr.Next = append(cr.Next, b.link(c.ID, id, at(ch.NewNumbers, j), row))
	}
	if ch.RemovedEntry != "" {
		l := b.link(c.ID, ch.RemovedEntry, "", row)
		if m := c.Mark(ch.RemovedEntry); m != nil {
			l.Anchor = b.row(m).Anchor
		}
		cr.Next = append(cr.Next, l)
	}
	if ch.Kind == diff.KindUnreported && c.StepsIn[0] == s {
		cr.Next = append(cr.Next, b.link(c.ID, n.ID, n.Number, row))
	}
	if len(ch.New) == 0 && ch.RemovedEntry == "" && ch.Kind != diff.KindUnreported {
		l := b.link(c.ID, "", "", row)
		l.Anchor = ""
		cr.Next = append(cr.Next, l)
	}
}

func (b *builder) link(version, id, number string, ch *ChangeRow) LineageLink {
	return LineageLink{
		Version: version, Clause: id, Number: number, Anchor: b.clauseAnchors[version+"#"+id],
		ChangeAnchor: ch.Anchor, Kind: ch.Kind, Rule: ch.Rule, Reported: ch.Reported, Similarity: ch.Similarity,
	}
}

func (b *builder) matrix(order []string) {
	if order == nil {
		order = plan.DefaultTopics
	}
	used := map[string]bool{}
	var extra []string
	for _, v := range b.l.Versions {
		for _, n := range append(append([]*lineage.Node{}, v.Nodes...), v.Marks...) {
			if n.Topic != "" && !used[n.Topic] {
				used[n.Topic] = true
				if !contains(order, n.Topic) {
					extra = append(extra, n.Topic)
				}
			}
		}
	}
	var topics []string
	for _, t := range order {
		if used[t] {
			topics = append(topics, t)
		}
	}
	topics = append(topics, extra...)
	for _, t := range topics {
		row := &TopicRow{Topic: t, Anchor: b.anchor("t-" + t)}
		for _, v := range b.l.Versions {
			cell := &TopicCell{Version: v.ID, Clauses: []ClauseRef{}, Texts: []string{}, Removed: []ClauseRef{}}
			for _, n := range v.Nodes {
				if n.Topic != t {
					continue
				}
				if !n.Stated {
					cell.Unreported++
					continue
				}
				cell.Clauses = append(cell.Clauses, b.ref(v.ID, n.ID, n.Number))
				cell.Texts = append(cell.Texts, n.Text)
			}
			for _, n := range v.Marks {
				if n.Topic == t {
					r := ClauseRef{Version: v.ID, ID: n.ID, Anchor: b.row(n).Anchor}
					cell.Removed = append(cell.Removed, r)
				}
			}
			row.Versions = append(row.Versions, cell)
		}
		b.r.Topics = append(b.r.Topics, row)
	}
}

// figures follows every thread that states a figure in some version and
// spans two versions or more.
func (b *builder) figures() {
	for _, t := range b.l.Threads {
		has := false
		versions := 0
		for _, c := range t.Cells {
			if c.State == lineage.StateStated || c.State == lineage.StateRemoved && len(c.Marks) > 0 {
				versions++
			}
			for _, n := range c.Nodes {
				if n.Stated && len(b.figuresOf(n)) > 0 {
					has = true
				}
			}
		}
		if !has || versions < 2 {
			continue
		}
		row := &FigureRow{Anchor: b.anchor("f-" + t.ID), Clause: t.ID}
		if len(t.Topics) > 0 {
			row.Topic = t.Topics[0]
		}
		for _, c := range t.Cells {
			if c.State == lineage.StateAbsent {
				continue
			}
			e := &FigureEntry{Version: c.Version, State: c.State, Clauses: []ClauseRef{}, Figures: []string{}, Sources: []SourceLink{}}
			for _, n := range c.Nodes {
				if !n.Stated {
					continue
				}
				e.Clauses = append(e.Clauses, b.ref(n.Version, n.ID, n.Number))
				e.Figures = append(e.Figures, b.figuresOf(n)...)
				e.Sources = b.addSources(e.Sources, n.Sources, n.Version)
			}
			for _, m := range c.Marks {
				if e.State == lineage.StateRemoved {
					e.Clauses = append(e.Clauses, ClauseRef{Version: m.Version, ID: m.ID, Anchor: b.row(m).Anchor})
					e.Text = m.Text
					e.Sources = b.addSources(e.Sources, m.Sources, m.Version)
				}
			}
			row.Versions = append(row.Versions, e)
		}
		b.r.Figures = append(b.r.Figures, row)
	}
}

// figuresOf is words.ExtractFigures of a node's text, taken from its clause
// row, where it was extracted once: extracting again for every thread
// allocated 600 MB on a corpus at the clause limit (issue 12).
func (b *builder) figuresOf(n *lineage.Node) []string {
	if r := b.row(n); r != nil {
		return r.Figures
	}
	return b.figs.Extract(n.Text)
}

func (b *builder) sources() {
	for _, v := range b.l.Versions {
		for _, s := range v.Plan.Version.Sources {
			b.r.Sources = append(b.r.Sources, &SourceRow{
				Version: v.ID, ID: s.ID, Anchor: b.anchor(sourceAnchor(v.ID, s.ID)), Outlet: s.Outlet,
				Date: s.Date, URL: s.URL, Link: render.SafeURL(s.URL), Covers: s.Covers, Note: s.Note,
			})
		}
	}
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// capitalize upper-cases the first letter of s, to start a sentence.
func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}
