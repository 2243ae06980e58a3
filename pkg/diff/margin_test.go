package diff

import (
	"cmp"
	"context"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"testing"

	"github.com/plandiff/plandiff/pkg/plan"
)

// TestNoiseMargin checks that a move which only stands apart from its
// runners-up (no ratio) must stand apart by more where unrelated clauses
// resemble each other more: the same pair is a move among prose-like
// runners-up and not among templated ones.
func TestNoiseMargin(t *testing.T) {
	t.Parallel()
	// runners builds a comparison of k old clauses whose second-best
	// candidates score sec, with clause 0 the pair under test.
	runners := func(sec float64, k int) (*aligner, runnersUp) {
		r := runnersUp{
			bestOld: make([]float64, k), secondOld: make([]float64, k),
			bestNew: make([]float64, 1), secondNew: make([]float64, 1),
		}
		for o := range k {
			r.bestOld[o], r.secondOld[o] = sec+0.3, sec
		}
		return &aligner{}, r
	}
	cases := []struct {
		name       string
		noise      float64 // median runner-up of the comparison
		sim, so    float64 // the pair's similarity and its old clause's runner-up
		sn         float64 // its new clause's runner-up
		wantMargin float64
		wantMove   bool
	}{
		{"prose", 0.12, 0.55, 0.42, 0.3, distinctMargin, true},
		{"templated", 0.4, 0.55, 0.42, 0.3, 0.28, false},
		{"templated_clear_gap", 0.4, 0.85, 0.5, 0.3, 0.28, true},
		{"no_candidates", 0, 0.55, 0.42, 0.3, distinctMargin, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			a, r := runners(tc.noise, 9)
			if tc.noise == 0 {
				clear(r.bestOld)
			}
			a.margin = a.noiseMargin(r)
			if d := a.margin - tc.wantMargin; d > 1e-9 || d < -1e-9 {
				t.Errorf("margin %.3f, want %.3f", a.margin, tc.wantMargin)
			}
			r.margin = max(a.margin, distinctMargin)
			r.bestOld[0], r.secondOld[0] = tc.sim, tc.so
			r.bestNew[0], r.secondNew[0] = tc.sim, tc.sn
			c := cand{o: 0, n: 0, sim: tc.sim}
			// ratio false: only the distinct rule can make it a move.
			if got := r.clear(c, strongMove, false); got != tc.wantMove {
				t.Errorf("clear = %v, want %v (sim %.2f, runners-up %.2f/%.2f, margin %.2f)", got, tc.wantMove, tc.sim, tc.so, tc.sn, r.margin)
			}
		})
	}
}

// TestRunnersUpHalves checks that runnersUp counted in two halves on two
// cores gives each clause the best and second similarity counting all the
// candidates in one pass gives, ties, repeats and refused candidates
// included.
func TestRunnersUpHalves(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one processor: runnersUp does not split")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	const nOld, nNew = 30000, 28000
	a := &aligner{ctx: context.Background(), old: make([]entry, nOld), new: make([]entry, nNew)}
	cs := make([]cand, 3*runnersUpSplit)
	for i := range cs {
		// A few candidates per clause, at few distinct similarities, so
		// that ties and repeats occur; some candidates are removed entries
		// of new (n ≥ nNew).
		cs[i] = cand{o: int32(rng.IntN(nOld)), n: int32(rng.IntN(nNew + 20)), sim: float64(rng.IntN(200)) / 200}
	}
	free := func(c cand) bool { return (c.o+c.n)%5 != 0 }
	got := a.runnersUp(cs, free)
	want := runnersUp{make([]float64, nOld), make([]float64, nNew), make([]float64, nOld), make([]float64, nNew), got.margin}
	want.note(cs, nNew, free)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("runnersUp in halves differs from one pass")
	}
}

// TestSortBySimHalves checks that sortBySim, which sorts large pools in two
// halves on two cores, gives the order of one sort: by score, descending,
// then by old and new clause, with many tied scores.
func TestSortBySimHalves(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 7, 2*sortSplit - 1, 2 * sortSplit, 5*sortSplit + 3} {
		cs := make([]cand, n)
		for i := range cs {
			// Distinct pairs of clauses, as candidates are.
			cs[i] = cand{o: int32(rng.IntN(1000)), n: int32(i), sim: float64(rng.IntN(50)) / 50}
		}
		want := slices.Clone(cs)
		slices.SortFunc(want, func(x, y cand) int {
			return cmp.Or(cmp.Compare(y.sim, x.sim), cmp.Compare(x.o, y.o), cmp.Compare(x.n, y.n))
		})
		sortBySim(cs, func(c cand) float64 { return c.sim })
		if !slices.Equal(cs, want) {
			t.Errorf("%d candidates: sortBySim's order differs from one sort", n)
		}
	}
}

