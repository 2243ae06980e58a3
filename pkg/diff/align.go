package diff

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// Content alignment.
//
// The problem is an assignment: pair old clauses with new ones so that the
// pairs are similar and, as far as the similarity allows, keep document
// order, leaving out clauses that were dropped or added. An optimal global
// assignment (Hungarian) is cubic and, as document-alignment practice shows
// (Buck & Koehn, WMT16), no better than a greedy assignment anchored on the
// best pairs; a greedy first-fit in document order is worse than both,
// because an early weak pair steals a later strong one. So the aligner works
// in passes over a sparse candidate list, each pass taking only what the
// earlier ones left (and never undoing a link found by id):
//
//  1. Identical texts (pairIdentical): a text found once in each version,
//     the same but for white space, is the same clause. In a typical
//     comparison most clauses are, and they need no further work.
//  2. Candidates: an inverted index over the keys of the new clauses (words
//     and word pairs, vectors.go). Each other old clause visits the postings
//     of its rarest keys first, up to postingBudget postings, accumulates the
//     weight it shares with each new clause it meets, and keeps the best
//     candidatesPerClause by an approximate cosine, the coversPerClause new
//     clauses that hold most of its weight (a merge into a long clause) and
//     the coversPerClause whose own weight it holds most of (the parts of a
//     split); only those are scored exactly. The cost is linear in the number
//     of clauses, never an all-pairs matrix.
//  3. Removed entries of the new version that carry text take the old clause
//     they describe (markByContent).
//  4. One-to-one (assign), greedily by descending similarity, pairs at or
//     above the threshold; a same topic tag adds a small tie-breaking bonus.
//     The longest order-preserving chain of these pairs and of the groups
//     already formed becomes the anchors; the other pairs are released and
//     chosen again with a bonus for fitting between the anchors, and a pair
//     that breaks their order is taken only when it is strong (earlyMove)
//     and distinct from the runners-up. Near-equal candidates (repeated
//     boilerplate) then resolve in document order instead of making moves.
//  5. Merges and splits (mergeSplit): a leftover clause joins a group when
//     most of its weight is contained in the part of the other side that the
//     group does not already explain (residual containment, not a symmetric
//     similarity, since a part is much shorter than the whole). Leftovers are
//     tried against their candidates and against their neighbours, since a
//     part of generic wording stands next to the others.
//  6. Late moves (moveLate): what is still free pairs at the threshold if it
//     keeps the order, or as a move at Threshold+moveMargin when distinct.
//     Waiting until after pass 5 keeps weak moves from taking merge parts.
//  7. Gaps (fillGaps): between two consecutive anchors, the clauses still
//     unpaired on both sides are compared exhaustively (when the gap is
//     small) and paired by a heaviest order-preserving chain at a lower
//     threshold (gapFactor): a heavily reworded clause that stayed in place
//     is still recognised. Pass 5 then runs once more.
//
// Worst case: every pass is linear or n log n in the number of clauses and
// candidates, except the gaps, which are bounded by maxGapPairs each.

// cand is a candidate pair: old clause o and target n (a new clause, or a
// removed entry of new when n ≥ len(aligner.new)).
type cand struct {
	o, n    int32
	sim     float64
	overlap float64
}

// pair is an old and a new index; chains are sorted by o.
type pair struct{ o, n int32 }

// alignContent runs pass 2; it returns ctx's error when the context of the
// comparison is done before the pass is.
func (a *aligner) alignContent() error {
	a.buildVectors()
	if err := a.ctx.Err(); err != nil {
		return err
	}
	a.pairIdentical()
	a.untwin()
	cs := a.candidates()
	if err := a.ctx.Err(); err != nil {
		return err
	}
	a.markByContent(cs)
	a.assign(cs)
	a.pairParents()
	a.mergeSplit(cs)
	a.moveLate(cs)
	if err := a.ctx.Err(); err != nil {
		return err
	}
	a.fillGaps()
	a.mergeSplit(cs)
	a.pairLeftovers(cs)
	a.findNearest(cs)
	return a.ctx.Err()
}

// findNearest notes, for every clause left unpaired, its most similar
// candidate on the other side, paired or not (nearOld, nearNew): a removal
// or an addition then names the closest text the comparison scored, so a
// reader can weigh "removed" against "said in other words" (Change.Nearest).
// Ties go to the earlier clause.
func (a *aligner) findNearest(cs []cand) {
	a.nearOld, a.nearNew = make([]ranked, len(a.old)), make([]ranked, len(a.new))
	for _, rs := range [][]ranked{a.nearOld, a.nearNew} {
		for i := range rs {
			rs[i].n = -1
		}
	}
	better := func(r *ranked, to int32, sim float64) {
		if r.n < 0 || sim > r.score || sim == r.score && to < r.n {
			*r = ranked{n: to, score: sim}
		}
	}
	for _, c := range cs {
		if int(c.n) >= len(a.new) || c.sim <= 0 {
			continue
		}
		if a.oldGroup[c.o] < 0 {
			better(&a.nearOld[c.o], c.n, c.sim)
		}
		// An old clause a removed entry records is accounted for: it is
		// no text an addition could be.
		if g := a.oldGroup[c.o]; a.newGroup[c.n] < 0 && (g < 0 || a.groups[g].mark < 0) {
			better(&a.nearNew[c.n], c.o, c.sim)
		}
	}
}

func (a *aligner) buildVectors() {
	es := make([]*entry, 0, len(a.old)+len(a.new)+len(a.marks))
	for _, side := range [][]entry{a.old, a.new, a.marks} {
		for i := range side {
			es = append(es, &side[i])
		}
	}
	a.vec = buildVectors(a.ctx, es)
}

// pairIdentical pairs the clauses whose text occurs once in each version,
// the same but for white space: they are the same clause, whatever else
// happens around them. They need no candidates, and no other clause is
// looked for among them (a merge or a split changes the text), which in a
// typical comparison, where most clauses are unchanged, removes most of the
// work.
func (a *aligner) pairIdentical() {
	const dup = -1
	index := func(es []entry, grouped []int32) map[uint64]int32 {
		m := make(map[uint64]int32, len(es))
		for i := range es {
			if grouped[i] >= 0 || es[i].c.Text == "" {
				continue
			}
			h := es[i].hash
			if _, ok := m[h]; ok {
				m[h] = dup
			} else {
				m[h] = int32(i)
			}
		}
		return m
	}
	// The two sides' indexes are built side by side.
	var news map[uint64]int32
	done := make(chan struct{})
	go func() {
		defer close(done)
		news = index(a.new, a.newGroup)
	}()
	olds := index(a.old, a.oldGroup)
	<-done
	for o := range a.old {
		e := &a.old[o]
		if a.oldGroup[o] >= 0 || e.c.Text == "" {
			continue
		}
		h := e.hash
		if olds[h] != int32(o) {
			continue
		}
		n, ok := news[h]
		if !ok || n == dup || !equalSpace(e.c.Text, a.new[n].c.Text) {
			continue
		}
		a.newGroup1(int32(o), n, RuleContent)
		e.identical, a.new[n].identical = true, true
	}
}

// spaceHash is an FNV-1a hash of the text with runs of white space read as
// one space and the ends trimmed, so texts that equalSpace calls equal hash
// the same.
func spaceHash(s string) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	space, start := false, true
	for i := 0; i < len(s); {
		b := s[i]
		size := 1
		isSpace := asciiSpace[b]
		if b >= utf8.RuneSelf {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			isSpace = unicode.IsSpace(r)
		}
		if isSpace {
			space = !start
			i += size
			continue
		}
		if space {
			h = (h ^ ' ') * prime
			space = false
		}
		start = false
		for k := i; k < i+size; k++ {
			h = (h ^ uint64(s[k])) * prime
		}
		i += size
	}
	return h
}

