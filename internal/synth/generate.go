// Package synth generates pairs of plan versions whose true alignment is
// known, writes them as YAML, and scores a comparison against the truth. It
// is the benchmark of pkg/diff's content alignment (see cmd/synth).
//
// A generated old version is treaty-like prose (grammar.go) in points and
// sub-points with opaque ids. The new version applies mutations at
// configurable rates: clauses reworded (words replaced, inserted or deleted,
// figures changed), moved, split, merged (with a neighbour or a far clause),
// removed and added, sub-points promoted to points and points demoted to
// sub-points; numbers are printed by position, so everything after an
// insertion or removal is renumbered. Everything is drawn from one seeded
// source, so a seed gives the same pair on every machine.
package synth

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/plandiff/plandiff/pkg/plan"
)

// Rates are the mutation rates; each is a share of the old version's
// clauses unless it says otherwise.
type Rates struct {
	Reword    float64 // of clauses kept one-to-one: reworded
	RewordMin float64 // share of a reworded clause's words edited, at least
	RewordMax float64 // and at most
	Move      float64 // of clauses kept one-to-one: moved (whole points with their sub-points)
	Split     float64 // split into 2 or 3 clauses
	Merge     float64 // taking part in a merge (as any of its 2 or 3 parts)
	FarMerge  float64 // of merges: parts far apart rather than adjacent
	Remove    float64 // removed
	Add       float64 // new clauses added, as a share of the old count
	Promote   float64 // of last sub-points: promoted to points
	Demote    float64 // of childless points: demoted to sub-points of the point before
}

// DefaultRates is the target mix of the benchmark.
func DefaultRates() Rates {
	return Rates{
		Reword: 0.35, RewordMin: 0.10, RewordMax: 0.50,
		Move: 0.06, Split: 0.05, Merge: 0.08, FarMerge: 0.4,
		Remove: 0.10, Add: 0.08, Promote: 0.05, Demote: 0.02,
	}
}

// Config says what to generate.
type Config struct {
	Clauses int // clauses of the old version, sub-points included
	Seed    uint64
	Rates   Rates
	// SubPoints is the share of points that have sub-points (default 0.25).
	SubPoints float64
	// KeepIDs gives surviving clauses their old ids in the new version, for
	// testing id matching; by default every new clause has a fresh id.
	KeepIDs bool
}

// Pair is a generated old and new version with the truth about them.
type Pair struct {
	Old, New *plan.Plan
	Truth    Truth
}

// Truth lists what became of every clause: each old and each new clause is in
// exactly one group.
type Truth struct {
	Seed    uint64  `json:"seed"`
	Clauses int     `json:"clauses"`
	Groups  []Group `json:"groups"`
}

// Group is one true change.
type Group struct {
	Kind  string   `json:"kind"` // unchanged | modified | merged | split | added | removed
	Old   []string `json:"old"`
	New   []string `json:"new"`
	Moved bool     `json:"moved,omitempty"`
}

// item is a clause of the flat, in-order list a version is built from.
type item struct {
	id, topic, text string
	depth           int
	group           int // index into the truth groups
}

// Generate builds a pair.
func Generate(cfg Config) (*Pair, error) {
	if cfg.Clauses < 1 {
		return nil, fmt.Errorf("generate: %d clauses (want at least 1)", cfg.Clauses)
	}
	if cfg.SubPoints == 0 {
		cfg.SubPoints = 0.25
	}
	r := rand.New(rand.NewPCG(cfg.Seed, 0x5eed_0f_97a1_d1ff))
	g := &generator{cfg: cfg, r: r, gr: newGrammar(r, cfg.Clauses), ids: map[string]bool{}}
	old := g.oldItems()
	nu := g.mutate(old)
	p := &Pair{
		Old:   g.plan("synth-old", "Synthetic old version", old),
		New:   g.plan("synth-new", "Synthetic new version", nu),
		Truth: Truth{Seed: cfg.Seed, Clauses: cfg.Clauses, Groups: g.groups},
	}
	return p, nil
}

type generator struct {
	cfg    Config
	r      *rand.Rand
	gr     *grammar
	ids    map[string]bool
	groups []Group
}

func (g *generator) id() string {
	for {
		id := fmt.Sprintf("c%06x", g.r.Uint32()&0xffffff)
		if !g.ids[id] {
			g.ids[id] = true
			return id
		}
	}
}

func (g *generator) chance(p float64) bool { return g.r.Float64() < p }

