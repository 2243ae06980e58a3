package diff

import (
	"cmp"
	"slices"
	"strings"

	"github.com/plandiff/plandiff/pkg/changetype"
	"github.com/plandiff/plandiff/pkg/diff/words"
	"github.com/plandiff/plandiff/pkg/figures"
	"github.com/plandiff/plandiff/pkg/plan"
)

// textSep joins the texts of several clauses (the parts of a merge or a
// split) before their words are compared, so a part boundary reads as a
// paragraph break in the edits.
const textSep = "\n\n"

// Output order.
//
// Changes follow the new version's document order, each at the place of its
// first new clause (or, for a removed entry that pairs with nothing, at the
// place of that entry). A change with no new clause (removed, unreported) is
// placed right after the change that holds its nearest preceding old
// neighbour (the old clause just before it in the old document order); runs
// of such changes keep their old order, and one before every other old clause
// goes first. That keeps a removal where a reader of the old text expects it,
// even when the neighbour itself moved.

// sortKey places a change in the output: major is a document position in the
// new version (-1 before everything), minor is 0 for changes placed at that
// position and 1 for the removals that follow it, ordered by old index.
type sortKey struct{ major, minor, old int }

func (k sortKey) compare(l sortKey) int {
	return cmp.Or(cmp.Compare(k.major, l.major), cmp.Compare(k.minor, l.minor), cmp.Compare(k.old, l.old))
}

// result turns the groups and leftovers into the Result.
func (a *aligner) result() *Result {
	if a.vec == nil {
		a.buildVectors() // similarities are reported in every mode
		if a.ctx.Err() != nil {
			return nil // Compare reports ctx's error
		}
	}
	moved := a.moves()
	// Every change is first a group and a place; the Change values are
	// built once the order is known.
	type placed struct {
		key   sortKey
		g     group
		moved bool
		kept  *[2]entry // a removal both sides carry, instead of g
	}
	// At most one item per clause and entry: growing the slice instead
	// would copy megabytes, in copies no other goroutine can interrupt.
	items := make([]placed, 0, len(a.old)+len(a.new)+len(a.marks)+len(a.kept))
	oldKey := make([]sortKey, len(a.old))
	oldDone := make([]bool, len(a.old))

	// Changes with a new side, and removed entries that pair with nothing.
	for gi, g := range a.groups {
		if len(g.new) == 0 {
			continue
		}
		k := sortKey{a.new[g.new[0]].pos, 0, 0}
		for _, o := range g.old {
			oldKey[o], oldDone[o] = k, true
		}
		items = append(items, placed{k, g, moved[gi], nil})
	}
	for n, gi := range a.newGroup {
		if gi < 0 {
			items = append(items, placed{sortKey{a.new[n].pos, 0, 0}, group{new: []int32{int32(n)}, mark: -1, rule: RuleNone}, false, nil})
		}
	}
	for m, gi := range a.markGroup {
		if gi < 0 {
			items = append(items, placed{sortKey{a.marks[m].pos, 0, 0}, group{mark: int32(m), rule: RuleNone}, false, nil})
		}
	}
	for i := range a.kept {
		items = append(items, placed{key: sortKey{a.kept[i][1].pos, 0, 0}, kept: &a.kept[i]})
	}
	// Changes with only an old side, in old order.
	for o := range a.old {
		if oldDone[o] {
			continue
		}
		k := sortKey{-1, 1, o}
		if o > 0 {
			k = sortKey{oldKey[o-1].major, 1, o}
		}
		oldKey[o] = k
		g := group{old: []int32{int32(o)}, mark: -1, rule: RuleNone}
		if gi := a.oldGroup[o]; gi >= 0 {
			g = a.groups[gi]
		}
		items = append(items, placed{k, g, false, nil})
	}
	// Keys are unique: a position holds one clause, an old index one removal.
	slices.SortFunc(items, func(x, y placed) int { return x.key.compare(y.key) })

	under := a.unreportedUnder()
	r := &Result{
		Schema:  Schema,
		Old:     versionRef(a.oldPlan),
		New:     versionRef(a.newPlan),
		Match:   string(a.opts.Match),
		Changes: make([]Change, len(items)),
	}
	// Changes are independent: build them, with their word edits, on a few
	// goroutines, each with its own words.Differ and matcher; every result
	// goes to its own slot, so the outcome does not depend on scheduling.
	const chunk = 256
	type scratch struct {
		d  words.Differ
		ct changetype.Classifier
		m  *matcher
	}
	parallelWith(a.ctx, (len(items)+chunk-1)/chunk, func() *scratch { return &scratch{m: newMatcher(a.vec)} }, func(sc *scratch, k int) {
		for i := k * chunk; i < min((k+1)*chunk, len(items)); i++ {
			if kp := items[i].kept; kp != nil {
				r.Changes[i] = keptChange(&kp[0], &kp[1])
				continue // its edits are set: the same entry, unchanged
			}
			r.Changes[i] = a.change(items[i].g, items[i].moved, under, sc.m)
			fillEdits(&sc.d, &sc.ct, &r.Changes[i], a.readFigures(items[i].g))
			r.Changes[i].ReadingOnly = readingOnly(&r.Changes[i])
		}
	})
	r.Summary = Summarize(r.Changes)
	return r
}