// asciiSpace marks the ASCII bytes unicode.IsSpace accepts.
var asciiSpace = [256]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// target returns the entry of candidate target n.
func (a *aligner) target(n int32) *entry {
	if int(n) < len(a.new) {
		return &a.new[n]
	}
	return &a.marks[int(n)-len(a.new)]
}

// candidates runs pass 2 and returns the candidate pairs, ordered by old
// clause and, within one, by target.
func (a *aligner) candidates() []cand {
	v := a.vec
	nt := len(a.new) + len(a.marks)
	// Inverted index over the targets' keys, in compressed-row form. The
	// two halves of the targets are counted and filled in on two cores:
	// each key's postings of the first half come first, so every list is
	// in target order, as one pass over the targets makes it.
	nk := len(v.keyDF)
	halves := [3]int{0, nt / 2, nt}
	var dfH [2][]int32 // per half, per key: targets holding it
	parallel(a.ctx, 2, func(h int) {
		d := make([]int32, nk)
		for n := halves[h]; n < halves[h+1]; n++ {
			for _, k := range a.target(int32(n)).keys {
				d[k]++
			}
		}
		dfH[h] = d
	})
	if a.ctx.Err() != nil {
		return nil // the caller checks ctx
	}
	dfT := dfH[0]
	start := make([]int32, nk+1)
	for k, d := range dfH[1] {
		dfT[k] += d
		start[k+1] = start[k] + dfT[k]
	}
	postings := make([]int32, start[nk])
	parallel(a.ctx, 2, func(h int) {
		fill := slices.Clone(start[:nk])
		if h == 1 {
			for k, d := range dfH[1] {
				fill[k] = start[k+1] - d
			}
		}
		for n := halves[h]; n < halves[h+1]; n++ {
			for _, k := range a.target(int32(n)).keys {
				postings[fill[k]] = int32(n)
				fill[k]++
			}
		}
	})

	inv := make([]float64, nt)
	invSqrt := make([]float64, nt)
	for n := range inv {
		w := a.target(int32(n)).kw + 1e-12
		inv[n], invSqrt[n] = 1/w, 1/math.Sqrt(w)
	}
	idx := &index{a: a, dfT: dfT, start: start, postings: postings, invW: inv, invSqrtW: invSqrt}
	// Old clauses are independent: share them among a few goroutines in
	// contiguous chunks and concatenate the chunks in order.
	const chunk = 2048
	parts := make([][]cand, (len(a.old)+chunk-1)/chunk)
	parallelWith(a.ctx, len(parts), func() *query { return newQuery(nt, a.vec) }, func(q *query, k int) {
		lo, hi := k*chunk, min((k+1)*chunk, len(a.old))
		out := make([]cand, 0, (hi-lo)*(candidatesPerClause+2*coversPerClause))
		for o := lo; o < hi; o++ {
			if !a.old[o].identical {
				out = idx.query(q, int32(o), out)
			}
		}
		parts[k] = out
	})
	// Concatenated in order, the chunks copied on a few cores.
	at := make([]int, len(parts)+1)
	for k, p := range parts {
		at[k+1] = at[k] + len(p)
	}
	cs := make([]cand, at[len(parts)])
	parallel(a.ctx, len(parts), func(k int) {
		copy(cs[at[k]:at[k+1]], parts[k])
	})
	return cs
}

// index is the inverted index of the targets' words (compressed rows).
type index struct {
	a        *aligner
	dfT      []int32 // per key: targets holding it
	start    []int32 // per key: its postings are postings[start[k]:start[k+1]]
	postings []int32
	invW     []float64 // per target: 1/weight, to rank by containment in the old clause
	invSqrtW []float64 // per target: 1/√weight, to rank by cosine
}

// query is one goroutine's scratch space.
type query struct {
	acc     []float64
	touched []int32
	words   []uint64 // df<<32 | key, to visit rarest first
	top     []ranked // by cosine
	cover   []ranked // by the share of the old clause they hold
	inside  []ranked // by the share of themselves the old clause holds
	m       *matcher
}

func newQuery(targets int, v *vectors) *query {
	return &query{
		m:      newMatcher(v),
		acc:    make([]float64, targets),
		top:    make([]ranked, 0, candidatesPerClause+2*coversPerClause+1),
		cover:  make([]ranked, 0, coversPerClause+1),
		inside: make([]ranked, 0, coversPerClause+1),
	}
}

// query appends the candidates of old clause o to out.
func (x *index) query(q *query, o int32, out []cand) []cand {
	a, v := x.a, x.a.vec
	eo := &a.old[o]
	q.words = q.words[:0]
	for _, k := range eo.keys {
		if d := x.dfT[k]; d > 0 {
			q.words = append(q.words, uint64(d)<<32|uint64(k))
		}
	}
	slices.Sort(q.words)
	spent := int32(0)
	for _, k := range q.words {
		d, w := int32(k>>32), uint32(k)
		if spent > 0 && spent+d > postingBudget || spent == 0 && d > 8*postingBudget {
			break
		}
		spent += d
		idf := v.keyIDF[w]
		for _, n := range x.postings[x.start[w]:x.start[w+1]] {
			if q.acc[n] == 0 {
				q.touched = append(q.touched, n)
			}
			q.acc[n] += idf
		}
	}
	// Rank by cosine acc/√(wo·wn); wo is the same for every target.
	top, cover, inside := q.top[:0], q.cover[:0], q.inside[:0]
	for _, n := range q.touched {
		ac := q.acc[n]
		q.acc[n] = 0
		if s := ac * x.invSqrtW[n]; len(top) < candidatesPerClause || s >= top[len(top)-1].score {
			top = keepBest(top, ranked{n: n, score: s}, candidatesPerClause)
		}
		if len(cover) < coversPerClause || ac >= cover[len(cover)-1].score {
			cover = keepBest(cover, ranked{n: n, score: ac}, coversPerClause)
		}
		if s := ac * x.invW[n]; len(inside) < coversPerClause || s >= inside[len(inside)-1].score {
			inside = keepBest(inside, ranked{n: n, score: s}, coversPerClause)
		}
	}
	q.touched = q.touched[:0]
	// Only the best few by cosine get the full score; the rest, with the
	// covers and insides, are scored on their words alone.
	for i := softPerClause; i < len(top); i++ {
		top[i].extra = true
		top[i].late = i >= lateRank
	}
	for _, extra := range [2][]ranked{cover, inside} {
		for _, r := range extra {
			if i := slices.IndexFunc(top, func(t ranked) bool { return t.n == r.n }); i >= 0 {
				top[i].late = false
			} else {
				r.extra = true
				top = append(top, r)
			}
		}
	}
	slices.SortFunc(top, func(x, y ranked) int { return cmp.Compare(x.n, y.n) })
	for _, r := range top {
		en := a.target(r.n)
		// The covers and insides are there for merges and splits, which
		// containment of words decides: the soft part is left to the
		// candidates that may pair one to one.
		if r.extra {
			ov := v.overlap(eo.terms, en.terms)
			sim := dice(ov, eo.w, en.w)
			// A low-ranked candidate that no pass could pair would only
			// cost the later passes time.
			if r.late && sim < gapFactor*a.opts.Threshold {
				continue
			}
			out = append(out, cand{o: o, n: r.n, sim: sim, overlap: ov})
			continue
		}
		sim, ov, _ := q.m.score(eo.bag(), en.bag())
		out = append(out, cand{o: o, n: r.n, sim: sim, overlap: ov})
	}
	q.top, q.cover, q.inside = top, cover, inside
	return out
}

// ranked is a target with a score.
type ranked struct {
	n     int32
	score float64
	extra bool // a cover or inside candidate, not among the best by cosine
	late  bool // ranked below lateRank by cosine and not a cover or inside
}