// TestSameButFigures checks sameButFigures, which walks the term lists in
// place, against splitting each list into words and figures and comparing
// the parts.
func TestSameButFigures(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	// Terms 0-3 are words, 4-6 figures.
	a := &aligner{vec: &vectors{stems: []string{"peac", "troop", "", "ceasefir", "#600000", "#100d", "#50%"}}}
	split := func(ts []term) (words, figs []term) {
		for _, x := range ts {
			if s := a.vec.stems[x.word]; s != "" && s[0] == figurePrefix {
				figs = append(figs, x)
			} else {
				words = append(words, x)
			}
		}
		return words, figs
	}
	terms := func() []term {
		ts := make([]term, rng.IntN(5))
		for i := range ts {
			ts[i] = term{word: int32(rng.IntN(7)), count: int32(1 + rng.IntN(2))}
		}
		return ts
	}
	seen := [2]int{}
	for range 20000 {
		x, y := &entry{terms: terms()}, &entry{terms: terms()}
		if rng.IntN(2) == 0 {
			// Often the same words, to reach the figures.
			y.terms = slices.Clone(x.terms)
			for i := range y.terms {
				if s := a.vec.stems[y.terms[i].word]; s != "" && s[0] == figurePrefix && rng.IntN(2) == 0 {
					y.terms[i].word = int32(4 + rng.IntN(3))
				}
			}
		}
		xw, xf := split(x.terms)
		yw, yf := split(y.terms)
		want := len(xf) > 0 && slices.Equal(xw, yw) && !slices.Equal(xf, yf)
		if got := a.sameButFigures(x, y); got != want {
			t.Fatalf("sameButFigures(%v, %v) = %v, want %v", x.terms, y.terms, got, want)
		}
		if want {
			seen[1]++
		} else {
			seen[0]++
		}
	}
	if seen[0] == 0 || seen[1] == 0 {
		t.Fatalf("cases seen (false, true): %v; want both", seen)
	}
}

// TestDistinctTexts checks distinctTexts, which finds each hash's first
// clause on two cores, against one pass with one map: repeats, texts that
// differ only in spacing (same hash, other text) and empty texts.
func TestDistinctTexts(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	texts := []string{"", "a b", "a  b", "a\\nb", "c", "d e f", "c ", " c"}
	var es, ref []*entry
	for range 5000 {
		s := texts[rng.IntN(len(texts))]
		es = append(es, &entry{c: &plan.Clause{Text: s}})
		ref = append(ref, &entry{c: &plan.Clause{Text: s}})
	}
	out, same := distinctTexts(context.Background(), es)
	// The reference: one pass, one map.
	for _, e := range ref {
		e.hash = spaceHash(e.c.Text)
	}
	firsts := map[uint64]int32{}
	var wantOut []int
	type dup struct{ e, first, fi int }
	var wantSame []dup
	index := map[*entry]int{}
	for i, e := range ref {
		index[e] = i
	}
	var refOut []*entry
	for i, e := range ref {
		if e.c.Text != "" {
			fi, ok := firsts[e.hash]
			if ok && refOut[fi].c.Text == e.c.Text {
				wantSame = append(wantSame, dup{i, index[refOut[fi]], int(fi)})
				continue
			}
			if !ok {
				firsts[e.hash] = int32(len(refOut))
			}
		}
		refOut = append(refOut, e)
		wantOut = append(wantOut, i)
	}
	pos := map[*entry]int{}
	for i, e := range es {
		pos[e] = i
	}
	var gotOut []int
	for _, e := range out {
		gotOut = append(gotOut, pos[e])
	}
	var gotSame []dup
	for _, d := range same {
		gotSame = append(gotSame, dup{pos[d.e], pos[d.first], int(d.fi)})
	}
	if !slices.Equal(gotOut, wantOut) || !slices.Equal(gotSame, wantSame) {
		t.Errorf("distinctTexts: %d distinct, %d repeats; want %d and %d", len(gotOut), len(gotSame), len(wantOut), len(wantSame))
	}
	if len(wantSame) == 0 || len(wantOut) < 4 {
		t.Fatalf("the case has %d distinct texts and %d repeats", len(wantOut), len(wantSame))
	}
}