func versionRef(p *plan.Plan) VersionRef {
	v := p.Version
	ref := VersionRef{
		ID:           v.ID,
		Title:        v.Title,
		Completeness: cmp.Or(v.Completeness, plan.CompletenessFull),
		Subclauses:   v.Subclauses,
		Surfaced:     v.Surfaced,
		Status:       v.Status,
		Name:         p.Name,
		Sources:      make([]SourceRef, 0, len(v.Sources)),
	}
	for _, s := range v.Sources {
		ref.Sources = append(ref.Sources, SourceRef{ID: s.ID, Outlet: s.Outlet, Date: s.Date, URL: s.URL, Covers: s.Covers})
	}
	return ref
}

// noUnder marks an old clause whose absence from new is not excused by
// sub-points known in part (unreportedUnder).
const noUnder = -1

// unreportedUnder decides, for every old clause that nothing in new pairs
// with, whether new knows the sub-points where it stood only in part. It
// returns per old entry the index of that new clause (of its parent's
// group), or noUnder. A sub-point under an unpaired parent shares the
// parent's fate; a clause under a parent removed by an entry, or paired with
// clauses whose sub-points are complete, is not excused.
func (a *aligner) unreportedUnder() []int32 {
	under := filled(len(a.old), noUnder)
	for o := range a.old {
		if a.oldGroup[o] >= 0 {
			continue // paired, or removed by an entry
		}
		p := a.oldParent[o]
		if p < 0 {
			continue
		}
		if gi := a.oldGroup[p]; gi < 0 {
			under[o] = under[p] // parents come first in document order
			continue
		} else {
			for _, n := range a.groups[gi].new {
				if a.newPlan.PartialSubclauses(a.new[n].c) {
					under[o] = n
					break
				}
			}
		}
	}
	return under
}

// change describes one group; edits are filled in later, in bulk. under is
// unreportedUnder's answer; m scores similarities on this goroutine.
func (a *aligner) change(g group, moved bool, under []int32, m *matcher) Change {
	olds := pick(a.old, g.old)
	news := pick(a.new, g.new)
	var mark *entry
	if g.mark >= 0 {
		mark = &a.marks[g.mark]
	}
	c := Change{
		Old:        ids(olds),
		New:        ids(news),
		OldNumbers: numbers(olds),
		NewNumbers: numbers(news),
		Moved:      moved,
		Rule:       g.rule,
		OldText:    joinText(olds),
		NewText:    joinText(news),
		Edits:      []words.Edit{},
		Figures:    []words.Figure{},
		Sources:    SidePair{Old: sources(olds), New: sources(news)},
		OldNotes:   notes(olds),
		NewNotes:   notes(news),
	}
	switch {
	case mark != nil:
		c.Kind = KindRemoved
		c.Evidence = EvidenceReported
		c.RemovedEntry = mark.c.ID
		c.Sources.New = sources([]*entry{mark})
		c.NewNotes = notes([]*entry{mark})
		if len(olds) > 0 && mark.c.Text != "" {
			c.Similarity, _ = a.similarity(m, olds, []*entry{mark})
		}
	case len(olds) == 0:
		c.Kind = KindAdded
	case len(news) == 0 && a.newPlan.Partial():
		c.Kind = KindUnreported
	case len(news) == 0 && len(g.old) == 1 && under[g.old[0]] != noUnder:
		c.Kind = KindUnreported
		c.UnreportedUnder = a.new[under[g.old[0]]].c.ID
	case len(news) == 0:
		c.Kind = KindRemoved
		c.Evidence = EvidenceAbsent
	case len(olds) > 1:
		c.Kind = KindMerged
	case len(news) > 1:
		c.Kind = KindSplit
	case equalSpace(c.OldText, c.NewText):
		c.Kind = KindUnchanged
		c.Similarity = 1
	default:
		c.Kind = KindModified
	}
	if len(olds) > 0 && len(news) > 0 {
		if c.Kind != KindUnchanged {
			var sig signals
			c.Similarity, sig = a.similarity(m, olds, news)
			if g.rule == RuleContent || g.rule == RuleMergeSplit {
				c.Signals = sig.names()
			}
		} else if g.rule == RuleContent {
			c.Signals = []string{SignalWords}
		}
		c.Renumbered = olds[0].c.Number != news[0].c.Number
		if od := olds[0].depth; od != news[0].depth {
			c.LevelChanged, c.OldDepth = true, &od
		}
		c.Confidence = delta(olds, news, func(c *plan.Clause) string { return cmp.Or(c.Confidence, plan.ConfidenceReported) })
		c.ProposedBy = delta(olds, news, func(c *plan.Clause) string { return strings.Join(c.ProposedBy, ", ") })
		c.Status = delta(olds, news, func(c *plan.Clause) string { return c.Status })
	}
	switch {
	case len(news) > 0:
		c.Topic = firstTopic(news)
		c.Depth = news[0].depth
	case mark != nil:
		c.Topic = firstTopic([]*entry{mark})
		c.Depth = mark.depth
	}
	if c.Topic == "" {
		c.Topic = firstTopic(olds)
	}
	if len(news) == 0 && len(olds) > 0 {
		c.Depth = olds[0].depth // a removal stands where the old clause stood
	}
	setVariants(&c, olds, news)
	switch {
	case c.Kind == KindAdded && len(g.new) == 1:
		c.Nearest = a.nearest(a.nearNew, g.new[0], a.old, a.oldGroup, func(gr *group) []int32 { return gr.new }, a.new)
	case c.Kind == KindRemoved && c.Evidence == EvidenceAbsent && len(g.old) == 1:
		c.Nearest = a.nearest(a.nearOld, g.old[0], a.new, a.newGroup, func(gr *group) []int32 { return gr.old }, a.old)
	}
	return c
}