// keepBest inserts r into top, kept sorted best first, holding at most k.
func keepBest(top []ranked, r ranked, k int) []ranked {
	if len(top) == k && !better(r.score, r.n, top[k-1].score, top[k-1].n) {
		return top
	}
	i := len(top)
	top = append(top, ranked{})
	for i > 0 && better(r.score, r.n, top[i-1].score, top[i-1].n) {
		top[i] = top[i-1]
		i--
	}
	top[i] = r
	if len(top) > k {
		top = top[:k]
	}
	return top
}

// better orders scored targets: higher score first, then lower index.
func better(s float64, n int32, t float64, m int32) bool {
	return s > t || s == t && n < m
}

// markByContent pairs removed entries of new that carry text with the old
// clause they describe, before any clause is paired by content: the entry is
// the version's own statement that the clause was dropped.
func (a *aligner) markByContent(cs []cand) {
	var ms []cand
	for _, c := range cs {
		if int(c.n) >= len(a.new) && c.sim >= a.opts.Threshold && a.oldGroup[c.o] < 0 {
			ms = append(ms, c)
		}
	}
	sortBySim(ms, func(c cand) float64 { return c.sim })
	for _, c := range ms {
		a.addMark(c.o, c.n-int32(len(a.new)))
	}
}

// sortBySim sorts candidates by descending score, then by old and new index
// (a total order, since a pair occurs once).
func sortBySim(cs []cand, score func(cand) float64) {
	type keyed struct {
		score float64
		c     cand
	}
	ks := make([]keyed, len(cs))
	for i, c := range cs {
		ks[i] = keyed{score(c), c}
	}
	order := func(x, y keyed) int {
		if x.score != y.score {
			if x.score > y.score {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(x.c.o, y.c.o), cmp.Compare(x.c.n, y.c.n))
	}
	half := len(ks) / 2
	if half < sortSplit || runtime.GOMAXPROCS(0) < 2 {
		slices.SortFunc(ks, order)
		for i := range ks {
			cs[i] = ks[i].c
		}
		return
	}
	// No two candidates share old and new clause, so the order is total
	// and any sort gives the one result: the halves are sorted on two
	// cores and merged.
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		slices.SortFunc(ks[half:], order)
	}()
	slices.SortFunc(ks[:half], order)
	wg.Wait()
	i, j := 0, half
	for k := range cs {
		if j == len(ks) || i < half && order(ks[i], ks[j]) <= 0 {
			cs[k] = ks[i].c
			i++
		} else {
			cs[k] = ks[j].c
			j++
		}
	}
}

// sortSplit is the number of candidates from which sortBySim sorts halves
// on two cores.
const sortSplit = 1 << 14

// assign runs pass 4 (one-to-one pairs, then order) and records the pairs
// as groups.
func (a *aligner) assign(cs []cand) {
	thr := a.opts.Threshold
	mo := filled(len(a.old), -1)
	mn := filled(len(a.new), -1)
	free := func(c cand) bool {
		return int(c.n) < len(a.new) && a.oldGroup[c.o] < 0 && a.newGroup[c.n] < 0 &&
			mo[c.o] < 0 && mn[c.n] < 0
	}
	var pool []cand
	for _, c := range cs {
		if c.sim >= thr && free(c) {
			pool = append(pool, c)
		}
	}
	score := func(c cand) float64 {
		s := c.sim
		if t := a.old[c.o].c.Topic; t != "" && t == a.new[c.n].c.Topic {
			s += topicBonus
		}
		return s
	}
	// The best candidate of each clause, to tell a part of a neighbour's
	// split or merge (see part).
	bestO, bestN := a.bestOf(cs)
	// nextTo reports whether clause i of one side (mine, its pairs so far;
	// group, its groups) is paired with a neighbour of clause j of the other.
	nextTo := func(mine, group []int32, i, j int32, old bool) bool {
		if p := mine[i]; p >= 0 {
			return p == j-1 || p == j+1
		}
		if g := group[i]; g >= 0 {
			others := a.groups[g].old
			if old {
				others = a.groups[g].new
			}
			for _, p := range others {
				if p == j-1 || p == j+1 {
					return true
				}
			}
		}
		return false
	}
	// part reports whether c's new clause resembles, more than c's old
	// one, a clause paired with its neighbour (a split part), or c's old
	// clause likewise (a merge part): a clause taken by a clear pair no
	// longer competes, and a part would then stand out; mergeSplit
	// decides those.
	splitOf, mergeOf := a.partsOf(bestO, bestN)
	part := func(c cand) bool {
		if p := splitOf[c.n]; p.of >= 0 && p.of != c.o && p.share >= c.sim {
			return true
		}
		if p := mergeOf[c.o]; p.of >= 0 && p.of != c.n && p.share >= c.sim {
			return true
		}
		if b := bestN[c.n]; b.o >= 0 && b.o != c.o && b.sim > c.sim && nextTo(mo, a.oldGroup, b.o, c.n, true) {
			return true
		}
		b := bestO[c.o]
		return b.n >= 0 && b.n != c.n && b.sim > c.sim && nextTo(mn, a.newGroup, b.n, c.o, false)
	}
	greedy := func(pool []cand, score func(cand) float64) {
		sortBySim(pool, score)
		for _, c := range pool {
			if free(c) && !part(c) {
				mo[c.o], mn[c.n] = c.n, c.o
			}
		}
	}

	// First the pairs that clearly beat the runners-up of both their
	// clauses: wherever they stand, they are the surest pairs there are.
	// Before merges and splits are formed, a pair that only beats its
	// runners-up by a ratio needs strongMove as well: a weak pair that
	// stands out may be the part of a split or merge, whose whole is not
	// scored yet (it waits for moveLate, after mergeSplit).
	// A clause taken by a clear pair no longer competes for the others, so
	// the runners-up are counted again without them, until no clear pair is
	// left. (Clauses paired otherwise, identical texts included, still
	// compete: a clause that resembles many others is not made distinct by
	// their being taken.)
	a.clearOld, a.clearNew = make([]bool, len(a.old)), make([]bool, len(a.new))
	clear, clearNew := a.clearOld, a.clearNew
	competes := a.competes
	a.margin = a.noiseMargin(a.runnersUp(cs, competes))
	for range maxClearRounds {
		second := a.runnersUp(cs, competes)
		took := false
		for _, c := range pool {
			if free(c) && !part(c) && second.clear(c, earlyMove, c.sim >= strongMove) {
				mo[c.o], mn[c.n] = c.n, c.o
				clear[c.o], clearNew[c.n] = true, true
				took = true
			}
		}
		if !took {
			break
		}
	}
	second := a.runnersUp(cs, competes)
	// Then greedily by similarity.
	greedy(slices.Clone(pool), score)

	// Keep the clear pairs and the longest order-preserving chain; choose
	// the rest again with a bonus for keeping the order of the chain. Out
	// of order, only a clear pair is a move; the others wait until merges
	// and splits have taken their parts (moveLate).
	chain := a.chain(mo)
	keep := slices.Clone(clear)
	for _, p := range chain {
		keep[p.o] = keep[p.o] || mo[p.o] == p.n
	}
	for o, n := range mo {
		if n >= 0 && !keep[o] {
			mo[o], mn[n] = -1, -1
		}
	}
	pool = slices.DeleteFunc(pool, func(c cand) bool {
		return !fits(chain, c.o, c.n, len(a.old), len(a.new)) && !second.clear(c, earlyMove, c.sim >= strongMove)
	})
	greedy(pool, func(c cand) float64 {
		s := score(c)
		if fits(chain, c.o, c.n, len(a.old), len(a.new)) {
			s += orderBonus
		}
		return s
	})

	for o, n := range mo {
		if n >= 0 {
			a.newGroup1(int32(o), n, RuleContent)
		}
	}
}

