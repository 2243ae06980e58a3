// Package lineage chains the pairwise comparisons of every version of a
// corpus into clause histories: where each clause first appeared, how it
// changed at each step, where it was dropped, left unreported or brought
// back.
//
// # The version graph
//
// Versions are taken in the corpus's lineage order (a version after those it
// supersedes, then by date surfaced, then by id). Each `supersedes` entry
// naming a version of the set is an edge parent → child, and each edge is a
// Step: diff.Compare of the parent's effective text (below) with the child.
// A version that supersedes nothing in the set is a root. The graph may
// branch (eu-counterproposal and geneva-19 both revise us-28-draft) and
// rejoin (framework-20 revises both); a child with two parents gets two
// steps, one per parent, in the order its `supersedes` lists them. When
// only some versions are selected, an edge runs from a selected version to
// the nearest selected versions it supersedes, directly or through versions
// left out.
//
// # Partial versions
//
// A version with completeness: partial states only the clauses someone
// reported. Its effective text, which its children are compared with, is
// what it states overlaid on what it inherits: every clause of its first
// parent's effective text that the step into it found unreported is carried
// over, marked inherited (Node.Stated false, Node.From the version whose text
// it is), nested under the clause its parent clause became. Clauses the
// partial version marks `removed: true` are not carried; its removed entries
// stay in the effective text, so that a child carrying the same entry keeps
// the removal (diff's removal_kept) rather than reporting it again. So
// geneva-19 (7 reported entries of 19 points) passes the untouched points of
// us-28-draft on to framework-20 instead of making them look added there.
//
// Each step's Result says what of the parent's side is carried: the parent
// VersionRef's Carried and CarriedFrom, and each change's Carried (the old
// clause ids the parent does not state). diff's --no-carry and Compare (below)
// use the same text, so that a diff and a report step agree.
//
// # Links across steps
//
// A derives_from link that names an older version than the parent
// (framework-20 cites us-28-draft#tolerance-education although it is
// compared with geneva-19) is translated, for the comparison only, into a
// link to the parent's clause that descends from the named one through
// reported links (equal ids, derives_from, inheritance). Links inferred from
// content are never used to translate: a link the data states must not rest
// on one the aligner guessed.
//
// # Clause histories
//
// A node is a clause as it stands in one version (stated, inherited, or a
// removed entry). A node's predecessor is chosen from the steps into its
// version: among the changes that pair it with a parent clause, the one with
// the strongest rule (id, then derives_from, then a removed entry, then
// content, then containment), ties going to the parent listed first in
// `supersedes`. A clause that every step calls added but whose id (or one of
// whose derives_from targets) is stated in an earlier ancestor is resurrected:
// it links to the nearest such ancestor clause. Failing that, a derives_from
// target in an earlier version that is not an ancestor (another track) makes
// a derived link, so a figure can be followed from one track into another. Following predecessors gives
// the trail `annotate` prints. A thread is a connected set of nodes under all
// pairings (merges and splits join threads), which is what `history` prints.
//
// Build is deterministic: the same plans and options give the same result.
package lineage

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/plandiff/plandiff/pkg/changetype"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/diff/words"
	"github.com/plandiff/plandiff/pkg/plan"
)

// KindResurrected marks a clause that a step calls added but that an older
// version stated: it was dropped (or left out) on the way and came back.
const KindResurrected diff.Kind = "resurrected"

// KindDerived marks a clause whose derives_from names a clause of an earlier
// version that no chain of steps leads from: a version on another track (the
// US draft taking up a figure of the 2022 Istanbul draft). The data states
// the lineage, but no comparison pairs the two, so the link is drawn from
// derives_from alone.
const KindDerived diff.Kind = "derived"

// Options configures Build.
type Options struct {
	// Diff is passed to every comparison; its Match is forced to auto, as
	// chaining needs ids and links.
	Diff diff.Options
	// All lists every version known, selected or not, so that an edge can
	// run from a selected version through versions left out to the nearest
	// selected ones it supersedes. Nil means only the versions given.
	All []*plan.Plan
	// Compare replaces diff.Compare (for tests); nil means diff.Compare.
	Compare func(ctx context.Context, old, new *plan.Plan, opts diff.Options) (*diff.Result, error)
}

// Lineage is the version graph of a set of versions with every step compared
// and every clause placed in a thread.
type Lineage struct {
	Versions []*Version // lineage order
	Steps    []*Step    // by child in lineage order, then parent in supersedes order
	Threads  []*Thread  // by first appearance: version order, then document order

	byID    map[string]*Version
	opts    Options
	threads map[*Node]*Thread
}