func (g *generator) oldItems() []item {
	var out []item
	for len(out) < g.cfg.Clauses {
		t := g.gr.topic()
		out = append(out, item{id: g.id(), topic: t, text: g.gr.clause(t, false)})
		if g.chance(g.cfg.SubPoints) {
			for k := 1 + g.r.IntN(4); k > 0 && len(out) < g.cfg.Clauses; k-- {
				st := t
				if g.chance(0.3) {
					st = g.gr.topic()
				}
				out = append(out, item{id: g.id(), topic: st, text: g.gr.clause(st, true), depth: 1})
			}
		}
	}
	return out
}

// fate of an old clause.
const (
	fateKeep = iota
	fateRemove
	fateSplit
	fateMergeHead // its group's text goes where it stood
	fateMergePart
)

func (g *generator) mutate(old []item) []item {
	rt := g.cfg.Rates
	fate := make([]int, len(old))
	partners := make(map[int][]int) // merge head → other parts, in old order
	// Merge groups average 2.3 parts; choose heads so parts reach rt.Merge.
	// Only some clauses can be split; those split more often, so splits
	// reach rt.Split of all clauses.
	headRate := rt.Merge / 2.3
	canSplit := 0
	for _, it := range old {
		if splittable(it.text) {
			canSplit++
		}
	}
	splitRate := min(1, rt.Split*float64(len(old))/float64(max(canSplit, 1)))
	for i := range old {
		if fate[i] != fateKeep {
			continue
		}
		switch x := g.r.Float64(); {
		case x < rt.Remove:
			fate[i] = fateRemove
		case x < rt.Remove+headRate:
			parts := 1
			if g.chance(0.3) {
				parts = 2
			}
			var ps []int
			far := g.chance(rt.FarMerge)
			for k := 0; k < parts; k++ {
				j := -1
				if far {
					for try := 0; try < 20 && j < 0; try++ {
						c := g.r.IntN(len(old))
						if (c < i-5 || c > i+5) && fate[c] == fateKeep && !slices.Contains(ps, c) {
							j = c
						}
					}
				} else {
					c := i + 1 + k
					if c < len(old) && fate[c] == fateKeep {
						j = c
					}
				}
				if j >= 0 {
					ps = append(ps, j)
				}
			}
			if len(ps) > 0 {
				fate[i] = fateMergeHead
				for _, j := range ps {
					fate[j] = fateMergePart
				}
				slices.Sort(ps)
				partners[i] = ps
			}
		default:
			if splittable(old[i].text) && g.chance(splitRate/(1-rt.Remove-headRate)) {
				fate[i] = fateSplit
			}
		}
	}

	var nu []item
	for i, it := range old {
		switch fate[i] {
		case fateRemove:
			g.groups = append(g.groups, Group{Kind: "removed", Old: []string{it.id}, New: []string{}})
		case fateSplit:
			gi := g.group("split", it.id)
			for k, text := range g.split(it.text) {
				nu = append(nu, item{id: g.newID(it.id, k), topic: it.topic, text: text, depth: it.depth, group: gi})
				g.groups[gi].New = append(g.groups[gi].New, nu[len(nu)-1].id)
			}
		case fateMergeHead:
			ids := []string{it.id}
			texts := []string{it.text}
			for _, j := range partners[i] {
				ids = append(ids, old[j].id)
				texts = append(texts, old[j].text)
			}
			gi := g.group("merged", ids...)
			text := strings.Join(texts, " ")
			if g.chance(0.5) {
				text = g.reword(text, it.topic, 0.05, 0.15)
			}
			nu = append(nu, item{id: g.newID(it.id, 0), topic: it.topic, text: text, depth: it.depth, group: gi})
			g.groups[gi].New = append(g.groups[gi].New, nu[len(nu)-1].id)
		case fateMergePart:
		default:
			text, kind := it.text, "unchanged"
			if g.chance(rt.Reword) {
				if t := g.reword(text, it.topic, rt.RewordMin, rt.RewordMax); t != text {
					text, kind = t, "modified"
				}
			}
			gi := g.group(kind, it.id)
			nu = append(nu, item{id: g.newID(it.id, 0), topic: it.topic, text: text, depth: it.depth, group: gi})
			g.groups[gi].New = append(g.groups[gi].New, nu[len(nu)-1].id)
		}
	}
	nu = g.restructure(nu)
	nu = g.move(nu)
	nu = g.add(nu, len(old))
	fixDepth(nu)
	return nu
}

// group starts a truth group for the given old ids and returns its index.
func (g *generator) group(kind string, old ...string) int {
	g.groups = append(g.groups, Group{Kind: kind, Old: old, New: []string{}})
	return len(g.groups) - 1
}

func (g *generator) newID(oldID string, part int) string {
	if g.cfg.KeepIDs && part == 0 {
		return oldID
	}
	return g.id()
}