// partsOf finds the clauses that look like a part of a neighbour's split
// or merge: splitOf[n] names the old clause W when a clause k within two
// places of new clause n (a split may have three parts) and W are each
// other's best candidates and n is contained
// (containFactor of the threshold at least) in what k leaves of W
// unexplained, with that share; mergeOf likewise for old clauses (of -1
// when none). A removed clause of the same template may resemble such a
// part more than its whole does, and take it as a move; a part that is
// contained in a neighbour's whole more than it resembles a clause is left
// to mergeSplit (assign). Identical texts are no part of anything.
func (a *aligner) partsOf(bestO, bestN []cand) (splitOf, mergeOf []partOf) {
	need := min(a.opts.Threshold*containFactor, 0.9)
	find := func(m *matcher, parts, wholes []entry, bestP, bestW []cand, old bool) []partOf {
		of := make([]partOf, len(parts))
		for i := range parts {
			of[i].of = -1
			p := &parts[i]
			if p.identical || p.w == 0 {
				continue
			}
			for _, k := range [4]int{i - 1, i + 1, i - 2, i + 2} {
				if k < 0 || k >= len(parts) || parts[k].identical {
					continue
				}
				var w int32
				if old {
					w = bestP[k].n
					if w < 0 || bestW[w].o != int32(k) {
						continue
					}
				} else {
					w = bestP[k].o
					if w < 0 || bestW[w].n != int32(k) {
						continue
					}
				}
				whole := &wholes[w]
				if whole.identical {
					continue
				}
				rest := subTerms(whole.terms, parts[k].terms)
				if a.vec.overlap(p.terms, rest) < preFactor*need*p.w {
					continue
				}
				ov, _ := m.overlap(p.bag(), bag{terms: rest, phrases: whole.phrases})
				if r := min(ov/p.w, 1); r >= need && r > of[i].share {
					of[i] = partOf{w, r}
				}
			}
		}
		return of
	}
	// The two sides are independent: old's parts are found on another
	// goroutine, with its own matcher, meanwhile.
	done := make(chan struct{})
	go func() {
		defer close(done)
		mergeOf = find(newMatcher(a.vec), a.old, a.new, bestO, bestN, true)
	}()
	splitOf = find(a.match(), a.new, a.old, bestN, bestO, false)
	<-done
	return splitOf, mergeOf
}

// partOf names the whole a clause looks like a part of, and the share of
// the clause contained in it.
type partOf struct {
	of    int32
	share float64
}

// bestOf returns each old clause's best candidate and each new clause's.
func (a *aligner) bestOf(cs []cand) (bestO, bestN []cand) {
	bestO, bestN = make([]cand, len(a.old)), make([]cand, len(a.new))
	for i := range bestO {
		bestO[i] = cand{o: int32(i), n: -1}
	}
	for i := range bestN {
		bestN[i] = cand{o: -1, n: int32(i)}
	}
	for _, c := range cs {
		if int(c.n) >= len(a.new) {
			continue
		}
		if c.sim > bestO[c.o].sim {
			bestO[c.o] = c
		}
		if c.sim > bestN[c.n].sim {
			bestN[c.n] = c
		}
	}
	return bestO, bestN
}

// moveLate pairs what is left after merges and splits: candidates that keep
// the order of the groups at Threshold, and moves at Threshold+moveMargin
// when distinct from the runners-up.
func (a *aligner) moveLate(cs []cand) {
	thr := a.opts.Threshold
	chain := a.chain(nil)
	second := a.runnersUp(cs, a.competes)
	var pool []cand
	for _, c := range cs {
		if int(c.n) >= len(a.new) || a.oldGroup[c.o] >= 0 || a.newGroup[c.n] >= 0 || c.sim < thr {
			continue
		}
		if fits(chain, c.o, c.n, len(a.old), len(a.new)) || second.clear(c, strongMove, true) {
			pool = append(pool, c)
		}
	}
	sortBySim(pool, func(c cand) float64 { return c.sim })
	for _, c := range pool {
		if a.oldGroup[c.o] < 0 && a.newGroup[c.n] < 0 {
			a.newGroup1(c.o, c.n, RuleContent)
		}
	}
}

// pairLeftovers pairs, last, clauses still free on both sides whose pair
// is below the threshold but clear: the best candidate of both its
// clauses among all candidates, paired or not, moveRatio times and
// moveMargin ahead of both runners-up, at gapFactor of the threshold at
// least, and sharing at least two content words. A summary that says a
// point in its own words shares little with it, but nothing else in
// either text comes as close; a pair that rests on one shared word
// ("agreed" / "agreement") is chance. It runs after the gaps, so it takes
// nothing a gap would have paired.
//
// A clause already paired with a partner it resembles moveRatio times more
// than it resembles one of the pair's clauses is no contender for that
// clause: a brief's "$100bn goes to US-led rebuilding" is taken by the
// frozen-funds point, and does not keep "Europe contributes another
// $100bn" from its own point. Without such contenders a pair is clear only
// above the noise of the comparison, the median runner-up (noiseMargin):
// in a templated text a removed and an added clause of one template are
// each other's best leftover, at what unrelated clauses there score.
//
// A free pair at the threshold or above that is the best candidate of both
// its clauses is taken when it stands next to a pair it keeps the order of
// (besidePair): a point that moved with its neighbour, not clear of its
// runners-up on its own, has its neighbour's move for evidence.
func (a *aligner) pairLeftovers(cs []cand) {
	thr := a.opts.Threshold
	all := a.runnersUp(cs, func(c cand) bool { return int(c.n) < len(a.new) })
	held := a.heldSims(cs)
	contenders := a.runnersUp(cs, func(c cand) bool {
		if int(c.n) >= len(a.new) {
			return false
		}
		if g := a.oldGroup[c.o]; g >= 0 && a.newGroup[c.n] != g && held.old[c.o] >= moveRatio*c.sim {
			return false
		}
		if g := a.newGroup[c.n]; g >= 0 && a.oldGroup[c.o] != g && held.new[c.n] >= moveRatio*c.sim {
			return false
		}
		return true
	})
	var pool []cand
	for _, c := range cs {
		if int(c.n) >= len(a.new) || a.oldGroup[c.o] >= 0 || a.newGroup[c.n] >= 0 || c.sim < thr*gapFactor {
			continue
		}
		if c.sim >= thr {
			// A pair that moved with its neighbour: the best candidate of
			// both its clauses, next to a pair it keeps the order of.
			if c.sim >= all.bestOld[c.o] && c.sim >= all.bestNew[c.n] && a.besidePair(c.o, c.n) {
				pool = append(pool, c)
			}
			continue
		}
		// strong 2: never strong, only the ratio makes it clear.
		clear := all.clear(c, 2, true) || c.sim > a.noise && contenders.clear(c, 2, true)
		if clear && a.sharedContent(&a.old[c.o], &a.new[c.n]) >= 2 {
			pool = append(pool, c)
		}
	}
	sortBySim(pool, func(c cand) float64 { return c.sim })
	for _, c := range pool {
		if a.oldGroup[c.o] < 0 && a.newGroup[c.n] < 0 {
			a.newGroup1(c.o, c.n, RuleContent)
		}
	}
}

// besidePair reports whether old clause o and new clause n each stand next
// to a clause of one group, on the same side: o-1 and n-1, or o+1 and n+1.
func (a *aligner) besidePair(o, n int32) bool {
	for _, d := range [2]int32{-1, 1} {
		j, k := o+d, n+d
		if j >= 0 && k >= 0 && int(j) < len(a.old) && int(k) < len(a.new) && a.oldGroup[j] >= 0 && a.oldGroup[j] == a.newGroup[k] {
			return true
		}
	}
	return false
}