// Version is one version in the graph.
type Version struct {
	Plan     *plan.Plan
	ID       string
	Parents  []*Version // nearest selected versions it supersedes, in supersedes order
	Children []*Version
	StepsIn  []*Step // one per parent, in parent order

	// Effective is the text children are compared with: the plan itself
	// for a full version or a root, otherwise its stated clauses with the
	// inherited ones overlaid (see the package comment).
	Effective *plan.Plan
	// Nodes lists the effective clauses (stated and inherited) in document
	// order; Marks lists the version's removed: true entries.
	Nodes []*Node
	Marks []*Node

	nodes map[string]*Node // effective clauses by id
	marks map[string]*Node
	// ancestors maps an effective clause id to the refs (VERSION#clause)
	// it descends from through reported links, itself included.
	ancestors map[string][]string
}

// Partial reports whether the version is known only in part.
func (v *Version) Partial() bool { return v.Plan.Partial() }

// Node returns the effective clause with the given id, or nil.
func (v *Version) Node(id string) *Node { return v.nodes[id] }

// Mark returns the removed: true entry with the given id, or nil.
func (v *Version) Mark(id string) *Node { return v.marks[id] }

// Stated lists the clauses the version states itself, removed entries
// excluded, in document order.
func (v *Version) Stated() []*Node {
	var out []*Node
	for _, n := range v.Nodes {
		if n.Stated {
			out = append(out, n)
		}
	}
	return out
}

// Step is the comparison of a parent's effective text with a child.
type Step struct {
	ID     string // "PARENT_CHILD": '_' occurs in no version id
	Parent *Version
	Child  *Version
	Result *diff.Result

	byNew  map[string]int // child clause id → change index
	byOld  map[string]int // parent effective clause id → change index
	byMark map[string]int // child removed entry id → change index
}

// Change returns the change at index i.
func (s *Step) Change(i int) *diff.Change { return &s.Result.Changes[i] }

// NewChange returns the index of the change holding child clause (or removed
// entry) id, or -1.
func (s *Step) NewChange(id string) int {
	if i, ok := s.byNew[id]; ok {
		return i
	}
	if i, ok := s.byMark[id]; ok {
		return i
	}
	return -1
}

// oldNode is the parent's node for old id of change ch: its removed entry
// when the change keeps a removal both versions carry, else its clause.
func (s *Step) oldNode(ch *diff.Change, id string) *Node {
	if ch.Rule == diff.RuleRemovalKept {
		return s.Parent.marks[id]
	}
	return s.Parent.nodes[id]
}

// OldChange returns the index of the change holding parent clause id, or -1.
func (s *Step) OldChange(id string) int {
	if i, ok := s.byOld[id]; ok {
		return i
	}
	return -1
}

// Node is one clause as it stands in one version.
type Node struct {
	Version    string           `json:"version"`
	ID         string           `json:"id"`
	Number     string           `json:"number,omitempty"`
	Topic      string           `json:"topic,omitempty"`
	Text       string           `json:"text,omitempty"`
	Depth      int              `json:"depth"`
	Parent     string           `json:"parent,omitempty"` // id of the enclosing clause in the effective text
	Stated     bool             `json:"stated"`           // false: inherited, not reported in Version
	Removed    bool             `json:"removed,omitempty"`
	From       string           `json:"from,omitempty"` // for an inherited node, the version whose text it carries
	Sources    []diff.SourceRef `json:"sources"`
	Confidence string           `json:"confidence,omitempty"`
	Status     string           `json:"status,omitempty"`
	ProposedBy []string         `json:"proposed_by,omitempty"`
	Note       string           `json:"note,omitempty"`
	// Variants are the readings on which the copies of the version that
	// states the clause disagree, their sources resolved.
	Variants []Variant `json:"variants,omitempty"`

	derives []string
	index   int // document order within the version (nodes, then marks)
}

// Variant is one reading of a clause, with the sources that give it.
type Variant struct {
	Reading  string           `json:"reading"`
	Sources  []diff.SourceRef `json:"sources"`
	Followed bool             `json:"followed,omitempty"`
}

// Ref is the node's "VERSION#clause" reference.
func (n *Node) Ref() string { return n.Version + "#" + n.ID }