// nearest describes the nearest counterpart of clause i (findNearest's
// near, indexing the other side's entries others and their groups
// otherGroup); mine gives a group's clauses on i's side (entries own).
// Nil when there is none close enough.
func (a *aligner) nearest(near []ranked, i int32, others []entry, otherGroup []int32, mine func(*group) []int32, own []entry) *Nearest {
	if int(i) >= len(near) {
		return nil // ids alone: no content compared
	}
	r := near[i]
	// Clear of the noise too, by the margin a distinct move needs: where
	// every clause shares a template with hundreds of others (a.noise,
	// the median runner-up score, is high), a removed clause is that alike
	// to many, and naming one would mislead.
	if r.n < 0 || r.score < a.opts.Threshold*NearestFactor || r.score < a.noise+a.margin {
		return nil
	}
	e := &others[r.n]
	nr := &Nearest{Clause: e.c.ID, Number: e.c.Number, Similarity: RoundSimilarity(r.score)}
	if gi := otherGroup[r.n]; gi >= 0 {
		nr.PairedWith = ids(pick(own, mine(&a.groups[gi])))
	}
	return nr
}

// keptChange describes a removed entry that both versions carry: the same
// removal, recorded on each side, so nothing changed.
func keptChange(o, n *entry) Change {
	olds, news := []*entry{o}, []*entry{n}
	return Change{
		Kind:         KindUnchanged,
		Old:          ids(olds),
		New:          ids(news),
		OldNumbers:   numbers(olds),
		NewNumbers:   numbers(news),
		Renumbered:   o.c.Number != n.c.Number,
		Similarity:   1,
		Topic:        cmp.Or(n.c.Topic, o.c.Topic),
		Depth:        n.depth,
		Rule:         RuleRemovalKept,
		OldText:      o.c.Text,
		NewText:      n.c.Text,
		Edits:        keptEdits(n.c.Text),
		Figures:      []words.Figure{},
		Sources:      SidePair{Old: sources(olds), New: sources(news)},
		OldNotes:     notes(olds),
		NewNotes:     notes(news),
		RemovedEntry: n.c.ID,
	}
}

// keptEdits shows a kept removal's entry text as it now reads: the entries
// describe what was dropped, and a rewording of the description is not a
// change of the plan.
func keptEdits(text string) []words.Edit {
	if text == "" {
		return []words.Edit{}
	}
	return []words.Edit{{Op: words.OpEqual, Text: text}}
}

// similarity is the content similarity of the joined sides, rounded, and
// the signals that made it.
func (a *aligner) similarity(m *matcher, olds, news []*entry) (float64, signals) {
	s, sig := m.reported(m.join(olds), m.join(news))
	return RoundSimilarity(s), sig
}