// pairedSims holds, per old and new clause, the best similarity it has with
// a clause of its own group (1 for identical texts, 0 when free or paired
// otherwise than through a candidate).
type pairedSims struct{ old, new []float64 }

// heldSims returns every clause's similarity with its group (pairedSims).
func (a *aligner) heldSims(cs []cand) pairedSims {
	h := pairedSims{make([]float64, len(a.old)), make([]float64, len(a.new))}
	for o := range a.old {
		if a.old[o].identical {
			h.old[o] = 1
		}
	}
	for n := range a.new {
		if a.new[n].identical {
			h.new[n] = 1
		}
	}
	for _, c := range cs {
		if int(c.n) < len(a.new) && a.oldGroup[c.o] >= 0 && a.oldGroup[c.o] == a.newGroup[c.n] {
			h.old[c.o] = max(h.old[c.o], c.sim)
			h.new[c.n] = max(h.new[c.n], c.sim)
		}
	}
	return h
}

// sharedContent counts the distinct content words with weight that two
// clauses share, the words of a lexicon phrase both hold ("United States")
// counting as one: a pair that rests on one name is chance too.
func (a *aligner) sharedContent(x, y *entry) int {
	k := 0
	for i, j := 0, 0; i < len(x.terms) && j < len(y.terms); {
		switch {
		case x.terms[i].word < y.terms[j].word:
			i++
		case x.terms[i].word > y.terms[j].word:
			j++
		default:
			if t := x.terms[i].word; a.sharedWord(t) {
				k++
			}
			i++
			j++
		}
	}
	for i, p := range x.phrases {
		same := func(q phrase) bool { return q.terms == p.terms }
		if slices.ContainsFunc(x.phrases[:i], same) || !slices.ContainsFunc(y.phrases, same) {
			continue
		}
		in := 0
		for _, t := range p.terms[:p.n] {
			if a.sharedWord(t) {
				in++
			}
		}
		k -= max(in-1, 0)
	}
	return k
}

// sharedWord reports whether term t counts for sharedContent.
func (a *aligner) sharedWord(t int32) bool { return a.vec.content[t] && a.vec.idf[t] > 0 }

// runnersUp holds, for every old and new clause, the similarity of its
// best and of its second-best candidate.
type runnersUp struct {
	bestOld, bestNew     []float64
	secondOld, secondNew []float64
	margin               float64 // the larger margin of a distinct pair (aligner.margin)
}

// clear reports whether c stands out from the runners-up of its clauses in
// both directions: it is the best candidate of its old clause and of its
// new clause, and beats the better of their runners-up by moveRatio times
// and by moveMargin. A pair that breaks document order needs that, at any
// similarity above the threshold: out of place, how clearly it beats the
// alternatives is the evidence. Templated clauses that resemble many
// others are not clear, nor is a part of a merge or a split, whose whole
// has a better partner.
//
// A pair that does not beat its runners-up by that ratio is still a move
// when its similarity is at least strong and it is distinct: ahead of both
// runners-up by distinctMargin on one side and half of it on the other.
// (In long, templated texts, true moves often have runners-up not far
// behind.) Before merges and splits are formed, strong is earlyMove; after
// them, strongMove.
func (r runnersUp) clear(c cand, strong float64, ratio bool) bool {
	if c.sim < r.bestOld[c.o] || c.sim < r.bestNew[c.n] {
		return false
	}
	mo, mn := c.sim-r.secondOld[c.o], c.sim-r.secondNew[c.n]
	if c.sim >= strong && max(mo, mn) >= r.margin && min(mo, mn) >= distinctMargin/2 {
		return true
	}
	run := max(r.secondOld[c.o], r.secondNew[c.n])
	return ratio && c.sim-run >= moveMargin && c.sim >= moveRatio*run
}

// noiseMargin returns the margin by which a distinct pair must beat one of
// its runners-up in this comparison: distinctMargin, or noiseShare of the
// median runner-up score where that is more. The runner-up of a clause is
// mostly an unrelated clause, so the median says how alike unrelated
// clauses of these two texts are: low in free prose, high in templated texts
// where every clause shares a frame with hundreds of others, and there a
// fixed margin is within the noise and lets a removed and an added clause of
// one template pair as a move.
func (a *aligner) noiseMargin(r runnersUp) float64 {
	var sec []float64
	for o, b := range r.bestOld {
		if b > 0 {
			sec = append(sec, r.secondOld[o])
		}
	}
	if len(sec) == 0 {
		return distinctMargin
	}
	slices.Sort(sec)
	a.noise = sec[len(sec)/2]
	return max(distinctMargin, noiseShare*a.noise)
}

// competes reports whether a candidate counts as a runner-up: both its
// clauses are not taken by a clear pair (assign).
func (a *aligner) competes(c cand) bool {
	return int(c.n) < len(a.new) && (a.clearOld == nil || !a.clearOld[c.o] && !a.clearNew[c.n])
}

// runnersUp counts the candidates that free accepts.
func (a *aligner) runnersUp(cs []cand, free func(cand) bool) runnersUp {
	newR := func() runnersUp {
		return runnersUp{make([]float64, len(a.old)), make([]float64, len(a.new)), make([]float64, len(a.old)), make([]float64, len(a.new)), max(a.margin, distinctMargin)}
	}
	// A clause's best and second are the top two of its similarities,
	// whatever the order they come in: halves of the candidates are
	// counted apart, on two cores, and the second half's top two are then
	// noted in the first's.
	half := len(cs) / 2
	if half < runnersUpSplit || runtime.GOMAXPROCS(0) < 2 {
		r := newR()
		r.note(cs, len(a.new), free)
		return r
	}
	var parts [2]runnersUp
	parallel(a.ctx, 2, func(k int) {
		parts[k] = newR()
		parts[k].note(cs[k*half:half+k*(len(cs)-half)], len(a.new), free)
	})
	r, r2 := parts[0], parts[1]
	if r.bestOld == nil || r2.bestOld == nil {
		return newR() // ctx is done: the caller stops at its next look
	}
	for i := range r.bestOld {
		noteSim(r.bestOld, r.secondOld, int32(i), r2.bestOld[i])
		noteSim(r.bestOld, r.secondOld, int32(i), r2.secondOld[i])
	}
	for i := range r.bestNew {
		noteSim(r.bestNew, r.secondNew, int32(i), r2.bestNew[i])
		noteSim(r.bestNew, r.secondNew, int32(i), r2.secondNew[i])
	}
	return r
}

// runnersUpSplit is the number of candidates from which runnersUp counts
// halves on two cores: below it, the arrays cost more than they save.
const runnersUpSplit = 1 << 15

// note counts the candidates of cs that free accepts (and that pair with a
// clause of new, below nNew).
func (r *runnersUp) note(cs []cand, nNew int, free func(cand) bool) {
	for _, c := range cs {
		if int(c.n) < nNew && free(c) {
			noteSim(r.bestOld, r.secondOld, c.o, c.sim)
			noteSim(r.bestNew, r.secondNew, c.n, c.sim)
		}
	}
}

// noteSim notes similarity s of clause i in its best b and second sec.
func noteSim(b, sec []float64, i int32, s float64) {
	switch {
	case s > b[i]:
		sec[i], b[i] = b[i], s
	case s > sec[i]:
		sec[i] = s
	}
}

// chain returns the longest order-preserving chain of the pairs in mo and of
// the groups already formed (each by its first old and first new clause).
func (a *aligner) chain(mo []int32) []pair {
	var ps []pair
	for o, n := range mo {
		if n >= 0 {
			ps = append(ps, pair{int32(o), n})
		}
	}
	for _, g := range a.groups {
		if len(g.old) > 0 && len(g.new) > 0 {
			ps = append(ps, pair{g.old[0], g.new[0]})
		}
	}
	slices.SortFunc(ps, func(x, y pair) int { return cmp.Compare(x.o, y.o) })
	in := longestChain(ps)
	out := ps[:0]
	for i, p := range ps {
		if in[i] {
			out = append(out, p)
		}
	}
	return out
}