// Link says how a node came from a node of a parent version.
type Link struct {
	Step       string         `json:"step"` // Step.ID; empty for a resurrection
	Change     int            `json:"change"`
	From       string         `json:"from"` // parent version
	To         string         `json:"to"`
	Kind       diff.Kind      `json:"kind"`
	Old        []string       `json:"old"`
	New        []string       `json:"new"`
	OldNumbers []string       `json:"old_numbers"`
	NewNumbers []string       `json:"new_numbers"`
	Rule       string         `json:"rule"`
	Reported   bool           `json:"reported"` // the data states the link (ids, derives_from, removed entries)
	Similarity float64        `json:"similarity"`
	Moved      bool           `json:"moved"`
	Renumbered bool           `json:"renumbered"`
	Edits      []words.Edit   `json:"edits"`
	Figures    []words.Figure `json:"figures"`
	// Reading and ReadingOnly are the change's (diff.Change.Reading).
	Reading     *diff.Delta `json:"reading,omitempty"`
	ReadingOnly bool        `json:"reading_only,omitempty"`
	// Evidence is a removal's (diff.Change.Evidence).
	Evidence string `json:"evidence,omitempty"`
	// Types are the change's types of change (diff.Change.Types).
	Types []changetype.Type `json:"types,omitempty"`
}

// Reported reports whether a pairing rule is stated by the data (equal ids,
// derives_from links, removed entries) rather than inferred from content.
func Reported(rule string) bool {
	switch rule {
	case diff.RuleID, diff.RuleDerivesFrom, diff.RuleRemovedMark, diff.RuleRemovalKept:
		return true
	}
	return false
}

// rulePriority orders rules for choosing a clause's predecessor.
func rulePriority(rule string) int {
	switch rule {
	case diff.RuleID:
		return 0
	case diff.RuleDerivesFrom:
		return 1
	case diff.RuleRemovedMark, diff.RuleRemovalKept:
		return 2
	case diff.RuleContent:
		return 3
	case diff.RuleMergeSplit:
		return 4
	}
	return 5
}

// Version returns the version with the given id, or nil.
func (l *Lineage) Version(id string) *Version { return l.byID[id] }

// Build compares every step of the version graph of plans, which must be in
// lineage order (plan.Corpus.Plans, or a subsequence of it). ctx goes to
// every comparison; once it is done, Build returns an error wrapping ctx.Err().
func Build(ctx context.Context, plans []*plan.Plan, opts Options) (*Lineage, error) {
	if opts.Compare == nil {
		opts.Compare = diff.Compare
	}
	opts.Diff.Match = diff.MatchAuto
	l := &Lineage{byID: make(map[string]*Version, len(plans)), opts: opts}
	for _, p := range plans {
		if p == nil {
			return nil, fmt.Errorf("lineage: missing plan")
		}
		if l.byID[p.Version.ID] != nil {
			return nil, fmt.Errorf("lineage: version %q given twice", p.Version.ID)
		}
		v := &Version{Plan: p, ID: p.Version.ID}
		l.Versions = append(l.Versions, v)
		l.byID[v.ID] = v
	}
	all := make(map[string]*plan.Plan)
	for _, p := range plans {
		all[p.Version.ID] = p
	}
	for _, v := range l.Versions {
		v.Parents = l.nearestSelected(v)
		for _, p := range v.Parents {
			p.Children = append(p.Children, v)
		}
	}
	for i, v := range l.Versions {
		for _, p := range v.Parents {
			if indexOf(l.Versions, p) > i {
				return nil, fmt.Errorf("lineage: %s supersedes %s, which comes after it; give versions in lineage order", v.ID, p.ID)
			}
		}
		if err := l.build(ctx, v); err != nil {
			return nil, err
		}
	}
	l.buildThreads()
	return l, nil
}

func indexOf(vs []*Version, v *Version) int {
	for i, x := range vs {
		if x == v {
			return i
		}
	}
	return -1
}

// nearestSelected follows v's supersedes entries, through versions not in
// the set (Options.All), to the selected versions they reach first, in the
// order the entries are listed (depth first).
func (l *Lineage) nearestSelected(v *Version) []*Version {
	all := map[string]*plan.Plan{}
	for _, p := range l.opts.All {
		all[p.Version.ID] = p
	}
	var out []*Version
	seen := map[string]bool{}
	var walk func(ids []string)
	walk = func(ids []string) {
		for _, id := range ids {
			if seen[id] {
				continue
			}
			seen[id] = true
			if p := l.byID[id]; p != nil {
				out = append(out, p)
			} else if q := all[id]; q != nil {
				walk(q.Version.Supersedes)
			}
		}
	}
	walk(v.Plan.Version.Supersedes)
	return out
}

