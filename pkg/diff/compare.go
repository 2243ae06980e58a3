// Package diff aligns the clauses of two versions of a plan and reports what
// became of each: unchanged, modified, merged, split, added, removed or
// unreported, with moves, renumbering, word edits and changed figures.
package diff

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/plandiff/plandiff/pkg/figures"
	"github.com/plandiff/plandiff/pkg/plan"
)

// Compare aligns the clauses of old with those of new and describes every
// change. Each clause of both versions, sub-points included, appears in
// exactly one Change; the changes follow new's document order (changes.go
// says where removed clauses go).
//
// Pairing happens in passes, each taking only clauses the earlier ones left:
//
//  1. Links (auto and id modes): equal clause ids, then derives_from links
//     ("OLD-VERSION#clause-id" in a new clause; links to other versions are
//     ignored), then removed: true entries of new by id or derives_from.
//     Several links to one clause make merges and splits; a link that would
//     tie several old clauses to several new ones is ignored, since no
//     change kind describes that.
//  2. Content (auto and content modes), as align.go describes: identical
//     texts; removed entries that carry text with the old clause they
//     describe; one-to-one pairs by IDF-weighted word similarity, preferring
//     pairs that keep document order; leftovers whose words are contained in
//     what a pair does not explain join it as parts of a merge or split;
//     weaker moves; order-preserving pairs in the gaps between anchors at a
//     lower threshold.
//  3. Flags: the changes outside the longest order-preserving chain are
//     moved (changes.go); a change is renumbered when the printed number of
//     its first old clause differs from that of its first new clause.
//
// Before any pass, a removed entry of new whose id is that of a removed
// entry of old is the same removal, recorded on both sides: it is kept, an
// unchanged change of Rule removal_kept holding the entry's id on both sides
// (and as RemovedEntry), and takes no part in pairing, in every mode (an
// entry has no text of its own to compare). So a version compared with
// itself is all unchanged.
//
// Old clauses left unpaired are removed, or unreported when new is a partial
// version, or when new knows the sub-points only in part where the clause
// would stand: its parent clause (or the parent's nearest paired ancestor)
// became a clause of new marked subclauses: partial, or new is complete at
// point level only (version subclauses: partial) and the old clause is a
// sub-point whose point is in new. Such a change names that new clause in
// UnreportedUnder. New clauses left unpaired are added. A removed entry of new that
// pairs with nothing is reported as a removed change with no old clause,
// Rule none and RemovedEntry set, so the claim stays visible and every entry
// of new is accounted for. Other removed entries of old record what happened
// before old: they are not text of old and not clauses new could drop, so
// they make no change (their sub-points, if any, are clauses as usual), and
// a new clause with such an id is added.
//
// A removed change has Evidence reported when a removed entry of new records
// it, and absent when the clause is only missing from new.
//
// The word edits of a change compare its old clauses' texts, joined by a
// blank line, with its new clauses' texts, joined the same way.
//
// Compare is deterministic: the same plans and options give the same Result,
// whatever the number of processors.
//
// When ctx is done, Compare stops between passes (and its parallel passes
// between chunks of clauses) and returns an error wrapping ctx.Err().
func Compare(ctx context.Context, old, new *plan.Plan, opts Options) (*Result, error) {
	if old == nil || new == nil {
		return nil, errors.New("compare: missing plan")
	}
	opts, err := opts.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("compare %s with %s: %w", old.Version.ID, new.Version.ID, err)
	}
	a := newAligner(ctx, old, new, opts)
	if opts.Match != MatchContent {
		a.link()
	}
	if opts.Match != MatchID {
		err = a.alignContent()
	}
	var r *Result
	if err == nil {
		r = a.result() // incomplete, or nil, when ctx is done meanwhile
		err = ctx.Err()
	}
	if err != nil {
		return nil, fmt.Errorf("compare %s with %s: %w", old.Version.ID, new.Version.ID, err)
	}
	return r, nil
}