// longestChain marks a longest subsequence of ps (sorted by o, with distinct
// o and distinct n) whose n increase, by patience sorting in O(k log k).
func longestChain(ps []pair) []bool {
	in := make([]bool, len(ps))
	if len(ps) == 0 {
		return in
	}
	tails := make([]int32, 0, 64) // tails[k]: index of the smallest end of a chain of length k+1
	prev := make([]int32, len(ps))
	for i, p := range ps {
		k, _ := slices.BinarySearchFunc(tails, p.n, func(t int32, n int32) int { return cmp.Compare(ps[t].n, n) })
		prev[i] = -1
		if k > 0 {
			prev[i] = tails[k-1]
		}
		if k == len(tails) {
			tails = append(tails, int32(i))
		} else {
			tails[k] = int32(i)
		}
	}
	for i := tails[len(tails)-1]; i >= 0; i = prev[i] {
		in[i] = true
	}
	return in
}

// fits reports whether pair (o, n) keeps the order of chain: n lies between
// the new clauses of the chain pairs around o.
func fits(chain []pair, o, n int32, nOld, nNew int) bool {
	k, _ := slices.BinarySearchFunc(chain, o, func(p pair, o int32) int { return cmp.Compare(p.o, o) })
	lo, hi := int32(-1), int32(nNew)
	if k > 0 {
		lo = chain[k-1].n
	}
	if k < len(chain) {
		if chain[k].o == o {
			return chain[k].n == n
		}
		hi = chain[k].n
	}
	return lo < n && n < hi
}

// fillGaps runs pass 7 over the gaps between consecutive pairs of the
// longest order-preserving chain of groups. It runs after a first
// merge-and-split pass, so the parts of a merge or split are not taken for
// reworded clauses.
func (a *aligner) fillGaps() {
	chain := a.chain(nil)
	thr := a.opts.Threshold * gapFactor
	var os, ns []int32
	var sim []float64
	prev := pair{-1, -1}
	for k := 0; k <= len(chain); k++ {
		next := pair{int32(len(a.old)), int32(len(a.new))}
		if k < len(chain) {
			next = chain[k]
		}
		os, ns = os[:0], ns[:0]
		for o := prev.o + 1; o < next.o; o++ {
			if a.oldGroup[o] < 0 {
				os = append(os, o)
			}
		}
		for n := prev.n + 1; n < next.n; n++ {
			if a.newGroup[n] < 0 {
				ns = append(ns, n)
			}
		}
		prev = next
		if len(os) == 0 || len(ns) == 0 || len(os)*len(ns) > maxGapPairs {
			continue
		}
		sim = sim[:0]
		for _, o := range os {
			for _, n := range ns {
				eo, en := &a.old[o], &a.new[n]
				s, _, _ := a.match().score(eo.bag(), en.bag())
				sim = append(sim, s)
			}
		}
		a.gapWeights(sim, len(os), len(ns), thr)
		for _, p := range heaviestChain(len(os), len(ns), sim) {
			a.newGroup1(os[p.o], ns[p.n], RuleContent)
		}
	}
}

// gapWeights keeps, of the similarities of a gap (rows × cols), those a gap
// pair may have: at or above the threshold, as anywhere; between thr (the
// gap's lower bar) and the threshold, only a pair that stands out in the
// gap, ahead of every other candidate of its old and of its new clause by
// gapMargin, since a weak pair is evidence only where nothing else in the
// gap resembles either clause as much. A gap of one clause on each side has
// the lower bar Threshold·gapOneFactor. The lower bar is never below the
// comparison's noise margin (noiseMargin): where unrelated clauses commonly
// score that much, as in a templated text, a removed and an added clause
// that happen to share a gap do too. The others become 0.
func (a *aligner) gapWeights(sim []float64, rows, cols int, thr float64) {
	full := a.opts.Threshold
	if rows == 1 && cols == 1 {
		thr = full * gapOneFactor
	}
	thr = max(thr, a.margin)
	w := slices.Clone(sim)
	for i := range rows {
		for j := range cols {
			s := sim[i*cols+j]
			switch {
			case s >= full:
			case s < thr:
				w[i*cols+j] = 0
			default:
				for k := range cols {
					if k != j && sim[i*cols+k] > s-gapMargin {
						w[i*cols+j] = 0
					}
				}
				for k := range rows {
					if k != i && sim[k*cols+j] > s-gapMargin {
						w[i*cols+j] = 0
					}
				}
			}
		}
	}
	copy(sim, w)
}

// heaviestChain returns the order-preserving set of pairs (i, j) with the
// largest total weight w[i*cols+j] (zero weights are never taken): the
// weighted longest common subsequence, by dynamic programming.
func heaviestChain(rows, cols int, w []float64) []pair {
	dp := make([]float64, (rows+1)*(cols+1))
	at := func(i, j int) *float64 { return &dp[i*(cols+1)+j] }
	for i := 1; i <= rows; i++ {
		for j := 1; j <= cols; j++ {
			best := max(*at(i-1, j), *at(i, j-1))
			if s := w[(i-1)*cols+j-1]; s > 0 {
				best = max(best, *at(i-1, j-1)+s)
			}
			*at(i, j) = best
		}
	}
	var out []pair
	for i, j := rows, cols; i > 0 && j > 0; {
		switch s := w[(i-1)*cols+j-1]; {
		case s > 0 && *at(i, j) == *at(i-1, j-1)+s:
			out = append(out, pair{int32(i - 1), int32(j - 1)})
			i--
			j--
		case *at(i, j) == *at(i-1, j):
			i--
		default:
			j--
		}
	}
	slices.Reverse(out)
	return out
}