// build compares v with each parent, then derives v's effective text.
func (l *Lineage) build(ctx context.Context, v *Version) error {
	for _, p := range v.Parents {
		child := l.translated(v, p)
		res, err := l.opts.Compare(ctx, p.Effective, child, l.opts.Diff)
		if err != nil {
			return fmt.Errorf("lineage: compare %s with %s: %w", p.ID, v.ID, err)
		}
		annotateCarried(res, p)
		s := &Step{ID: p.ID + "_" + v.ID, Parent: p, Child: v, Result: res}
		s.index()
		v.StepsIn = append(v.StepsIn, s)
		l.Steps = append(l.Steps, s)
	}
	var inherited map[string]bool
	if v.Partial() && len(v.StepsIn) > 0 {
		v.Effective, inherited = overlay(v, v.StepsIn[0])
	} else {
		v.Effective = v.Plan
	}
	l.nodes(v, inherited)
	l.ancestry(v)
	return nil
}

// annotateCarried records in a step's result what of the parent's side the
// parent does not state but carries: the count and the versions it comes
// from, the carried old clauses of each change, and the version that lists
// each carried source.
func annotateCarried(res *diff.Result, p *Version) {
	var from []string
	for _, n := range p.Nodes {
		if !n.Stated {
			res.Old.Carried++
			if !slices.Contains(from, n.From) {
				from = append(from, n.From)
			}
		}
	}
	if res.Old.Carried == 0 {
		return
	}
	res.Old.CarriedFrom = strings.Join(from, ", ")
	for i := range res.Old.Sources {
		s := &res.Old.Sources[i]
		if ver, _, ok := strings.Cut(s.ID, "/"); ok && slices.Contains(from, ver) {
			s.Version = ver
		}
	}
	for i := range res.Changes {
		ch := &res.Changes[i]
		if ch.Rule == diff.RuleRemovalKept {
			continue
		}
		for _, o := range ch.Old {
			if n := p.nodes[o]; n != nil && !n.Stated {
				ch.Carried = append(ch.Carried, o)
			}
		}
	}
}

// Compare compares old with new as a step of a lineage does, so that a diff
// and a report agree: when new descends from old through supersedes links
// among plans (old's version id replaces the plan of that id), old is taken
// as its effective text (a partial version's clauses with what it carries
// from the version it revises, marked in the result: VersionRef.Carried,
// Change.Carried), and new's derives_from links to older versions are
// translated as for a step. Otherwise it is diff.Compare of the two as they
// stand. plans must be in lineage order.
func Compare(ctx context.Context, plans []*plan.Plan, old, new *plan.Plan, opts Options) (*diff.Result, error) {
	if opts.Compare == nil {
		opts.Compare = diff.Compare
	}
	byID := map[string]*plan.Plan{}
	for _, p := range plans {
		byID[p.Version.ID] = p
	}
	byID[old.Version.ID] = old
	rooted := !slices.ContainsFunc(old.Version.Supersedes, func(s string) bool { return byID[s] != nil })
	if !descends(byID, new, old.Version.ID) || rooted {
		// Nothing to carry or translate: a root is its own effective text.
		return opts.Compare(ctx, old, new, opts.Diff)
	}
	// old and its ancestors, in lineage order.
	keep := map[string]bool{}
	var mark func(id string)
	mark = func(id string) {
		if keep[id] || byID[id] == nil {
			return
		}
		keep[id] = true
		for _, s := range byID[id].Version.Supersedes {
			mark(s)
		}
	}
	mark(old.Version.ID)
	var chain []*plan.Plan
	for _, p := range plans {
		if keep[p.Version.ID] {
			chain = append(chain, byID[p.Version.ID])
		}
	}
	if !slices.Contains(chain, old) {
		chain = append(chain, old)
	}
	chainOpts := opts
	l, err := Build(ctx, chain, chainOpts)
	if err != nil {
		return nil, err
	}
	p := l.Version(old.Version.ID)
	child := &Version{Plan: new, ID: new.Version.ID}
	res, err := opts.Compare(ctx, p.Effective, l.translated(child, p), opts.Diff)
	if err != nil {
		return nil, err
	}
	annotateCarried(res, p)
	return res, nil
}