// split cuts a text into 2 or 3 parts at sentence ends, or a one-sentence
// text at a comma that leaves at least six words on each side; it returns
// nil when the text has no such place. Parts may be lightly reworded.
func (g *generator) split(text string) []string {
	sents := sentences(text)
	var parts []string
	if len(sents) >= 2 {
		n := 2
		if len(sents) >= 3 && g.chance(0.3) {
			n = 3
		}
		cut := len(sents) / n
		for k := 0; k < n; k++ {
			end := (k + 1) * cut
			if k == n-1 {
				end = len(sents)
			}
			parts = append(parts, strings.Join(sents[k*cut:end], " "))
		}
	} else {
		i := strings.Index(text, ", ")
		if i < 0 || len(strings.Fields(text[:i])) < 6 || len(strings.Fields(text[i+2:])) < 6 {
			return nil
		}
		parts = []string{text[:i] + ".", capitalise(text[i+2:])}
	}
	for k := range parts {
		if g.chance(0.3) {
			parts[k] = g.reword(parts[k], "", 0.05, 0.15)
		}
	}
	return parts
}

// splittable reports whether split can cut text.
func splittable(text string) bool {
	if len(sentences(text)) >= 2 {
		return true
	}
	i := strings.Index(text, ", ")
	return i >= 0 && len(strings.Fields(text[:i])) >= 6 && len(strings.Fields(text[i+2:])) >= 6
}

func sentences(text string) []string {
	var out []string
	for len(text) > 0 {
		i := strings.Index(text, ". ")
		if i < 0 {
			out = append(out, text)
			break
		}
		out = append(out, text[:i+1])
		text = text[i+2:]
	}
	return out
}

// reword edits between lo and hi of the words of text: replacing, inserting
// or deleting words and changing figures.
func (g *generator) reword(text, topic string, lo, hi float64) string {
	if topic == "" {
		topic = g.gr.topic()
	}
	w := strings.Fields(text)
	share := lo + g.r.Float64()*(hi-lo)
	edits := max(1, int(math.Round(share*float64(len(w)))))
	for e := 0; e < edits && len(w) > 3; e++ {
		i := g.r.IntN(len(w))
		core, punct := splitPunct(w[i])
		switch x := g.r.Float64(); {
		case isNumber(core):
			w[i] = g.gr.number(core) + punct
		case x < 0.6:
			w[i] = g.gr.word(topic) + punct
		case x < 0.8:
			w = slices.Insert(w, i, g.gr.word(topic))
		default:
			if punct == "" {
				w = slices.Delete(w, i, i+1)
			} else {
				w[i] = g.gr.word(topic) + punct
			}
		}
	}
	return capitalise(strings.Join(w, " "))
}

func splitPunct(w string) (string, string) {
	i := len(w)
	for i > 0 && strings.ContainsRune(".,;:", rune(w[i-1])) {
		i--
	}
	return w[:i], w[i:]
}

func isNumber(s string) bool {
	s = strings.TrimPrefix(s, "$")
	if s == "" {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && c != ',' {
			return false
		}
	}
	return true
}

// restructure promotes last sub-points to points and demotes childless
// points to sub-points of the point before. Document order is unchanged.
func (g *generator) restructure(nu []item) []item {
	for i := range nu {
		last := i+1 == len(nu) || nu[i+1].depth == 0
		switch {
		case nu[i].depth == 1 && last && g.chance(g.cfg.Rates.Promote):
			nu[i].depth = 0
		case nu[i].depth == 0 && i > 0 && last && g.chance(g.cfg.Rates.Demote):
			nu[i].depth = 1
		}
	}
	return nu
}