// mergeSplit runs pass 5: a leftover old clause whose words are contained in
// what an aligned new clause does not owe to its old partners joins them as a
// merge; a leftover new clause contained in the unexplained part of an aligned
// old clause joins it as a split. Proposals are taken by descending residual
// containment and re-checked against the groups as they grow, and a clause
// joins only when it also raises the pair's similarity.
func (a *aligner) mergeSplit(cs []cand) {
	thr := min(a.opts.Threshold*containFactor, 0.9)
	farThr := min(a.opts.Threshold*containFarFactor, 0.95)
	type proposal struct {
		c     cand
		split bool // the new clause n joins old o's group, else o joins n's
		r     float64
	}
	var ps, pending []proposal
	// The residuals read the groups and change nothing: they are computed
	// a batch at a time on a few goroutines (each proposal in its own
	// slot, each goroutine with a matcher of its own, kept from batch to
	// batch), and the proposals that reach thr are kept, in order.
	matchers := []*matcher{a.match()}
	for len(matchers) < runtime.GOMAXPROCS(0) {
		matchers = append(matchers, newMatcher(a.vec))
	}
	flush := func() {
		const chunk = 512
		var next atomic.Int32
		parallelWith(a.ctx, (len(pending)+chunk-1)/chunk, func() *matcher {
			if i := int(next.Add(1)) - 1; i < len(matchers) {
				return matchers[i]
			}
			return newMatcher(a.vec) // GOMAXPROCS grew meanwhile
		}, func(m *matcher, k int) {
			for i := k * chunk; i < min((k+1)*chunk, len(pending)); i++ {
				pending[i].r = a.residual(m, pending[i].c.o, pending[i].c.n, pending[i].split)
			}
		})
		for _, p := range pending {
			if p.r >= thr {
				ps = append(ps, p)
			}
		}
		pending = pending[:0]
	}
	// overlap is a pair's shared weight, exact or soft: the residual
	// containment, with soft matches, is computed only for pairs whose
	// overlap reaches preFactor of what it needs.
	propose := func(o, n int32, overlap float64) {
		og, ng := a.oldGroup[o], a.newGroup[n]
		switch {
		case og < 0 && ng >= 0 && len(a.groups[ng].new) == 1 && overlap >= preFactor*thr*a.old[o].w:
			pending = append(pending, proposal{cand{o: o, n: n}, false, 0})
		case ng < 0 && og >= 0 && len(a.groups[og].old) == 1 && a.groups[og].mark < 0 && overlap >= preFactor*thr*a.new[n].w:
			pending = append(pending, proposal{cand{o: o, n: n}, true, 0})
		}
		if len(pending) == proposalBatch {
			flush()
		}
	}
	for _, c := range cs {
		if int(c.n) < len(a.new) && c.overlap > 0 {
			propose(c.o, c.n, c.overlap)
		}
	}
	// Neighbours: a part of generic wording may have no informative word
	// left for the index to find it by, but it stands next to the others.
	for _, g := range a.groups {
		if g.mark >= 0 || len(g.old) == 0 || len(g.new) == 0 {
			continue
		}
		if len(g.new) == 1 {
			for _, o := range neighbours(g.old, len(a.old)) {
				if a.oldGroup[o] < 0 {
					propose(o, g.new[0], a.vec.overlap(a.old[o].terms, a.new[g.new[0]].terms))
				}
			}
		}
		if len(g.old) == 1 {
			for _, n := range neighbours(g.new, len(a.new)) {
				if a.newGroup[n] < 0 {
					propose(g.old[0], n, a.vec.overlap(a.old[g.old[0]].terms, a.new[n].terms))
				}
			}
		}
	}
	// The whole's place: a clause merged with a far one stands where the
	// merged clause's neighbours were, next to their partners, and so does
	// a part split off a clause that moved. (Where a group's clauses stand
	// at each other's place, its neighbours are that place; an identical
	// text has no part elsewhere.)
	for gi, g := range a.groups {
		if g.mark >= 0 || len(g.old) == 0 || len(g.new) == 0 || a.old[g.old[0]].identical || a.atPlace(g.old[0], g.new[0]) {
			continue
		}
		if len(g.new) == 1 {
			for _, o := range a.placeOf(g.new, a.newGroup, true, int32(gi)) {
				propose(o, g.new[0], a.vec.overlap(a.old[o].terms, a.new[g.new[0]].terms))
			}
		}
		if len(g.old) == 1 {
			for _, n := range a.placeOf(g.old, a.oldGroup, false, int32(gi)) {
				propose(g.old[0], n, a.vec.overlap(a.old[g.old[0]].terms, a.new[n].terms))
			}
		}
	}
	flush()
	slices.SortFunc(ps, func(x, y proposal) int {
		return cmp.Or(cmp.Compare(y.r, x.r), cmp.Compare(x.c.o, y.c.o), cmp.Compare(x.c.n, y.c.n), boolCompare(x.split, y.split))
	})
	// A clause that has a counterpart of its own, free and in document
	// order, is not a part of another's merge or split: a heading stays the
	// heading's partner rather than become a piece of its first sub-point.
	chain := a.chain(nil)
	gapThr := a.opts.Threshold * gapFactor
	// The two halves of the candidates are looked at on two cores, each
	// marking its own arrays; the marks are then joined. mutualBest runs on
	// this goroutine meanwhile.
	var owns [2][2][]bool // per half: old clauses, new clauses with a free, in-order candidate
	var own bestFree
	parallel(a.ctx, 3, func(k int) {
		if k == 2 {
			own = a.mutualBest(cs)
			return
		}
		ownO, ownN := make([]bool, len(a.old)), make([]bool, len(a.new))
		for _, c := range cs[k*len(cs)/2 : (k+1)*len(cs)/2] {
			if int(c.n) < len(a.new) && c.sim >= gapThr && a.oldGroup[c.o] < 0 && a.newGroup[c.n] < 0 &&
				fits(chain, c.o, c.n, len(a.old), len(a.new)) {
				ownO[c.o], ownN[c.n] = true, true
			}
		}
		owns[k] = [2][]bool{ownO, ownN}
	})
	if a.ctx.Err() != nil {
		return // the caller checks ctx
	}
	ownOld, ownNew := owns[0][0], owns[0][1]
	for o, x := range owns[1][0] {
		ownOld[o] = ownOld[o] || x
	}
	for n, x := range owns[1][1] {
		ownNew[n] = ownNew[n] || x
	}
	// A leftover that would join one group as a near part (or at its
	// place) is no far part of another, however much more of it that one
	// contains: a short part of boilerplate wording is contained in many
	// clauses, and its place says which one it came from.
	nearNew, nearOld := make(map[int32]bool), make(map[int32]bool)
	for _, p := range ps {
		o, n := p.c.o, p.c.n
		switch {
		case p.split && a.oldGroup[o] >= 0 && (near(a.groups[a.oldGroup[o]].new, n) || a.atPlace(o, n)):
			nearNew[n] = true
		case !p.split && a.newGroup[n] >= 0 && (near(a.groups[a.newGroup[n]].old, o) || a.atPlace(o, n)):
			nearOld[o] = true
		}
	}
	for _, p := range ps {
		o, n := p.c.o, p.c.n
		if p.split && ownNew[n] || !p.split && ownOld[o] {
			continue
		}
		var gi int32
		if p.split {
			gi = a.oldGroup[o]
			if a.newGroup[n] >= 0 || len(a.groups[gi].old) != 1 {
				continue
			}
		} else {
			gi = a.newGroup[n]
			if a.oldGroup[o] >= 0 || len(a.groups[gi].new) != 1 {
				continue
			}
		}
		g := &a.groups[gi]
		far := !(p.split && near(g.new, n) || !p.split && near(g.old, o))
		// A part at the whole's place (the part of a merge with a far
		// clause, where the merged clause stands) has its place for
		// evidence, as a near one has: it needs the lower containment,
		// but not the checks of a far part.
		need := thr
		if far && !a.atPlace(o, n) {
			need = farThr
		}
		// Far from the other parts, a part of a single word is no part: a
		// one-word heading ("Territory:") is wholly contained in any
		// clause that uses its word, which is no evidence at a distance.
		if far && (p.split && nearNew[n] || !p.split && nearOld[o]) && !a.atPlace(o, n) {
			continue
		}
		if a.residual(a.match(), o, n, p.split) < need || far && (a.singleWord(o, n, p.split) || own.elsewhere(a, o, n, p.split)) {
			continue
		}
		before := a.groupSim(g.old, g.new)
		var after float64
		if p.split {
			after = a.groupSim(g.old, insertSorted(slices.Clone(g.new), n))
		} else {
			after = a.groupSim(insertSorted(slices.Clone(g.old), o), g.new)
		}
		if after <= before {
			continue
		}
		if p.split {
			g.new = insertSorted(g.new, n)
			a.newGroup[n] = gi
		} else {
			g.old = insertSorted(g.old, o)
			a.oldGroup[o] = gi
		}
		g.rule = RuleMergeSplit
	}
}

// bestFree holds, for every clause still free, its three best free
// candidates on the other side (-1 when none), best first.
type bestFree struct {
	oldTo, newTo [][3]ranked
}

