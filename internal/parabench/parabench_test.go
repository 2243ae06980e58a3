package parabench

import (
	"context"
	"os"
	"testing"

	"github.com/plandiff/plandiff/internal/synth"
	"github.com/plandiff/plandiff/pkg/diff"
	"github.com/plandiff/plandiff/pkg/diff/words"
	"github.com/plandiff/plandiff/pkg/plan"
	"github.com/plandiff/plandiff/plans"
)

func load(t *testing.T) (*plan.Corpus, []*Case) {
	t.Helper()
	corpus, err := plan.LoadDir(context.Background(), plans.FS, ".", "plans", plan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cases, err := Load(os.DirFS("../../testdata/paraphrase"), ".")
	if err != nil {
		t.Fatal(err)
	}
	return corpus, cases
}

// TestTruthFiles checks that every truth file fits its rendering and the
// version it renders: each clause of the rendering is in exactly one group,
// each old clause in at most one, and every id exists.
func TestTruthFiles(t *testing.T) {
	corpus, cases := load(t)
	held := 0
	for _, c := range cases {
		old := corpus.Get(c.Old)
		if old == nil {
			t.Errorf("%s: no version %q", c.Name, c.Old)
			continue
		}
		if c.HeldOut {
			held++
		}
		oldIDs, newIDs := map[string]int{}, map[string]int{}
		old.Walk(func(cl, _ *plan.Clause, _ int) {
			if !cl.Removed {
				oldIDs[cl.ID] = 0
			}
		})
		c.newPlan.Walk(func(cl, _ *plan.Clause, _ int) { newIDs[cl.ID] = 0 })
		for _, g := range c.Groups {
			for _, o := range g.Old {
				n, ok := oldIDs[o]
				if !ok {
					t.Errorf("%s: old clause %q is not a clause of %s", c.Name, o, c.Old)
				}
				oldIDs[o] = n + 1
			}
			for _, n := range g.New {
				k, ok := newIDs[n]
				if !ok {
					t.Errorf("%s: new clause %q is not in the rendering", c.Name, n)
				}
				newIDs[n] = k + 1
			}
		}
		for id, n := range oldIDs {
			if n > 1 {
				t.Errorf("%s: old clause %q is in %d groups", c.Name, id, n)
			}
		}
		for id, n := range newIDs {
			if n != 1 {
				t.Errorf("%s: new clause %q is in %d groups, want 1", c.Name, id, n)
			}
		}
	}
	if held == 0 || held == len(cases) {
		t.Errorf("%d of %d renderings held out: want some, not all", held, len(cases))
	}
}

// TestEvaluate scores a hand-made result against a small truth.
func TestEvaluate(t *testing.T) {
	c := &Case{Name: "x", Groups: []synth.Group{
		{Kind: "modified", Old: []string{"a"}, New: []string{"A"}},
		{Kind: "merged", Old: []string{"b", "c"}, New: []string{"BC"}},
		{Kind: "modified", Old: []string{"d"}, New: []string{"D"}},
	}}
	r := &diff.Result{Changes: []diff.Change{
		{Kind: diff.KindModified, Old: []string{"a"}, New: []string{"A"},
			Edits: []words.Edit{{Op: words.OpEqual, Text: "x "}, {Op: words.OpDelete, Text: "y"}, {Op: words.OpInsert, Text: "z"}, {Op: words.OpEqual, Text: " w "}, {Op: words.OpInsert, Text: "v"}}},
		{Kind: diff.KindModified, Old: []string{"b"}, New: []string{"BC"}},
		{Kind: diff.KindRemoved, Old: []string{"c"}, Nearest: &diff.Nearest{Clause: "BC", PairedWith: []string{"b"}}},
		{Kind: diff.KindModified, Old: []string{"d"}, New: []string{"A2"}},
		{Kind: diff.KindAdded, New: []string{"D"}, Nearest: &diff.Nearest{Clause: "a"}},
	}}
	s := c.Evaluate(r)
	// b is right on its own (its partner is BC); c is not, d is wrong.
	// The removal of c names BC, its true partner; the addition of D names
	// a, which is not D's.
	want := Score{Clauses: 4, Right: 2, PairsRight: 2, PairsWrong: 1, PairsMissed: 2, Regions: 2, Modified: 2, Named: 1, Misnamed: 1}
	s.Notes = nil
	if s.Clauses != want.Clauses || s.Right != want.Right || s.PairsRight != want.PairsRight ||
		s.PairsWrong != want.PairsWrong || s.PairsMissed != want.PairsMissed || s.Regions != want.Regions || s.Modified != want.Modified ||
		s.Named != want.Named || s.Misnamed != want.Misnamed {
		t.Errorf("score %+v, want %+v", s, want)
	}
}

func TestRegions(t *testing.T) {
	for _, tc := range []struct {
		edits []words.Edit
		want  int
	}{
		{nil, 0},
		{[]words.Edit{{Op: words.OpEqual, Text: "same"}}, 0},
		{[]words.Edit{{Op: words.OpDelete, Text: "a"}, {Op: words.OpInsert, Text: "b"}}, 1},
		// Punctuation and white space between changes do not part them.
		{[]words.Edit{{Op: words.OpDelete, Text: "a"}, {Op: words.OpEqual, Text: ", "}, {Op: words.OpInsert, Text: "b"}}, 1},
		{[]words.Edit{{Op: words.OpDelete, Text: "a"}, {Op: words.OpEqual, Text: " the "}, {Op: words.OpInsert, Text: "b"}}, 2},
	} {
		if got := Regions(tc.edits); got != tc.want {
			t.Errorf("Regions(%v) = %d, want %d", tc.edits, got, tc.want)
		}
	}
}

func TestRunAll(t *testing.T) {
	// Every rendering runs end to end and has pairs to compare redlines on.
	corpus, cases := load(t)
	for _, c := range cases {
		if _, _, err := c.Run(corpus, diff.Options{}); err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		if len(c.TruePairs(corpus)) == 0 {
			t.Errorf("%s: no one-to-one true pairs", c.Name)
		}
	}
}