// entry is one clause of a side as the aligner sees it.
type entry struct {
	c        *plan.Clause
	depth    int
	pos      int              // index in the side's full document order, removed entries included
	terms    []term           // sorted by term (vectors.go)
	seq      []int32          // term ids in text order (vectors.go)
	phrases  []phrase         // the lexicon's phrases in the text (soft.go)
	figs     []figures.Figure // the figures of the text, read once for the model and the word edits, when figsRead
	figsRead bool
	keys     []uint32 // candidate-finding keys, sorted (vectors.go)
	w        float64  // weight of the terms
	gramNorm float64  // norm of the n-gram vector (ngram.go)
	kw       float64  // weight of the keys

	hash      uint64 // of the text, white space normalised (spaceHash)
	identical bool   // paired with a clause of the same text (pairIdentical)
}

// group is one change under construction: old clauses (indices into
// aligner.old, ascending) paired with new ones (into aligner.new), or with a
// removed entry of new (mark, an index into aligner.marks).
type group struct {
	old, new []int32
	mark     int32 // -1 when none
	rule     string
}

// aligner holds the state of one comparison.
type aligner struct {
	ctx              context.Context // checked between passes
	opts             Options
	oldPlan, newPlan *plan.Plan
	old, new, marks  []entry
	vec              *vectors // nil until content alignment needs it
	m                *matcher // scores pairs on the aligner's goroutine (match)

	clearOld, clearNew []bool  // clauses taken by clear pairs (assign)
	margin             float64 // the larger margin of a distinct move (noiseMargin)
	noise              float64 // the median runner-up score (noiseMargin)

	// kept lists the removed entries both sides carry, as pairs of
	// entries (old's, new's); they are not in marks.
	kept [][2]entry
	// oldParent is, per old entry, the index of its parent clause in old
	// (-1 at top level).
	oldParent []int32

	groups    []group
	members   []int32 // backing of the groups' first members (member)
	oldGroup  []int32 // per old entry: its group, or -1
	newGroup  []int32 // per new entry
	markGroup []int32 // per mark

	// nearOld and nearNew hold, per clause left unpaired, its most similar
	// candidate (n -1 when none): findNearest.
	nearOld, nearNew []ranked
}

func newAligner(ctx context.Context, old, new *plan.Plan, opts Options) *aligner {
	a := &aligner{ctx: ctx, opts: opts, oldPlan: old, newPlan: new}
	a.old = make([]entry, 0, old.Count())
	a.new = make([]entry, 0, new.Count())
	// The new side is walked on another goroutine meanwhile; its removed
	// entries are matched with old's once both walks are done.
	var newRemoved []entry
	done := make(chan struct{})
	go func() {
		defer close(done)
		pos := 0
		new.Walk(func(c, _ *plan.Clause, depth int) {
			e := entry{c: c, depth: depth, pos: pos}
			if c.Removed {
				newRemoved = append(newRemoved, e)
			} else {
				a.new = append(a.new, e)
			}
			pos++
		})
	}()
	pos := 0
	var oldMarks map[string]entry
	a.oldParent = make([]int32, 0, cap(a.old))
	// at[d] is the index in a.old of the clause last met at depth d (-1
	// for a removed entry): Walk goes in document order, so a clause's
	// parent is the one last met a level up.
	var at []int32
	old.Walk(func(c, parent *plan.Clause, depth int) {
		e := entry{c: c, depth: depth, pos: pos}
		idx := int32(-1)
		switch {
		case !c.Removed:
			pi := int32(-1)
			if parent != nil {
				pi = at[depth-1]
			}
			idx = int32(len(a.old))
			a.oldParent = append(a.oldParent, pi)
			a.old = append(a.old, e)
		case oldMarks == nil:
			oldMarks = map[string]entry{c.ID: e}
		default:
			if _, dup := oldMarks[c.ID]; !dup {
				oldMarks[c.ID] = e
			}
		}
		at = append(at[:depth], idx)
		pos++
	})
	<-done
	for _, e := range newRemoved {
		if o, ok := oldMarks[e.c.ID]; ok {
			a.kept = append(a.kept, [2]entry{o, e})
			delete(oldMarks, e.c.ID) // an entry is kept once
		} else {
			a.marks = append(a.marks, e)
		}
	}
	a.oldGroup = filled(len(a.old), -1)
	a.newGroup = filled(len(a.new), -1)
	a.markGroup = filled(len(a.marks), -1)
	// Every group holds an old clause: room for all of them at once, and
	// for their first members, saves growing and copying the list, and two
	// small allocations per group, on the serial path (at 30,000 clauses
	// the growth alone was about 2% of the CPU).
	a.groups = make([]group, 0, len(a.old))
	a.members = make([]int32, 0, 2*len(a.old))
	return a
}