// mutualBest finds the best free candidates of every free clause.
func (a *aligner) mutualBest(cs []cand) bestFree {
	none := [3]ranked{{n: -1}, {n: -1}, {n: -1}}
	b := bestFree{make([][3]ranked, len(a.old)), make([][3]ranked, len(a.new))}
	for i := range b.oldTo {
		b.oldTo[i] = none
	}
	for i := range b.newTo {
		b.newTo[i] = none
	}
	note := func(top *[3]ranked, to int32, s float64) {
		for k := range top {
			if top[k].n < 0 || s > top[k].score {
				copy(top[k+1:], top[k:2])
				top[k] = ranked{n: to, score: s}
				return
			}
		}
	}
	for _, c := range cs {
		if int(c.n) >= len(a.new) || a.oldGroup[c.o] >= 0 || a.newGroup[c.n] >= 0 || c.sim <= 0 {
			continue
		}
		note(&b.oldTo[c.o], c.n, c.sim)
		note(&b.newTo[c.n], c.o, c.sim)
	}
	return b
}

// elsewhere reports whether the leftover clause of a proposed part (new n
// when split, else old o) has a clear counterpart of its own: a clause
// still free on the other side, each the other's best candidate, that it
// resembles more than the whole it would join, and by moveRatio more than
// the runners-up of both (the whole aside), as a clear move must. Such a
// clause says what the part says, though maybe too weakly to be paired;
// the whole only shares some of its words ("Ukraine stays sovereign" is
// not a piece of a clause on Russia's sovereign assets that stay frozen,
// when another clause is Ukraine's sovereignty). A runner-up close behind
// is the noise of templated texts, and then the part's words decide.
func (b bestFree) elsewhere(a *aligner, o, n int32, split bool) bool {
	var part, mine [3]ranked
	whole := o
	if split {
		part = b.newTo[n]
	} else {
		part, whole = b.oldTo[o], n
	}
	alt := part[0]
	if alt.n < 0 || alt.n == whole {
		return false
	}
	if split {
		mine = b.oldTo[alt.n]
	} else {
		mine = b.newTo[alt.n]
	}
	self := n
	if !split {
		self = o
	}
	if mine[0].n != self {
		return false
	}
	run := mine[1].score
	for _, r := range part[1:] {
		if r.n >= 0 && r.n != whole {
			run = max(run, r.score)
			break
		}
	}
	wholeSim, _, _ := a.match().score(a.old[o].bag(), a.new[n].bag())
	return alt.score > wholeSim && alt.score >= moveRatio*run
}

// proposalBatch is how many of mergeSplit's proposals wait for their
// residuals at most: the few that pass are kept, so memory stays small.
const proposalBatch = 8192

// preFactor: see mergeSplit's propose. The soft part of a residual is at
// most what the lexicon credits, so a part sharing less than half the
// needed weight in exact words is not worth scoring.
const preFactor = 0.5

func boolCompare(x, y bool) int {
	switch {
	case x == y:
		return 0
	case !x:
		return -1
	}
	return 1
}

// neighbours lists the indices within two places of the members of idx
// (ascending, in 0..n-1), members excluded.
func neighbours(idx []int32, n int) []int32 {
	var out []int32
	for _, i := range idx {
		for j := i - 2; j <= i+2; j++ {
			if j >= 0 && int(j) < n && !slices.Contains(idx, j) && !slices.Contains(out, j) {
				out = append(out, j)
			}
		}
	}
	slices.Sort(out)
	return out
}

// placeOf lists the free clauses of the other side that stand within two
// places of a partner of a neighbour of idx (one side's clauses, of group
// self, whose groups are group): where idx's clauses were, or are.
func (a *aligner) placeOf(idx []int32, group []int32, fromNew bool, self int32) []int32 {
	var out []int32
	for _, k := range neighbours(idx, len(group)) {
		gk := group[k]
		if gk < 0 || gk == self || a.groups[gk].mark >= 0 {
			continue
		}
		others, free, n := a.groups[gk].new, a.newGroup, len(a.new)
		if fromNew {
			others, free, n = a.groups[gk].old, a.oldGroup, len(a.old)
		}
		for _, j := range neighbours(others, n) {
			if free[j] < 0 && !slices.Contains(out, j) {
				out = append(out, j)
			}
		}
	}
	slices.Sort(out)
	return out
}

// atPlace reports whether old clause o and new clause n stand within two
// places of the two clauses of one group: each where the other was.
func (a *aligner) atPlace(o, n int32) bool {
	for j := max(o-2, 0); j <= min(o+2, int32(len(a.old))-1); j++ {
		g := a.oldGroup[j]
		if j == o || g < 0 {
			continue
		}
		for _, k := range a.groups[g].new {
			if k != n && k-n <= 2 && n-k <= 2 {
				return true
			}
		}
	}
	return false
}

// near reports whether clause i stands within two places of a member of
// the group's side idx, in that side's document order.
func near(idx []int32, i int32) bool {
	for _, j := range idx {
		if j-i <= 2 && i-j <= 2 {
			return true
		}
	}
	return false
}

// residual returns the share of the leftover clause's weight (old o when
// split is false, new n when true) that is contained in what the other
// clause's group does not already explain, scored with m.
func (a *aligner) residual(m *matcher, o, n int32, split bool) float64 {
	var part, whole *entry
	var rest []term
	if split {
		g := &a.groups[a.oldGroup[o]]
		part, whole = &a.new[n], &a.old[o]
		rest = subTerms(whole.terms, a.sideTerms(g.new, a.new))
	} else {
		g := &a.groups[a.newGroup[n]]
		part, whole = &a.old[o], &a.new[n]
		rest = subTerms(whole.terms, a.sideTerms(g.old, a.old))
	}
	if part.w == 0 {
		return 0
	}
	// The whole's phrases take part only where their words are in rest.
	ov, _ := m.overlap(part.bag(), bag{terms: rest, phrases: whole.phrases})
	return min(ov/part.w, 1)
}

// singleWord reports whether the leftover clause of a proposed part (new n
// when split, else old o) has at most one term that carries weight.
func (a *aligner) singleWord(o, n int32, split bool) bool {
	part := &a.old[o]
	if split {
		part = &a.new[n]
	}
	k := 0
	for _, t := range part.terms {
		if a.vec.idf[t.word] > 0 {
			k++
		}
	}
	return k <= 1
}

// sideTerms returns the multiset sum of the terms of some entries.
func (a *aligner) sideTerms(idx []int32, es []entry) []term {
	if len(idx) == 1 {
		return es[idx[0]].terms
	}
	var acc []term
	for _, i := range idx {
		acc = mergeTerms(acc, es[i].terms)
	}
	return acc
}

// groupSim is the similarity of the joined old clauses with the joined new
// ones.
func (a *aligner) groupSim(old, new []int32) float64 {
	if a.vec == nil {
		return 0
	}
	m := a.match()
	s, _, _ := m.score(m.join(pick(a.old, old)), m.join(pick(a.new, new)))
	return s
}

func (a *aligner) termWeight(ts []term) float64 {
	w := 0.0
	for _, t := range ts {
		w += float64(t.count) * a.vec.idf[t.word]
	}
	return w
}

// match returns the matcher of the aligner's own goroutine.
func (a *aligner) match() *matcher {
	if a.m == nil {
		a.m = newMatcher(a.vec)
	}
	return a.m
}

// equalSpace reports whether a and b are the same text once runs of white
// space are collapsed and the ends trimmed: such clauses are unchanged.
func equalSpace(a, b string) bool {
	if a == b {
		return true
	}
	for {
		a, b = strings.TrimLeftFunc(a, unicode.IsSpace), strings.TrimLeftFunc(b, unicode.IsSpace)
		if a == "" || b == "" {
			return a == b
		}
		i := strings.IndexFunc(a, unicode.IsSpace)
		if i < 0 {
			i = len(a)
		}
		j := strings.IndexFunc(b, unicode.IsSpace)
		if j < 0 {
			j = len(b)
		}
		if a[:i] != b[:j] {
			return false
		}
		a, b = a[i:], b[j:]
	}
}
