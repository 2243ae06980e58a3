package diff

import "slices"

// Structure as evidence.
//
// A heading is short, and a summary of it shorter still ("Territories: the
// arrangements are set out below" against "Land:"), so words alone rarely
// pair two headings. Their sub-points do: when most sub-points of a free new
// clause are paired with sub-points of one free old clause, the two parents
// are one heading, provided they share something (structFactor). pairParents
// runs after the one-to-one pass, before merges and splits, so a heading is
// not taken for a piece of its own first sub-point.

// parents returns the parent of every entry of a side (an index into es, or
// -1 for a point): the nearest earlier entry one level up, since es is in
// document order.
func parents(es []entry) []int32 {
	out := make([]int32, len(es))
	var last []int32 // last[d]: the last entry seen at depth d, or -1
	for i := range es {
		d := es[i].depth
		for len(last) <= d {
			last = append(last, -1)
		}
		out[i] = -1
		if d > 0 {
			out[i] = last[d-1]
		}
		last[d] = int32(i)
		for k := d + 1; k < len(last); k++ {
			last[k] = -1
		}
	}
	return out
}

// pairParents pairs free new parents with the free old parent of most of
// their sub-points' partners.
func (a *aligner) pairParents() {
	if len(a.old) == 0 || len(a.new) == 0 {
		return
	}
	op, np := parents(a.old), parents(a.new)
	// Children of each new clause.
	kids := make(map[int32][]int32)
	for n, p := range np {
		if p >= 0 {
			kids[p] = append(kids[p], int32(n))
		}
	}
	m := a.match()
	need := a.opts.Threshold * structFactor
	for n := range a.new {
		ks := kids[int32(n)]
		if len(ks) == 0 || a.newGroup[n] >= 0 {
			continue
		}
		// The old parents of the children's partners, counted.
		votes := map[int32]int{}
		best, bestVotes := int32(-1), 0
		for _, k := range ks {
			gi := a.newGroup[k]
			if gi < 0 || len(a.groups[gi].old) != 1 {
				continue
			}
			p := op[a.groups[gi].old[0]]
			if p < 0 {
				continue
			}
			votes[p]++
			if v := votes[p]; v > bestVotes || v == bestVotes && p < best {
				best, bestVotes = p, v
			}
		}
		// A majority of the sub-points, and at least two unless there is
		// only one.
		if best < 0 || a.oldGroup[best] >= 0 || 2*bestVotes <= len(ks) || bestVotes < min(2, len(ks)) {
			continue
		}
		if s, _, _ := m.score(a.old[best].bag(), a.new[n].bag()); s < need {
			continue
		}
		a.newGroup1(best, int32(n), RuleContent)
	}
}

// Twins.
//
// Clauses that read the same but for a figure, edited in a chain (X: 30 days
// becomes 90, Y: 90 days becomes 120), make an identical text in two places:
// the old Y reads as the new X. Pairing the identical texts would report two
// moves where nothing moved. untwin undoes such identical pairs when the
// clauses around them pair in place instead, each in-place pair differing
// only by figures.

// untwin runs after pairIdentical.
func (a *aligner) untwin() {
	type run struct{ o, n, k int32 } // identical pairs (o+i, n+i) for i < k
	var runs []run
	for o := 0; o < len(a.old); o++ {
		gi := a.oldGroup[o]
		if gi < 0 || !a.old[o].identical {
			continue
		}
		n := a.groups[gi].new[0]
		if len(runs) > 0 {
			r := &runs[len(runs)-1]
			if r.o+r.k == int32(o) && r.n+r.k == n {
				r.k++
				continue
			}
		}
		runs = append(runs, run{int32(o), n, 1})
	}
	for _, r := range runs {
		for _, shift := range [2]int32{1, -1} {
			if a.shiftTwins(r.o, r.n, r.k, shift) {
				break
			}
		}
	}
}

// shiftTwins re-pairs the run of identical pairs (o+i, n+i), i < k, one
// place along: with shift 1 old o+i−1 takes new n+i and old o+k−1 takes new
// n+k; with shift −1 old o+i takes new n+i−1 and old o+k takes new n+k−1. It
// does so only when the clause freed at the end and the one taken at the
// start are free, and every new pair differs only by figures.
func (a *aligner) shiftTwins(o, n, k, shift int32) bool {
	type p struct{ o, n int32 }
	var ps []p
	for i := int32(0); i <= k; i++ {
		var q p
		if shift > 0 {
			q = p{o + i - 1, n + i}
		} else {
			q = p{o + i, n + i - 1}
		}
		if q.o < 0 || q.n < 0 || int(q.o) >= len(a.old) || int(q.n) >= len(a.new) {
			return false
		}
		inRun := q.o >= o && q.o < o+k
		inRunNew := q.n >= n && q.n < n+k
		if !inRun && a.oldGroup[q.o] >= 0 || !inRunNew && a.newGroup[q.n] >= 0 {
			return false
		}
		if !a.sameButFigures(&a.old[q.o], &a.new[q.n]) {
			return false
		}
		ps = append(ps, q)
	}
	// Undo the run's groups (they are the last ones of their clauses), then
	// pair in place.
	for i := int32(0); i < k; i++ {
		gi := a.oldGroup[o+i]
		a.groups[gi] = group{mark: -1, rule: RuleNone} // emptied; result skips empty groups
		a.oldGroup[o+i], a.newGroup[n+i] = -1, -1
		a.old[o+i].identical, a.new[n+i].identical = false, false
	}
	for _, q := range ps {
		a.newGroup1(q.o, q.n, RuleContent)
	}
	return true
}

// sameButFigures reports whether two clauses hold the same terms but for
// figures, and their figures differ. It walks both term lists side by side,
// once for the words and once for the figures, without copying them: it is
// asked for every pair of a run of twins, on one core.
func (a *aligner) sameButFigures(x, y *entry) bool {
	v := a.vec
	isFig := func(t term) bool {
		s := v.stems[t.word]
		return s != "" && s[0] == figurePrefix
	}
	// same reports whether the terms of x and of y that are figures (or,
	// with figs false, that are not) make the same list.
	same := func(figs bool) bool {
		xs, ys := x.terms, y.terms
		i, j := 0, 0
		for {
			for i < len(xs) && isFig(xs[i]) != figs {
				i++
			}
			for j < len(ys) && isFig(ys[j]) != figs {
				j++
			}
			if i == len(xs) || j == len(ys) {
				return i == len(xs) && j == len(ys)
			}
			if xs[i] != ys[j] {
				return false
			}
			i++
			j++
		}
	}
	return slices.ContainsFunc(x.terms, isFig) && same(false) && !same(true)
}
