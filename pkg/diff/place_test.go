package diff

import (
	"slices"
	"testing"
)

// TestPlaceOf checks where mergeSplit looks for the part of a merge whose
// other part came from far away: next to the partners of the merged
// clause's neighbours, among the clauses still free.
func TestPlaceOf(t *testing.T) {
	t.Parallel()
	a := &aligner{old: make([]entry, 10), new: make([]entry, 10)}
	a.oldGroup, a.newGroup = filled(10, -1), filled(10, -1)
	a.newGroup1(3, 7, RuleContent) // group 0: the merged clause, with its far part
	a.newGroup1(7, 6, RuleContent) // group 1: the merged clause's neighbour
	a.newGroup1(9, 9, RuleContent) // group 2: taken, so not a candidate part
	cases := []struct {
		name  string
		got   []int32
		wants []int32
	}{
		{"merge", a.placeOf([]int32{7}, a.newGroup, true, 0), []int32{5, 6, 8}},
		{"split_among_free", a.placeOf([]int32{3}, a.oldGroup, false, 0), nil}, // old 3's neighbours are all free
		{"split", a.placeOf([]int32{7}, a.oldGroup, false, 1), []int32{8}},     // old 9 is paired with new 9
	}
	for _, tc := range cases {
		if !slices.Equal(tc.got, tc.wants) {
			t.Errorf("%s: placeOf = %v, want %v", tc.name, tc.got, tc.wants)
		}
	}
	for _, tc := range []struct {
		o, n int32
		want bool
	}{{8, 7, true}, {5, 8, true}, {0, 7, false}, {8, 1, false}, {7, 6, false}} {
		if got := a.atPlace(tc.o, tc.n); got != tc.want {
			t.Errorf("atPlace(%d, %d) = %v, want %v", tc.o, tc.n, got, tc.want)
		}
	}
}