// move takes blocks (a point with its sub-points) whose clauses are all kept
// one-to-one and puts them elsewhere, far enough that the move is the
// smallest explanation of the new order.
func (g *generator) move(nu []item) []item {
	type block struct{ lo, hi int }
	var blocks []block
	for i := 0; i < len(nu); {
		j := i + 1
		for j < len(nu) && nu[j].depth > 0 {
			j++
		}
		blocks = append(blocks, block{i, j})
		i = j
	}
	oneToOne := func(b block) bool {
		for k := b.lo; k < b.hi; k++ {
			kind := g.groups[nu[k].group].Kind
			if kind != "unchanged" && kind != "modified" {
				return false
			}
		}
		return true
	}
	// Only small blocks of one-to-one clauses move; they move more often so
	// that rates.Move of all one-to-one clauses do.
	kept, eligible := 0, 0
	for _, b := range blocks {
		for k := b.lo; k < b.hi; k++ {
			if kind := g.groups[nu[k].group].Kind; kind == "unchanged" || kind == "modified" {
				kept++
			}
		}
		if b.hi-b.lo <= 3 && oneToOne(b) {
			eligible += b.hi - b.lo
		}
	}
	rate := min(1, g.cfg.Rates.Move*float64(kept)/float64(max(eligible, 1)))
	var moving []int
	for bi, b := range blocks {
		if b.hi-b.lo <= 3 && oneToOne(b) && g.chance(rate) {
			moving = append(moving, bi)
		}
	}
	for _, bi := range moving {
		b := blocks[bi]
		for k := b.lo; k < b.hi; k++ {
			g.groups[nu[k].group].Moved = true
		}
	}
	// Take the moving blocks out, then put each back at a block boundary
	// of the rest at least minDist blocks away from where it was.
	var rest []item
	var pos []int // for each remaining item, its block's original index
	for bi, b := range blocks {
		if slices.Contains(moving, bi) {
			continue
		}
		rest = append(rest, nu[b.lo:b.hi]...)
		for k := b.lo; k < b.hi; k++ {
			pos = append(pos, bi)
		}
	}
	var starts []int // boundaries of rest: where a point starts, and the end
	for k := 0; k <= len(rest); k++ {
		if k == len(rest) || rest[k].depth == 0 {
			starts = append(starts, k)
		}
	}
	at := make(map[int][]int) // boundary in rest → moving blocks put there, in draw order
	for _, bi := range moving {
		b := blocks[bi]
		minDist := max(4, 2*(b.hi-b.lo)+2)
		var k int
		for try := 0; ; try++ {
			k = starts[g.r.IntN(len(starts))]
			orig := len(blocks)
			if k < len(rest) {
				orig = pos[k]
			}
			if orig < bi-minDist || orig > bi+minDist || try == 50 {
				break
			}
		}
		at[k] = append(at[k], bi)
	}
	out := make([]item, 0, len(nu))
	for k := 0; k <= len(rest); k++ {
		for _, bi := range at[k] {
			out = append(out, nu[blocks[bi].lo:blocks[bi].hi]...)
		}
		if k < len(rest) {
			out = append(out, rest[k])
		}
	}
	return out
}

// add inserts fresh clauses at random places.
func (g *generator) add(nu []item, oldCount int) []item {
	n := int(math.Round(g.cfg.Rates.Add * float64(oldCount)))
	at := make([][]item, len(nu)+1) // new clauses to put before nu[k]
	for ; n > 0; n-- {
		k := g.r.IntN(len(nu) + 1)
		depth := 0
		if k < len(nu) && nu[k].depth > 0 {
			depth = 1
		}
		t := g.gr.topic()
		gi := g.group("added")
		it := item{id: g.id(), topic: t, text: g.gr.clause(t, depth > 0), depth: depth, group: gi}
		g.groups[gi].Old = []string{}
		g.groups[gi].New = []string{it.id}
		at[k] = append(at[k], it)
	}
	out := make([]item, 0, len(nu)+n)
	for k := 0; k <= len(nu); k++ {
		out = append(out, at[k]...)
		if k < len(nu) {
			out = append(out, nu[k])
		}
	}
	return out
}

// fixDepth makes the first clause a point, so the list is a valid tree.
func fixDepth(items []item) {
	if len(items) > 0 {
		items[0].depth = 0
	}
}

// plan builds the tree of a version from its flat list, numbering clauses
// by position: points 1, 2, 3 and sub-points 1a, 1b.
func (g *generator) plan(id, title string, items []item) *plan.Plan {
	p := &plan.Plan{
		Format: plan.FormatVersion,
		Version: plan.Version{
			ID: id, Title: title, Surfaced: "2025-11-20", Status: "reconstructed",
			Completeness: plan.CompletenessFull,
			Sources:      []plan.Source{{ID: "synth", Outlet: "synthetic generator", Covers: "full-text"}},
		},
		Name: id + ".yaml",
	}
	var parent *plan.Clause
	points, subs := 0, 0
	for _, it := range items {
		c := &plan.Clause{ID: it.id, Topic: it.topic, Text: it.text, Sources: []string{"synth"}, Confidence: plan.ConfidenceReported}
		if it.depth == 0 || parent == nil {
			points++
			subs = 0
			c.Number = fmt.Sprint(points)
			p.Clauses = append(p.Clauses, c)
			parent = c
			continue
		}
		subs++
		c.Number = fmt.Sprint(points) + letters(subs)
		parent.Clauses = append(parent.Clauses, c)
	}
	return p
}

// letters numbers sub-points a, b, …, z, aa, ab, ….
func letters(n int) string {
	s := ""
	for n > 0 {
		n--
		s = string(rune('a'+n%26)) + s
		n /= 26
	}
	return s
}