// descends reports whether p supersedes the version id, directly or through
// versions of byID.
func descends(byID map[string]*plan.Plan, p *plan.Plan, id string) bool {
	seen := map[string]bool{}
	var walk func(p *plan.Plan) bool
	walk = func(p *plan.Plan) bool {
		for _, s := range p.Version.Supersedes {
			if s == id {
				return true
			}
			if q := byID[s]; q != nil && !seen[s] {
				seen[s] = true
				if walk(q) {
					return true
				}
			}
		}
		return false
	}
	return walk(p)
}

func (s *Step) index() {
	s.byNew = map[string]int{}
	s.byOld = map[string]int{}
	s.byMark = map[string]int{}
	for i, c := range s.Result.Changes {
		for _, id := range c.New {
			s.byNew[id] = i
		}
		for _, id := range c.Old {
			s.byOld[id] = i
		}
		if c.RemovedEntry != "" {
			s.byMark[c.RemovedEntry] = i
		}
	}
}

// translated returns v's plan with each derives_from link that names an
// ancestor of parent p rewritten to the clauses of p's effective text that
// descend from the named clause through reported links (see the package
// comment). It returns v.Plan itself when nothing needs rewriting.
func (l *Lineage) translated(v, p *Version) *plan.Plan {
	descends := map[string][]string{}
	for _, n := range p.Nodes {
		for _, ref := range p.ancestors[n.ID] {
			descends[ref] = append(descends[ref], n.ID)
		}
	}
	prefix := p.ID + "#"
	changed := false
	var rewrite func(cs []*plan.Clause) []*plan.Clause
	rewrite = func(cs []*plan.Clause) []*plan.Clause {
		out := make([]*plan.Clause, len(cs))
		for i, c := range cs {
			cc := *c
			var refs []string
			seen := map[string]bool{}
			addRef := func(r string) {
				if !seen[r] {
					seen[r] = true
					refs = append(refs, r)
				}
			}
			for _, d := range c.DerivesFrom {
				if strings.HasPrefix(d, prefix) {
					addRef(d)
					continue
				}
				ids := descends[d]
				if len(ids) == 0 {
					addRef(d)
					continue
				}
				changed = true
				for _, id := range ids {
					addRef(prefix + id)
				}
			}
			if c.DerivesFrom != nil {
				cc.DerivesFrom = refs
			}
			cc.Clauses = rewrite(c.Clauses)
			out[i] = &cc
		}
		return out
	}
	clauses := rewrite(v.Plan.Clauses)
	if !changed {
		return v.Plan
	}
	cp := *v.Plan
	cp.Clauses = clauses
	return &cp
}

// overlay builds the effective text of partial version v from the step s
// from its first parent: v's clauses (removed entries dropped, their
// sub-points moved up) and, for every change s calls unreported, a copy of
// the parent's clause, placed where the change list places it and nested
// under what its parent clause became. It returns the text and the ids of
// the copied (inherited) clauses.
func overlay(v *Version, s *Step) (*plan.Plan, map[string]bool) {
	o := &overlayer{s: s, items: map[string]*overlayItem{}, inherited: map[string]bool{}, haveSource: map[string]bool{}}
	o.addOwn(v.Plan.Clauses, "")
	o.sources = append(o.sources, v.Plan.Version.Sources...)
	for _, src := range o.sources {
		o.haveSource[src.ID] = true
	}
	o.carryUnreported()
	o.nestInherited()
	o.sequenceRest()
	cp := *v.Plan
	cp.Version.Sources = o.sources
	cp.Clauses = o.tree()
	return &cp, o.inherited
}

// overlayer holds the clauses of an effective text while overlay builds it.
type overlayer struct {
	s          *Step
	items      map[string]*overlayItem // by clause id
	order      []string                // ids, v's own first, then the inherited ones
	seq        int                     // next position in the change list's order
	inherited  map[string]bool         // ids copied from the parent
	sources    []plan.Source           // v's sources, then those the copies cite
	haveSource map[string]bool
}

type overlayItem struct {
	c      *plan.Clause
	parent string // effective id of the enclosing clause, "" at top level
	seq    int    // position among its siblings; -1 until known
}

// addOwn adds v's own clauses and removed entries, flattened with their
// parents (a removed entry has no sub-points; any would move up).
func (o *overlayer) addOwn(cs []*plan.Clause, parent string) {
	for _, c := range cs {
		cc := *c
		cc.Clauses = nil
		if _, dup := o.items[c.ID]; !dup {
			o.items[c.ID] = &overlayItem{c: &cc, parent: parent, seq: -1}
			o.order = append(o.order, c.ID)
		}
		o.addOwn(c.Clauses, c.ID)
	}
}

