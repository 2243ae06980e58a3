package diff

import "testing"

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