// readFigures returns the figures of a one-to-one change's old and new
// texts, read when the clauses were tokenised, and whether it knows them
// (a merge's or split's joined texts, and texts that several clauses hold,
// are read again).
func (a *aligner) readFigures(g group) readFigs {
	if len(g.old) != 1 || len(g.new) != 1 {
		return readFigs{}
	}
	o, n := &a.old[g.old[0]], &a.new[g.new[0]]
	return readFigs{o.figs, n.figs, o.figsRead && n.figsRead}
}

// readFigs is the figures of a change's texts when they are known.
type readFigs struct {
	old, new []figures.Figure
	ok       bool
}

// fillEdits computes the word edits and changed figures of c with d, and
// the types of change of a paired change with ct; figs are c's texts'
// figures when already read.
func fillEdits(d *words.Differ, ct *changetype.Classifier, c *Change, figs readFigs) {
	switch {
	case c.OldText == "" && c.NewText == "":
	case c.OldText == c.NewText:
		c.Edits = []words.Edit{{Op: words.OpEqual, Text: c.NewText}}
	case c.OldText == "":
		c.Edits = []words.Edit{{Op: words.OpInsert, Text: c.NewText}}
	case c.NewText == "":
		c.Edits = []words.Edit{{Op: words.OpDelete, Text: c.OldText}}
	default:
		if figs.ok {
			c.Edits = d.DiffRead(c.OldText, c.NewText, figs.old, figs.new)
		} else {
			c.Edits = d.Diff(c.OldText, c.NewText)
		}
		if f := d.Figures(c.OldText, c.NewText, c.Edits); f != nil {
			c.Figures = f
		}
	}
	switch c.Kind {
	case KindModified, KindMerged, KindSplit:
		c.Types = ct.Classify(c.OldText, c.NewText, c.Figures)
	}
}

// moves flags the groups that left their place: those outside the longest
// order-preserving chain of groups (each taken at its first old and first new
// clause), unless some other pairing of its old and new clauses fits between
// the chain's pairs around it (a merge of far-apart clauses stays where one
// of its parts stood).
func (a *aligner) moves() []bool {
	moved := make([]bool, len(a.groups))
	var ps []pair
	var gs []int
	for gi, g := range a.groups {
		if len(g.old) > 0 && len(g.new) > 0 {
			ps = append(ps, pair{g.old[0], g.new[0]})
			gs = append(gs, gi)
		}
	}
	idx := make([]int, len(ps))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(x, y int) int { return cmp.Compare(ps[x].o, ps[y].o) })
	sorted := make([]pair, len(ps))
	for i, k := range idx {
		sorted[i] = ps[k]
	}
	in := longestChain(sorted)
	var chain []pair
	for i, p := range sorted {
		if in[i] {
			chain = append(chain, p)
		}
	}
	for i, k := range idx {
		if in[i] {
			continue
		}
		g := a.groups[gs[k]]
		fit := false
		for _, o := range g.old {
			for _, n := range g.new {
				fit = fit || fits(chain, o, n, len(a.old), len(a.new))
			}
		}
		moved[gs[k]] = !fit
	}
	return moved
}

func pick(es []entry, idx []int32) []*entry {
	out := make([]*entry, len(idx))
	for i, k := range idx {
		out[i] = &es[k]
	}
	return out
}

func ids(es []*entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.c.ID
	}
	return out
}

func numbers(es []*entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.c.Number
	}
	return out
}

func joinText(es []*entry) string {
	switch len(es) {
	case 0:
		return ""
	case 1:
		return es[0].c.Text
	}
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.c.Text
	}
	return strings.Join(parts, textSep)
}

// sources lists the clauses' source ids, first occurrence first.
func sources(es []*entry) []string {
	out := []string{}
	for _, e := range es {
		for _, s := range e.c.Sources {
			if !slices.Contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

func notes(es []*entry) []string {
	var out []string
	for _, e := range es {
		if e.c.Note != "" {
			out = append(out, e.c.Note)
		}
	}
	return out
}

func firstTopic(es []*entry) string {
	for _, e := range es {
		if e.c.Topic != "" {
			return e.c.Topic
		}
	}
	return ""
}

// delta returns the attribute's value on each side when they differ. A side
// of several clauses reads as its distinct values joined by "; ".
func delta(olds, news []*entry, attr func(*plan.Clause) string) *Delta {
	side := func(es []*entry) string {
		var vals []string
		for _, e := range es {
			if v := attr(e.c); !slices.Contains(vals, v) {
				vals = append(vals, v)
			}
		}
		return strings.Join(vals, "; ")
	}
	o, n := side(olds), side(news)
	if o == n {
		return nil
	}
	return &Delta{Old: o, New: n}
}