// cite adds a source an inherited clause cites, once.
func (o *overlayer) cite(src plan.Source) {
	if !o.haveSource[src.ID] {
		o.haveSource[src.ID] = true
		o.sources = append(o.sources, src)
	}
}

// carryUnreported walks the change list in order: each new clause takes the
// next position, and each clause an unreported change names is copied from
// the parent into that position, citing the parent's sources under ids
// prefixed with the version that lists them ("us-28-draft/ap").
func (o *overlayer) carryUnreported() {
	p := o.s.Parent
	for _, ch := range o.s.Result.Changes {
		ids := ch.New
		if ch.RemovedEntry != "" && ch.Rule != diff.RuleRemovalKept {
			ids = []string{ch.RemovedEntry}
		}
		for _, id := range ids {
			if it := o.items[id]; it != nil && it.seq < 0 {
				it.seq = o.next()
			}
		}
		if ch.Kind != diff.KindUnreported {
			continue
		}
		for _, id := range ch.Old {
			pn := p.nodes[id]
			if pn == nil || o.items[id] != nil {
				continue
			}
			from := p.ID
			if !pn.Stated {
				from = pn.From
			}
			c := &plan.Clause{
				ID: pn.ID, Number: pn.Number, Topic: pn.Topic, Text: pn.Text,
				Status: pn.Status, ProposedBy: pn.ProposedBy, Confidence: pn.Confidence,
				Note: pn.Note,
			}
			for _, src := range pn.Sources {
				q := from + "/" + src.ID
				o.cite(plan.Source{ID: q, Outlet: src.Outlet, Date: src.Date, URL: src.URL, Covers: src.Covers})
				c.Sources = append(c.Sources, q)
			}
			o.items[id] = &overlayItem{c: c, seq: o.next()}
			o.order = append(o.order, id)
			o.inherited[id] = true
		}
	}
}

func (o *overlayer) next() int {
	o.seq++
	return o.seq - 1
}

// nestInherited places each inherited clause under what its parent clause
// in the parent version became.
func (o *overlayer) nestInherited() {
	for id := range o.inherited {
		if pn := o.s.Parent.nodes[id]; pn != nil {
			o.items[id].parent = o.becomes(pn.Parent)
		}
	}
}

// becomes follows a clause of the parent version, or the nearest of its
// ancestors that has one, to the clause of the effective text it became:
// itself when inherited, else the first new clause of its change; "" when
// none did.
func (o *overlayer) becomes(id string) string {
	for id != "" {
		if o.inherited[id] {
			return id
		}
		if i := o.s.OldChange(id); i >= 0 {
			ch := o.s.Change(i)
			if len(ch.New) > 0 && o.items[ch.New[0]] != nil {
				return ch.New[0]
			}
		}
		pn := o.s.Parent.nodes[id]
		if pn == nil {
			return ""
		}
		id = pn.Parent
	}
	return ""
}

// sequenceRest places the clauses the change list does not mention after
// those it does, in document order.
func (o *overlayer) sequenceRest() {
	for _, id := range o.order {
		if o.items[id].seq < 0 {
			o.items[id].seq = o.next()
		}
	}
}

// tree assembles the clauses, children ordered by position. A parent that
// is missing, or that would make a cycle (impossible with well-formed
// results), falls back to top level.
func (o *overlayer) tree() []*plan.Clause {
	for _, id := range o.order {
		it := o.items[id]
		if it.parent != "" && (o.items[it.parent] == nil || it.parent == id) {
			it.parent = ""
		}
	}
	for _, id := range o.order {
		if cyclic(o.items, id, func(x string) string { return o.items[x].parent }) {
			o.items[id].parent = ""
		}
	}
	children := map[string][]string{}
	for _, id := range o.order {
		children[o.items[id].parent] = append(children[o.items[id].parent], id)
	}
	for _, ids := range children {
		sort.SliceStable(ids, func(i, j int) bool { return o.items[ids[i]].seq < o.items[ids[j]].seq })
	}
	var build func(parent string) []*plan.Clause
	build = func(parent string) []*plan.Clause {
		var out []*plan.Clause
		for _, id := range children[parent] {
			c := o.items[id].c
			c.Clauses = build(id)
			out = append(out, c)
		}
		return out
	}
	return build("")
}

func cyclic[T any](items map[string]T, id string, parent func(string) string) bool {
	seen := map[string]bool{id: true}
	for x := parent(id); x != ""; x = parent(x) {
		if seen[x] {
			return true
		}
		seen[x] = true
	}
	return false
}