// member is a group's member list holding v alone, cut from a.members with
// its capacity capped, so that adding to it copies it out first.
func (a *aligner) member(v int32) []int32 {
	i := len(a.members)
	a.members = append(a.members, v)
	return a.members[i : i+1 : i+1]
}

func filled(n int, v int32) []int32 {
	s := make([]int32, n)
	for i := range s {
		s[i] = v
	}
	return s
}

// link pairs clauses through ids and derives_from links (the first pass of
// Compare).
func (a *aligner) link() {
	oldIdx := make(map[string]int32, len(a.old))
	for i, e := range a.old {
		if _, dup := oldIdx[e.c.ID]; !dup {
			oldIdx[e.c.ID] = int32(i)
		}
	}
	prefix := a.oldPlan.Version.ID + "#"
	derived := func(c *plan.Clause, fn func(o int32)) {
		for _, d := range c.DerivesFrom {
			id, ok := strings.CutPrefix(d, prefix)
			if !ok {
				continue
			}
			if o, ok := oldIdx[id]; ok {
				fn(o)
			}
		}
	}
	for n, e := range a.new {
		if o, ok := oldIdx[e.c.ID]; ok {
			a.addLink(o, int32(n), RuleID)
		}
	}
	for n, e := range a.new {
		derived(e.c, func(o int32) { a.addLink(o, int32(n), RuleDerivesFrom) })
	}
	for m, e := range a.marks {
		if o, ok := oldIdx[e.c.ID]; ok {
			a.addMark(o, int32(m))
		}
		derived(e.c, func(o int32) { a.addMark(o, int32(m)) })
	}
}

// addLink pairs old o with new n unless that would join several old clauses
// to several new ones, or either is already taken by another change.
func (a *aligner) addLink(o, n int32, rule string) bool {
	og, ng := a.oldGroup[o], a.newGroup[n]
	switch {
	case og < 0 && ng < 0:
		a.newGroup1(o, n, rule)
	case og >= 0 && ng < 0:
		g := &a.groups[og]
		if len(g.old) != 1 || g.mark >= 0 {
			return false
		}
		g.new = insertSorted(g.new, n)
		a.newGroup[n] = og
	case og < 0 && ng >= 0:
		g := &a.groups[ng]
		if len(g.new) != 1 {
			return false
		}
		g.old = insertSorted(g.old, o)
		a.oldGroup[o] = ng
	default:
		return false
	}
	return true
}

func (a *aligner) newGroup1(o, n int32, rule string) {
	g := int32(len(a.groups))
	a.groups = append(a.groups, group{old: a.member(o), new: a.member(n), mark: -1, rule: rule})
	a.oldGroup[o] = g
	a.newGroup[n] = g
}

// addMark records that removed entry m of new reports old clause o dropped.
func (a *aligner) addMark(o, m int32) bool {
	if a.oldGroup[o] >= 0 || a.markGroup[m] >= 0 {
		return false
	}
	g := int32(len(a.groups))
	a.groups = append(a.groups, group{old: a.member(o), mark: m, rule: RuleRemovedMark})
	a.oldGroup[o] = g
	a.markGroup[m] = g
	return true
}

func insertSorted(s []int32, v int32) []int32 {
	i := len(s)
	for i > 0 && s[i-1] > v {
		i--
	}
	s = append(s, 0)
	copy(s[i+1:], s[i:])
	s[i] = v
	return s
}
